"""Running what was learned on a newly filed document, before its generic fields count.

The vendor is recognised by the document's signs first (so a misread vendor name is put
right), then the type learned for the vendor (or the drop folder) and the vendor's rules,
strongest first. A learned field has source ``learned`` and says in ``raw`` which rule
read it and which correction taught the rule; the document's history gets one ``learn``
entry per field with the same, so every learned value can be traced to its correction.
Fields from an embedded e-invoice and fields a person typed are never replaced.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from intake.db.learning import LearnedRule
from intake.db.models import Document, Vendor
from intake.db.persist import load_pages, vendor_key
from intake.documents.audit import record_audit
from intake.documents.corrections.common import recompute
from intake.learning.rules import Spec, find
from intake.learning.signs import (
    Recognised,
    document_signs,
    recognise_vendor,
    remember_signs,
)
from intake.record import Box, Page

__all__ = ["LEARNED_BY", "apply_learned", "learn_on_filing", "rule_note"]

logger = logging.getLogger(__name__)

#: The user named in the history for what learning changed.
LEARNED_BY = "intake"
#: Sources a learned rule never overrides.
_KEEP = frozenset({"xml", "user"})


def rule_note(rule: LearnedRule) -> str:
    """How a learned value is traced: the rule and the correction that taught it."""
    taught = f"correction {rule.audit_id}" if rule.audit_id else "a correction"
    how = "let stand in" if rule.data.get("let_stand") else "taught by"
    return f"learned rule {rule.id}, {how} {taught} on document {rule.document_id}"


def _confidence(rule: LearnedRule) -> float:
    return round(min(0.97, 0.85 + 0.04 * (rule.hits - rule.misses)), 3)


def _active(session: Session, vendor: Vendor | None, folder: str | None) -> list[LearnedRule]:
    scope = []
    if vendor is not None:
        scope.append(LearnedRule.vendor_id == vendor.id)
    if folder:
        scope.append(LearnedRule.folder == folder)
    if not scope:
        return []
    rules = session.scalars(select(LearnedRule).where(or_(*scope))).all()
    live = [r for r in rules if r.hits > r.misses]
    # the vendor's before the folder's, the strongest first, the newest among equals
    return sorted(live, key=lambda r: (r.vendor_id is None, r.misses - r.hits, -r.id))


def _set(
    session: Session,
    doc: Document,
    fields: dict[str, Any],
    name: str,
    value: str,
    confidence: float,
    note: str,
    box: Box | None = None,
    raw: str | None = None,
) -> None:
    old = fields.get(name)
    old_value = old.get("value") if isinstance(old, dict) else None
    fields[name] = {
        "value": value,
        "confidence": confidence,
        "source": "learned",
        "box": {"page": box.page, "x0": box.x0, "top": box.top, "x1": box.x1, "bottom": box.bottom}
        if box
        else None,
        "raw": f"{note}: {raw}" if raw else note,
    }
    record_audit(
        session,
        user=LEARNED_BY,
        action="learn",
        entity="document",
        entity_id=doc.id,
        field=name,
        old=old_value,
        new=f"{value} ({note})",
    )


def _known(session: Session, doc: Document) -> bool:
    """Whether the vendor name read is one Intake knew before this document: such a name
    stands unless signs a person vouched for say otherwise (signs of documents filed as
    read only put right a name no vendor has, a misreading)."""
    if doc.vendor_id is None:
        return False
    other = session.scalar(
        select(Document.id)
        .where(Document.vendor_id == doc.vendor_id, Document.id != doc.id)
        .limit(1)
    )
    return other is not None


def _overrides(
    session: Session, doc: Document, recognised: Recognised, vendor_field: dict[str, Any]
) -> bool:
    """Whether the recognised vendor replaces the one read. Without a vendor read, any
    sign does. A name read is only replaced when the vendor's name or letterhead is among
    the signs (registration numbers and IBANs alone may be the buyer's, printed on every
    supplier's invoice) or the name read is a garbled form of the vendor's, and, when it
    is a name Intake knows, a person vouched for them."""
    read = vendor_field.get("value")
    if not read:
        return True
    if not recognised.kinds & {"name", "letterhead"} and not _alike(str(read), recognised):
        return False
    return recognised.vouched or not _known(session, doc)


#: How alike (rapidfuzz ratio, 0-100) a name read must be to a known vendor's to be taken
#: as an OCR garbling of it.
GARBLED = 75


def _alike(read: str, recognised: Recognised) -> bool:
    """A name read that is a garbled form of the vendor's (OCR: ``A.8.¥. TRADING (M)``
    for ``A.B.Y. Trading (M)``), not another company that shares a word with it
    (``Other Tools`` and ``Acme Tools``, 67 % alike): OCR changes letters of a name, it
    does not replace its words."""
    from rapidfuzz import fuzz

    return fuzz.ratio(vendor_key(read), recognised.vendor.key) >= GARBLED


def apply_learned(session: Session, doc: Document, pages: list[Page] | None = None) -> list[str]:
    """Apply the learned signs and rules to a filed document; returns the fields set."""
    pages = pages if pages is not None else load_pages(doc)
    fields: dict[str, Any] = {k: dict(v) for k, v in (doc.fields or {}).items()}
    vendor_field = fields.get("vendor") or {}
    changed: list[str] = []
    vendor = doc.vendor
    signs = document_signs(pages, doc.content or "", vendor_field.get("value"))
    recognised = recognise_vendor(session, signs)
    if (
        recognised is not None
        and vendor_field.get("source") not in _KEEP
        and _overrides(session, doc, recognised, vendor_field)
    ):
        vendor, sign = recognised.vendor, recognised.sign
        if vendor.id != doc.vendor_id or vendor_field.get("value") != vendor.name:
            taught = f"correction {sign.audit_id}" if sign.audit_id else "a correction"
            note = f"recognised by its {sign.kind} {sign.key!r}, learned from {taught}"
            _set(session, doc, fields, "vendor", vendor.name, 0.95, note)
            changed.append("vendor")
    done: set[str] = set()
    for rule in _active(session, vendor, doc.folder_hint):
        if rule.field in done:
            continue
        if rule.field == "doc_type":
            done.add("doc_type")
            value = str(rule.data.get("value") or "")
            if value and value != doc.doc_type and doc.doc_type_confidence < 1.0:
                record_audit(
                    session,
                    user=LEARNED_BY,
                    action="learn",
                    entity="document",
                    entity_id=doc.id,
                    field="doc_type",
                    old=doc.doc_type,
                    new=f"{value} ({rule_note(rule)})",
                )
                doc.doc_type, doc.doc_type_confidence = value, _confidence(rule)
                changed.append("doc_type")
            continue
        current = fields.get(rule.field)
        if isinstance(current, dict) and current.get("source") in _KEEP:
            done.add(rule.field)
            continue
        if rule.kind == "value":
            found_value, box, raw = str(rule.data.get("value") or ""), None, None
        else:
            found = find(rule.field, Spec(rule.kind, rule.label, dict(rule.data)), pages)
            if found is None:
                continue  # a weaker rule of the same field may still find it
            found_value, box, raw = found.value, found.box, found.raw
        done.add(rule.field)
        if not found_value:
            continue
        confidence = _confidence(rule)
        if isinstance(current, dict) and current.get("value") == found_value:
            current["confidence"] = max(float(current.get("confidence") or 0), confidence)
            continue
        _set(session, doc, fields, rule.field, found_value, confidence, rule_note(rule), box, raw)
        changed.append(rule.field)
    if changed or fields != doc.fields:
        doc.fields = fields
        recompute(doc, session)
    session.flush()
    if doc.vendor_id is not None and (filed := session.get(Vendor, doc.vendor_id)) is not None:
        remember_signs(session, filed, [sg for sg in signs if sg[0] != "name"], None)
    if changed:
        logger.info("document %d: learned %s", doc.id, ", ".join(changed))
    return changed


def learn_on_filing(session: Session, doc: Document, pages: list[Page] | None = None) -> list[str]:
    """:func:`apply_learned` for the filing transaction (``pages``: the record's, to save
    reading them back), in a savepoint: if it fails, the document is filed with its
    generic fields (the error logged). Never raises."""
    try:
        with session.begin_nested():
            return apply_learned(session, doc, pages)
    except Exception:
        logger.exception("document %s: applying learned rules failed; filed without", doc.id)
        return []
