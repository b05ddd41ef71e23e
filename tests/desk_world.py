"""A generated coordinator's world for the desk tests: our company (Northwind Traders)
buys from four suppliers (German, French, English in GBP, English in USD), who send
quotes and invoices; we send them our purchase orders, drawn under our letterhead with
the supplier in the address block. Orders are delivered and invoiced in full, in part or
not at all; quotes run out, are ordered, or state their validity as a period; two
supply contracts come up for notice. Every date is relative to ``today``, so that the
lists of the desk (which look from today) have known answers.

Each generated document carries what the tests expect of it: whether it is an open
order, overdue, a quote expiring, which deadlines it makes. The PDFs are drawn by
:func:`tests.factory.make_pdf` and filed through the real pipeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from tests.factory import make_pdf
from tests.product_world import make_supply_contract

CENT = Decimal("0.01")
US = "Northwind Traders Ltd"
US_ALIASES = ("Northwind", "NW Traders")
US_VAT = "GB 123 4567 89"
US_ADDRESS = "14 Harbour Road\nBristol BS1 4RW\nVAT GB 123 4567 89"

#: sku -> (name, catalog price)
PRODUCTS = {
    "TL-1001": ("Cordless drill 18V", Decimal("129.00")),
    "TL-1010": ("Drill bit set 25 pcs", Decimal("18.50")),
    "TL-1030": ("Spirit level 60 cm", Decimal("16.00")),
    "SF-2010": ("Work gloves leather", Decimal("7.80")),
    "EL-4001": ("Extension cable 10 m", Decimal("19.90")),
    "CH-5001": ("Wood glue 750 ml", Decimal("8.60")),
}


def catalog_csv() -> bytes:
    rows = ["sku,name,unit,category,aliases"]
    rows += [f"{sku},{name},pc,Tools," for sku, (name, _) in PRODUCTS.items()]
    return ("\n".join(rows) + "\n").encode()


@dataclass(frozen=True)
class Supplier:
    name: str
    lang: str
    layout: str
    currency: str
    date_style: str = "numeric"


ACME = Supplier("Acme Tools GmbH", "de", "classic", "EUR")
BRICO = Supplier("Bricoleur Pro SARL", "fr", "stacked", "EUR")
NORTHERN = Supplier("Northern Supply Ltd", "en", "classic", "GBP", "iso")
PACIFIC = Supplier("Pacific Tooling Inc", "en", "stacked", "USD")
SUPPLIERS = (ACME, BRICO, NORTHERN, PACIFIC)


@dataclass
class Line:
    sku: str
    quantity: int
    unit_price: Decimal
    delivery_date: dt.date | None = None

    def item(self) -> dict[str, Any]:
        out = {
            "code": self.sku,
            "description": PRODUCTS[self.sku][0],
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "amount": str((self.unit_price * self.quantity).quantize(CENT)),
        }
        if self.delivery_date is not None:
            out["delivery_date"] = self.delivery_date.isoformat()
        return out


@dataclass
class Doc:
    doc_type: str
    supplier: Supplier
    number: str
    issue_date: dt.date
    lines: list[Line]
    quote_number: str | None = None
    po_number: str | None = None
    delivery_date: dt.date | None = None
    valid_until: dt.date | None = None  # printed
    valid_for_days: int | None = None  # "valid for N days" instead of a date
    # what the tests expect
    open_order: bool = False
    overdue: bool = False
    expiring: bool = False  # a quote in `quotes expiring --days 30`
    expected_valid_until: dt.date | None = None
    open_quantities: dict[str, int] = field(default_factory=dict)  # sku -> open
    file: str = ""

    @property
    def ours(self) -> bool:
        return self.doc_type == "purchase_order"

    def fields(self) -> dict[str, Any]:
        subtotal = sum(
            ((ln.unit_price * ln.quantity).quantize(CENT) for ln in self.lines), Decimal(0)
        )
        tax = (subtotal * Decimal("0.20")).quantize(CENT)
        s = self.supplier
        doc: dict[str, Any] = {
            "doc_type": self.doc_type,
            "number": self.number,
            "issue_date": self.issue_date.isoformat(),
            "currency": s.currency,
            "line_items": [ln.item() for ln in self.lines],
            "subtotal": str(subtotal),
            "tax": str(tax),
            "total": str(subtotal + tax),
        }
        if self.ours:  # our letterhead, the supplier in the address block
            doc.update(vendor=US, vendor_address=US_ADDRESS, buyer=s.name)
            doc["to_label"] = {"de": "Lieferant", "fr": "Fournisseur"}.get(s.lang, "Supplier")
            doc["footer"] = f"{US} - please quote our order number on every invoice"
        else:
            doc.update(vendor=s.name, buyer=US)
        if self.doc_type == "invoice":
            doc["due_date"] = (self.issue_date + dt.timedelta(days=30)).isoformat()
        for name in ("quote_number", "po_number"):
            if getattr(self, name):
                doc[name] = getattr(self, name)
        if self.delivery_date is not None:
            doc["delivery_date"] = self.delivery_date.isoformat()
        if self.valid_until is not None:
            doc["valid_until"] = self.valid_until.isoformat()
        if self.valid_for_days is not None:
            doc["footer"] = f"This quotation is valid for {self.valid_for_days} days."
        return doc


@dataclass(frozen=True)
class Contract:
    supplier: Supplier
    effective: dt.date
    term: str
    renewal: str
    notice: str
    notice_by: dt.date
    file: str


@dataclass
class DeskWorld:
    today: dt.date
    docs: list[Doc] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)

    def by_number(self, number: str) -> Doc:
        return next(d for d in self.docs if d.number == number)

    def payments_due(self, days: int) -> list[Doc]:
        until = self.today + dt.timedelta(days=days)
        return [
            d
            for d in self.docs
            if d.doc_type == "invoice"
            and self.today <= d.issue_date + dt.timedelta(days=30) <= until
        ]


def _lines(spec: list[tuple[str, int]], price_factor: Decimal = Decimal(1)) -> list[Line]:
    return [Line(sku, qty, (PRODUCTS[sku][1] * price_factor).quantize(CENT)) for sku, qty in spec]


def make_desk_world(today: dt.date) -> DeskWorld:
    """The world seen from ``today``."""
    w = DeskWorld(today)
    t = today
    days = dt.timedelta

    both, level = [("TL-1030", 20), ("TL-1001", 4)], [("TL-1030", 10)]
    bits_cables, gbp = [("TL-1010", 12), ("EL-4001", 6)], Decimal("1.25")

    def add(doc: Doc) -> Doc:
        w.docs.append(doc)
        return doc

    # Acme: a quote ordered and invoiced in full, one line 6.25 % over the quote; an order
    # never delivered (overdue); a quote running out in 12 days.
    add(Doc("estimate", ACME, "Q-2401", t - days(60), _lines(both),
            valid_until=t - days(30)))  # fmt: skip
    add(Doc("purchase_order", ACME, "PO-7701", t - days(55), _lines(both),
            quote_number="Q-2401", delivery_date=t - days(25)))  # fmt: skip
    billed = _lines([("TL-1030", 20), ("TL-1001", 4)])
    billed[0].unit_price = Decimal("17.00")  # 16.00 quoted and ordered: +6.25 %
    add(Doc("invoice", ACME, "RE-24-1001", t - days(15), billed, po_number="PO-7701"))
    add(Doc("purchase_order", ACME, "PO-7702", t - days(40), _lines([("SF-2010", 50)]),
            delivery_date=t - days(10), open_order=True, overdue=True,
            open_quantities={"SF-2010": 50}))  # fmt: skip
    add(Doc("estimate", ACME, "Q-2402", t - days(18), _lines([("CH-5001", 30)]),
            valid_until=t + days(12), expiring=True))  # fmt: skip

    # Bricoleur: an order invoiced in part (overdue: its date passed with 6 open); an order
    # due in ten days; a quote that ran out three days ago.
    add(Doc("estimate", BRICO, "DV-3301", t - days(70), _lines(bits_cables),
            valid_until=t - days(40)))  # fmt: skip
    add(Doc("purchase_order", BRICO, "PO-7703", t - days(50), _lines(bits_cables),
            quote_number="DV-3301", delivery_date=t - days(5), open_order=True, overdue=True,
            open_quantities={"TL-1010": 6, "EL-4001": 0}))  # fmt: skip
    add(Doc("invoice", BRICO, "FA-9001", t - days(45), _lines([("TL-1010", 6), ("EL-4001", 6)]),
            po_number="PO-7703"))  # fmt: skip
    add(Doc("purchase_order", BRICO, "PO-7704", t - days(5), _lines([("CH-5001", 40)]),
            delivery_date=t + days(10), open_order=True,
            open_quantities={"CH-5001": 40}))  # fmt: skip
    add(Doc("estimate", BRICO, "DV-3302", t - days(33), _lines([("TL-1001", 3)]),
            valid_until=t - days(3)))  # fmt: skip

    # Northern (GBP): a chain at the quoted price; a quote valid "for 30 days" (20 left); an
    # order due in two months.
    add(Doc("estimate", NORTHERN, "QT-501", t - days(80), _lines(level, gbp),
            valid_until=t - days(50)))  # fmt: skip
    add(Doc("purchase_order", NORTHERN, "PO-7705", t - days(75), _lines(level, gbp),
            quote_number="QT-501", delivery_date=t - days(60)))  # fmt: skip
    add(Doc("invoice", NORTHERN, "INV-88120", t - days(10), _lines(level, gbp),
            po_number="PO-7705"))  # fmt: skip
    add(Doc("estimate", NORTHERN, "QT-502", t - days(10), _lines([("EL-4001", 8)]),
            valid_for_days=30, expiring=True, expected_valid_until=t + days(20)))  # fmt: skip
    add(Doc("purchase_order", NORTHERN, "PO-7706", t - days(2), _lines([("SF-2010", 25)]),
            delivery_date=t + days(60), open_order=True,
            open_quantities={"SF-2010": 25}))  # fmt: skip

    # Pacific (USD): an order scheduled per line, one line late and one to come, invoiced
    # for neither; a quote valid 15 more days that we ordered already.
    scheduled = _lines([("TL-1001", 5), ("TL-1010", 10)])
    scheduled[0].delivery_date = t - days(4)
    scheduled[1].delivery_date = t + days(20)
    add(Doc("purchase_order", PACIFIC, "PO-7707", t - days(30), scheduled, open_order=True,
            overdue=True, open_quantities={"TL-1001": 5, "TL-1010": 10}))  # fmt: skip
    add(Doc("estimate", PACIFIC, "PQ-9100", t - days(6), _lines([("EL-4001", 20)]),
            valid_until=t + days(15)))  # fmt: skip
    add(Doc("purchase_order", PACIFIC, "PO-7708", t - days(1), _lines([("EL-4001", 20)]),
            quote_number="PQ-9100", delivery_date=t + days(40), open_order=True,
            open_quantities={"EL-4001": 20}))  # fmt: skip
    add(Doc("invoice", PACIFIC, "PT-44017", t - days(20), _lines([("CH-5001", 10)]),
            po_number="PO-7799"))  # fmt: skip
    for d in w.docs:
        if d.expected_valid_until is None:
            d.expected_valid_until = d.valid_until

    # Two supply contracts: notice due in 10 days; notice due in 40 days.
    for supplier, end_in, notice in ((ACME, 40, 30), (NORTHERN, 100, 60)):
        end = t + days(end_in)
        w.contracts.append(
            Contract(supplier, end - relativedelta(years=1), "1 year", "1 year",
                     f"{notice} days", end - days(notice), "")
        )  # fmt: skip
    return w


def draw(world: DeskWorld, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(world.docs):
        doc.file = f"{i:03d}-{doc.doc_type}-{doc.number}.pdf"
        s = doc.supplier
        paths.append(
            make_pdf(folder / doc.file, doc.fields(), layout=s.layout, lang=s.lang,
                     date_style=s.date_style)
        )  # fmt: skip
    for i, c in enumerate(world.contracts):
        path = folder / f"contract-{i}.pdf"
        make_supply_contract(
            path,
            parties=(c.supplier.name, US),
            effective=c.effective,
            term=c.term,
            renewal=c.renewal,
            notice=c.notice,
            products=["TL-1030"],
        )
        world.contracts[i] = Contract(
            c.supplier, c.effective, c.term, c.renewal, c.notice, c.notice_by, path.name
        )
        paths.append(path)
    return paths


def file_desk_world(ctx: Any, world: DeskWorld, folder: Path) -> dict[str, int]:
    """Draw and file every document through the real pipeline; returns the document id
    of each number (contracts by file name)."""
    from intake.ingest.ledger import claim_file
    from intake.ingest.pipeline import process_claim

    ids: dict[str, int] = {}
    paths = draw(world, folder)
    names = [d.number for d in world.docs] + [c.file for c in world.contracts]
    for name, path in zip(names, paths, strict=True):
        dest = ctx.settings.watch_dir / "inbox" / path.name
        dest.write_bytes(path.read_bytes())
        claim = claim_file(ctx.settings, ctx.db, dest)
        assert claim is not None
        outcome = process_claim(ctx, claim)
        assert outcome.state == "filed" and outcome.document_id is not None, outcome
        ids[name] = outcome.document_id
    return ids


#: Rates in the ECB's layout (units per EUR), over a week with a weekend gap.
def ecb_csv(today: dt.date) -> bytes:
    rows = ["Date,USD,JPY,GBP,CHF,"]
    for back in range(0, 120):
        day = today - dt.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        rows.append(f"{day.isoformat()},1.0800,N/A,0.8500,0.9400,")
    return ("\n".join(rows) + "\n").encode()
