"""What was learned about vendors, for people: listing it, forgetting a rule, and merging
two vendors that are one (the documents, rules, signs and matching memory of one move to
the other; its name becomes an alias of the other)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.db.export import ExportRule
from intake.db.learning import LearnedRule, VendorSign
from intake.db.models import AuditEntry, Document, Vendor
from intake.db.persist import vendor_key
from intake.db.products import MatchMemoryEntry
from intake.documents.audit import record_audit
from intake.errors import IntakeError, NotFound

__all__ = ["find_vendor", "forget_rule", "learned_rows", "merge_vendors", "vendor_signs"]


def find_vendor(session: Session, text: str) -> Vendor:
    """A vendor by id, by name or by one of its aliases; NotFound when none is."""
    text = text.strip()
    if text.isdigit() and (vendor := session.get(Vendor, int(text))) is not None:
        return vendor
    key = vendor_key(text)
    vendor = session.scalar(select(Vendor).where(Vendor.key == key)) if key else None
    if vendor is None and key:
        sign = session.scalar(
            select(VendorSign).where(VendorSign.kind == "name", VendorSign.key == key)
        )
        if sign is not None and sign.vendor_id is not None:
            vendor = session.get(Vendor, sign.vendor_id)
    if vendor is None:
        raise NotFound(f"no vendor {text!r}")
    return vendor


def learned_rows(session: Session, vendor: Vendor | None = None) -> list[dict[str, Any]]:
    """Every learned rule (of one vendor), with the correction that taught it."""
    stmt = select(LearnedRule).order_by(LearnedRule.vendor_id, LearnedRule.field, LearnedRule.id)
    if vendor is not None:
        stmt = stmt.where(LearnedRule.vendor_id == vendor.id)
    rows = []
    for rule in session.scalars(stmt):
        entry = session.get(AuditEntry, rule.audit_id) if rule.audit_id else None
        owner = session.get(Vendor, rule.vendor_id) if rule.vendor_id else None
        rows.append(
            {
                "id": rule.id,
                "vendor_id": rule.vendor_id,
                "vendor": owner.name if owner else None,
                "folder": rule.folder,
                "field": rule.field,
                "kind": rule.kind,
                "label": rule.label,
                "printed": rule.data.get("printed"),
                "side": rule.data.get("side"),
                "value": rule.data.get("value"),
                "hits": rule.hits,
                "misses": rule.misses,
                "active": rule.hits > rule.misses,
                "document_id": rule.document_id,
                # taught by a value the person let stand while correcting others
                "let_stand": bool(rule.data.get("let_stand")),
                "correction": (
                    {
                        "id": entry.id,
                        "at": entry.at.isoformat(timespec="seconds"),
                        "user": entry.user,
                        "action": entry.action,
                        "field": entry.field,
                        "old": entry.old,
                        "new": entry.new,
                    }
                    if entry
                    else None
                ),
            }
        )
    return rows


def vendor_signs(session: Session, vendor: Vendor) -> list[dict[str, str]]:
    rows = session.scalars(
        select(VendorSign).where(VendorSign.vendor_id == vendor.id).order_by(VendorSign.id)
    )
    return [{"kind": s.kind, "key": s.key} for s in rows]


def forget_rule(session: Session, rule_id: int, *, user: str) -> LearnedRule:
    """Drop a learned rule (a person's decision, audited on the vendor)."""
    rule = session.get(LearnedRule, rule_id)
    if rule is None:
        raise NotFound(f"no learned rule {rule_id}")
    record_audit(
        session,
        user=user,
        action="forget",
        entity="vendor",
        entity_id=rule.vendor_id,
        field=rule.field,
        old=f"rule {rule.id} ({rule.kind} {rule.label or rule.data.get('value') or ''})".strip(),
    )
    session.delete(rule)
    return rule


def merge_vendors(session: Session, source_id: int, target_id: int, *, user: str) -> Vendor:
    """Make ``source`` part of ``target``: its documents, rules, signs and matching memory
    move over, its name becomes an alias of ``target``, and it is deleted."""
    if source_id == target_id:
        raise IntakeError("a vendor cannot be merged into itself")
    source, target = session.get(Vendor, source_id), session.get(Vendor, target_id)
    if source is None or target is None:
        raise NotFound("no such vendor")
    for table in (Document, LearnedRule, MatchMemoryEntry):
        session.execute(
            update(table)
            .where(table.vendor_id == source.id)
            .values(vendor_id=target.id)
            .execution_options(synchronize_session="fetch")
        )
    session.execute(
        update(VendorSign)
        .where(VendorSign.vendor_id == source.id)
        .values(vendor_id=target.id)
        .execution_options(synchronize_session="fetch")
    )
    rule = session.scalar(select(ExportRule).where(ExportRule.vendor_id == source.id))
    if rule is not None:
        if session.scalar(select(ExportRule).where(ExportRule.vendor_id == target.id)) is None:
            rule.vendor_id = target.id
        else:
            session.delete(rule)
    alias = session.scalar(
        select(VendorSign).where(VendorSign.kind == "name", VendorSign.key == source.key)
    )
    session.flush()
    session.delete(source)
    session.flush()
    if alias is None:
        try:
            with session.begin_nested():
                session.add(VendorSign(vendor_id=target.id, kind="name", key=source.key))
        except IntegrityError:
            pass
    else:
        alias.vendor_id = target.id
    for doc in session.scalars(select(Document).where(Document.vendor_id == target.id)):
        doc.needs_index = True
    record_audit(
        session,
        user=user,
        action="merge",
        entity="vendor",
        entity_id=target.id,
        field="vendor",
        old=source.name,
        new=target.name,
    )
    return target
