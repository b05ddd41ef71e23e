"""Searching with words is answered from the index's arrays: the same documents, scores and
order as Whoosh's own search, the same conditions, counts and order as the database gives,
across several segments, deletions and documents indexed after the first search."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import delete, extract, func, select

from benchmarks.web import Corpus, generate
from intake.db.engine import Database
from intake.db.models import Document, LineItem, Product
from intake.index.store import SearchIndex
from intake.search.engine import SearchPage, SearchRequest, _order, run_search, sql_condition
from intake.search.facets import ProductFacet
from intake.search.query import parse_query
from intake.settings import Settings

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(seed=3)


@pytest.fixture
def index(settings: Settings, db: Database, corpus: Corpus) -> SearchIndex:
    """400 generated documents indexed in four commits (so four segments at least)."""
    index = SearchIndex(settings.index_dir)
    for stop in (100, 200, 300, 400):
        generate(db, corpus, stop - 100, stop)
        index.sync(db, batch=100)
    return index


def search(db: Database, index: SearchIndex, q: str, **kw: Any) -> SearchPage:
    with db.session() as s:
        return run_search(s, index, SearchRequest(q=q, **kw), today=TODAY)


def whoosh_hits(index: SearchIndex, text: str) -> list[tuple[int, float]]:
    results = index.search(text, pagelen=10_000)
    assert results.error is None, results.error
    return [(h.id, h.score) for h in results.hits]


def texts(corpus: Corpus) -> list[str]:
    common, mid = corpus.vocab[0], corpus.vocab[40]
    vendor = corpus.vendors[3].split()[0]
    return [
        common,
        mid,
        f"{common} {mid}",
        f"{mid} OR {corpus.vocab[41]}",
        f"{mid} OR ({common} {corpus.vocab[41]})",
        f"{mid} OR ({common} NOT {corpus.vocab[41]})",
        f"{common} NOT {mid}",
        f"NOT {mid}",
        f"vendor:{vendor}",
        f'"{common} {corpus.vocab[1]}"',
        f"{mid[:3]}*",
        f"{mid}^2 {common}",
        "number:000123",
        "scan_000042.pdf",
    ]


def test_matches_are_whooshs_documents_scores_and_order(
    db: Database, index: SearchIndex, corpus: Corpus
) -> None:
    with db.session() as s:
        content = s.scalar(select(Document.content).where(Document.id == 7)) or ""
    words = content.split()[-12:]
    near = f'"{words[6]} {words[7]}"'
    phrases = [
        f'"{" ".join(words[2:5])}"',
        near,
        f'"{words[7]} {words[6]}"',
        f'{near} OR "{words[2]} {words[3]}"',
        f"{near} {corpus.vocab[0]}",
        f"{corpus.vocab[0]} NOT {near}",
    ]
    for text in [*texts(corpus), *phrases]:
        expected = whoosh_hits(index, text)
        m = index.match(text)
        got = dict(zip(m.ids.tolist(), m.scores.tolist(), strict=True))
        assert set(got) == {i for i, _ in expected}, text
        # Asked again (postings and phrases now kept in memory): the same answer.
        assert index.match(text).ids.tolist() == m.ids.tolist(), text
        if text.endswith("*"):
            continue  # a prefix scores each document the same (Whoosh's constant score)
        for doc_id, score in expected:
            assert got[doc_id] == pytest.approx(score, rel=1e-9), (text, doc_id)
        page = search(db, index, text, per_page=200)
        ranked = [r.id for r in page.rows]
        assert len(ranked) == min(200, len(expected)), text
        # The same order, where the scores differ by more than rounding.
        top = expected[: len(ranked) - 1]
        for (a, sa), (b, sb) in zip(top, top[1:], strict=False):
            if sa - sb > 1e-9:
                assert ranked.index(a) < ranked.index(b), text


def sql_expected(
    db: Database, index: SearchIndex, req: SearchRequest
) -> tuple[int, dict[str, dict[str, int]], list[int]]:
    """Total, facet counts and the page's ids as the database answers them over the ids
    Whoosh matched."""
    parsed = parse_query(req.q, TODAY)
    matched = [i for i, _ in whoosh_hits(index, parsed.text)]
    where = [Document.id.in_(matched), *(sql_condition(c) for c in parsed.conditions)]
    with db.session() as s:
        rows = s.execute(
            select(Document.id, Document.doc_type, Document.vendor_id, Document.issue_date).where(
                *where
            )
        ).all()
        order = list(
            s.scalars(
                select(Document.id)
                .where(*where)
                .order_by(*_order(req.sort, req.order))
                .limit(req.per_page)
            )
        )
    facets = {
        "type": dict(Counter(t or "" for _, t, _, _ in rows)),
        "vendor": dict(Counter(str(v) for _, _, v, _ in rows if v is not None)),
        "year": dict(Counter(str(d.year) for _, _, _, d in rows if d is not None)),
    }
    return len(rows), facets, order


def test_a_small_posting_cache_gives_the_same_answers(
    settings: Settings, index: SearchIndex, corpus: Corpus
) -> None:
    small = SearchIndex(settings.index_dir, cached_postings=50)
    for text in texts(corpus):
        expected, got = index.match(text), small.match(text)
        assert got.ids.tolist() == expected.ids.tolist(), text
        assert got.scores.tolist() == pytest.approx(expected.scores.tolist(), rel=1e-12), text
        # Beyond its budget the cache keeps only the latest posting list.
        assert small._cache.posting_count <= 50 or len(small._cache._postings) == 1
    assert index._cache.posting_count > 50


def test_conditions_counts_and_order_agree_with_the_database(
    db: Database, index: SearchIndex, corpus: Corpus
) -> None:
    mid = corpus.vocab[30]
    requests = [
        SearchRequest(q=f"{mid} type:invoice", sort="date"),
        SearchRequest(q=f"{mid} NOT type:invoice", sort="amount", order="asc"),
        SearchRequest(q=f"{mid} date:[2022-03 to 2024-06]", sort="date", order="asc"),
        SearchRequest(q=f"{mid} amount:>1000", sort="amount"),
        SearchRequest(q=f"{mid} amount:[100 to 650.5] due:2023", sort="filed"),
        SearchRequest(q=f"{corpus.vocab[0]} year:2023", sort="date", per_page=50),
    ]
    for req in requests:
        total, facets, order = sql_expected(db, index, req)
        assert total > 0, req.q
        page = search(db, index, req.q, sort=req.sort, order=req.order, per_page=req.per_page)
        assert page.error is None
        assert page.total == total, req.q
        got = {f.name: {v.key: v.count for v in f.values} for f in page.facets}
        assert got["type"] == facets["type"], req.q
        assert got["year"] == facets["year"], req.q
        top = sorted(facets["vendor"].items(), key=lambda kv: (-kv[1], int(kv[0])))[:12]
        assert list(got["vendor"].items()) == top, req.q
        assert [r.id for r in page.rows] == order, req.q


def test_products_with_words_are_counted_and_kept_as_the_database_does(
    db: Database, index: SearchIndex, corpus: Corpus
) -> None:
    """The product facet and a selected product, for a query with words: counted and kept
    in SQL over the documents Whoosh matched."""
    with db.session() as s:
        parts = [Product(sku=f"P-{k}", name=f"Part {k}") for k in range(3)]
        s.add_all(parts)
        s.flush()
        for line in s.scalars(select(LineItem).where(LineItem.document_id % 3 != 0)):
            line.product_id = parts[(line.document_id + line.position) % 3].id
        s.commit()
        part = parts[0].id
    word = corpus.vocab[30]
    matched = [i for i, _ in whoosh_hits(index, word)]
    with db.session() as s:
        pairs = set(
            s.execute(
                select(LineItem.document_id, LineItem.product_id).where(
                    LineItem.document_id.in_(matched), LineItem.product_id.is_not(None)
                )
            ).all()
        )
    expected = Counter(str(p) for _, p in pairs)
    with_part = {d for d, p in pairs if p == part}
    page = search(db, index, word)
    got = {v.key: v.count for f in page.facets if f.name == "product" for v in f.values}
    assert got == dict(expected) and len(got) == 3
    # Counted from the linked lines, as for many matches, the counts are the same.
    counted_here = ProductFacet()
    counted_here.few = 0
    with db.session() as s:
        for selected in (None, str(part)):
            assert counted_here.tally(s, index.match(word), selected) == ProductFacet().tally(
                s, index.match(word), selected
            )
    picked = search(db, index, word, facets={"product": str(part)}, per_page=200)
    assert picked.total == len(with_part) > 0
    assert {r.id for r in picked.rows} == with_part
    both = search(db, index, f"{word} type:invoice", facets={"product": str(part)})
    with db.session() as s:
        invoices = set(
            s.scalars(
                select(Document.id).where(
                    Document.id.in_(with_part), Document.doc_type == "invoice"
                )
            )
        )
    assert both.total == len(invoices) > 0
    nothing = search(db, index, f"{word} NOT {word}", facets={"product": str(part)})
    assert nothing.total == 0 and nothing.error is None


def test_a_selected_vendor_outside_the_top_is_counted(
    db: Database, index: SearchIndex, corpus: Corpus
) -> None:
    word = corpus.vocab[0]
    page = search(db, index, word)
    shown = {v.key for f in page.facets if f.name == "vendor" for v in f.values}
    with db.session() as s:
        counts = dict(
            s.execute(select(Document.vendor_id, func.count()).group_by(Document.vendor_id)).all()
        )
    rare = next(
        str(v) for v, n in sorted(counts.items(), key=lambda kv: kv[1]) if str(v) not in shown
    )
    picked = search(db, index, word, facets={"vendor": rare})
    vendor = next(f for f in picked.facets if f.name == "vendor")
    assert [(v.key, v.selected) for v in vendor.values if v.selected] == [(rare, True)]
    assert picked.total == sum(v.count for v in vendor.values if v.selected) > 0


def test_documents_indexed_or_deleted_after_a_search_are_seen(
    db: Database, index: SearchIndex, corpus: Corpus, settings: Settings
) -> None:
    word = corpus.vocab[0]
    before = search(db, index, word).total
    assert before > 0
    generate(db, corpus, 400, 450)  # new documents: one more segment
    index.sync(db)
    after = search(db, index, word)
    assert after.total > before
    with db.session() as s:
        newest = s.scalar(select(func.max(Document.id)))
        count_2023 = s.scalar(
            select(func.count()).where(
                Document.id.in_(index.match(word).ids.tolist()),
                extract("year", Document.issue_date) == 2023,
            )
        )
    assert newest in index.match(word).ids.tolist()
    years = {v.key: v.count for f in after.facets if f.name == "year" for v in f.values}
    assert years.get("2023", 0) == count_2023
    # A document removed from the index is no longer matched or counted.
    gone = int(index.match(word).ids[0])
    index.delete(gone)
    assert gone not in index.match(word).ids.tolist()
    assert search(db, index, word).total == after.total - 1
    with db.session() as s:
        s.execute(delete(Document).where(Document.id == gone))
        s.commit()
    # A fresh index object (as after a restart) reads the same segments and deletions.
    again = SearchIndex(settings.index_dir)
    assert sorted(again.match(word).ids.tolist()) == sorted(index.match(word).ids.tolist())
