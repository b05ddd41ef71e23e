"""Search: queries split into SQL conditions and full text, date words, facets, sorting,
paging, and bad queries that get a message instead of an error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from intake.db.models import Document
from intake.errors import QueryError
from intake.index.store import SearchIndex
from intake.ingest.stages import Context
from intake.search.dates import parse_amount_range, parse_date_range
from intake.search.engine import SearchPage, SearchRequest, run_search
from intake.search.query import parse_query, tokenize
from tests.factory import make_pdf, sample_invoice
from tests.webtools import file_pdf, login

TODAY = dt.date(2024, 4, 10)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-03-14", "2024-03-14", "2024-03-14"),
        ("last month", "2024-03-01", "2024-03-31"),
        ("this month", "2024-04-01", "2024-04-30"),
        ("last_month", "2024-03-01", "2024-03-31"),
        ("today", "2024-04-10", "2024-04-10"),
        ("yesterday", "2024-04-09", "2024-04-09"),
        ("this week", "2024-04-08", "2024-04-14"),
        ("last week", "2024-04-01", "2024-04-07"),
        ("last quarter", "2024-01-01", "2024-03-31"),
        ("this year", "2024-01-01", "2024-12-31"),
        ("last year", "2023-01-01", "2023-12-31"),
        ("last 30 days", "2024-03-12", "2024-04-10"),
        ("march", "2024-03-01", "2024-03-31"),
        ("december", "2023-12-01", "2023-12-31"),
        ("Feb 2023", "2023-02-01", "2023-02-28"),
        ("2024-Q2", "2024-04-01", "2024-06-30"),
        ("[2024-01-15 to 2024-02]", "2024-01-15", "2024-02-29"),
        ("[last year TO this month]", "2023-01-01", "2024-04-30"),
    ],
)
def test_date_values_become_inclusive_ranges(text: str, first: str, last: str) -> None:
    assert parse_date_range(text, TODAY) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )


def test_open_date_ranges_and_comparisons() -> None:
    assert parse_date_range("[2024-03 to]", TODAY) == (dt.date(2024, 3, 1), None)
    assert parse_date_range("[to 2023]", TODAY) == (None, dt.date(2023, 12, 31))
    assert parse_date_range(">2024-03", TODAY) == (dt.date(2024, 4, 1), None)
    assert parse_date_range("<=2024-03", TODAY) == (None, dt.date(2024, 3, 31))


@pytest.mark.parametrize("bad", ["soon", "2024-13", "[2024-05 to 2024-01]", "32.13.2024", "last"])
def test_bad_dates_are_explained(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_date_range(bad, TODAY)


def test_amounts() -> None:
    cent = Decimal("0.01")
    assert parse_amount_range(">1000") == (Decimal(1000) + cent, None)
    assert parse_amount_range(">=1,000.50") == (Decimal("1000.50"), None)
    assert parse_amount_range("[100 to 500]") == (Decimal(100), Decimal(500))
    assert parse_amount_range("99,50") == (Decimal("99.50"), Decimal("99.50"))
    for bad in ["abc", "1e400", "[9 to 1]", "NaN"]:
        with pytest.raises(QueryError):
            parse_amount_range(bad)


def test_tokenizer_keeps_phrases_ranges_and_groups_whole() -> None:
    assert tokenize('drill "safety goggles" date:[2024-01 to 2024-03] (a OR b) x') == [
        "drill",
        '"safety goggles"',
        "date:[2024-01 to 2024-03]",
        "(a OR b)",
        "x",
    ]
    assert tokenize('"open') == ['"open']


def test_structured_terms_go_to_sql_and_words_to_the_index() -> None:
    parsed = parse_query('type:invoice drill date:"last month" amount:>1000', TODAY)
    assert parsed.text == "drill"
    assert [c.describe() for c in parsed.conditions] == [
        "type is invoice",
        "date from 2024-03-01 to 2024-03-31",
        "amount from 1000.01",
    ]
    # Unquoted relative dates take their words along.
    parsed = parse_query("date:last month goggles", TODAY)
    assert parsed.text == "goggles" and parsed.conditions[0].low == dt.date(2024, 3, 1)
    # NOT turns a condition round; dangling operators disappear.
    parsed = parse_query("drill AND NOT type:invoice", TODAY)
    assert parsed.text == "drill" and parsed.conditions[0].negated
    assert parse_query("type:quote", TODAY).conditions[0].values == ("estimate",)


def test_a_top_level_or_keeps_the_query_for_the_index_with_dates_made_absolute() -> None:
    parsed = parse_query('drill OR date:"last month"', TODAY)
    assert parsed.conditions == ()
    assert parsed.text == "drill OR issue_date:[2024-03-01 to 2024-03-31]"


def test_bad_values_give_a_message() -> None:
    assert "not a document type" in (parse_query("type:banana", TODAY).error or "")
    assert "not an amount" in (parse_query("amount:>lots", TODAY).error or "")
    assert "not a date" in (parse_query("date:someday", TODAY).error or "")


# --- the service on real filed documents ------------------------------------------------


@pytest.fixture
def corpus(ctx: Context, tmp_path: Path) -> dict[str, int]:
    docs = {
        "acme": sample_invoice(),
        "globex": sample_invoice(
            number="77-5501",
            vendor="Globex Supplies Ltd",
            issue_date="2023-11-20",
            due_date="2023-12-20",
            subtotal="82.50",
            tax="16.50",
            total="99.00",
        ),
        "po": sample_invoice(
            doc_type="purchase_order",
            number="PO-4410",
            vendor="Acme Tools GmbH",
            issue_date="2024-03-22",
            due_date=None,
            total="1250.00",
        ),
    }
    return {key: file_pdf(ctx, make_pdf(tmp_path / f"{key}.pdf", doc)) for key, doc in docs.items()}


def search(ctx: Context, q: str = "", **kw: Any) -> SearchPage:
    with ctx.db.session() as s:
        index = SearchIndex(ctx.settings.index_dir)
        return run_search(s, index, SearchRequest(q=q, **kw), today=TODAY)


def ids(page: SearchPage) -> list[int]:
    return [r.id for r in page.rows]


def test_facets_count_the_matching_documents(ctx: Context, corpus: dict[str, int]) -> None:
    page = search(ctx)
    facets = {f.name: {v.key: v.count for v in f.values} for f in page.facets}
    assert facets["type"] == {"invoice": 2, "purchase_order": 1}
    assert facets["year"] == {"2024": 2, "2023": 1}
    assert sorted(facets["vendor"].values()) == [1, 2]
    # Selecting a facet value narrows the results and the other counts.
    page = search(ctx, facets={"type": "invoice", "year": "2024"})
    assert ids(page) == [corpus["acme"]]


def test_conditions_and_text_combine(ctx: Context, corpus: dict[str, int]) -> None:
    assert set(ids(search(ctx, "drill"))) == set(corpus.values())
    assert ids(search(ctx, "drill type:invoice date:2023")) == [corpus["globex"]]
    assert ids(search(ctx, "amount:>1000")) == [corpus["po"]]
    assert set(ids(search(ctx, 'date:"last month"'))) == {corpus["acme"], corpus["po"]}
    assert set(ids(search(ctx, "NOT type:invoice"))) == {corpus["po"]}
    assert ids(search(ctx, "globex OR PO-4410", sort="date")) == [corpus["po"], corpus["globex"]]
    assert ids(search(ctx, "number:4410")) == [corpus["po"]]


def test_sorting_and_paging(ctx: Context, corpus: dict[str, int]) -> None:
    by_amount = ids(search(ctx, sort="amount"))
    assert by_amount == [corpus["po"], corpus["acme"], corpus["globex"]]
    assert ids(search(ctx, sort="amount", order="asc")) == by_amount[::-1]
    assert ids(search(ctx, sort="date")) == [corpus["po"], corpus["acme"], corpus["globex"]]
    first = search(ctx, sort="amount", per_page=2)
    second = search(ctx, sort="amount", per_page=2, page=2)
    assert first.pages == 2 and ids(first) + ids(second) == by_amount
    assert ids(search(ctx, sort="amount", per_page=2, page=99)) == []


def test_hits_carry_highlighted_snippets(ctx: Context, corpus: dict[str, int]) -> None:
    page = search(ctx, "goggles")
    marked = [t for row in page.rows for t, hit in row.snippet if hit]
    assert marked and all(t.lower() == "goggles" for t in marked)


# --- never a 500 -----------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        '"',
        "(",
        ")",
        "[",
        "]",
        "{",
        ":",
        "*",
        "?",
        "~",
        "^",
        "AND",
        "OR",
        "NOT",
        "TO",
        "to",
        "date:",
        "amount:",
        "type:",
        "vendor:",
        "number:",
        "due:",
        "year:",
        "http:",
        "<",
        ">",
        ">=",
        "last",
        "month",
        "2024",
        "-",
        "\\",
        "'",
        "\x00",
        "é",
        "<script>",
        "%",
        "&",
        "drill",
    ]
)


def test_search_never_fails_on_odd_queries(app: Flask, corpus: dict[str, int]) -> None:
    client = app.test_client()
    login(client)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.one_of(
            st.text(max_size=80),
            st.lists(FRAGMENTS, max_size=12).map(" ".join),
            st.lists(FRAGMENTS, max_size=12).map("".join),
        )
    )
    @example(':amount:""')  # values Whoosh checks only when matching
    @example(':due:""')
    def check(q: str) -> None:
        for url in ("/search", "/api/search"):
            r = client.get(url, query_string={"q": q, "sort": "date", "page": "2"})
            assert r.status_code in (200, 400), (url, q, r.status_code)

    check()
    r = client.get("/search", query_string={"q": "x" * 600})
    assert r.status_code == 200 and "longer than" in r.get_data(as_text=True)


def test_many_matched_ids_select_the_same_documents(ctx: Context, corpus: dict[str, int]) -> None:
    from sqlalchemy import func, select

    from intake.db.models import Document
    from intake.search.ids import MANY_IDS, id_in

    few = [corpus["acme"], corpus["po"]]
    many = few + list(range(100_000, 100_000 + MANY_IDS))
    with ctx.db.session() as s:
        for ids in (few, many):
            stmt = select(Document.doc_type, func.count(Document.id)).where(id_in(s, ids))
            assert s.execute(stmt.group_by(Document.doc_type)).all() == [
                ("invoice", 1),
                ("purchase_order", 1),
            ]


def test_product_and_sku_terms_find_the_documents_linked_to_a_product(
    ctx: Context, tmp_path: Path
) -> None:
    from intake.filing.catalog import create_product

    with ctx.db.session() as s:
        create_product(s, {"sku": "AT-100", "name": "Makita Powerhouse"}, user="t")
    linked = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    other = sample_invoice(number="OT-1", vendor="Globex Supplies Ltd")
    other["line_items"] = other["line_items"][1:]  # no AT-100
    unlinked = file_pdf(ctx, make_pdf(tmp_path / "b.pdf", other))
    assert ids(search(ctx, "product:powerhouse")) == [linked]  # the catalog's name for it
    assert ids(search(ctx, "sku:AT-100")) == [linked]
    assert set(ids(search(ctx, "product:drill"))) == {linked, unlinked}  # line descriptions


@pytest.mark.parametrize(
    "q",
    [
        "number:INV-2024/118",
        "number:INV-2024/0118",  # leading zeros of a run of digits do not count
        'number:"inv 2024 118"',  # nor separators and case
        "no:inv2024118",
        "num:INV.2024.00118",
    ],
)
def test_number_search_compares_numbers_as_duplicate_detection_does(
    ctx: Context, corpus: dict[str, int], q: str
) -> None:
    assert ids(search(ctx, q)) == [corpus["acme"]]
    assert sorted(ids(search(ctx, f"NOT {q}"))) == sorted([corpus["globex"], corpus["po"]])


def test_number_search_in_an_or_query_keys_numbers_the_same_way(
    ctx: Context, corpus: dict[str, int]
) -> None:
    """A top-level OR sends the whole query to the index, whose number field is keyed by
    the same normaliser."""
    page = search(ctx, "number:INV-2024/00118 OR number:77-05501")
    assert sorted(ids(page)) == sorted([corpus["acme"], corpus["globex"]])
    assert ids(search(ctx, "number:INV-2024/119")) == []


def test_numbers_are_stored_with_their_keys(ctx: Context, corpus: dict[str, int]) -> None:
    with ctx.db.session() as s:
        doc = s.get(Document, corpus["po"])
        assert doc is not None
        assert (doc.number, doc.number_key) == ("PO-4410", "po4410")
        doc.number = "PO 004410"  # a correction keeps the key in step
        s.flush()
        assert doc.number_key == "po4410"


def test_phrases_are_found_after_a_correction_in_web_api_and_cli(
    app: Flask, ctx: Context, corpus: dict[str, int]
) -> None:
    from click.testing import CliRunner

    from intake.cli import cli
    from intake.documents.corrections.fields import correct_fields

    index = SearchIndex(ctx.settings.index_dir)
    index.rebuild(ctx.db)  # one segment: the correction leaves a deletion in it
    with ctx.db.session() as s:
        correct_fields(s, corpus["globex"], {"vendor": "Cobalt Interiors"}, user="ed")
    index.sync(ctx.db)
    client = app.test_client()
    login(client)
    r = client.get("/api/search", query_string={"q": 'vendor:"cobalt interiors"'})
    assert r.status_code == 200, r.get_json()
    assert [h["id"] for h in r.get_json()["hits"]] == [corpus["globex"]]
    r = client.get("/api/search", query_string={"q": 'x OR vendor:"cobalt interiors"'})
    assert [h["id"] for h in r.get_json()["hits"]] == [corpus["globex"]]
    r = client.get("/search", query_string={"q": '"safety goggles"'})
    assert r.status_code == 200
    assert "could not" not in r.get_data(as_text=True)
    result = CliRunner().invoke(cli, ["search", '"cordless drill"'], obj=ctx.settings)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("q", ["drill OR total:[a to b]", "(drill OR amount:>x)", ':amount:""'])
def test_a_query_whoosh_cannot_use_gets_a_message_without_internals(
    app: Flask, corpus: dict[str, int], q: str
) -> None:
    client = app.test_client()
    login(client)
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code == 400
    error = r.get_json()["error"]
    for internal in ("class", "decimal", "Conversion", "out of range", "'", "object"):
        assert internal not in error, error
