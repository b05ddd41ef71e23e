"""A service's first start on a data directory: the session secret is made once, kept
private, and shared by services starting beside each other on that directory."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from intake.ingest.storage import write_once
from intake.settings import Settings
from web import create_app


def test_the_secret_key_is_made_once_private_and_kept(settings: Settings) -> None:
    first = create_app({"TESTING": True}, settings=settings)
    second = create_app({"TESTING": True}, settings=settings)
    path = settings.data_dir / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == path.read_text()
    assert len(path.read_text()) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for app in (first, second):
        app.extensions["intake"]["db"].dispose()


def test_services_racing_to_make_a_file_all_read_the_first_ones(tmp_path: Path) -> None:
    """Two services started together on one data directory once crashed: the second saw
    no secret key, then found the first one's file when it came to create its own."""
    path = tmp_path / "secret_key"
    start = threading.Barrier(24)
    got: list[bytes] = []

    def race(n: int) -> None:
        start.wait()
        got.append(write_once(path, b"%064d" % n))

    threads = [threading.Thread(target=race, args=(n,)) for n in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 24
    assert set(got) == {path.read_bytes()}
    assert len(path.read_bytes()) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
