"""The product catalog: list, look up, create and edit products and their aliases.

Line-item matching (which links lines to these products) reads the aliases by their
``key``; :func:`alias_key` (from :mod:`intake.keys`, shared with matching) is how a name is
normalised for that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, LineItem, Product, ProductAlias
from intake.documents.audit import record_audit
from intake.documents.corrections.common import InvalidCorrection
from intake.errors import Conflict, NotFound
from intake.keys import alias_key

__all__ = [
    "ProductRow",
    "add_alias",
    "alias_key",
    "create_product",
    "get_product",
    "list_products",
    "product_lines",
    "remove_alias",
    "update_product",
]

ATTRIBUTES = {"sku": 200, "name": 500, "unit": 32, "category": 200}


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    unit: str | None
    category: str | None
    lines: int


def list_products(
    session: Session, *, q: str = "", limit: int = 50, offset: int = 0
) -> tuple[int, list[ProductRow]]:
    """(how many match, one page of them): by SKU, name or alias containing ``q``."""
    where = []
    if q.strip():
        like = f"%{q.strip().lower()}%"
        aliased = select(ProductAlias.product_id).where(ProductAlias.key.like(f"%{alias_key(q)}%"))
        where.append(
            or_(
                func.lower(Product.sku).like(like),
                func.lower(Product.name).like(like),
                Product.id.in_(aliased),
            )
        )
    total = int(session.scalar(select(func.count(Product.id)).where(*where)) or 0)
    used = (
        select(func.count(LineItem.id))
        .where(LineItem.product_id == Product.id)
        .correlate(Product)
        .scalar_subquery()
    )
    stmt = select(Product, used).where(*where).order_by(Product.sku).offset(offset).limit(limit)
    rows = [
        ProductRow(p.id, p.sku, p.name, p.unit, p.category, int(n or 0))
        for p, n in session.execute(stmt)
    ]
    return total, rows


def get_product(session: Session, product_id: int) -> Product:
    product = session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.aliases))
    )
    if product is None:
        raise NotFound(f"no product {product_id}")
    return product


def product_lines(
    session: Session, product_id: int, limit: int = 50
) -> list[tuple[LineItem, Document]]:
    """The latest lines linked to a product, with their documents."""
    stmt = (
        select(LineItem, Document)
        .join(Document, Document.id == LineItem.document_id)
        .where(LineItem.product_id == product_id)
        .order_by(Document.issue_date.desc().nulls_last(), LineItem.id.desc())
        .limit(limit)
    )
    return [(ln, doc) for ln, doc in session.execute(stmt)]


def _clean(values: Mapping[str, str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    errors = {}
    for name, limit in ATTRIBUTES.items():
        if name not in values:
            continue
        text = " ".join(values[name].split())
        if len(text) > limit:
            errors[name] = f"at most {limit} characters"
        out[name] = text or None
    for required in ("sku", "name"):
        if required in out and not out[required]:
            errors[required] = "required"
    if errors:
        raise InvalidCorrection(errors)
    return out


def _sku_taken(session: Session, sku: str, product_id: int | None) -> None:
    other = session.scalar(
        select(Product.id).where(
            func.lower(Product.sku) == sku.lower(), Product.id != (product_id or 0)
        )
    )
    if other is not None:
        raise InvalidCorrection({"sku": f"{sku!r} is the SKU of another product"})


def create_product(session: Session, values: Mapping[str, str], *, user: str) -> int:
    clean = _clean({"sku": "", "name": "", **values})
    sku, name = clean["sku"], clean["name"]
    assert sku is not None and name is not None
    _sku_taken(session, sku, None)
    product = Product(sku=sku, name=name, unit=clean.get("unit"), category=clean.get("category"))
    session.add(product)
    session.flush()
    record_audit(
        session,
        user=user,
        action="create",
        entity="product",
        entity_id=product.id,
        new=f"{sku}: {name}",
    )
    return product.id


def update_product(
    session: Session, product_id: int, values: Mapping[str, str], *, user: str
) -> list[str]:
    product = get_product(session, product_id)
    clean = _clean(values)
    if clean.get("sku"):
        _sku_taken(session, str(clean["sku"]), product.id)
    changed = []
    for name, value in clean.items():
        old = getattr(product, name)
        if value != old:
            record_audit(
                session,
                user=user,
                action="correct",
                entity="product",
                entity_id=product.id,
                field=name,
                old=old,
                new=value,
            )
            setattr(product, name, value)
            changed.append(name)
    return changed


def add_alias(session: Session, product_id: int, alias: str, *, user: str) -> None:
    product = get_product(session, product_id)
    alias = " ".join(alias.split())[:500]
    key = alias_key(alias)
    if not key:
        raise InvalidCorrection({"alias": "an alias needs a letter or digit"})
    if any(a.key == key for a in product.aliases):
        raise Conflict(f"{alias!r} is an alias of this product already")
    product.aliases.append(ProductAlias(alias=alias, key=key))
    record_audit(
        session,
        user=user,
        action="add",
        entity="product",
        entity_id=product.id,
        field="alias",
        new=alias,
    )


def remove_alias(session: Session, product_id: int, alias_id: int, *, user: str) -> None:
    product = get_product(session, product_id)
    for a in product.aliases:
        if a.id == alias_id:
            product.aliases.remove(a)
            record_audit(
                session,
                user=user,
                action="delete",
                entity="product",
                entity_id=product.id,
                field="alias",
                old=a.alias,
            )
            return
    raise NotFound(f"product {product_id} has no alias {alias_id}")
