"""Filed documents for the export tests, written through intake.db into a real SQLite file."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from intake.db.engine import Database
from intake.db.models import Document, LineItem, Product
from intake.db.persist import get_vendor
from intake.settings import Settings

LINES = [
    {"code": "AT-100", "description": "Cordless drill 18V", "quantity": "2",
     "unit_price": "129.00", "amount": "258.00"},
    {"code": "AT-220", "description": "Drill bit set, 25 pieces", "quantity": "5",
     "unit_price": "18.50", "amount": "92.50"},
    {"code": "AT-310", "description": "Safety goggles", "quantity": "10",
     "unit_price": "4.20", "amount": "42.00"},
]  # fmt: skip


def add_invoice(db: Database, **overrides: Any) -> int:
    """File an invoice row (the sample invoice of tests/factory.py unless overridden)."""
    values: dict[str, Any] = {
        "vendor": "Acme Tools GmbH",
        "number": "INV-2024/118",
        "issue_date": dt.date(2024, 3, 14),
        "due_date": dt.date(2024, 4, 13),
        "currency": "EUR",
        "subtotal": "392.50",
        "tax": "78.50",
        "total": "471.00",
        "lines": LINES,
        "doc_type": "invoice",
        "duplicate_of_id": None,
        "po_number": None,
        "category": None,
        "content": "",
    }
    values.update(overrides)
    with db.session() as s:
        vendor = get_vendor(s, values["vendor"])
        products: dict[str, Product] = {}

        def product_of(category: str | None) -> Product | None:
            if not category:
                return None
            if category not in products:
                products[category] = Product(
                    sku=f"SKU-{uuid.uuid4().hex[:8]}", name="x", category=category
                )
                s.add(products[category])
            return products[category]

        doc = Document(
            sha256=uuid.uuid4().hex + uuid.uuid4().hex,
            original_name=f"{values['number']}.pdf",
            kind="pdf",
            ext="pdf",
            size=1000,
            doc_type=values["doc_type"],
            number=values["number"],
            invoice_number=values["number"],
            po_number=values["po_number"],
            vendor_id=vendor.id if vendor else None,
            issue_date=values["issue_date"],
            due_date=values["due_date"],
            currency=values["currency"],
            subtotal=Decimal(values["subtotal"]) if values["subtotal"] else None,
            tax=Decimal(values["tax"]) if values["tax"] else None,
            total=Decimal(values["total"]) if values["total"] else None,
            duplicate_of_id=values["duplicate_of_id"],
            fields={},
            content=values["content"],
        )
        doc.lines = [
            LineItem(
                position=i,
                description=li["description"],
                code=li.get("code"),
                quantity=Decimal(li["quantity"]) if li.get("quantity") else None,
                unit=li.get("unit"),
                unit_price=Decimal(li["unit_price"]) if li.get("unit_price") else None,
                amount=Decimal(li["amount"]) if li.get("amount") else None,
                product=product_of(li.get("category") or values["category"]),
            )
            for i, li in enumerate(values["lines"])
        ]
        s.add(doc)
        s.flush()
        return doc.id


def correct_total(
    db: Database, doc_id: int, total: str, tax: str, subtotal: str | None = None
) -> None:
    """What a person's correction does: change fields, so updated_at moves on."""
    with db.session() as s:
        doc = s.scalars(select(Document).where(Document.id == doc_id)).one()
        doc.total = Decimal(total)
        doc.tax = Decimal(tax)
        if subtotal is not None:
            doc.subtotal = Decimal(subtotal)


def peppol_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "company_name": "Northwind Traders Ltd",
            "company_country": "GB",
            "company_endpoint": "0088:5790000435975",
        }
    )


def race_exports(settings: Settings, workers: int = 4) -> list[Any]:
    """``workers`` threads, each with its own database connection, exporting what is due
    (IIF) at once: each one's ExportResult, or the ExportError of a lost race."""
    import threading

    from intake.db.engine import open_database
    from intake.export.base import ExportError
    from intake.export.batches import ExportRequest, run_export

    results: list[Any] = []

    def worker() -> None:
        own = open_database(settings.db_url, migrate=False)
        try:
            results.append(run_export(own, settings, ExportRequest("iif"), user="test"))
        except ExportError as exc:  # a lost race is an error, never a double
            results.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
