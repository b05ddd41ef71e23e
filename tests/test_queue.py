"""Scale-out on Celery (:mod:`intake.queue`): ``intake run`` claims and publishes, ``intake
worker`` processes read and file, on a throwaway Redis (:mod:`tests.broker`) and, for the
long runs, a throwaway PostgreSQL cluster (:mod:`tests.pg`). Workers are killed the way a
machine dies: SIGKILL to the whole process group, the worker and its children at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy
from click.testing import CliRunner

from intake.cli import cli
from intake.db.changes import latest_change
from intake.db.engine import Database
from intake.db.models import Document, IntakeFile, LedgerState
from intake.index.store import SearchIndex
from intake.ingest.ledger import QUEUE, claim_file, recover_claims
from intake.ingest.owners import Owner
from intake.queue.claims import hand_to_queue, open_claim
from intake.queue.tasks import Filer
from intake.queue.watchdog import Stall
from intake.settings import Settings
from tests.broker import Process, RedisServer, RedisUnavailable, queue_env
from tests.factory import make_pdf, make_text_pdf, sample_invoice
from tests.faults import Drop, account, make_drop, put
from tests.pg import Cluster

# --- the pieces, in process -----------------------------------------------------------------


def test_importing_the_cli_does_not_load_celery() -> None:
    code = "import sys, intake.cli; print([m for m in ('celery', 'kombu') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_claim_on_the_queue_is_never_adopted_by_a_service(
    settings: Settings, db: Database, invoice_pdf: Path
) -> None:
    dropped = settings.watch_dir / "invoices" / "a.pdf"
    dropped.write_bytes(invoice_pdf.read_bytes())
    service = Owner.create(settings.locks_dir)
    claim = claim_file(settings, db, dropped, owner=service.id)
    assert claim is not None
    hand_to_queue(claim)
    service.close()  # the service that claimed it is gone: its task is on the queue
    assert recover_claims(settings, db, owner="another-service") == []
    assert claim.path.exists()
    assert open_claim(settings, claim.id) == claim


def test_a_task_delivered_again_after_its_commit_does_nothing(
    settings: Settings, db: Database, invoice_pdf: Path
) -> None:
    dropped = settings.watch_dir / "invoices" / "a.pdf"
    dropped.write_bytes(invoice_pdf.read_bytes())
    claim = claim_file(settings, db, dropped)
    assert claim is not None
    filer = Filer(settings)
    first = filer.file_claim(claim.id)
    assert first is not None and first.state == LedgerState.FILED
    # Delivered again: the claim was released, and nothing is read or written.
    assert filer.file_claim(claim.id) is None
    # Killed after the commit, before the release: the next delivery only releases it.
    claim.folder.mkdir()
    (claim.folder / "claim.json").write_text('{"owner": "queue"}')
    again = filer.file_claim(claim.id)
    assert again is not None and (again.state, again.document_id) == ("filed", first.document_id)
    assert not claim.folder.exists()
    filer.close()
    with db.session() as s:
        assert s.scalar(sqlalchemy.select(sqlalchemy.func.count(Document.id))) == 1
        assert [r.state for r in s.scalars(sqlalchemy.select(IntakeFile))] == ["filed"]


def test_a_file_claimed_while_the_database_fails_still_reaches_a_worker(
    settings: Settings, db: Database, invoice_pdf: Path, tmp_path: Path
) -> None:
    """The claim is made whatever the database says; the worker writes its ledger row."""
    dropped = settings.watch_dir / "invoices" / "a.pdf"
    dropped.write_bytes(invoice_pdf.read_bytes())
    away = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'intake.db'}")
    claim = claim_file(settings, away, dropped)
    away.dispose()
    assert claim is not None and claim.path.exists() and not dropped.exists()
    with db.session() as s:
        assert s.scalar(sqlalchemy.select(sqlalchemy.func.count(IntakeFile.id))) == 0
    filer = Filer(settings)
    outcome = filer.file_claim(claim.id)
    filer.close()
    assert outcome is not None and outcome.state == LedgerState.FILED
    with db.session() as s:
        rows = list(s.scalars(sqlalchemy.select(IntakeFile)))
    assert [(r.original_name, r.state) for r in rows] == [("a.pdf", "filed")]


def test_a_queued_folder_left_without_its_file_is_cleared(settings: Settings, db: Database) -> None:
    folder = settings.processing_dir / ("f" * 32)
    folder.mkdir(parents=True)
    (folder / "claim.json").write_text(f'{{"owner": "{QUEUE}"}}')
    assert recover_claims(settings, db, owner="me") == []
    assert not folder.exists()


# --- the real thing: intake run and intake worker processes ---------------------------------


@pytest.fixture
def broker() -> Iterator[RedisServer]:
    try:
        server = RedisServer()
        server.start()
    except RedisUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def test_requeue_publishes_the_claims_the_queue_holds(
    settings: Settings, db: Database, invoice_pdf: Path, broker: RedisServer
) -> None:
    """After a broker lost its data: one task again per unsettled claim of the queue."""
    held = []
    for name in ("a.pdf", "b.pdf"):
        dropped = settings.watch_dir / "invoices" / name
        dropped.write_bytes(invoice_pdf.read_bytes() + name.encode())
        claim = claim_file(settings, db, dropped)
        assert claim is not None
        held.append(claim)
    hand_to_queue(held[0])  # the other one is its service's, which publishes it itself
    env = {
        "INTAKE_BROKER_URL": broker.url,
        "INTAKE_DATA_DIR": str(settings.data_dir),
        "INTAKE_WATCH_DIR": str(settings.watch_dir),
    }
    result = CliRunner().invoke(cli, ["requeue"], env=env)
    assert result.exit_code == 0, result.output
    assert "queued 1 claims again" in result.output
    with broker.client() as client:
        messages = [json.loads(m) for m in client.lrange("intake", 0, -1)]
    assert [m["headers"]["argsrepr"] for m in messages] == [repr([held[0].id])]


def ledger(url: str) -> tuple[int, int]:
    """(rows, rows still processing)."""
    engine = sqlalchemy.create_engine(url or "sqlite://")
    try:
        with engine.connect() as con:
            rows, busy = con.execute(
                sqlalchemy.text(
                    "select count(*), sum(case when state = 'processing' then 1 else 0 end)"
                    " from intake_files"
                )
            ).one()
    except sqlalchemy.exc.OperationalError:
        return 0, 0
    finally:
        engine.dispose()
    return int(rows), int(busy or 0)


def wait_settled(root: Path, url: str, count: int, timeout: float) -> None:
    processing = root / "data" / "processing"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows, busy = ledger(url)
        if rows >= count and not busy and not any(processing.iterdir()):
            return
        time.sleep(0.5)
    raise AssertionError(f"not settled in {timeout} s: {ledger(url)}")


def busy(worker: Process) -> bool:
    """Whether the worker's last word was that it started on a file."""
    said = [line for line in list(worker.lines) if "intake.queue.tasks" in line]
    return bool(said) and " reading " in said[-1]


def kill_mid_task(worker: Process, feed: Callable[[], bool]) -> None:
    """Kill the worker's process group while it is inside a file.

    While it waits, it keeps the drop going (``feed`` drops the next file, False when none
    is left): with the queue empty the worker could wait forever, and with two workers
    idle either may take the next file, so only more files make this one busy.
    """
    deadline = time.monotonic() + 120
    fed = time.monotonic()
    while not busy(worker):
        assert time.monotonic() < deadline, f"the worker never took a file:\n{worker.log}"
        if time.monotonic() - fed > 0.25:
            feed()
            fed = time.monotonic()
        time.sleep(0.005)
    worker.kill()


def verify(root: Path, env: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["verify"], env=env)
    assert result.exit_code == 0, result.output


def assert_each_file_once(root: Path, drop: Drop, url: str) -> None:
    tally = account(root, drop, url)
    assert not tally.lost and not tally.doubled and not tally.wrong, tally
    assert tally.by_state == Counter(drop.expected.values()), tally.figures()


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_file_80_files_once_with_one_killed_twice_and_one_gone(
    tmp_path: Path, pg_url: str, broker: RedisServer
) -> None:
    drop, files = make_drop(tmp_path / "sources", 80, seed=17)
    env = queue_env(tmp_path, pg_url, broker)
    service = Process(["run"], env, tmp_path)
    workers: list[Process] = []
    try:
        service.wait_for("Intake is running")
        a = Process(["worker", "--concurrency", "1"], env, tmp_path)
        b = Process(["worker", "--concurrency", "1"], env, tmp_path)
        workers += [a, b]
        pending = list(enumerate(files))

        def feed() -> bool:
            if not pending:
                return False
            n, (src, name) = pending.pop(0)
            put(src, tmp_path / "watch" / ("invoices" if n % 2 else "inbox") / name)
            time.sleep(0.05)
            return True

        # After 25 and 45 files, worker a's process group is killed in the middle of a
        # file and a new a starts; after 60, worker b's machine is gone for good and a
        # files what b held. Waiting for a kill drops more files, so each is "at least".
        kills = [(25, "a"), (45, "a"), (60, "b")]
        while feed():
            if kills and len(files) - len(pending) > kills[0][0]:
                _, who = kills.pop(0)
                kill_mid_task(a if who == "a" else b, feed)
                if who == "a":
                    a = Process(["worker", "--concurrency", "1"], env, tmp_path)
                    workers.append(a)
        assert not kills, f"the files ran out before the kills {kills}"
        wait_settled(tmp_path, pg_url, len(drop), timeout=180)
    finally:
        for proc in [*workers, service]:
            proc.stop()
    logs = [w.log for w in workers]
    assert all("Traceback" not in log for log in [*logs, service.log]), "\n".join(logs)
    done_by_a = sum(w.settled() for w in workers if w is not b)
    assert done_by_a and b.settled(), f"a settled {done_by_a}, b {b.settled()}"
    assert_each_file_once(tmp_path, drop, pg_url)
    db = Database(pg_url)
    try:
        with db.session() as s:
            crashed = s.scalars(sqlalchemy.select(IntakeFile).where(IntakeFile.attempts > 0))
            assert list(crashed), "no kill landed inside a file"
            seq, filed = latest_change(s), set(s.scalars(sqlalchemy.select(Document.id)))
    finally:
        db.dispose()
    # The service's own index caught up with every document through the change sequence.
    index = SearchIndex(tmp_path / "web-index")
    assert index.caught_up_to() == seq and index.ids() == filed
    index.close()
    verify(tmp_path, env)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_broker_restart_and_a_database_outage_lose_nothing(
    tmp_path: Path, pg_cluster: Cluster, pg_url: str, broker: RedisServer
) -> None:
    drop, files = make_drop(tmp_path / "sources", 24, seed=5)
    env = queue_env(tmp_path, pg_url, broker)
    service = Process(["run"], env, tmp_path)
    worker = Process(["worker", "--concurrency", "2"], env, tmp_path)
    try:
        service.wait_for("Intake is running")
        for n, (src, name) in enumerate(files):
            if n == 8:  # the broker goes down with tasks queued, files keep coming
                broker.shutdown()
            put(src, tmp_path / "watch" / "inbox" / name)
            time.sleep(0.1)
            if n == 11:
                service.wait_for("the broker is unreachable")
                broker.start()
            if n == 16:  # the database goes away for a few seconds, files in flight
                pg_cluster.outage(4)
        try:
            wait_settled(tmp_path, pg_url, len(drop), timeout=150)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker:\n{worker.log[-6000:]}") from None
    finally:
        worker.stop()
        service.stop()
    # Files were claimed while the database was away; their workers wrote their rows.
    assert "ledger row not written yet" in service.log, service.log
    assert_each_file_once(tmp_path, drop, pg_url)
    verify(tmp_path, env)


@pytest.mark.parametrize("fault", ["killed", "over its time limit"])
def test_a_file_whose_every_run_fails_is_quarantined_after_max_attempts(
    tmp_path: Path, broker: RedisServer, fault: str
) -> None:
    """The dead-letter rule, counted in the database: every run of this file kills its
    worker process (SIGKILL at a pipeline step), or overruns the task's time limit (a
    400-page PDF read within one second), so it is quarantined on the fourth delivery.
    On SQLite: the queue works on one machine too."""
    env = queue_env(tmp_path, "", broker)
    if fault == "killed":
        src = make_pdf(tmp_path / "killer.pdf", sample_invoice(number="KILL-1"))
        worker_env = {**env, "INTAKE_CRASH_AT": "read"}
    else:
        prose = " ".join(f"Clause {i} of the agreement binds both parties." for i in range(40))
        src = make_text_pdf(tmp_path / "killer.pdf", [prose] * 800, title="Agreement")
        worker_env = {**env, "INTAKE_FILE_TIMEOUT": "1"}
    service = Process(["run"], env, tmp_path)
    worker = Process(["worker", "--concurrency", "1"], worker_env, tmp_path)
    try:
        service.wait_for("Intake is running")
        put(src, tmp_path / "watch" / "inbox" / src.name)
        url = f"sqlite:///{tmp_path / 'data' / 'intake.db'}"
        wait_settled(tmp_path, url, 1, timeout=120)
    finally:
        worker.stop()
        service.stop()
    db = Database(url)
    try:
        with db.session() as s:
            rows = list(s.scalars(sqlalchemy.select(IntakeFile)))
            documents = s.scalar(sqlalchemy.select(sqlalchemy.func.count(Document.id)))
    finally:
        db.dispose()
    assert [(r.original_name, r.state) for r in rows] == [("killer.pdf", "quarantined")]
    assert "crashed 3 times" in (rows[0].error or ""), rows[0].error
    assert rows[0].attempts == 4  # three runs lost, and the one that quarantined it
    assert documents == 0
    verify(tmp_path, env)


def test_the_watchdog_decides_a_stall_only_after_a_whole_window_of_unreceived_waiting() -> None:
    stall = Stall(window=30)
    assert not stall.look(0, waiting=True, received=False)
    assert not stall.look(29, waiting=True, received=False)
    assert not stall.look(31, waiting=True, received=True)  # a task came: not stalled
    assert not stall.look(40, waiting=True, received=False)
    assert not stall.look(69, waiting=False, received=False)  # nothing waited meanwhile
    assert not stall.look(80, waiting=True, received=False)
    assert stall.look(110, waiting=True, received=False)


def test_a_worker_that_stops_taking_tasks_restarts_itself_and_files_the_rest(
    tmp_path: Path, broker: RedisServer
) -> None:
    """The failure of Celery's Redis transport after a reconnect (the worker alive, taking
    nothing), made on purpose: the worker's consumer leaves the queue after its first
    task. Its watchdog sees tasks waiting past the time limit, restarts it, and the
    restarted worker files the rest. On SQLite."""
    env = queue_env(tmp_path, "", broker)
    drop, files = make_drop(tmp_path / "sources", 5, seed=3)
    service = Process(["run"], env, tmp_path)
    worker = Process(
        ["worker", "--concurrency", "1"], {**env, "INTAKE_CRASH_AT": "stall"}, tmp_path
    )
    url = f"sqlite:///{tmp_path / 'data' / 'intake.db'}"
    try:
        service.wait_for("Intake is running")
        for src, name in files:
            put(src, tmp_path / "watch" / "inbox" / name)
        worker.wait_for("stall injected")
        wait_settled(tmp_path, url, len(drop), timeout=150)
    finally:
        worker.stop()
        service.stop()
    assert "restarting it" in worker.log, worker.log
    assert "restarted itself 1 times" in worker.log, worker.log
    assert "Traceback" not in worker.log, worker.log
    assert_each_file_once(tmp_path, drop, url)
    verify(tmp_path, env)
