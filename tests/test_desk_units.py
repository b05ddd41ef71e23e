"""The desk's parts on their own: who issued a purchase order (names, aliases, VAT ids),
a quote's validity given as a period, exchange rates (both layouts, the nearest earlier
day, cross rates), and the iCalendar feed's lines against RFC 5545's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from intake.db.engine import Database
from intake.db.models import Document
from intake.extractors.base import Registry
from intake.extractors.extraction.validity import computed_valid_until
from intake.filing.calendar import deadlines_ical
from intake.filing.desk import Deadline, deadlines
from intake.filing.rates import Rates, import_rates, load_rates
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_pdf
from tests.test_contract_clauses import RENEWABLE_BY_OPTION

ITEMS = [
    {"code": "TL-1001", "description": "Cordless drill 18V", "quantity": 2,
     "unit_price": "129.00", "amount": "258.00"},
]  # fmt: skip


def our_order(**extra: Any) -> dict[str, Any]:
    doc = {
        "doc_type": "purchase_order",
        "vendor": "Northwind Traders Ltd",
        "vendor_address": "14 Harbour Road\nBristol BS1 4RW",
        "buyer": "Acme Tools GmbH",
        "number": "PO-1",
        "issue_date": "2026-11-20",
        "currency": "EUR",
        "line_items": ITEMS,
        "subtotal": "258.00",
        "tax": "51.60",
        "total": "309.60",
    }
    doc.update(extra)
    return doc


def fields_of(settings: Settings, path: Path) -> dict[str, Any]:
    result = extract_path(Context(settings, Registry.default()), str(path))
    assert result["doc_type"] == "purchase_order"
    return dict(result["fields"])


def test_without_our_company_an_order_keeps_its_issuer_as_vendor(
    settings: Settings, tmp_path: Path
) -> None:
    f = fields_of(settings, make_pdf(tmp_path / "po.pdf", our_order()))
    assert (f["vendor"], f["buyer"]) == ("Northwind Traders Ltd", "Acme Tools GmbH")


@pytest.mark.parametrize(
    ("company", "letterhead"),
    [
        ({"company_name": "Northwind Traders Ltd"}, "Northwind Traders Ltd"),
        ({"company_name": "Northwind Traders"}, "NORTHWIND TRADERS LIMITED"),  # legal form
        (
            {"company_name": "Northwind Holdings plc", "company_aliases": ["NW Traders"]},
            "NW Traders",
        ),
        ({"company_vat_ids": ["GB123456789"]}, "NW Trading Company"),  # VAT id in the footer
    ],
)
def test_our_order_is_filed_under_the_supplier(
    settings: Settings, tmp_path: Path, company: dict[str, Any], letterhead: str
) -> None:
    ours = settings.model_copy(update=company)
    doc = our_order(vendor=letterhead, footer=f"{letterhead} - VAT no. GB 123 456 789")
    f = fields_of(ours, make_pdf(tmp_path / "po.pdf", doc))
    assert f["vendor"] == "Acme Tools GmbH"
    assert f["buyer"] == letterhead


def test_a_vat_id_in_the_addressees_block_is_not_the_issuer(
    settings: Settings, tmp_path: Path
) -> None:
    """Suppliers print our VAT id beside our name when we are the addressee: that order is
    theirs (a supplier's order confirmation), not ours."""
    ours = settings.model_copy(update={"company_vat_ids": ["GB123456789"]})
    doc = our_order(vendor="Acme Tools GmbH", buyer="NW Trading Company - VAT GB123456789")
    f = fields_of(ours, make_pdf(tmp_path / "po.pdf", doc))
    assert f["vendor"] == "Acme Tools GmbH"


def test_a_supplier_block_with_our_letterhead_names_us_the_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    ours = settings.model_copy(update={"company_name": "Northwind Traders Ltd"})
    f = fields_of(ours, make_pdf(tmp_path / "po.pdf", our_order(to_label="Supplier")))
    assert (f["vendor"], f["buyer"]) == ("Acme Tools GmbH", "Northwind Traders Ltd")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("This quotation is valid for 30 days.", 30),
        ("Validity: 45 days from the date of issue", 45),
        ("Angebot gültig 4 Wochen ab Angebotsdatum", 28),
        ("Offre valable 60 jours", 60),
        ("Oferta válida por 15 días", 15),
        ("Deze offerte is 14 dagen geldig", 14),
        ("This proposal is valid for thirty (30) days from the date above.", 30),
        ("Dieses Angebot ist 30 Tage gültig.", 30),
        # as OCR reads them: an umlaut lost, a stop after the number
        ("Dieser Kostenvoranschlag ist 6 Wochen giltig.", 42),
        ("Oferta válida por 15. dias", 15),
        # words between the validity and its period, per language pack
        ("Validez del presupuesto: 15 días.", 15),
        ("Validità dell'offerta: 30 giorni dalla data del presente preventivo.", 30),
        ("Gültigkeit des Angebots: 6 Wochen", 42),
        ("This quote is good for 30 days.", 30),
        ("Validade da proposta: 20 dias", 20),
    ],
)
def test_a_validity_given_as_a_period(text: str, days: int) -> None:
    f = computed_valid_until(f"QUOTE Q-1\n{text}\nTotal 100.00", "2026-01-10")
    assert f is not None and f.source == "computed"
    assert f.value == (dt.date(2026, 1, 10) + dt.timedelta(days=days)).isoformat()
    assert f.raw and f.raw.split()[0].lower() in text.lower()


@pytest.mark.parametrize(
    ("text", "issued", "until"),
    [
        ("Prices valid for 2 months", "2026-01-10", "2026-03-10"),
        ("Le présent devis est valable 3 mois.", "2025-02-03", "2025-05-03"),
        ("Validity: 1 month", "2026-01-31", "2026-02-28"),
    ],
)
def test_a_validity_in_months_is_in_calendar_months(text: str, issued: str, until: str) -> None:
    f = computed_valid_until(text, issued)
    assert f is not None and f.value == until


@pytest.mark.parametrize(
    "text",
    # a number's decimals are no stop after it ("30.5")
    ["Payment due in 30 days", "valid for 0 days", "valid for 5000 days", "no period"]
    + ["valid for 30.5 days"]
    # a word that is no validity's, or another label's period after a validity's label
    + ["Goods returned within 30 days", "Validity   Payment terms 30 days"],
)
def test_no_validity_without_a_period(text: str) -> None:
    assert computed_valid_until(text, "2026-01-10") is None


def test_no_validity_without_an_issue_date() -> None:
    assert computed_valid_until("valid for 30 days", None) is None


def test_rates_from_the_ecb_layout_and_the_plain_one(db: Any) -> None:
    ecb = b"Date,USD,JPY,GBP,\n2026-03-06,1.0850,N/A,0.8400,\n2026-03-05,1.0800,161.2,0.8450,\n"
    with db.session() as s:
        report = import_rates(s, ecb, base="EUR")
        assert (report.layout, report.added, report.errors) == ("ecb", 5, [])
        again = import_rates(s, b"date,currency,rate\n2026-03-06,USD,1.09\n", base="EUR")
        assert (again.layout, again.updated, again.added) == ("plain", 1, 0)
        rates = load_rates(s)
    friday, sunday = dt.date(2026, 3, 6), dt.date(2026, 3, 8)
    assert rates.rate("EUR", "USD", sunday) == Decimal("1.09")  # the nearest earlier day
    assert rates.rate("EUR", "JPY", friday) == Decimal("161.2")  # N/A on Friday: Thursday's
    assert rates.convert(Decimal("109.00"), "USD", "EUR", friday) == Decimal("100.00")
    # across: USD -> GBP through EUR
    assert rates.convert(Decimal("109.00"), "USD", "GBP", friday) == Decimal("84.00")
    assert rates.convert(Decimal(5), "CHF", "EUR", friday) is None
    assert rates.convert(Decimal(5), None, "EUR", friday) is None
    early = dt.date(2020, 1, 1)  # before the first rate: the first one
    assert rates.rate("EUR", "USD", early) == Decimal("1.0800")


def test_no_rates_convert_nothing_but_the_same_currency() -> None:
    rates = Rates([])
    assert not rates
    assert rates.convert(Decimal(7), "EUR", "eur", None) == Decimal(7)
    assert rates.convert(Decimal(7), "USD", "EUR", None) is None


def test_the_feed_follows_rfc_5545_line_rules() -> None:
    import icalendar

    long_what = "delivery due: " + "; ".join(f"{n} Extension cable 25 m ÄÖÜ" for n in range(30))
    items = [
        Deadline(dt.date(2026, 12, 14), "contract_notice", 20, "contract-0.pdf", "Acme", "notice"),
        Deadline(dt.date(2026, 12, 16), "delivery_due", 7, "PO-7704", "Bricoleur", long_what),
    ]
    body = deadlines_ical(items, now=dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC))
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded at 75 octets
    cal = icalendar.Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["contract_notice-20@intake", "delivery_due-7@intake"]
    assert str(events[1]["description"]) == long_what  # unfolded intact
    assert events[0].decoded("dtstart") == dt.date(2026, 12, 14)
    assert events[0]["dtstamp"].to_ical() == b"20261204T090000Z"


@pytest.mark.parametrize(
    ("label", "reviewed"), [("Lieferant", False), ("To", False), ("", True), ("Address", True)]
)
def test_a_supplier_not_named_under_a_supplier_label_is_reviewed(
    settings: Settings, tmp_path: Path, label: str, reviewed: bool
) -> None:
    """Our letterhead, the supplier in a block: under a supplier label the supplier is
    sure, and under the addressee's "To" (which our order is sent to) sure enough; under
    no label, or one that names no party, it is only the first other company, and goes to
    review."""
    ours = settings.model_copy(update={"company_name": "Northwind Traders Ltd"})
    doc = our_order(vendor_address="14 Harbour Road\nVAT GB 123 4567 89", to_label=label)
    result = extract_path(
        Context(ours, Registry.default()), str(make_pdf(tmp_path / "po.pdf", doc))
    )
    assert result["fields"]["vendor"] == "Acme Tools GmbH"
    assert result["fields"]["buyer"] == "Northwind Traders Ltd"
    assert (result["field_confidence"]["vendor"] < settings.review_confidence) is reviewed


@pytest.mark.parametrize(
    ("lang", "label", "layout"),
    [
        ("en", "Delivery date", "classic"),
        ("de", "Lieferdatum", "stacked"),
        ("fr", "Date de livraison", "classic"),
        ("es", "Fecha de entrega", "stacked"),
        ("nl", "Leverdatum", "classic"),
    ],
)
def test_an_invoices_delivery_date_is_read(
    settings: Settings, tmp_path: Path, lang: str, label: str, layout: str
) -> None:
    doc = {
        "doc_type": "invoice",
        "vendor": "Acme Tools GmbH",
        "buyer": "Northwind Traders Ltd",
        "number": "INV-1",
        "issue_date": "2026-11-20",
        "due_date": "2026-12-20",
        "delivery_date": "2026-11-17",
        "delivery_label": label,
        "currency": "EUR",
        "line_items": ITEMS,
        "subtotal": "258.00",
        "tax": "51.60",
        "total": "309.60",
    }
    result = extract_path(
        Context(settings, Registry.default()),
        str(make_pdf(tmp_path / "i.pdf", doc, layout=layout, lang=lang)),
    )
    assert result["doc_type"] == "invoice"
    fields = result["fields"]
    assert (fields["delivery_date"], fields["issue_date"], fields["due_date"]) == (
        "2026-11-17",
        "2026-11-20",
        "2026-12-20",
    )


def test_the_last_day_to_take_a_renewal_option_is_a_deadline(db: Database) -> None:
    # a renewal by option ends the term unless taken: its deadline asks to take it up
    fields = {**RENEWABLE_BY_OPTION, "parties": {"value": ["Acme Tools GmbH"], "source": "text"}}
    with db.session() as s:
        s.add(
            Document(
                sha256="0" * 64,
                original_name="distribution.pdf",
                kind="pdf",
                ext="pdf",
                size=1,
                doc_type="contract",
                fields=fields,
            )
        )
    with db.session() as s:
        got = deadlines(s, dt.date(2025, 8, 20), 30)
    assert [(d.date, d.kind, d.what) for d in got] == [
        (
            dt.date(2025, 9, 1),
            "contract_notice",
            "last day to take up the option to renew for 3 year (notice 6 months) before"
            " the term ends 2026-03-01",
        )
    ]
