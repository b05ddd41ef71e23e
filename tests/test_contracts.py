"""Contract dates (end, last day to give notice, renewals), products named in contracts,
``intake contracts upcoming`` and the contracts page, on contracts filed as real PDFs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from dateutil.relativedelta import relativedelta
from flask import Flask
from sqlalchemy import select

from intake.catalog_import import import_catalog
from intake.cli import cli
from intake.contracts import contract_dates, parse_period
from intake.db import ContractProduct, Document, Product
from intake.pipeline import Context
from tests.factory import make_contract
from tests.product_world import make_supply_contract
from tests.webtools import file_pdf, login

TODAY = dt.date(2025, 6, 1)


def contract(**fields: Any) -> Document:
    return Document(
        id=1,
        original_name="c.pdf",
        doc_type="contract",
        fields={k: {"value": v, "source": "text", "confidence": 0.8} for k, v in fields.items()},
    )


def test_periods_are_read_from_the_extracted_words() -> None:
    assert parse_period("2 years") == relativedelta(years=2)
    assert parse_period("successive 1 year") == relativedelta(years=1)
    assert parse_period("60 days") == relativedelta(days=60)
    assert parse_period("3 months") == relativedelta(months=3)
    assert parse_period("until terminated") is None and parse_period(None) is None


def test_the_end_and_the_last_day_to_give_notice() -> None:
    c = contract_dates(
        contract(effective_date="2024-09-01", term="1 year", notice_period="60 days"), TODAY
    )
    # It does not renew: it ends by itself, no notice is needed.
    assert (c.first_end, c.end_date, c.notice_by) == (dt.date(2025, 9, 1),) * 2 + (None,)
    assert c.in_force and not c.renews and "no notice is needed" in c.explanation
    # A printed expiration date wins over effective date + term.
    c = contract_dates(
        contract(effective_date="2024-09-01", term="1 year", expiration_date="2025-12-31"), TODAY
    )
    assert c.end_date == dt.date(2025, 12, 31)
    # Ended, and not renewing.
    c = contract_dates(contract(effective_date="2023-01-01", term="1 year"), TODAY)
    assert c.end_date == dt.date(2024, 1, 1) and not c.in_force


def test_a_renewing_contract_runs_on_in_renewal_periods() -> None:
    fields = {
        "effective_date": "2022-03-01",
        "term": "2 years",
        "renewal_term": "successive 1 year",
    }
    c = contract_dates(contract(**fields, notice_period="30 days"), TODAY)
    assert c.renews and c.in_force and c.first_end == dt.date(2024, 3, 1)
    assert (c.end_date, c.notice_by) == (dt.date(2026, 3, 1), dt.date(2026, 1, 30))
    # Past this term's notice date: the next term's is the one that counts.
    c = contract_dates(contract(**fields, notice_period="10 months"), TODAY)
    assert (c.end_date, c.notice_by) == (dt.date(2027, 3, 1), dt.date(2026, 5, 1))
    assert "too late" in c.explanation


def _file_contracts(ctx: Context, tmp_path: Path) -> dict[str, int]:
    today = dt.date.today()
    with ctx.db.session() as s:
        import_catalog(
            s,
            b"sku,name,aliases\nTL-1001,Cordless drill 18V,BR-7007T\nCH-5001,Wood glue 750 ml,\n"
            b"SF-2001,Safety goggles clear,\n",
            user="ed",
        )
    renewing = make_supply_contract(
        tmp_path / "supply.pdf",
        parties=("Acme Tools GmbH", "Northwind Traders Ltd"),
        effective=today - relativedelta(years=1) + dt.timedelta(days=80),
        term="one (1) year",
        renewal="one (1) year",
        notice="thirty (30) days'",
        products=["BR-7007T battery drill", "Wood glue 750 ml", "Workbench, oak"],
    )
    ending = make_supply_contract(
        tmp_path / "ending.pdf",
        parties=("Bricoleur Pro SARL", "Northwind Traders Ltd"),
        effective=today - relativedelta(years=1) + dt.timedelta(days=20),
        term="one (1) year",
        renewal=None,
        notice="ten (10) days'",
        products=["TL 1001"],
    )
    later = make_contract(
        tmp_path / "msa.pdf",
        {
            "parties": ["Cloud Co Inc", "Northwind Traders Ltd"],
            "agreement_date": today.isoformat(),
            "effective_date": today.isoformat(),
            "term": "2 years",
            "governing_law": "Delaware",
        },
    )
    return {p.stem: file_pdf(ctx, p, folder="contracts") for p in (renewing, ending, later)}


def test_contracts_link_to_the_products_they_name(ctx: Context, tmp_path: Path) -> None:
    ids = _file_contracts(ctx, tmp_path)
    with ctx.db.session() as s:
        named = s.execute(
            select(ContractProduct.document_id, Product.sku, ContractProduct.method)
            .join(Product, Product.id == ContractProduct.product_id)
            .order_by(ContractProduct.document_id, Product.sku)
        ).all()
    assert [tuple(r) for r in named] == [
        (ids["supply"], "CH-5001", "name"),
        (ids["supply"], "TL-1001", "alias"),
        (ids["ending"], "TL-1001", "sku"),
    ]


def test_upcoming_lists_what_needs_action(ctx: Context, tmp_path: Path) -> None:
    ids = _file_contracts(ctx, tmp_path)
    today = dt.date.today()
    result = CliRunner().invoke(
        cli, ["contracts", "upcoming", "--days", "90", "--json"], obj=ctx.settings
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["action"], r["date"]) for r in rows] == [
        (ids["ending"], "ends", (today + dt.timedelta(days=20)).isoformat()),
        (ids["supply"], "give notice", (today + dt.timedelta(days=50)).isoformat()),
    ]
    assert rows[1]["renews"] and rows[1]["notice_period"] == "30 days"
    result = CliRunner().invoke(cli, ["contracts", "upcoming", "--days", "30"], obj=ctx.settings)
    assert "ends" in result.output and "give notice" not in result.output
    listed = CliRunner().invoke(cli, ["contracts", "list"], obj=ctx.settings).output
    assert listed.count("in force") == 3


def test_the_contracts_page_and_the_contract_section(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    ids = _file_contracts(ctx, tmp_path)
    client = app.test_client()
    login(client)
    page = client.get("/contracts").get_data(as_text=True)
    assert "give notice" in page and "Acme Tools GmbH" in page and "Cloud Co Inc" in page
    doc = client.get(f"/documents/{ids['supply']}").get_data(as_text=True)
    assert "Contract dates" in doc and "last day to give notice" in doc
    assert "CH-5001 · Wood glue 750 ml" in doc and "/products/" in doc
