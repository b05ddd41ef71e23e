"""Line items to products: the normaliser, each matching step, the fuzzy score's guards,
and the matching memory learning from people through real filing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.db.models import Document, LineItem
from intake.db.products import MatchMemoryEntry
from intake.documents.corrections.lines import correct_line
from intake.filing.catalog_import import import_catalog
from intake.filing.matching.catalog_index import CatalogIndex
from intake.filing.matching.line_links import catalog_index
from intake.filing.matching.steps import rematch
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from intake.keys import alias_key, code_key, number_key
from tests.factory import make_pdf, sample_invoice
from tests.webtools import file_pdf

CATALOG = [
    (1, "AT-100", "Cordless drill 18V"),
    (2, "AT-101", "Cordless drill 12V"),
    (3, "AT-220", "Drill bit set 25 pcs"),
    (4, "AT-221", "Drill bit set 10 pcs"),
    (5, "SF-10", "Safety goggles clear"),
    (6, "SF-11", "Safety goggles tinted"),
    (7, "HH-1", "Hard hat white"),
]
ALIASES = [(1, "BX-7781"), (1, "Akku-Bohrschrauber 18 V"), (5, "Schutzbrille klar")]

#: The matching memories Intake ships with (the composition\'s).
MEMORIES = Wiring.default().memories


@pytest.fixture
def index() -> CatalogIndex:
    return CatalogIndex.build(CATALOG, ALIASES)


def test_one_normaliser_for_names_codes_and_numbers() -> None:
    assert alias_key("  Drill-Bit  SET, 25 pcs. ") == "drill bit set 25 pcs"
    assert code_key("AT-100") == code_key("at 100") == code_key("AT100") == "at100"
    assert number_key("INV-2024/0118") == number_key("inv 2024 118") == "inv2024118"
    assert number_key("PO-77") != number_key("PO-770")


def test_exact_steps_record_how_the_line_was_matched(index: CatalogIndex) -> None:
    def by(code: str | None, description: str) -> tuple[int | None, str | None, float | None]:
        hit = index.match(code, description, 0.8)
        return hit.product_id, hit.method, hit.score

    assert by("AT 100", "anything") == (1, "sku", 1.0)
    assert by("bx7781", "Bohrmaschine") == (1, "alias", 1.0)  # a vendor's part number
    assert by(None, "AT-220 Drill bits") == (3, "sku", 1.0)  # the code in the text
    assert by(None, "Bits (at-221), ten") == (4, "sku", 1.0)
    assert by(None, "SCHUTZBRILLE, KLAR") == (5, "alias", 1.0)
    assert by(None, "cordless drill 18v") == (1, "name", 1.0)
    # The first word of the description read into the code cell: the code still counts.
    assert by("AT-220Bohrer", "Set 25 Stk") == (3, "sku", 1.0)
    assert by("AT-1001", "something")[0] is None  # digits running on make another code


def test_fuzzy_links_reworded_names_and_refuses_variants(index: CatalogIndex) -> None:
    hit = index.match(None, "ProLine cordless drill 18 V, with case", 0.8)
    assert (hit.product_id, hit.method) == (1, "fuzzy") and 0.8 <= (hit.score or 0) < 1
    hit = index.match(None, "Drill bit set, 25 pieces", 0.8)
    assert hit.product_id == 3
    # Numbers must agree: a 24 V drill is neither the 18 V nor the 12 V one.
    assert index.match(None, "Cordless drill 24V", 0.8).product_id is None
    # Another word in place of one of the name's: another variant, not a typo.
    assert index.match(None, "Hard hat red", 0.8).product_id is None
    hit = index.match(None, "Safety goggles", 0.8)  # clear or tinted? neither is taken
    assert hit.product_id is None and len(hit.candidates) == 2
    assert index.match(None, "Safety gogles clear", 0.8).product_id == 5  # a typo is fine
    assert index.match(None, "Delivery charge", 0.8).product_id is None


def _catalog(ctx: Context) -> None:
    csv = b"sku,name,unit,category,aliases\nAT-100,Cordless drill 18V,pc,Tools,\n"
    csv += b"AT-220,Drill bit set 25 pcs,set,Tools,\nSF-10,Safety goggles clear,pc,Safety,\n"
    with ctx.db.session() as s:
        import_catalog(s, csv, user="ed")


def _lines(ctx: Context, doc_id: int) -> list[tuple[str | None, str | None, float | None]]:
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        return [
            (ln.product.sku if ln.product else None, ln.match_method, ln.match_score)
            for ln in doc.lines
        ]


def test_filing_links_lines_and_the_memory_teaches_the_next_document(
    ctx: Context, tmp_path: Path
) -> None:
    _catalog(ctx)
    own_words = [
        {"code": "KX-55", "description": "Akkuschrauber Profi", "quantity": 2,
         "unit_price": "129.00", "amount": "258.00"},
        {"code": "AT-220", "description": "Bohrer-Set", "quantity": 5,
         "unit_price": "18.50", "amount": "92.50"},
        {"code": "", "description": "Fracht", "quantity": 1,
         "unit_price": "42.00", "amount": "42.00"},
    ]  # fmt: skip
    first = file_pdf(
        ctx,
        make_pdf(tmp_path / "a.pdf", sample_invoice(number="K-1", line_items=own_words)),
    )
    assert _lines(ctx, first) == [(None, None, None), ("AT-220", "sku", 1.0), (None, None, None)]
    with ctx.db.session() as s:
        ids = [
            ln.id
            for ln in s.scalars(
                select(LineItem).where(LineItem.document_id == first).order_by(LineItem.position)
            )
        ]
        correct_line(s, first, ids[0], {"product": "at-100"}, user="ed", memories=MEMORIES)
        correct_line(
            s, first, ids[2], {"product": "", "confirm": "1"}, user="ed", memories=MEMORIES
        )
    assert _lines(ctx, first)[0] == ("AT-100", "user", 1.0)
    assert _lines(ctx, first)[2] == (None, "not_product", 1.0)
    with ctx.db.session() as s:
        keys = {m.key for m in s.scalars(select(MatchMemoryEntry))}
    assert {"code:kx55", "desc:akkuschrauber profi", "desc:fracht"} <= keys

    # The same vendor's next invoice: its lines are matched from memory on their own.
    again = [dict(own_words[0], code="KX-55"), dict(own_words[2])]
    second = file_pdf(
        ctx,
        make_pdf(tmp_path / "b.pdf", sample_invoice(number="K-2", line_items=again), lang="de"),
    )
    assert _lines(ctx, second) == [("AT-100", "memory", 1.0), (None, "not_product", 1.0)]
    # Another vendor's "KX-55" means nothing.
    third = file_pdf(
        ctx,
        make_pdf(
            tmp_path / "c.pdf",
            sample_invoice(vendor="Other Parts Ltd", number="O-1", line_items=again),
        ),
    )
    assert _lines(ctx, third)[0] == (None, None, None)


def test_confirming_a_weak_link_makes_it_a_persons(ctx: Context, tmp_path: Path) -> None:
    _catalog(ctx)
    items = [{"code": "", "description": "ProLine cordless drill 18 V, boxed", "quantity": 1,
              "unit_price": "129.00", "amount": "129.00"}]  # fmt: skip
    doc = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice(line_items=items)))
    sku, method, score = _lines(ctx, doc)[0]
    assert (sku, method) == ("AT-100", "fuzzy") and score is not None and score < 1
    with ctx.db.session() as s:
        line = s.scalars(select(LineItem).where(LineItem.document_id == doc)).one()
        changed = correct_line(
            s, doc, line.id, {"product": "AT-100", "confirm": "1"}, user="ed", memories=MEMORIES
        )
        assert changed == ["product"]
        # Saving the line again with the same SKU and no confirmation changes nothing.
        assert (
            correct_line(s, doc, line.id, {"product": "AT-100"}, user="ed", memories=MEMORIES) == []
        )
    assert _lines(ctx, doc)[0] == ("AT-100", "user", 1.0)


def test_a_catalog_imported_later_links_filed_lines(ctx: Context, tmp_path: Path) -> None:
    doc = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    assert _lines(ctx, doc) == [(None, None, None)] * 3  # no catalog yet: nothing to review
    _catalog(ctx)
    with ctx.db.session() as s:
        assert rematch(s, ctx.settings, ctx.steps) == 1
    assert [sku for sku, _, _ in _lines(ctx, doc)] == ["AT-100", "AT-220", None]


def test_a_reimport_never_drops_or_changes_a_filed_link(ctx: Context, tmp_path: Path) -> None:
    _catalog(ctx)
    items = [{"code": "", "description": "ProLine cordless drill 18 V, boxed", "quantity": 1,
              "unit_price": "129.00", "amount": "129.00"}]  # fmt: skip
    doc = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice(line_items=items)))
    before = _lines(ctx, doc)
    assert before[0][:2] == ("AT-100", "fuzzy")
    with ctx.db.session() as s:
        import_catalog(s, b"sku,name\nAT-100,Akku-Bohrschrauber\n", user="ed")
        assert rematch(s, ctx.settings, ctx.steps, everything=True) == 1
    assert _lines(ctx, doc) == before


def test_the_catalog_index_is_rebuilt_when_the_catalog_changes(ctx: Context) -> None:
    _catalog(ctx)
    with ctx.db.session() as s:
        first = catalog_index(s)
        assert catalog_index(s) is first and len(first) == 3
        import_catalog(s, b"sku,name\nNEW-1,Hammer\n", user="ed")
        assert len(catalog_index(s)) == 4


class FailingStep:
    """A filing step that breaks (a bug in matching must not cost the file)."""

    def __call__(self, session: object, doc: object, settings: object) -> None:
        raise RuntimeError("boom")


def test_a_failing_matching_step_still_files_the_document(
    ctx: Context, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _catalog(ctx)
    failing = replace(ctx, filing_steps=(*ctx.steps, FailingStep()))
    doc = file_pdf(failing, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    assert "matching against products failed" in caplog.text
    assert _lines(ctx, doc) == [(None, None, None)] * 3  # the savepoint was rolled back
    with ctx.db.session() as s:
        assert rematch(s, ctx.settings, ctx.steps) == 1
    assert _lines(ctx, doc)[0] == ("AT-100", "sku", 1.0)


def test_the_memory_read_in_one_query_answers_as_line_by_line(ctx: Context) -> None:
    """recall_all + recall_from (one query per document) give what recall gives per line:
    the code before the description, the latest teaching, other vendors' kept apart."""
    from intake.db.models import Vendor
    from intake.filing.catalog import create_product
    from intake.filing.matching.memory import memory_keys, recall, recall_all, recall_from

    with ctx.db.session() as s:
        p1 = create_product(s, {"sku": "P-1", "name": "One"}, user="t")
        p2 = create_product(s, {"sku": "P-2", "name": "Two"}, user="t")
        acme, globex = Vendor(name="Acme", key="acme"), Vendor(name="Globex", key="globex")
        s.add_all([acme, globex])
        s.flush()
        code, desc = memory_keys("AB-1", "Blue widget")
        s.add_all(
            [
                MatchMemoryEntry(vendor_id=acme.id, key=desc, product_id=p1, user="t"),
                MatchMemoryEntry(vendor_id=acme.id, key=code, product_id=p1, user="t"),
                MatchMemoryEntry(vendor_id=acme.id, key=code, product_id=p2, user="t"),  # later
                MatchMemoryEntry(vendor_id=globex.id, key=desc, product_id=None, user="t"),
            ]
        )
        s.flush()
        lines = [("AB-1", "Blue widget"), (None, "Blue widget"), ("zz", "Red widget")]
        for vendor in (acme.id, globex.id, None):
            known = recall_all(s, vendor, lines)
            for c, d in lines:
                one, many = recall(s, vendor, c, d), recall_from(known, c, d)
                assert (one and (one.key, one.product_id)) == (many and (many.key, many.product_id))
        known = recall_all(s, acme.id, lines)
        assert recall_from(known, "AB-1", "Blue widget").product_id == p2  # type: ignore[union-attr]
        assert recall_from(known, None, "Blue widget").product_id == p1  # type: ignore[union-attr]
