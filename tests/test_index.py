"""The search index: derived from the database, numbers with or without separators,
rebuilt when broken."""

from __future__ import annotations

import errno
import gc
import multiprocessing
import warnings
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from whoosh.filedb.filestore import FileStorage

from intake.db.changes import latest_change
from intake.db.models import Document
from intake.index.store import SearchIndex, index_fields
from intake.ingest.ledger import claim_file
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context
from tests.factory import make_pdf, sample_invoice
from tests.webtools import login


def file_pdfs(ctx: Context, tmp_path: Path, docs: list[dict[str, object]]) -> list[int]:
    ids = []
    for i, doc in enumerate(docs):
        src = make_pdf(tmp_path / f"d{i}.pdf", doc)
        dest = ctx.settings.watch_dir / "inbox" / src.name
        dest.write_bytes(src.read_bytes())
        claim = claim_file(ctx.settings, ctx.db, dest)
        assert claim is not None
        outcome = process_claim(ctx, claim)
        assert outcome.document_id is not None
        ids.append(outcome.document_id)
    return ids


@pytest.fixture
def filed(ctx: Context, tmp_path: Path) -> list[int]:
    return file_pdfs(
        ctx,
        tmp_path,
        [
            sample_invoice(),
            sample_invoice(
                number="77-5501",
                vendor="Globex Supplies Ltd",
                issue_date="2023-11-02",
                due_date="2023-12-02",
                total="99.00",
                subtotal="82.50",
                tax="16.50",
            ),
        ],
    )


def hits(index: SearchIndex, query: str) -> list[int]:
    results = index.search(query)
    assert results.error is None, results.error
    return [h.id for h in results.hits]


def test_documents_are_found_by_number_with_or_without_separators(
    ctx: Context, filed: list[int]
) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    assert index.sync(ctx.db) == 2
    first, second = filed
    for query in ["INV-2024/118", "2024118", "inv2024118", "number:2024118", "775501", "77-5501"]:
        expected = [first] if "118" in query else [second]
        assert hits(index, query) == expected, query


def test_fielded_and_full_text_search(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    first, second = filed
    assert hits(index, "vendor:globex") == [second]
    assert sorted(hits(index, "type:invoice")) == sorted(filed)
    assert hits(index, "drill") == [first, second] or set(hits(index, "drill")) == set(filed)
    assert hits(index, "date:2023") == [second]
    assert hits(index, "amount:>100") == [first]


def test_bad_queries_give_a_message_not_an_exception(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    for query in ["(", '"open', "date:[a TO", "x" * 600, "http:", "*", "amount:>abc"]:
        results = index.search(query)
        assert results.error is None or isinstance(results.error, str)


def test_sync_is_incremental_and_remembers_where_it_is(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    assert index.sync(ctx.db) == 2
    assert index.sync(ctx.db) == 0
    with ctx.db.session() as s:
        assert (
            index.caught_up_to() == latest_change(s) == max(s.scalars(select(Document.change_seq)))
        )
    assert SearchIndex(ctx.settings.index_dir).sync(ctx.db) == 0  # kept on disk


def test_every_index_catches_up_by_itself_in_commit_order(
    ctx: Context, filed: list[int], tmp_path: Path
) -> None:
    """Two indexes (two machines serving search) on one database, neither shared: each
    takes the changes it has not seen, a change made by one transaction arrives as one."""
    here, there = SearchIndex(tmp_path / "here"), SearchIndex(tmp_path / "there")
    assert here.sync(ctx.db) == 2
    first, second = filed
    with ctx.db.session() as s:
        doc = s.get(Document, first)
        assert doc is not None
        doc.buyer = "Umbrella Corporation"
        doc.needs_index = True
    with ctx.db.session() as s:
        before = [s.get(Document, i).change_seq for i in filed]  # type: ignore[union-attr]
    assert before[0] > before[1]
    assert here.sync(ctx.db) == 1
    assert there.sync(ctx.db) == 2
    for index in (here, there):
        assert index.match_ids("buyer:umbrella") == [first]
        assert index.caught_up_to() == before[0]


def test_a_corrupt_index_is_rebuilt_from_the_database(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    for f in ctx.settings.index_dir.iterdir():  # truncate every file of the index
        f.write_bytes(b"")
    fresh = SearchIndex(ctx.settings.index_dir)
    fresh.sync(ctx.db)
    assert sorted(hits(fresh, "type:invoice")) == sorted(filed)


def test_an_index_written_by_an_older_schema_is_rebuilt(ctx: Context, filed: list[int]) -> None:
    from intake.index.schema import make_schema
    from intake.index.store import _storage

    old = make_schema()
    old["doc_type"].column_type = None  # schema 2 kept no columns for type, vendor, due date
    ctx.settings.index_dir.mkdir(parents=True, exist_ok=True)
    _storage(ctx.settings.index_dir).create_index(old)
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    assert sorted(index.match_ids("type:invoice")) == sorted(filed)
    assert list(ctx.settings.index_dir.parent.glob(f"{ctx.settings.index_dir.name}.broken-*"))


def test_rebuild_swaps_in_a_complete_index(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    assert index.rebuild(ctx.db) == 2
    assert index.ids() == set(filed)
    assert hits(index, "2024118") == [filed[0]]


def test_a_locked_index_does_not_block_and_catches_up(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    holder = index.open().writer()  # another writer holds the lock
    try:
        assert index.sync(ctx.db, timeout=0.1) == 0
    finally:
        holder.cancel()
    assert index.sync(ctx.db) == 2


def test_highlights_are_plain_segments(ctx: Context, filed: list[int]) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    with ctx.db.session() as s:
        contents = {d.id: d.content for d in s.scalars(select(Document))}
    results = index.search("goggles", texts=lambda ids: {i: contents[i] for i in ids})
    segments = results.hits[0].highlight
    assert ("goggles", True) in [(t.lower(), m) for t, m in segments]


def test_a_phrase_is_found_after_a_correction(ctx: Context, filed: list[int]) -> None:
    """A correction rewrites one document, leaving a deletion in its old segment; a phrase
    searched for the first time then reads positions through Whoosh's deletion filter."""
    from intake.documents.corrections.fields import correct_fields

    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    first, second = filed
    with ctx.db.session() as s:
        correct_fields(s, second, {"vendor": "Cobalt Interiors"}, user="ed")
    index.sync(ctx.db)
    assert sorted(index.match_ids('"cordless drill"')) == sorted(filed)
    assert index.match_ids('vendor:"cobalt interiors"') == [second]
    assert index.match_ids('"safety goggles" vendor:acme') == [first]
    assert index.match_ids('"goggles safety"') == []


class FaultyFields:
    """Makes index entries as the indexer does, but fails for one document."""

    def __init__(self, bad_id: int) -> None:
        self.bad_id = bad_id
        self.calls = 0

    def __call__(self, doc: Document) -> dict[str, Any]:
        if doc.id == self.bad_id:
            self.calls += 1
            raise RuntimeError("this document cannot be indexed")
        return index_fields(doc)


def test_a_document_that_cannot_be_indexed_is_recorded_and_not_retried(
    app: Flask, ctx: Context, filed: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    from intake.documents.corrections.fields import correct_fields

    first, second = filed
    fields = FaultyFields(second)
    index = SearchIndex(ctx.settings.index_dir, fields=fields)
    assert index.sync(ctx.db) == 1
    assert index.sync(ctx.db) == 0 and fields.calls == 1  # not tried again
    assert index.match_ids("drill") == [first]
    with ctx.db.session() as s:
        docs = {d.id: d for d in s.scalars(select(Document))}
        assert docs[second].index_error == "RuntimeError: this document cannot be indexed"
        assert docs[first].index_error is None
    logged = [r for r in caplog.records if f"[doc {second}]" in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # with its traceback
    client = app.test_client()
    login(client)
    page = client.get("/intake").get_data(as_text=True)
    assert "Not in the search index: 1 document" in page
    assert "this document cannot be indexed" in page
    status = client.get("/intake/status.json").get_json()
    assert status["index_failed"] == 1
    assert status["index_failures"][0]["document_id"] == second
    # Corrected, it is tried again; once indexed, its error is gone.
    with ctx.db.session() as s:
        correct_fields(s, second, {"vendor": "Globex Supplies Ltd."}, user="ed")
    assert SearchIndex(ctx.settings.index_dir).sync(ctx.db) == 1
    with ctx.db.session() as s:
        assert s.get(Document, second).index_error is None  # type: ignore[union-attr]
    assert "Not in the search index" not in client.get("/intake").get_data(as_text=True)


class FlakyStorage(FileStorage):
    """The index folder on a disk that fails for a while (an I/O error, a full disk)."""

    reads_fail = False
    writes_fail = False

    def open_file(self, name: str, **kwargs: Any) -> Any:
        if FlakyStorage.reads_fail:
            raise OSError(errno.EIO, "Input/output error", name)
        return super().open_file(name, **kwargs)

    def create_file(self, name: str, **kwargs: Any) -> Any:
        if FlakyStorage.writes_fail:
            raise OSError(errno.ENOSPC, "No space left on device", name)
        return super().create_file(name, **kwargs)


def test_a_failing_store_keeps_the_index_and_the_marks(
    ctx: Context, filed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from intake.documents.corrections.fields import correct_fields
    from intake.index.writing import IndexUnavailable

    first, second = filed
    plain = SearchIndex(ctx.settings.index_dir)
    plain.sync(ctx.db)
    seen = plain.caught_up_to()
    index = SearchIndex(
        ctx.settings.index_dir, storage=lambda p: FlakyStorage(str(p), supports_mmap=False)
    )
    monkeypatch.setattr(FlakyStorage, "reads_fail", True)
    with pytest.raises(IndexUnavailable):
        index.open()
    folders = ctx.settings.index_dir.parent.iterdir()
    assert sorted(p.name for p in folders if p.is_dir() and "index" in p.name) == [
        "index"
    ]  # not moved aside
    monkeypatch.setattr(FlakyStorage, "reads_fail", False)
    assert sorted(index.match_ids("drill")) == sorted(filed)
    with ctx.db.session() as s:
        correct_fields(s, second, {"vendor": "Cobalt Interiors"}, user="ed")
    monkeypatch.setattr(FlakyStorage, "writes_fail", True)
    with warnings.catch_warnings():
        # Whoosh leaves the temporary file of a failed write to the garbage collector.
        warnings.simplefilter("ignore", ResourceWarning)
        with pytest.raises(IndexUnavailable):
            index.sync(ctx.db)
        gc.collect()
    # nothing taken as indexed (the index has not caught up past the correction), and no
    # document is blamed for the store's failure
    assert SearchIndex(ctx.settings.index_dir).caught_up_to() == seen
    with ctx.db.session() as s:
        assert s.scalars(select(Document.index_error)).all() == [None, None]
    monkeypatch.setattr(FlakyStorage, "writes_fail", False)
    assert index.sync(ctx.db) == 1
    assert index.match_ids('vendor:"cobalt interiors"') == [second]


def _open_at_once(path: str, barrier: Any, errors: Any) -> None:
    barrier.wait()
    try:
        SearchIndex(Path(path)).open()
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        errors.put(repr(exc))


def test_services_opening_a_new_index_at_once_create_it_once(tmp_path: Path) -> None:
    """Services sharing a data folder start together: each opens the search index, and
    only one may create it (two creating it at once tear up each other's table of
    contents, and one of them fails)."""
    ctx = multiprocessing.get_context("fork")
    for round_ in range(6):
        path = tmp_path / f"index-{round_}"
        barrier, errors = ctx.Barrier(4), ctx.Queue()
        procs = [
            ctx.Process(target=_open_at_once, args=(str(path), barrier, errors)) for _ in range(4)
        ]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]
        assert errors.empty(), errors.get()
        with SearchIndex(path).open().searcher() as s:
            assert s.doc_count() == 0
