"""Coding rules: the default account and tax code per vendor and per product category.

Editable from the CLI (``intake export accounts``) and the web page; every change is
written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from intake.db.engine import Database
from intake.db.export import ExportRule
from intake.db.models import AuditEntry, Vendor
from intake.db.persist import vendor_key
from intake.errors import NotFound
from intake.export.base import ExportError
from intake.export.ubl import parse_endpoint

__all__ = ["RULE_FIELDS", "RuleView", "delete_rule", "list_rules", "list_vendors", "set_rule"]

#: The values a rule carries, with their length limits.
RULE_FIELDS = {"account": 100, "tax_code": 100, "country": 2, "vat_id": 50, "endpoint": 200}


@dataclass(frozen=True)
class RuleView:
    id: int
    vendor_id: int | None
    vendor: str | None
    category: str | None
    account: str | None
    tax_code: str | None
    country: str | None
    vat_id: str | None
    endpoint: str | None
    updated_by: str
    updated_at: dt.datetime

    @property
    def scope(self) -> str:
        return (
            f"vendor {self.vendor}" if self.vendor_id is not None else f"category {self.category}"
        )


def _view(rule: ExportRule) -> RuleView:
    return RuleView(
        rule.id,
        rule.vendor_id,
        rule.vendor.name if rule.vendor else None,
        rule.category,
        rule.account,
        rule.tax_code,
        rule.country,
        rule.vat_id,
        rule.endpoint,
        rule.updated_by,
        rule.updated_at,
    )


def _find_vendor(s: Session, vendor: int | str) -> Vendor:
    if isinstance(vendor, int):
        found = s.get(Vendor, vendor)
    else:
        found = s.scalar(select(Vendor).where(Vendor.key == vendor_key(vendor)))
    if found is None:
        raise NotFound(f"no vendor {vendor!r} (vendors come from filed documents)")
    return found


def _clean(name: str, value: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > RULE_FIELDS[name]:
        raise ExportError(f"{name} is at most {RULE_FIELDS[name]} characters")
    if name == "country":
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise ExportError("country is a two-letter ISO 3166 code, e.g. DE")
        return value.upper()
    if name == "endpoint":
        parse_endpoint(value)
    return value


def _rule_for(s: Session, vendor: int | str | None, category: str | None) -> ExportRule | None:
    if (vendor is None) == (category is None):
        raise ExportError("a rule is for one vendor or for one product category")
    if vendor is not None:
        v = _find_vendor(s, vendor)
        rule = s.scalar(select(ExportRule).where(ExportRule.vendor_id == v.id))
        return rule or ExportRule(vendor_id=v.id, vendor=v)
    assert category is not None
    name = " ".join(category.split())
    if not name or len(name) > 200:
        raise ExportError("a category name is 1 to 200 characters")
    return s.scalar(select(ExportRule).where(ExportRule.category == name)) or ExportRule(
        category=name
    )


def set_rule(
    db: Database,
    *,
    vendor: int | str | None = None,
    category: str | None = None,
    user: str,
    **values: str | None,
) -> RuleView:
    """Create or change the rule of a vendor (by id or name) or of a product category.

    ``values`` are among :data:`RULE_FIELDS`; a value of ``None`` is left as it is, an
    empty string clears it.
    """
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ExportError(f"unknown rule fields: {', '.join(sorted(unknown))}")
    with db.session() as s:
        rule = _rule_for(s, vendor, category)
        assert rule is not None
        if rule.category is not None and any(
            values.get(k) for k in ("country", "vat_id", "endpoint")
        ):
            raise ExportError("country, VAT number and endpoint belong to a vendor")
        changes = []
        for name, raw in values.items():
            if raw is None:
                continue
            new = _clean(name, raw)
            old = getattr(rule, name)
            if new != old:
                setattr(rule, name, new)
                changes.append((name, old, new))
        rule.updated_by = user[:200]
        s.add(rule)
        s.flush()
        for name, old, new in changes:
            s.add(
                AuditEntry(
                    user=user[:200],
                    action="set",
                    entity="export_rule",
                    entity_id=rule.id,
                    field=name,
                    old=old,
                    new=new,
                )
            )
        s.refresh(rule, ["vendor"])
        return _view(rule)


def delete_rule(
    db: Database, *, vendor: int | str | None = None, category: str | None = None, user: str
) -> None:
    with db.session() as s:
        rule = _rule_for(s, vendor, category)
        if rule is None or rule.id is None:
            raise NotFound("there is no such rule")
        s.add(AuditEntry(user=user[:200], action="delete", entity="export_rule", entity_id=rule.id))
        s.delete(rule)


def list_rules(db: Database) -> list[RuleView]:
    with db.session() as s:
        rules = s.scalars(select(ExportRule).options(selectinload(ExportRule.vendor)))
        views = [_view(r) for r in rules]
    return sorted(
        views, key=lambda r: (r.vendor_id is None, (r.vendor or r.category or "").casefold())
    )


def list_vendors(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every vendor, by name: what a vendor rule can be set for."""
    with db.session() as s:
        return [(v.id, v.name) for v in s.scalars(select(Vendor).order_by(Vendor.name))]
