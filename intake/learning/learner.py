"""Turning a person's corrections and confirmations into rules for the document's vendor.

For each corrected or confirmed field, the vendor's rules for that field are tried on the
document first: a rule that finds the value a person gave gains a hit, one that finds
another value gains a miss, and a rule with more misses than hits is dropped (one that
has as many is kept but no longer applied: weakened). When no rule finds the value, a new
one is learned from where the value stands (:func:`~intake.learning.rules.describe`); a
currency, a buyer that is nowhere to be read, and the document type are learned as the
vendor's usual value. A document type is learned for the drop folder too.

The document's signs (VAT ids, IBANs, letterhead, the vendor's name as it was misread)
are tied to its vendor, so that the next document is attributed even when its vendor
field is misread again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.learning import LearnedRule
from intake.db.models import AuditEntry, Document, Vendor
from intake.db.persist import load_pages, vendor_key
from intake.learning.rules import Spec, describe, find
from intake.learning.signs import document_signs, remember_signs
from intake.learning.vendors import merge_vendors
from intake.record import Box, Page
from intake.values import FIELD_KINDS, LIST

__all__ = ["LEARNED_FIELDS", "implied_fields", "learn_from_document", "rule_finds"]

logger = logging.getLogger(__name__)

#: Fields learned as where they stand; ``currency`` and ``doc_type`` as a usual value.
LEARNED_FIELDS = frozenset(
    {
        "invoice_number",
        "po_number",
        "quote_number",
        "issue_date",
        "due_date",
        "valid_until",
        "subtotal",
        "tax",
        "total",
        "buyer",
        "currency",
        "doc_type",
    }
)
_VALUE_ONLY = frozenset({"currency", "doc_type"})


def rule_finds(rule: LearnedRule, pages: Sequence[Page]) -> str | None:
    """What the rule reads on these pages (its value, for a usual-value rule)."""
    if rule.kind == "value":
        value = rule.data.get("value")
        return str(value) if value is not None else None
    found = find(rule.field, Spec(rule.kind, rule.label, dict(rule.data)), pages)
    return found.value if found else None


def _audit_ids(session: Session, doc_id: int) -> dict[str, int]:
    """The newest correction or confirmation of each field of the document."""
    rows = session.execute(
        select(AuditEntry.field, AuditEntry.id)
        .where(
            AuditEntry.entity == "document",
            AuditEntry.entity_id == doc_id,
            AuditEntry.action.in_(("correct", "confirm")),
        )
        .order_by(AuditEntry.id)
    ).all()
    return {str(name): int(entry) for name, entry in rows if name}


def _judge(
    session: Session, rules: Sequence[LearnedRule], value: str, pages: Sequence[Page]
) -> bool:
    """Count each rule's agreement with the value a person gave; drop the ones that
    disagree more than they agree. True when one of them finds the value."""
    agreed = False
    for rule in rules:
        found = rule_finds(rule, pages)
        if found is None:
            continue
        if found == value:
            rule.hits += 1
            agreed = True
        else:
            rule.misses += 1
            logger.info(
                "rule %d (%s) read %r where a person says %r: %d hits, %d misses",
                rule.id,
                rule.field,
                found,
                value,
                rule.hits,
                rule.misses,
            )
            if rule.misses > rule.hits:
                session.delete(rule)
    return agreed


def _box(field: Any) -> Box | None:
    box = field.get("box") if isinstance(field, dict) else None
    if not isinstance(box, dict):
        return None
    try:
        return Box(int(box["page"]), box["x0"], box["top"], box["x1"], box["bottom"])
    except (KeyError, TypeError, ValueError):
        return None


def _absorb(session: Session, key: str, vendor: Vendor, audit_id: int | None) -> None:
    """The vendor a misreading created, left without documents by the correction, is
    merged into the right one: its name becomes an alias, its signs move over."""
    misread = session.scalar(select(Vendor).where(Vendor.key == key))
    if misread is None or misread.id == vendor.id:
        return
    session.flush()
    if session.scalar(select(Document.id).where(Document.vendor_id == misread.id).limit(1)):
        return
    entry = session.get(AuditEntry, audit_id) if audit_id else None
    merge_vendors(session, misread.id, vendor.id, user=entry.user if entry else "intake")


def implied_fields(doc: Document, names: Sequence[str]) -> list[str]:
    """The fields a person let stand while correcting others: read by the generic
    extraction (not learned, typed or embedded), of the kinds rules are learned for."""
    fields = doc.fields or {}
    return [
        name
        for name, f in fields.items()
        if name in LEARNED_FIELDS
        and name not in names
        and isinstance(f, dict)
        and f.get("source") in ("layout", "text", "template", "computed")
    ]


def learn_from_document(
    session: Session,
    doc_id: int,
    names: Sequence[str],
    *,
    confirmed: bool = False,
    implied: bool = False,
) -> list[LearnedRule]:
    """Learn from the fields ``names`` of a document a person just corrected (or
    confirmed: their boxes are then right too); returns the new rules.

    ``implied``: also from the fields the person let stand while correcting these
    (:func:`implied_fields`), taken as confirmed, but only where the vendor has no rule
    for them yet; they never count for or against a rule."""
    doc = session.get(Document, doc_id)
    if doc is None or not names:
        return []
    tacit = set(implied_fields(doc, names)) if implied else set()
    session.flush()
    pages = load_pages(doc)
    audits = _audit_ids(session, doc.id)
    fields = doc.fields or {}
    vendor = doc.vendor
    if vendor is None and doc.vendor_id is not None:
        vendor = session.get(Vendor, doc.vendor_id)
    new: list[LearnedRule] = []
    typed = fields.get("vendor", {}).get("value") if "vendor" in names else None
    if vendor is not None and isinstance(typed, str) and vendor.name != typed:
        vendor.name = typed[:300]  # the name as a person spells it (the key is the same)
    if vendor is not None:
        vendor_field = fields.get("vendor") if isinstance(fields.get("vendor"), dict) else {}
        signs = document_signs(pages, doc.content or "", vendor.name)
        misread = (vendor_field or {}).get("raw") if "vendor" in names else None
        if misread and (key := vendor_key(str(misread))) and key != vendor.key:
            signs.append(("name", key))
            _absorb(session, key, vendor, audits.get("vendor"))
        remember_signs(
            session, vendor, signs, audits.get("vendor") or next(iter(audits.values()), None)
        )
    taught_by = next((audits[n] for n in names if n in audits), None)
    for name in [*names, *sorted(tacit)]:
        if name not in LEARNED_FIELDS or FIELD_KINDS.get(name) == LIST:
            continue
        let_stand = name in tacit
        if name == "doc_type":
            value: Any = doc.doc_type
        else:
            field = fields.get(name)
            value = field.get("value") if isinstance(field, dict) else None
        if value is None or not isinstance(value, str):
            continue
        scopes: list[tuple[int | None, str | None]] = []
        if vendor is not None:
            scopes.append((vendor.id, None))
        if name == "doc_type" and doc.folder_hint and not let_stand:
            scopes.append((None, doc.folder_hint))
        for vendor_id, folder in scopes:
            rules = session.scalars(
                select(LearnedRule).where(
                    LearnedRule.vendor_id == vendor_id
                    if vendor_id is not None
                    else LearnedRule.vendor_id.is_(None),
                    LearnedRule.folder == folder if folder else LearnedRule.folder.is_(None),
                    LearnedRule.field == name,
                )
            ).all()
            if let_stand and rules:
                continue
            if not let_stand and _judge(session, rules, value, pages):
                continue
            spec = None
            if name not in _VALUE_ONLY:
                box = _box(fields.get(name)) if confirmed or let_stand else None
                spec = describe(name, value, pages, box)
            if spec is None and name not in _VALUE_ONLY and (name != "buyer" or let_stand):
                continue  # a value that is not on the pages: nothing to learn where it is
            rule = LearnedRule(
                vendor_id=vendor_id,
                folder=folder,
                field=name,
                kind=spec.kind if spec else "value",
                label=spec.label if spec else None,
                data={**(spec.data if spec else {"value": value}), "let_stand": let_stand},
                hits=1,
                misses=0,
                audit_id=taught_by if let_stand else audits.get(name),
                document_id=doc.id,
            )
            session.add(rule)
            new.append(rule)
    session.flush()
    for rule in new:
        logger.info(
            "document %d: learned rule %d for %s (%s %s)",
            doc.id,
            rule.id,
            rule.field,
            rule.kind,
            rule.label or "",
        )
    return new
