"""Issue 16, the coordinator's desk, on a generated world filed through the real pipeline
(tests/desk_world.py): our purchase orders filed under the supplier, delivery dates and
quote validity read, the open-orders, expiring-quotes and deadlines lists exactly right,
the iCalendar feed parsed by a standard parser, cost against plan, rates and spend, and
the new search terms. The lists look from today, as the world was drawn from today."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from intake.cli import cli
from intake.db.engine import Database, open_database
from intake.filing.catalog_import import import_catalog
from intake.filing.wiring import Wiring
from intake.index.store import SearchIndex
from intake.ingest.stages import Context
from intake.search.engine import SearchRequest, run_search
from intake.settings import Settings
from intake.users import add_user
from tests.desk_world import (
    SUPPLIERS,
    US,
    US_ALIASES,
    US_VAT,
    DeskWorld,
    catalog_csv,
    ecb_csv,
    file_desk_world,
    make_desk_world,
)
from tests.webtools import PASSWORD, login


@dataclass
class Desk:
    settings: Settings
    ctx: Context
    world: DeskWorld
    ids: dict[str, int]
    today: dt.date

    def number_of(self, doc_id: int) -> str:
        return next(n for n, i in self.ids.items() if i == doc_id)


def company_settings(root: Path) -> Settings:
    return Settings(
        data_dir=root / "data",
        watch_dir=root / "watch",
        memory_limit_mb=0,
        company_name=US,
        company_aliases=list(US_ALIASES),
        company_vat_ids=[US_VAT],
    )


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    root = tmp_path_factory.mktemp("desk")
    settings = company_settings(root)
    settings.ensure_dirs()
    db: Database = open_database(settings.db_url)
    ctx = Wiring.default().context(settings, db)
    with db.session() as s:
        report = import_catalog(s, catalog_csv(), user="test")
    assert not report.errors
    today = dt.date.today()
    world = make_desk_world(today)
    ids = file_desk_world(ctx, world, root / "pdfs")
    SearchIndex(settings.index_dir).sync(db)
    add_user(db, "vera", "viewer", PASSWORD)
    yield Desk(settings, ctx, world, ids, today)
    db.dispose()


def run(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), obj=settings, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(settings: Settings, *args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run(settings, *args).splitlines()]


def records(desk: Desk) -> dict[str, dict[str, Any]]:
    out = rows(desk.settings, "documents", "list", "--json")
    return {desk.number_of(r["id"]): r for r in out}


# --- 1. our company ------------------------------------------------------------------------


def test_our_orders_are_filed_under_the_supplier_and_we_are_the_buyer(desk: Desk) -> None:
    got = records(desk)
    orders = [d for d in desk.world.docs if d.doc_type == "purchase_order"]
    assert len(orders) == 8
    for d in desk.world.docs:
        assert got[d.number]["vendor"] == d.supplier.name, (d.number, got[d.number]["vendor"])
    for d in orders:
        shown = json.loads(
            run(desk.settings, "documents", "show", str(desk.ids[d.number]), "--json")
        )
        assert shown["vendor"] == d.supplier.name
    vendors = {r["vendor"] for r in got.values() if r["doc_type"] != "contract"}
    assert vendors == {s.name for s in SUPPLIERS}  # never us
    # named under a "Supplier" (Lieferant, Fournisseur) label: sure enough not to be reviewed
    from intake.db.models import Document

    with desk.ctx.db.session() as s:
        for d in orders:
            doc = s.get(Document, desk.ids[d.number])
            assert doc is not None and doc.buyer == US
            assert doc.fields["vendor"]["confidence"] >= desk.settings.review_confidence


def test_the_dossier_gives_the_suppliers_prices_and_open_orders(desk: Desk) -> None:
    data = json.loads(run(desk.settings, "products", "show", "SF-2010", "--json"))
    assert {o["number"]: o["vendor"] for o in data["open_orders"]} == {
        "PO-7702": "Acme Tools GmbH",
        "PO-7706": "Northern Supply Ltd",
    }
    vendors = {s["vendor"] for s in data["price_history"]}
    assert US not in vendors and vendors == {"Acme Tools GmbH", "Northern Supply Ltd"}


# --- 2. dates that drive the work ----------------------------------------------------------


def test_delivery_dates_and_validity_are_read(desk: Desk) -> None:
    got = records(desk)
    dated = [d for d in desk.world.docs if d.delivery_date is not None]
    assert len(dated) == 7
    for d in dated:
        assert got[d.number]["delivery_date"] == d.delivery_date.isoformat(), d.number
    scheduled = desk.world.by_number("PO-7707")
    lines = got["PO-7707"]["lines"]
    assert [ln["delivery_date"] for ln in lines] == [
        ln.delivery_date.isoformat() for ln in scheduled.lines if ln.delivery_date
    ]
    quotes = [d for d in desk.world.docs if d.doc_type == "estimate"]
    for d in quotes:
        assert d.expected_valid_until is not None
        assert got[d.number]["valid_until"] == d.expected_valid_until.isoformat(), d.number


def test_a_validity_given_as_a_period_is_computed_and_marked(desk: Desk) -> None:
    doc_id = desk.ids["QT-502"]
    with desk.ctx.db.session() as s:
        from intake.db.models import Document

        field = s.get(Document, doc_id).fields["valid_until"]  # type: ignore[union-attr]
    assert field["source"] == "computed" and field["raw"] == "valid for 30 days"
    assert field["value"] == (desk.today + dt.timedelta(days=20)).isoformat()


def _search(desk: Desk, q: str) -> set[str]:
    with desk.ctx.db.session() as s:
        page = run_search(
            s,
            SearchIndex(desk.settings.index_dir),
            SearchRequest(q=q, per_page=200),
            today=desk.today,
        )
    assert page.error is None, page.error
    return {desk.number_of(r.id) for r in page.rows}


def test_delivery_and_valid_search_terms(desk: Desk) -> None:
    t = desk.today
    week = f"[{(t - dt.timedelta(days=12)).isoformat()} to {t.isoformat()}]"
    assert _search(desk, f"delivery:{week}") == {"PO-7702", "PO-7703"}
    # with words the index answers, the database the delivery condition
    assert _search(desk, f"gloves delivery:{week}") == {"PO-7702"}
    assert _search(desk, f"delivery:>{t.isoformat()}") == {"PO-7704", "PO-7706", "PO-7708"}
    assert _search(
        desk, f"valid:[{t.isoformat()} to {(t + dt.timedelta(days=30)).isoformat()}]"
    ) == {
        "Q-2402",
        "QT-502",
        "PQ-9100",
    }
    assert _search(desk, 'valid:"next 30 days"') == {"Q-2402", "QT-502", "PQ-9100"}
    assert _search(desk, "delivery:next 2 weeks") == {"PO-7704"}
    assert _search(desk, f"NOT valid:<{t.isoformat()} type:estimate") == {
        "Q-2402",
        "QT-502",
        "PQ-9100",
    }


def test_a_delivery_date_can_be_corrected(desk: Desk, tmp_path: Path) -> None:
    from intake.documents.corrections.common import InvalidCorrection
    from intake.documents.corrections.fields import correct_fields

    doc_id = desk.ids["PO-7706"]
    with desk.ctx.db.session() as s:
        correct_fields(s, doc_id, {"delivery_date": "2031-01-31"}, user="test")
    shown = json.loads(run(desk.settings, "documents", "show", str(doc_id), "--json"))
    assert shown["delivery_date"] == "2031-01-31"
    with desk.ctx.db.session() as s:
        original = (desk.today + dt.timedelta(days=60)).isoformat()
        correct_fields(s, doc_id, {"delivery_date": original}, user="test")
    with desk.ctx.db.session() as s:
        with pytest.raises(InvalidCorrection, match="a date is written"):
            correct_fields(s, doc_id, {"delivery_date": "soon"}, user="test")


# --- 3. the lists --------------------------------------------------------------------------


def test_open_orders_are_exactly_the_orders_not_invoiced_in_full(desk: Desk) -> None:
    got = rows(desk.settings, "orders", "open", "--json")
    want = {d.number: d for d in desk.world.docs if d.open_order}
    assert {r["number"] for r in got} == set(want)
    assert all(
        set(r)
        == {
            "id",
            "number",
            "vendor",
            "issue_date",
            "delivery_date",
            "overdue",
            "lines",
            "confirmation",
        }
        for r in got
    )
    assert all(r["confirmation"] is None for r in got)  # no seller confirmed any
    for r in got:
        d = want[r["number"]]
        assert r["vendor"] == d.supplier.name and r["overdue"] == d.overdue, r
        assert r["issue_date"] == d.issue_date.isoformat()
        opened = {ln["product_sku"]: int(ln["open"]) for ln in r["lines"]}
        assert opened == d.open_quantities, r
        for ln in r["lines"]:
            assert set(ln) == {"product_sku", "description", "ordered", "invoiced", "open"}
            assert int(ln["ordered"]) - int(ln["invoiced"]) == int(ln["open"])
    # delivery dates: the printed one, else the earliest open line's
    dates = {r["number"]: r["delivery_date"] for r in got}
    assert dates["PO-7707"] == (desk.today - dt.timedelta(days=4)).isoformat()
    assert dates["PO-7704"] == (desk.today + dt.timedelta(days=10)).isoformat()


def test_overdue_orders(desk: Desk) -> None:
    got = rows(desk.settings, "orders", "open", "--overdue", "--json")
    assert [r["number"] for r in got] == ["PO-7702", "PO-7703", "PO-7707"]  # soonest first
    assert all(r["overdue"] for r in got)


def test_quotes_expiring_are_those_not_ordered_and_not_expired(desk: Desk) -> None:
    got = rows(desk.settings, "quotes", "expiring", "--json")
    assert got == [
        {
            "id": desk.ids[d.number],
            "number": d.number,
            "vendor": d.supplier.name,
            "valid_until": d.expected_valid_until.isoformat(),  # type: ignore[union-attr]
            "days_left": (d.expected_valid_until - desk.today).days,  # type: ignore[operator]
        }
        for d in sorted(
            (d for d in desk.world.docs if d.expiring),
            key=lambda d: d.expected_valid_until or dt.date.max,
        )
    ]
    assert [
        r["number"] for r in rows(desk.settings, "quotes", "expiring", "--days", "14", "--json")
    ] == ["Q-2402"]


def expected_deadlines(desk: Desk, days: int) -> list[tuple[str, str, int]]:
    t, until = desk.today, desk.today + dt.timedelta(days=days)
    out = []
    for c in desk.world.contracts:
        if t <= c.notice_by <= until:
            out.append((c.notice_by.isoformat(), "contract_notice", desk.ids[c.file]))
    for d in desk.world.docs:
        if d.expiring and d.expected_valid_until and d.expected_valid_until <= until:
            out.append((d.expected_valid_until.isoformat(), "quote_expiry", desk.ids[d.number]))
        if d.open_order and d.delivery_date and t <= d.delivery_date <= until:
            out.append((d.delivery_date.isoformat(), "delivery_due", desk.ids[d.number]))
    for d in desk.world.payments_due(days):
        due = d.issue_date + dt.timedelta(days=30)
        out.append((due.isoformat(), "payment_due", desk.ids[d.number]))
    return sorted(out)


def test_deadlines_hold_every_dated_duty_in_the_window(desk: Desk) -> None:
    got = rows(desk.settings, "deadlines", "--json")
    assert sorted((r["date"], r["kind"], r["document_id"]) for r in got) == expected_deadlines(
        desk, 30
    )
    kinds = {r["kind"] for r in got}
    assert kinds == {"contract_notice", "quote_expiry", "delivery_due", "payment_due"}
    notices = [r for r in got if r["kind"] == "contract_notice"]
    assert [r["vendor"] for r in notices] == ["Acme Tools GmbH"]  # the party that is not us
    assert all(set(r) == {"date", "kind", "document_id", "number", "vendor", "what"} for r in got)
    assert [r["date"] for r in got] == sorted(r["date"] for r in got)
    longer = rows(desk.settings, "deadlines", "--days", "70", "--json")
    assert sorted((r["date"], r["kind"], r["document_id"]) for r in longer) == expected_deadlines(
        desk, 70
    )
    assert len(longer) == len(got) + 3  # the second contract's notice, PO-7708, PO-7706


# --- the calendar feed ---------------------------------------------------------------------


@pytest.fixture
def desk_app(desk: Desk) -> Iterator[Flask]:
    from web import create_app

    app = create_app({"TESTING": True}, settings=desk.settings)
    yield app
    app.extensions["intake"]["db"].dispose()


def test_the_calendar_feed_parses_and_holds_every_deadline(desk: Desk, desk_app: Flask) -> None:
    import icalendar

    lines = run(desk.settings, "users", "feed-token", "vera").splitlines()
    token = lines[-1]
    assert len(token) >= 40 and " " not in token
    client = desk_app.test_client()
    r = client.get(f"/calendar.ics?token={token}")
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(r.data)
    assert str(cal["version"]) == "2.0" and cal.get("prodid")
    events = list(cal.walk("VEVENT"))
    want = expected_deadlines(desk, 365)
    got = sorted(
        (ev.decoded("dtstart").isoformat(), str(ev["categories"].cats[0]), _doc_of(ev))
        for ev in events
    )
    assert got == want
    uids = [str(ev["uid"]) for ev in events]
    assert len(set(uids)) == len(uids)
    for ev in events:
        assert ev.decoded("dtend") - ev.decoded("dtstart") == dt.timedelta(days=1)
        assert ev.get("dtstamp") is not None and str(ev["summary"])
    again = icalendar.Calendar.from_ical(client.get(f"/calendar.ics?token={token}").data)
    assert [str(ev["uid"]) for ev in again.walk("VEVENT")] == uids  # stable


def _doc_of(event: Any) -> int:
    return int(str(event["url"]).rsplit("/", 1)[-1])


def test_a_wrong_or_revoked_token_gets_no_calendar(desk: Desk, desk_app: Flask) -> None:
    client = desk_app.test_client()
    token = run(desk.settings, "users", "feed-token", "vera").splitlines()[-1]
    for bad in ("wrong", token[:-1], "x" * 500):
        r = client.get(f"/calendar.ics?token={bad}")
        assert r.status_code == 403 and b"VCALENDAR" not in r.data
    r = client.get("/calendar.ics")
    assert r.status_code == 401 and b"VCALENDAR" not in r.data
    assert client.get(f"/calendar.ics?token={token}").status_code == 200
    run(desk.settings, "users", "feed-token", "vera", "--revoke")
    r = client.get(f"/calendar.ics?token={token}")
    assert r.status_code == 403 and b"VCALENDAR" not in r.data
    # a signed-in session needs no token
    login(client)
    assert b"BEGIN:VCALENDAR" in client.get("/calendar.ics").data


# --- 4. cost against plan, rates, spend ----------------------------------------------------


def test_product_costs_give_the_invoice_against_the_estimate(desk: Desk) -> None:
    data = json.loads(run(desk.settings, "products", "costs", "TL-1030", "--json"))
    assert data["sku"] == "TL-1030"
    assert data["rows"] == [
        {
            "vendor": "Acme Tools GmbH",
            "currency": "EUR",
            "estimate": {"id": desk.ids["Q-2401"], "number": "Q-2401", "unit_price": "16.00"},
            "order": {"id": desk.ids["PO-7701"], "number": "PO-7701", "unit_price": "16.00"},
            "invoice": {
                "id": desk.ids["RE-24-1001"],
                "number": "RE-24-1001",
                "unit_price": "17.00",
            },
            "invoice_vs_estimate": "1.00",
            "invoice_vs_estimate_pct": 6.25,
        },
        {
            "vendor": "Northern Supply Ltd",
            "currency": "GBP",
            "estimate": {"id": desk.ids["QT-501"], "number": "QT-501", "unit_price": "20.00"},
            "order": {"id": desk.ids["PO-7705"], "number": "PO-7705", "unit_price": "20.00"},
            "invoice": {"id": desk.ids["INV-88120"], "number": "INV-88120", "unit_price": "20.00"},
            "invoice_vs_estimate": "0.00",
            "invoice_vs_estimate_pct": 0.0,
        },
    ]
    # an order not invoiced yet, and a quote not ordered, are chains of their own
    gloves = json.loads(run(desk.settings, "products", "costs", "sf-2010", "--json"))["rows"]
    assert [(r["order"]["number"], r["invoice"], r["invoice_vs_estimate_pct"]) for r in gloves] == [
        ("PO-7702", None, None),
        ("PO-7706", None, None),
    ]
    result = CliRunner().invoke(cli, ["products", "costs", "NOPE"], obj=desk.settings)
    assert result.exit_code == 1


def invoice_totals(desk: Desk) -> dict[str, tuple[str, Decimal]]:
    out = {}
    for d in desk.world.docs:
        if d.doc_type == "invoice":
            subtotal = sum((ln.unit_price * ln.quantity for ln in d.lines), Decimal(0))
            tax = (subtotal * Decimal("0.20")).quantize(Decimal("0.01"))
            out[d.number] = (d.supplier.currency, subtotal + tax)
    return out


def test_rates_import_and_spend_converts_with_them(desk: Desk, tmp_path: Path) -> None:
    totals = invoice_totals(desk)
    by_vendor = rows(desk.settings, "spend", "--json")
    assert {(r["key"], r["currency"]) for r in by_vendor} == {
        (d.supplier.name, d.supplier.currency) for d in desk.world.docs if d.doc_type == "invoice"
    }
    acme = next(r for r in by_vendor if r["key"] == "Acme Tools GmbH")
    assert acme == {
        "key": "Acme Tools GmbH",
        "currency": "EUR",
        "total": str(totals["RE-24-1001"][1]),
        "documents": 1,
    }
    # without rates, what is not in EUR stays in its own currency
    before = rows(desk.settings, "spend", "--currency", "EUR", "--json")
    assert {r["currency"] for r in before} == {"EUR", "GBP", "USD"}

    ecb = tmp_path / "eurofxref-hist.csv"
    ecb.write_bytes(ecb_csv(desk.today))
    out = run(desk.settings, "rates", "import", str(ecb))
    assert "ecb layout" in out
    after = rows(desk.settings, "spend", "--currency", "EUR", "--json")
    assert {r["currency"] for r in after} == {"EUR"}
    want = Decimal(0)
    for currency, total in totals.values():
        rate = {"EUR": Decimal(1), "GBP": Decimal("0.85"), "USD": Decimal("1.08")}[currency]
        want += (total / rate).quantize(Decimal("0.01"))
    assert sum(Decimal(r["total"]) for r in after) == want
    assert sum(r["documents"] for r in after) == len(totals)
    months = rows(desk.settings, "spend", "--by", "month", "--currency", "EUR", "--json")
    assert [r["key"] for r in months] == sorted(r["key"] for r in months)
    assert sum(Decimal(r["total"]) for r in months) == want
    products = rows(desk.settings, "spend", "--by", "product", "--json")
    level = [r for r in products if r["key"] == "TL-1030"]
    assert {(r["currency"], r["total"]) for r in level} == {("EUR", "340.00"), ("GBP", "200.00")}
    since = (desk.today - dt.timedelta(days=12)).isoformat()
    assert {r["key"] for r in rows(desk.settings, "spend", "--since", since, "--json")} == {
        "Northern Supply Ltd"
    }


def test_amount_terms_take_a_currency_and_convert(desk: Desk, tmp_path: Path) -> None:
    plain = tmp_path / "rates.csv"
    plain.write_text(
        "date,currency,rate\n"
        + "".join(
            f"{(desk.today - dt.timedelta(days=n)).isoformat()},USD,1.08\n"
            f"{(desk.today - dt.timedelta(days=n)).isoformat()},GBP,0.85\n"
            for n in range(0, 120)
        )
    )
    run(desk.settings, "rates", "import", str(plain))
    totals = invoice_totals(desk)
    in_eur = {
        n: (t / {"EUR": Decimal(1), "GBP": Decimal("0.85"), "USD": Decimal("1.08")}[c]).quantize(
            Decimal("0.01")
        )
        for n, (c, t) in totals.items()
    }
    limit = Decimal(250)
    want = {n for n, v in in_eur.items() if v > limit}
    got = {n for n in _search(desk, f"type:invoice amount:>{limit} EUR")}
    assert got == want and want != {n for n, (_, t) in totals.items() if t > limit}
    gbp = {n for n, (c, t) in totals.items() if c == "GBP" and t > 100}
    assert {n for n in _search(desk, 'type:invoice amount:">100 GBP"')} >= gbp


def test_a_bad_rates_file_is_refused(desk: Desk, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("when,what\n1,2\n")
    result = CliRunner().invoke(cli, ["rates", "import", str(bad)], obj=desk.settings)
    assert result.exit_code == 1 and "date,currency,rate" in result.output
    for junk in (b"\xff\xfe\x00binary", b"date,currency,rate\n" + b'"' + b"x" * 200_000, b""):
        bad.write_bytes(junk)
        result = CliRunner().invoke(cli, ["rates", "import", str(bad)], obj=desk.settings)
        assert result.exit_code == 1 and result.output.startswith("Error: the rates file")
    partly = tmp_path / "partly.csv"
    partly.write_text(
        "date,currency,rate\n2024-01-02,USD,1.1\nyesterday,USD,1\n2024-01-02,USD,-3\n"
    )
    result = CliRunner().invoke(cli, ["rates", "import", str(partly)], obj=desk.settings)
    assert result.exit_code == 1 and result.output.count("refused") == 2


# --- 5. the web: the home page is the status page ------------------------------------------


def _ids_in(page: str, attribute: str) -> list[int]:
    return [int(x) for x in re.findall(rf'{attribute}="(\d+)"', page)]


def test_the_home_page_says_what_needs_attention(desk: Desk, desk_app: Flask) -> None:
    client = desk_app.test_client()
    login(client)
    page = client.get("/").get_data(as_text=True)
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    overdue = [d for d in desk.world.docs if d.overdue]
    expiring = [d for d in desk.world.docs if d.expiring]
    notices = [c for c in desk.world.contracts if c.notice_by <= desk.today + dt.timedelta(30)]
    # held: the invoice 6.25 % over its order, and the one naming an order never filed
    assert counts == {
        "overdue": str(len(overdue)),
        "quotes": str(len(expiring)),
        "notices": str(len(notices)),
        "held": "2",
        "review": counts["review"],
    }
    for d in [*overdue, *expiring]:
        assert f'href="/documents/{desk.ids[d.number]}"' in page, d.number
    for number in ("RE-24-1001", "PT-44017"):
        assert f'href="/documents/{desk.ids[number]}"' in page, number
    for number in ("PO-7704", "PO-7706", "DV-3302", "PQ-9100"):  # not due, expired, ordered
        assert f'href="/documents/{desk.ids[number]}"' not in page, number
    assert 'href="/review' in page and 'href="/orders/open' in page
    with client.get("/static/intake.css") as r:
        css = r.get_data(as_text=True)
    assert "@media print" in css and "header.top" in css.split("@media print", 1)[1]


def test_the_open_orders_and_deadlines_pages(desk: Desk, desk_app: Flask) -> None:
    client = desk_app.test_client()
    login(client)
    page = client.get("/orders/open").get_data(as_text=True)
    want = {desk.ids[d.number] for d in desk.world.docs if d.open_order}
    assert set(_ids_in(page, "data-order")) == want
    page = client.get("/orders/open?overdue=1").get_data(as_text=True)
    assert set(_ids_in(page, "data-order")) == {
        desk.ids[d.number] for d in desk.world.docs if d.overdue
    }
    page = client.get("/deadlines").get_data(as_text=True)
    kinds = re.findall(r'data-kind="(\w+)"', page)
    assert sorted(kinds) == sorted(k for _, k, _ in expected_deadlines(desk, 30))
    page = client.get("/deadlines?days=70").get_data(as_text=True)
    assert len(re.findall(r'data-kind="', page)) == len(expected_deadlines(desk, 70))
    assert client.get("/deadlines?days=-5").status_code == 200
    page = client.get("/quotes/expiring").get_data(as_text=True)
    assert "Q-2402" in page and "QT-502" in page and "PQ-9100" not in page


def test_the_product_page_shows_cost_against_plan(desk: Desk, desk_app: Flask) -> None:
    from intake.filing.dossier import find_product

    with desk.ctx.db.session() as s:
        product_id = find_product(s, "TL-1030").id
    client = desk_app.test_client()
    login(client)
    page = client.get(f"/products/{product_id}").get_data(as_text=True)
    section = page.split('id="costs"', 1)[1]
    assert "+1.00 (+6.25 %)" in section and "+0.00 (+0.00 %)" in section
    for number in ("Q-2401", "PO-7701", "RE-24-1001", "QT-501", "PO-7705", "INV-88120"):
        assert f'href="/documents/{desk.ids[number]}"' in section, number


def test_the_lists_read_as_text_too(desk: Desk) -> None:
    """Without --json: one line a row, the count on stderr."""
    result = CliRunner().invoke(cli, ["orders", "open"], obj=desk.settings)
    assert result.exit_code == 0 and result.stdout.count("OVERDUE") == 3
    assert "6 open orders" in result.stderr
    out = run(desk.settings, "deadlines", "--days", "70")
    assert out.count("\n") == len(expected_deadlines(desk, 70))
    out = run(desk.settings, "products", "costs", "TL-1030")
    assert "+6.25 %" in out and "Northern Supply Ltd" in out
    out = run(desk.settings, "spend", "--by", "month")
    assert out.count("\n") >= 2
    bad = CliRunner().invoke(cli, ["spend", "--currency", "EURO"], obj=desk.settings)
    assert bad.exit_code == 2 and "three-letter" in bad.output
