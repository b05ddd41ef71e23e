"""The command line through click's CliRunner, on real files and a real database."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from intake.cli import cli
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice
from tests.live import INTAKE


def invoke(settings: Settings, *args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), obj=settings, input=input, catch_exceptions=False)
    return result.exit_code, result.output


def test_extract_prints_one_json_object_per_file(settings: Settings, tmp_path: Path) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    b = make_pdf(tmp_path / "b.pdf", sample_invoice(number="X-9", lang="de"), lang="de")
    bad = tmp_path / "c.pdf"
    bad.write_bytes(b"not a pdf")
    code, out = invoke(settings, "extract", "--json", str(a), str(b), str(bad))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert [r["file"] for r in rows] == [str(a), str(b), str(bad)]
    assert rows[0]["doc_type"] == "invoice"
    assert rows[0]["fields"]["invoice_number"] == "INV-2024/118"
    assert rows[0]["fields"]["total"] == "471.00"
    assert rows[0]["fields"]["issue_date"] == "2024-03-14"
    assert 0 < rows[0]["confidence"] <= 1
    assert rows[1]["fields"]["invoice_number"] == "X-9"
    assert "error" in rows[2] and "plain text" in rows[2]["error"]
    assert list(settings.archive_dir.rglob("*.pdf")) == []  # nothing filed


def test_ingest_then_search_then_verify(settings: Settings, tmp_path: Path) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    code, out = invoke(settings, "ingest", str(a))
    assert code == 0 and "1 filed" in out
    assert a.exists()  # ingest copies; the file given stays
    code, out = invoke(settings, "ingest", str(a))
    assert "1 duplicate" in out
    code, out = invoke(settings, "search", "2024118", "--json")
    assert code == 0
    hit = json.loads(out.splitlines()[0])
    assert hit["number"] == "INV-2024/118" and hit["total"] == "471.00"
    code, out = invoke(settings, "verify")
    assert code == 0 and "all good" in out


def test_ingest_reports_quarantined_files_and_fails(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    code, out = invoke(settings, "ingest", str(bad))
    assert code == 1 and "1 quarantined" in out


def test_verify_finds_a_changed_original(settings: Settings, tmp_path: Path) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    invoke(settings, "ingest", str(a))
    stored = next(settings.archive_dir.rglob("*.pdf"))
    stored.chmod(0o644)
    stored.write_bytes(stored.read_bytes() + b"tampered")
    code, out = invoke(settings, "verify")
    assert code == 1 and "changed" in out


def test_verify_finds_orphan_files_and_rows_and_an_index_out_of_step(
    settings: Settings, tmp_path: Path
) -> None:
    from intake.db.engine import open_database
    from intake.db.models import Document
    from intake.index.store import SearchIndex
    from intake.ingest.storage import archive_path, sha256_file

    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    invoke(settings, "ingest", str(a), str(empty))
    code, out = invoke(settings, "verify", "--json")
    assert code == 0 and json.loads(out)["problems"] == []

    (quarantined,) = (p for p in settings.quarantine_dir.iterdir() if p.suffix == ".pdf")
    sha = sha256_file(quarantined)  # a filing killed after its archive write left a copy:
    copy = archive_path(settings.archive_dir, sha, "pdf")
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(quarantined.read_bytes())
    code, out = invoke(settings, "verify", "--json")
    assert code == 0 and "copy of a quarantined file" in " ".join(json.loads(out)["litter"])
    quarantined.unlink()  # a row whose file is gone
    (settings.quarantine_dir / "planted.pdf").write_bytes(b"x")  # a file without a row
    (settings.archive_dir / "ab").mkdir(exist_ok=True)
    (settings.archive_dir / "ab" / ("ab" + "0" * 62 + ".pdf")).write_bytes(b"x")  # no document
    db = open_database(settings.db_url)
    try:
        with db.session() as s:
            (doc_id,) = s.query(Document.id).one()
        index = SearchIndex(settings.index_dir)
        index.sync(db)
        index.delete(doc_id)  # the index out of step with the database
    finally:
        db.dispose()
    code, out = invoke(settings, "verify", "--json")
    problems = "\n".join(json.loads(out)["problems"])
    assert code == 1
    assert "quarantined file of 'empty.pdf' is missing" in problems
    assert "planted.pdf belongs to no ledger row" in problems
    assert "belongs to no document" in problems
    assert f"document {doc_id} is missing from the search index" in problems


def test_reindex_rebuilds_the_index(settings: Settings, tmp_path: Path) -> None:
    invoke(settings, "ingest", str(make_pdf(tmp_path / "a.pdf", sample_invoice())))
    code, out = invoke(settings, "reindex")
    assert code == 0 and "indexed 1 documents" in out


def test_search_with_a_broken_query_says_so(settings: Settings) -> None:
    code, out = invoke(settings, "search", "amount:>abc")
    assert code == 2 and "could not" in out


def test_users_add_prompts_for_a_password(settings: Settings) -> None:
    code, out = invoke(
        settings,
        "users",
        "add",
        "mia",
        "--role",
        "editor",
        input="correct horse battery\ncorrect horse battery\n",
    )
    assert code == 0 and "added editor mia" in out
    code, out = invoke(settings, "users", "add", "mia", "--password", "another password")
    assert code == 1 and "exists" in out
    code, out = invoke(settings, "users", "add", "bob", "--password", "short")
    assert code == 1 and "at least" in out


def test_users_token_is_printed_once(settings: Settings) -> None:
    invoke(settings, "users", "add", "bot", "--password", "a long password")
    code, out = invoke(settings, "users", "token", "bot")
    assert code == 0 and re.fullmatch(r"[\w-]{40,}\n", out)


def test_every_setting_and_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"INTAKE_{name.upper()}" in readme, f"setting {name} is not in the README"
    for command in cli.commands:
        assert f"intake {command}" in readme, f"command {command} is not in the README"


HEAVY = ("numpy", "whoosh", "pdfplumber", "pypdfium2", "flask", "pytesseract")


def test_the_cli_starts_without_the_heavy_libraries(settings: Settings) -> None:
    """`intake --help` and `intake documents list` load none of the readers, the index or
    the web framework: they are imported by the commands that use them."""
    script = (
        "import sys\n"
        "from intake.cli import cli\n"
        "for args in (['--help'], ['documents', 'list', '--json']):\n"
        "    try:\n"
        "        cli(args, obj=None, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {
        **os.environ,
        "INTAKE_DATA_DIR": str(settings.data_dir),
        "INTAKE_WATCH_DIR": str(settings.watch_dir),
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_users_passwd_role_remove_and_token_revoke(settings: Settings) -> None:
    from intake.db.engine import open_database
    from intake.users import check_password, user_for_token

    invoke(settings, "users", "add", "root", "--role", "admin", "--password", "first password")
    invoke(settings, "users", "add", "mia", "--password", "first password")
    code, out = invoke(settings, "users", "passwd", "mia", input="second password\n" * 2)
    assert code == 0 and "changed" in out
    code, out = invoke(settings, "users", "role", "mia", "editor")
    assert code == 0 and "mia is now editor" in out
    code, token = invoke(settings, "users", "token", "mia")
    db = open_database(settings.db_url)
    try:
        assert check_password(db, "mia", "first password") is None
        user = check_password(db, "mia", "second password")
        assert user is not None and user.role == "editor" and user.session_version == 1
        assert user_for_token(db, token.strip()) is not None
        code, out = invoke(settings, "users", "token", "mia", "--revoke")
        assert code == 0 and "revoked" in out
        assert user_for_token(db, token.strip()) is None
        code, out = invoke(settings, "users", "token", "mia", "--revoke")
        assert code == 0 and "had no token" in out
        # The only admin can neither be demoted nor removed.
        code, out = invoke(settings, "users", "role", "root", "viewer")
        assert code == 1 and "only admin" in out
        code, out = invoke(settings, "users", "remove", "root")
        assert code == 1 and "only admin" in out
        code, out = invoke(settings, "users", "remove", "mia")
        assert code == 0 and "removed mia" in out
        assert check_password(db, "mia", "second password") is None
        code, out = invoke(settings, "users", "list")
        assert out == "root\tadmin\t-\n"
        code, out = invoke(settings, "users", "passwd", "nobody", "--password", "long enough!")
        assert code == 1 and "no user 'nobody'" in out
    finally:
        db.dispose()


def test_the_first_admin_password_goes_to_a_private_file_when_output_is_no_terminal(
    settings: Settings, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from intake.cli.users import make_first_admin
    from intake.db.engine import open_database
    from intake.users import check_password

    caplog.set_level(logging.DEBUG)
    db = open_database(settings.db_url)
    try:
        make_first_admin(db, settings.data_dir)
        path = settings.data_dir / "admin-password"
        password = path.read_text().strip()
        assert path.stat().st_mode & 0o777 == 0o600
        assert check_password(db, "admin", password) is not None
        out = capsys.readouterr()
        assert str(path) in out.out and password not in out.out + out.err
        assert all(password not in r.getMessage() for r in caplog.records)
        make_first_admin(db, settings.data_dir)  # a user exists: nothing is made or said
        assert capsys.readouterr().out == ""
    finally:
        db.dispose()


def _intake(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INTAKE_DATA_DIR": str(settings.data_dir),
        "INTAKE_WATCH_DIR": str(settings.watch_dir),
    }
    return subprocess.run(
        [INTAKE, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_commands_log_warnings_only_unless_asked(settings: Settings) -> None:
    quiet = _intake(settings, "documents", "list")  # a new database: migrations run
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    # another new database: with -v, the migrations say what they do
    other = settings.model_copy(update={"data_dir": settings.data_dir.parent / "other-data"})
    loud = _intake(other, "-v", "users", "list")
    assert loud.returncode == 0 and "INFO" in loud.stderr and "alembic" in loud.stderr


def test_ingest_json_ends_with_a_summary(settings: Settings, tmp_path: Path) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    invoke(settings, "ingest", str(a))
    code, out = invoke(settings, "ingest", "--json", str(a), str(bad))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(rows) == 3
    assert {r["state"] for r in rows[:2]} == {"duplicate", "quarantined"}
    assert rows[2] == {"summary": {"files": 2, "filed": 0, "duplicate": 1, "quarantined": 1}}


def test_verify_on_a_data_folder_moved_elsewhere(settings: Settings, tmp_path: Path) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice())
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    invoke(settings, "ingest", str(a), str(empty))
    invoke(settings, "ingest", str(a))  # again: a duplicate
    assert any(settings.duplicates_dir.iterdir()) and any(settings.quarantine_dir.iterdir())
    moved_dir = tmp_path / "elsewhere" / "data"
    moved_dir.parent.mkdir()
    settings.data_dir.rename(moved_dir)
    moved = settings.model_copy(update={"data_dir": moved_dir})
    code, out = invoke(moved, "verify", "--json")
    report = json.loads(out)
    assert code == 0 and report["problems"] == [], report
    assert report["by_state"]["duplicate"] == 1 and report["by_state"]["quarantined"] == 1


def test_the_migration_makes_stored_paths_relative_to_the_data_folder(tmp_path: Path) -> None:
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from intake.db.engine import MIGRATIONS, Database

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004products")
            for i, stored in enumerate(
                ["/srv/old/data/quarantine/x.pdf", "/srv/old/data/duplicates/y.pdf", None]
            ):
                conn.execute(
                    sa.text(
                        "INSERT INTO intake_files (claim, source_path, original_name, state,"
                        " attempts, stored_path, created_at, updated_at) VALUES (:c, '', 'x',"
                        " 'quarantined', 1, :p, '2026-01-01', '2026-01-01')"
                    ),
                    {"c": f"claim{i}", "p": stored},
                )
        db.upgrade()
        with db.engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT stored_path FROM intake_files ORDER BY id"))
            assert [r[0] for r in stored] == ["quarantine/x.pdf", "duplicates/y.pdf", None]
    finally:
        db.dispose()
