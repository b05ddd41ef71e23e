"""Scale-out on the queue: files per second with 1, 2 and 4 ``intake worker`` processes.

On a throwaway PostgreSQL cluster and Redis server (the tests' own, :mod:`tests.pg` and
:mod:`tests.broker`), ``intake run`` claims a drop of generated text invoices and puts
them on the queue; only then do the workers start (one child process each), so what is
timed is reading and filing alone: from the first file a worker takes to the last ledger
row settled. CPU per document is the CPU time of the worker processes (and their
children) over that span, over the files; the service's own CPU (claims, the index kept
up to date) is shown beside it. Target: two workers file at least 1.3x the files per
second of one, on this 2-core machine where the service shares the cores.

    python -m benchmarks scale [FILES]      # default 60 files per run
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy

from tests.broker import Process, RedisServer, queue_env
from tests.factory import make_pdf, sample_invoice
from tests.faults import descendants, put
from tests.pg import Cluster

WORKERS = (1, 2, 4)
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and everything below it, so far."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def ledger(url: str) -> tuple[int, int, int]:
    """(rows, settled, queued: rows whose claim the queue holds)."""
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as con:
            rows, busy = con.execute(
                sqlalchemy.text(
                    "select count(*), sum(case when state = 'processing' then 1 else 0 end)"
                    " from intake_files"
                )
            ).one()
    except sqlalchemy.exc.ProgrammingError:
        return 0, 0, 0
    finally:
        engine.dispose()
    return int(rows), int(rows) - int(busy or 0), int(busy or 0)


def generate(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        make_pdf(
            folder / f"inv-{i:04d}.pdf",
            sample_invoice(number=f"SC-{i:05d}", vendor=f"Supplier {i % 9} GmbH"),
        )
        for i in range(n)
    ]


def wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)


def one_run(
    root: Path, cluster: Cluster, broker: RedisServer, files: list[Path], workers: int
) -> tuple[float, float, float]:
    """(files per second, worker CPU seconds per file, service CPU seconds per file)."""
    url = cluster.new_database()
    env = queue_env(root, url, broker)
    env["INTAKE_LOG_LEVEL"] = "INFO"
    service = Process(["run"], env, root)
    started: list[Process] = []
    try:
        service.wait_for("Intake is running")
        for src in files:
            put(src, root / "watch" / "invoices" / src.name)
        wait(lambda: ledger(url)[0] == len(files), 120, "the claims")
        started = [Process(["worker", "--concurrency", "1"], env, root) for _ in range(workers)]
        wait(lambda: any(" reading " in w.log for w in started), 120, "a worker to start")
        t0 = time.perf_counter()
        cpu0 = sum(cpu_seconds(w.proc.pid) for w in started)
        svc0 = cpu_seconds(service.proc.pid)
        wait(lambda: ledger(url)[1] == len(files), 600, "the files to be settled")
        elapsed = time.perf_counter() - t0
        cpu = sum(cpu_seconds(w.proc.pid) for w in started) - cpu0
        svc = cpu_seconds(service.proc.pid) - svc0
    finally:
        for proc in [*started, service]:
            proc.stop()
        cluster.drop_database(url)
        shutil.rmtree(root / "data", ignore_errors=True)
        shutil.rmtree(root / "web-index", ignore_errors=True)
    settled = [w.settled() for w in started]
    print(f"   {workers} worker(s): settled per worker {settled}", flush=True)
    return len(files) / elapsed, cpu / len(files), svc / len(files)


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 60
    with tempfile.TemporaryDirectory(prefix="intake-scale-") as tmp:
        root = Path(tmp)
        files = generate(root / "sources", n)
        cluster, broker = Cluster(), RedisServer()
        cluster.start()
        broker.start()
        try:
            results = {k: one_run(root, cluster, broker, files, k) for k in WORKERS}
        finally:
            broker.stop()
            cluster.stop()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n} text-layer invoices per run, PostgreSQL and Redis, {os.cpu_count()} cores")
    print(f"load average at the end: {load} (a busy machine gives each process a share)")
    print("workers   files/s   speed-up   worker CPU/file   service CPU/file")
    one = results[WORKERS[0]][0]
    for k, (rate, cpu, svc) in results.items():
        line = f"{k:>7}   {rate:7.2f}   {rate / one:7.2f}x"
        print(f"{line}   {cpu * 1000:12.0f} ms   {svc * 1000:13.0f} ms")
    if 2 in results:
        verdict = "met" if results[2][0] >= 1.3 * one else "NOT met"
        print(f"target: 2 workers >= 1.3x one: {results[2][0] / one:.2f}x ({verdict})")
