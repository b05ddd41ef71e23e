"""Importing the product catalog from CSV: ``sku,name`` and optional ``unit``,
``category``, ``aliases`` (several separated by ``;`` or ``|``: vendor part numbers and
other names).

A re-import updates products by SKU (case ignored): a non-empty cell replaces the value,
an empty one leaves it; aliases are added, never removed; products missing from the file
stay. So filed lines keep their links whatever the file holds. Commas, semicolons or
tabs separate the columns (as spreadsheets in any locale export them); UTF-8, with or
without a byte-order mark. Each row is audited; bad rows are reported and skipped.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Product, ProductAlias
from intake.documents.audit import record_audit
from intake.keys import alias_key

__all__ = ["COLUMNS", "ImportReport", "import_catalog"]

logger = logging.getLogger(__name__)

COLUMNS = ("sku", "name", "unit", "category", "aliases")
LIMITS = {"sku": 200, "name": 500, "unit": 32, "category": 200}
MAX_BYTES = 50 << 20


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases_added: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _reader(text: str) -> csv.DictReader[str]:
    head = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    reader.fieldnames = [(n or "").strip().lower() for n in reader.fieldnames or []]
    return reader


def _split_aliases(cell: str) -> list[str]:
    parts = cell.replace("|", ";").split(";")
    return [" ".join(p.split())[:500] for p in parts if p.strip()]


def _apply(session: Session, product: Product, row: dict[str, str], user: str) -> tuple[bool, int]:
    changed = False
    for name in ("name", "unit", "category"):
        value = row.get(name, "")
        if value and getattr(product, name) != value:
            record_audit(
                session,
                user=user,
                action="import",
                entity="product",
                entity_id=product.id,
                field=name,
                old=getattr(product, name),
                new=value,
            )
            setattr(product, name, value)
            changed = True
    added = 0
    keys = {a.key for a in product.aliases}
    for alias in _split_aliases(row.get("aliases", "")):
        key = alias_key(alias)
        if key and key not in keys:
            product.aliases.append(ProductAlias(alias=alias, key=key))
            keys.add(key)
            added += 1
            record_audit(
                session,
                user=user,
                action="import",
                entity="product",
                entity_id=product.id,
                field="alias",
                new=alias,
            )
    return changed, added


def import_catalog(session: Session, data: bytes, *, user: str) -> ImportReport:
    """Create or update products from CSV ``data`` (see the module docstring)."""
    report = ImportReport()
    if len(data) > MAX_BYTES:
        report.errors.append(f"the file is larger than {MAX_BYTES >> 20} MB")
        return report
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append("the file is not UTF-8 text")
        return report
    reader = _reader(text)
    missing = [c for c in ("sku", "name") if c not in (reader.fieldnames or [])]
    if missing:
        report.errors.append(f"the header lacks the column(s) {', '.join(missing)}")
        return report
    existing = {
        p.sku.lower(): p
        for p in session.scalars(select(Product).options(selectinload(Product.aliases)))
    }
    for raw in reader:
        line = reader.line_num
        row = {k: " ".join((v or "").split()) for k, v in raw.items() if k in COLUMNS}
        sku, name = row.get("sku", ""), row.get("name", "")
        too_long = [k for k, n in LIMITS.items() if len(row.get(k, "")) > n]
        if not sku:
            if any(row.values()):
                report.errors.append(f"line {line}: no SKU")
            continue
        if too_long:
            report.errors.append(f"line {line}: {', '.join(too_long)} too long")
            continue
        product = existing.get(sku.lower())
        if product is None:
            if not name:
                report.errors.append(f"line {line}: {sku} is new and has no name")
                continue
            product = Product(sku=sku, name=name)
            session.add(product)
            session.flush()
            existing[sku.lower()] = product
            record_audit(
                session,
                user=user,
                action="import",
                entity="product",
                entity_id=product.id,
                new=f"{sku}: {name}",
            )
            _, added = _apply(session, product, row, user)
            report.created += 1
            report.aliases_added += added
            continue
        changed, added = _apply(session, product, row, user)
        report.aliases_added += added
        if changed or added:
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    total = session.scalar(select(func.count(Product.id)))
    logger.info(
        "catalog import by %s: %d new, %d updated, %d unchanged, %d aliases added, "
        "%d rows refused; %s products in all",
        user,
        report.created,
        report.updated,
        report.unchanged,
        report.aliases_added,
        len(report.errors),
        total,
    )
    return report
