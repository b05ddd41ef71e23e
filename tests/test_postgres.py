"""Nothing assumes SQLite: the schema, the pipeline, search, export, the web app and
``intake verify`` on a real PostgreSQL server (a throwaway cluster, see tests/pg.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import queue
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import event, func, select

from intake.cli import cli
from intake.db.engine import MIGRATIONS, Database, open_database
from intake.db.models import Base, Document, IntakeFile, LedgerState, Vendor
from intake.db.persist import get_vendor
from intake.export.batches import ExportRequest, run_export
from intake.index.store import SearchIndex
from intake.ingest.stages import Context
from intake.ingest.verify import verify
from intake.search.engine import SearchRequest, run_search
from intake.search.ids import id_in
from intake.settings import Settings
from tests.export_fixtures import add_invoice, race_exports
from tests.factory import make_pdf, sample_invoice
from tests.live import drop as drop_file
from tests.live import start_intake, stop_intake, wait_for
from tests.test_pipeline import drop, take
from tests.webtools import file_pdf, login

pytestmark = pytest.mark.postgres


def env_of(settings: Settings) -> dict[str, str]:
    return {
        "INTAKE_DATABASE_URL": settings.database_url,
        "INTAKE_DATA_DIR": str(settings.data_dir),
        "INTAKE_WATCH_DIR": str(settings.watch_dir),
    }


def test_the_tests_really_run_on_postgresql(db: Database) -> None:
    assert db.engine.dialect.name == "postgresql"
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version()").scalar_one().startswith("PostgreSQL")


def test_migrations_build_exactly_the_schema_the_models_describe(db: Database) -> None:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with db.engine.connect() as conn:
        migration = MigrationContext.configure(conn)
        assert migration.get_current_revision() == head
        assert compare_metadata(migration, Base.metadata) == []
    db.upgrade()  # again: nothing to do, no error


def test_a_dropped_invoice_is_filed_its_copy_is_a_duplicate_and_junk_is_quarantined(
    ctx: Context, tmp_path: Path
) -> None:
    invoice = make_pdf(tmp_path / "invoice.pdf", sample_invoice())
    state, doc_id, _ = take(ctx, drop(ctx.settings, invoice, "invoices/ACME"))
    assert state == LedgerState.FILED and doc_id is not None
    again, dup_of, _ = take(ctx, drop(ctx.settings, invoice, "inbox", "copy.pdf"))
    assert (again, dup_of) == (LedgerState.DUPLICATE, doc_id)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
    bad, _, reason = take(ctx, drop(ctx.settings, broken))
    assert bad == LedgerState.QUARANTINED and reason
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None and doc.number == "INV-2024/118" and str(doc.total) == "471.00"
        assert doc.vendor is not None and doc.vendor.name == "Acme Tools GmbH"
        assert doc.fields["invoice_number"]["value"] == "INV-2024/118"  # JSON column
        assert doc.issue_date is not None and doc.issue_date.isoformat() == "2024-03-14"
        states = sorted(r.state for r in s.scalars(select(IntakeFile)))
    assert states == ["duplicate", "filed", "quarantined"]
    index = SearchIndex(ctx.settings.index_dir)
    index.sync(ctx.db)
    report = verify(ctx.settings, ctx.db, index=index)
    assert report.ok, report.problems


def test_search_and_reindex_work_from_the_database(ctx: Context, tmp_path: Path) -> None:
    first = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    second = file_pdf(
        ctx, make_pdf(tmp_path / "b.pdf", sample_invoice(number="Q-77", vendor="Bolt & Nut Ltd"))
    )
    index = SearchIndex(ctx.settings.index_dir)
    with ctx.db.session() as s:
        page = run_search(s, index, SearchRequest("2024118"), today=dt.date(2024, 4, 1))
        assert [r.id for r in page.rows] == [first]
        page = run_search(s, index, SearchRequest("vendor:bolt"), today=dt.date(2024, 4, 1))
        assert [r.id for r in page.rows] == [second]
    runner = CliRunner()
    result = runner.invoke(cli, ["reindex"], env=env_of(ctx.settings))
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["search", "Q-77", "--json"], env=env_of(ctx.settings))
    assert result.exit_code == 0, result.output
    assert f'"id": {second}' in result.output and f'"id": {first}' not in result.output
    result = runner.invoke(cli, ["verify"], env=env_of(ctx.settings))
    assert result.exit_code == 0, result.output


def test_many_ids_travel_in_one_parameter(ctx: Context) -> None:
    """PostgreSQL takes at most 65,535 parameters in one statement."""
    doc_id = add_invoice(ctx.db)
    ids = [*range(1_000_000, 1_070_000), doc_id]
    with ctx.db.session() as s:
        found = s.scalars(select(Document.id).where(id_in(s, ids))).all()
    assert found == [doc_id]


def test_an_export_sends_each_document_once(db: Database, settings: Settings) -> None:
    from intake.export.rules import set_rule

    ids = {add_invoice(db, number=f"E-{i}") for i in range(5)}
    set_rule(db, vendor="Acme Tools GmbH", user="test", account="5000", tax_code="20%")
    result = run_export(db, settings, ExportRequest("csv"), user="test")
    assert sorted(result.document_ids) == sorted(ids)
    rows = list(csv.DictReader(io.StringIO(result.content.decode("utf-8-sig"), newline="")))
    assert sorted(r["number"] for r in rows) == [f"E-{i}" for i in range(5)]
    assert run_export(db, settings, ExportRequest("csv"), user="test").document_ids == ()


def test_racing_exports_send_each_document_once(db: Database, settings: Settings) -> None:
    from intake.export.batches import ExportResult
    from intake.export.rules import set_rule

    for i in range(20):
        add_invoice(db, number=f"R-{i}")
    set_rule(db, vendor="Acme Tools GmbH", user="test", account="5000", tax_code="20%")
    results = race_exports(settings)
    exported = [i for r in results if isinstance(r, ExportResult) for i in r.document_ids]
    assert len(exported) == len(set(exported)) == 20


def test_two_workers_meeting_one_new_vendor_share_its_row(db: Database) -> None:
    """The second insert waits for the first transaction, fails on the unique key inside
    its savepoint, and takes the winner's row; the document's transaction goes on."""
    first_in = threading.Event()
    ids: dict[str, int] = {}

    def first() -> None:
        with db.session() as s:
            vendor = get_vendor(s, "Northwind Traders Ltd")
            assert vendor is not None
            s.flush()
            ids["first"] = vendor.id
            first_in.set()
            threading.Event().wait(0.5)  # the other worker inserts meanwhile, and waits

    def second() -> None:
        first_in.wait(10)
        with db.session() as s:
            vendor = get_vendor(s, "NORTHWIND TRADERS")
            assert vendor is not None
            ids["second"] = vendor.id

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert ids["first"] == ids["second"]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Vendor)) == 1


def test_a_commit_between_the_indexers_reads_is_indexed(ctx: Context) -> None:
    """PostgreSQL reads each statement at its own moment. A transaction that files a new
    document and changes one the indexer has just listed commits between the indexer's
    statements: the new document must still be indexed, not passed over because the
    changed one carried its number in."""
    first = add_invoice(ctx.db, number="R-1")
    index = SearchIndex(ctx.settings.index_dir)
    assert index.sync(ctx.db) == 1
    with ctx.db.session() as s:  # a change the indexer has yet to read
        doc = s.get(Document, first)
        assert doc is not None
        doc.buyer = "Globex Corporation"
    filed: list[int] = []
    armed = [True]

    def file_meanwhile(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        # After the statement that lists the changed documents, before any other.
        if not armed or not statement.startswith("SELECT documents.id"):
            return
        if "change_seq >" not in statement:
            return
        armed.clear()
        filed.append(add_invoice(ctx.db, number="R-2"))
        with ctx.db.session() as s:
            doc = s.get(Document, first)
            assert doc is not None
            doc.buyer = "Initech Ltd"

    event.listen(ctx.db.engine, "after_cursor_execute", file_meanwhile)
    try:
        index.sync(ctx.db)
    finally:
        event.remove(ctx.db.engine, "after_cursor_execute", file_meanwhile)
    assert filed and index.ids() == {first, filed[0]}
    report = verify(ctx.settings, ctx.db, index=index)  # rows without archived files
    assert [p for p in report.problems if p.startswith("index:")] == []


def test_the_web_app_logs_in_and_searches(app: Flask, ctx: Context, tmp_path: Path) -> None:
    doc_id = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    client = app.test_client()
    login(client)
    page = client.get("/search?q=2024118").get_data(as_text=True)
    assert f"/documents/{doc_id}" in page and "Acme Tools GmbH" in page
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "INV-2024/118" in page and "471.00" in page
    assert client.get("/").status_code == 200


# --- scaling out: two services, one database, the same drop folders ----------------------


@dataclass
class Service:
    proc: subprocess.Popen[str]
    lines: queue.Queue[str]  # consumed by wait_for
    transcript: list[str]  # all of it

    def log(self) -> str:
        return "".join(self.transcript)

    def stop(self) -> None:
        stop_intake(self.proc)


def start_service(settings: Settings, cwd: Path) -> Service:
    env = {
        **env_of(settings),
        "INTAKE_PORT": "0",
        "INTAKE_WORKERS": "1",
        "INTAKE_SETTLE_SECONDS": "0.5",
        "INTAKE_RESCAN_SECONDS": "2",
        "INTAKE_MEMORY_LIMIT_MB": "0",
    }
    proc = start_intake(env, cwd)
    service = Service(proc, queue.Queue(), [])

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            service.transcript.append(line)
            service.lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return service


def settled(db: Database) -> int:
    with db.session() as s:
        return len(
            s.scalars(select(IntakeFile).where(IntakeFile.state.in_(LedgerState.TERMINAL))).all()
        )


VENDORS = ["Acme Tools GmbH", "Bolt & Nut Ltd", "Northwind Traders", "Contoso Supplies"]


@pytest.mark.slow
def test_two_services_on_the_same_drop_folders_file_each_file_once(
    settings: Settings, tmp_path: Path
) -> None:
    """Promise 5 on PostgreSQL. Both services start together on a new database (one
    migrates, one creates the admin), share the data folder, and race for 40 dropped files;
    one is restarted halfway, and must resume only its own unfinished claims."""
    sources = tmp_path / "sources"
    sources.mkdir()
    invoices = [
        make_pdf(
            sources / f"inv-{i}.pdf", sample_invoice(number=f"SO-{i:03d}", vendor=VENDORS[i % 4])
        )
        for i in range(36)
    ]
    broken = sources / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage without structure \n%%EOF\n")
    drops = [(src, f"invoices/{src.name}") for src in invoices]
    drops += [(invoices[0], "inbox/copy-a.pdf"), (invoices[1], "inbox/copy-b.pdf")]
    drops += [(broken, "inbox/broken-1.pdf"), (broken, "invoices/broken-2.pdf")]
    assert len(drops) == 40

    a, b = start_service(settings, tmp_path), start_service(settings, tmp_path)
    services = [a, b]
    try:
        for svc in (a, b):
            wait_for(svc.lines, r"Intake is running: (http://\S+/)", timeout=120)
        for n, (src, rel) in enumerate(drops):
            drop_file(src, settings.watch_dir / rel)
            time.sleep(0.05)
            if n == 19:  # halfway: b goes down with work in flight and comes back
                b.stop()
                b = start_service(settings, tmp_path)
                services.append(b)
                wait_for(b.lines, r"Intake is running", timeout=120)
        db = open_database(settings.db_url, migrate=False)
        try:
            deadline = time.monotonic() + 240
            while settled(db) < len(drops) and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            db.dispose()
    finally:
        for svc in services:
            svc.stop()
    logs = [svc.log() for svc in services]
    claimed = [log.count(" claimed ") for log in logs]
    errors = [log[log.index("Traceback") - 300 :] for log in logs if "Traceback" in log]
    assert not errors, "\n\n".join(errors)
    assert claimed[0] and claimed[1] + claimed[2], f"one service did all the work: {claimed}"
    assert "user: admin" in logs[0] + logs[1]  # made once, by one of them

    db = open_database(settings.db_url, migrate=False)
    try:
        with db.session() as s:
            rows = s.scalars(select(IntakeFile)).all()
            numbers = sorted(d.number or "" for d in s.scalars(select(Document)))
        by_path = Counter(r.source_path for r in rows)
        states = Counter(r.state for r in rows)
    finally:
        db.dispose()
    assert sorted(by_path) == sorted(rel for _, rel in drops)
    assert set(by_path.values()) == {1}, "a file was taken twice"
    assert states == {"filed": 36, "duplicate": 2, "quarantined": 2}, states
    assert numbers == [f"SO-{i:03d}" for i in range(36)]
    assert not [p for p in settings.watch_dir.rglob("*") if p.is_file()]
    result = CliRunner().invoke(cli, ["verify"], env=env_of(settings))
    assert result.exit_code == 0, result.output
