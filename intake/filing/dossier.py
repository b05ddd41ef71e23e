"""A product's dossier: every document touching it in date order, its price history per
vendor, the purchase orders not yet invoiced in full, and the contracts in force that
cover it (naming it, or made with a vendor who sells it) with their end and notice dates.

Documents flagged as duplicates are listed (marked) but count for neither prices nor
open quantities.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, LineItem, Product, Vendor
from intake.db.persist import vendor_key
from intake.db.products import ContractProduct, OrderLineMatch, OrderMatch
from intake.documents.listing import quantity_text
from intake.errors import NotFound
from intake.filing.contract_dates import ContractDates, contract_dates
from intake.values import json_value

__all__ = [
    "Dossier",
    "DossierDoc",
    "OpenOrder",
    "PricePoint",
    "PriceSeries",
    "dossier_json",
    "find_product",
    "product_dossier",
]


@dataclass(frozen=True)
class DossierDoc:
    id: int
    doc_type: str | None
    number: str | None
    vendor: str | None
    issue_date: dt.date | None
    quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal | None
    currency: str | None
    line: int | None  # position + 1 of the line; None for a contract naming the product
    match_method: str | None
    match_status: str | None  # an invoice's order match
    duplicate_of: int | None


@dataclass(frozen=True)
class PricePoint:
    date: dt.date
    unit_price: Decimal
    doc_type: str | None
    number: str | None
    document_id: int


@dataclass(frozen=True)
class PriceSeries:
    vendor: str
    currency: str | None
    points: tuple[PricePoint, ...]


@dataclass(frozen=True)
class OpenOrder:
    id: int
    number: str | None
    vendor: str | None
    issue_date: dt.date | None
    ordered: Decimal
    invoiced: Decimal
    open: Decimal
    unit_price: Decimal | None
    currency: str | None


@dataclass(frozen=True)
class CoveringContract:
    dates: ContractDates
    relation: str  # "names the product" or "with <vendor>"


@dataclass(frozen=True)
class Dossier:
    product: Product
    aliases: tuple[str, ...]
    documents: tuple[DossierDoc, ...]
    price_history: tuple[PriceSeries, ...]
    open_orders: tuple[OpenOrder, ...]
    contracts: tuple[CoveringContract, ...]


def find_product(session: Session, sku: str) -> Product:
    """The product with this SKU (case ignored)."""
    product = session.scalar(
        select(Product)
        .where(func.lower(Product.sku) == sku.strip().lower())
        .options(selectinload(Product.aliases))
    )
    if product is None:
        raise NotFound(f"no product {sku!r} in the catalog")
    return product


def _date_key(d: DossierDoc) -> tuple[dt.date, int, int]:
    return (d.issue_date or dt.date.max, d.id, d.line or 0)


def _lines(session: Session, product_id: int) -> list[tuple[LineItem, Document, str | None]]:
    stmt = (
        select(LineItem, Document, Vendor.name)
        .join(Document, Document.id == LineItem.document_id)
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(LineItem.product_id == product_id)
    )
    return list(session.execute(stmt))


def _price_history(rows: list[tuple[LineItem, Document, str | None]]) -> list[PriceSeries]:
    series: dict[tuple[str, str | None], list[PricePoint]] = defaultdict(list)
    for line, doc, vendor in rows:
        price = line.unit_price
        if price is None and line.amount is not None and line.quantity:
            price = (line.amount / line.quantity).quantize(Decimal("0.0001"))
        if price is None or doc.issue_date is None or doc.duplicate_of_id is not None:
            continue
        series[(vendor or "unknown vendor", doc.currency)].append(
            PricePoint(doc.issue_date, price, doc.doc_type, doc.number, doc.id)
        )
    return [
        PriceSeries(vendor, currency, tuple(sorted(points, key=lambda p: (p.date, p.document_id))))
        for (vendor, currency), points in sorted(series.items(), key=lambda kv: kv[0][0].lower())
    ]


def _open_orders(
    session: Session, rows: list[tuple[LineItem, Document, str | None]]
) -> list[OpenOrder]:
    order_lines = [
        (ln, doc, vendor)
        for ln, doc, vendor in rows
        if doc.doc_type == "purchase_order" and doc.duplicate_of_id is None
    ]
    if not order_lines:
        return []
    invoiced: dict[int, Decimal] = defaultdict(Decimal)
    billed = session.execute(
        select(OrderLineMatch.order_line_id, LineItem.quantity)
        .join(LineItem, LineItem.id == OrderLineMatch.line_id)
        .join(Document, Document.id == OrderLineMatch.document_id)
        .where(
            OrderLineMatch.order_line_id.in_([ln.id for ln, _, _ in order_lines]),
            Document.duplicate_of_id.is_(None),
        )
    )
    for order_line_id, quantity in billed:
        if order_line_id is not None and quantity is not None:
            invoiced[order_line_id] += quantity
    out = []
    for line, doc, vendor in order_lines:
        ordered = line.quantity if line.quantity is not None else Decimal(0)
        done = invoiced.get(line.id, Decimal(0))
        if ordered - done > 0:
            out.append(
                OpenOrder(
                    doc.id,
                    doc.number,
                    vendor,
                    doc.issue_date,
                    ordered,
                    done,
                    ordered - done,
                    line.unit_price,
                    doc.currency,
                )
            )
    return sorted(out, key=lambda o: (o.issue_date or dt.date.max, o.id))


def _contracts(
    session: Session, product_id: int, vendors: set[str], today: dt.date
) -> list[CoveringContract]:
    naming = set(
        session.scalars(
            select(ContractProduct.document_id).where(ContractProduct.product_id == product_id)
        )
    )
    out = []
    keys = {vendor_key(v): v for v in vendors if v}
    for doc in session.scalars(select(Document).where(Document.doc_type == "contract")):
        dates = contract_dates(doc, today)
        if not dates.in_force:
            continue
        if doc.id in naming:
            out.append(CoveringContract(dates, "names the product"))
            continue
        party = next((keys[k] for p in dates.parties if (k := vendor_key(p)) in keys), None)
        if party is not None:
            out.append(CoveringContract(dates, f"with {party}"))
    return sorted(out, key=lambda c: (c.dates.end_date or dt.date.max, c.dates.document_id))


def product_dossier(session: Session, product_id: int, today: dt.date) -> Dossier:
    product = session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.aliases))
    )
    if product is None:
        raise NotFound(f"no product {product_id}")
    rows = _lines(session, product_id)
    ids = [doc.id for _, doc, _ in rows]
    statuses = dict(
        session.execute(
            select(OrderMatch.document_id, OrderMatch.status).where(OrderMatch.document_id.in_(ids))
        ).all()
    )
    docs = [
        DossierDoc(
            doc.id,
            doc.doc_type,
            doc.number,
            vendor,
            doc.issue_date,
            line.quantity,
            line.unit_price,
            line.amount,
            doc.currency,
            line.position + 1,
            line.match_method,
            statuses.get(doc.id),
            doc.duplicate_of_id,
        )
        for line, doc, vendor in rows
    ]
    naming = session.execute(
        select(Document, Vendor.name)
        .join(ContractProduct, ContractProduct.document_id == Document.id)
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(ContractProduct.product_id == product_id)
    )
    for doc, vendor in naming:
        parties = (doc.fields or {}).get("parties", {}).get("value")
        who = vendor or (", ".join(map(str, parties)) if isinstance(parties, list) else None)
        docs.append(
            DossierDoc(
                doc.id,
                doc.doc_type,
                doc.number,
                who,
                doc.issue_date,
                None,
                None,
                None,
                doc.currency,
                None,
                None,
                None,
                doc.duplicate_of_id,
            )
        )
    vendors = {vendor for _, _, vendor in rows if vendor}
    return Dossier(
        product,
        tuple(a.alias for a in product.aliases),
        tuple(sorted(docs, key=_date_key)),
        tuple(_price_history(rows)),
        tuple(_open_orders(session, rows)),
        tuple(_contracts(session, product_id, vendors, today)),
    )


def dossier_json(d: Dossier) -> dict[str, Any]:
    """The dossier as ``intake products show --json`` and the API give it."""
    p = d.product
    return {
        "sku": p.sku,
        "name": p.name,
        "unit": p.unit,
        "category": p.category,
        "aliases": list(d.aliases),
        "documents": [
            {
                "id": x.id,
                "doc_type": x.doc_type,
                "number": x.number,
                "vendor": x.vendor,
                "issue_date": json_value(x.issue_date),
                "quantity": quantity_text(x.quantity),
                "unit_price": json_value(x.unit_price),
                "amount": json_value(x.amount),
                "currency": x.currency,
                "line": x.line,
                "match_method": x.match_method,
                "match_status": x.match_status,
                "duplicate_of": x.duplicate_of,
            }
            for x in d.documents
        ],
        "price_history": [
            {
                "vendor": s.vendor,
                "currency": s.currency,
                "points": [
                    {
                        "date": pt.date.isoformat(),
                        "unit_price": str(pt.unit_price),
                        "doc_type": pt.doc_type,
                        "number": pt.number,
                        "document_id": pt.document_id,
                    }
                    for pt in s.points
                ],
            }
            for s in d.price_history
        ],
        "open_orders": [
            {
                "id": o.id,
                "number": o.number,
                "vendor": o.vendor,
                "issue_date": json_value(o.issue_date),
                "ordered": quantity_text(o.ordered),
                "invoiced": quantity_text(o.invoiced),
                "open": quantity_text(o.open),
                "unit_price": json_value(o.unit_price),
                "currency": o.currency,
            }
            for o in d.open_orders
        ],
        "contracts": [
            {
                "id": c.dates.document_id,
                "title": c.dates.title,
                "parties": list(c.dates.parties),
                "relation": c.relation,
                "effective_date": json_value(c.dates.effective_date),
                "end_date": json_value(c.dates.end_date),
                "notice_by": json_value(c.dates.notice_by),
                "renews": c.dates.renews,
            }
            for c in d.contracts
        ],
    }
