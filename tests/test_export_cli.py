"""``intake export`` through click's CliRunner, on PDFs filed by ``intake ingest``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from intake.export.qbo import HEADER as QBO_HEADER
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice
from tests.test_cli import invoke


def test_export_from_the_command_line(settings: Settings, tmp_path: Path) -> None:
    invoke(settings, "ingest", str(make_pdf(tmp_path / "a.pdf", sample_invoice())))
    code, out = invoke(settings, "export", "--format", "qbo")
    assert code == 1  # left out, and said so
    assert "NOT EXPORTED" in out and "no account code" in out and "nothing to export" in out

    code, out = invoke(settings, "export", "accounts", "set", "--vendor", "Acme Tools GmbH",
                       "--account", "5000", "--tax-code", "20% (VAT on Expenses)")  # fmt: skip
    assert code == 0 and "vendor Acme Tools GmbH: account=5000" in out
    code, out = invoke(settings, "export", "accounts", "list")
    assert "vendor Acme Tools GmbH" in out and "account=5000" in out

    target = tmp_path / "bills.csv"
    code, out = invoke(settings, "export", "--format", "qbo", "-o", str(target))
    assert code == 0 and "export batch 1: 1 documents as qbo" in out
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8"), newline="")))
    assert tuple(rows[0]) == QBO_HEADER and len(rows) >= 2
    assert sum(float(r[7]) + float(r[9]) for r in rows[1:]) == 471.00

    code, out = invoke(settings, "export", "--format", "qbo", "-o", str(tmp_path / "x.csv"))
    assert code == 0 and "nothing to export as qbo" in out
    assert not (tmp_path / "x.csv").exists()

    code, out = invoke(settings, "export", "--again", "1", "-o", str(tmp_path / "again.csv"))
    assert code == 0 and "export batch 2" in out
    assert (tmp_path / "again.csv").read_bytes() == target.read_bytes()
    code, out = invoke(settings, "export", "batches")
    assert code == 0 and "(again of 1)" in out and " qbo " in out
    code, out = invoke(settings, "export", "get", "1", "-o", str(tmp_path / "copy.csv"))
    assert code == 0 and (tmp_path / "copy.csv").read_bytes() == target.read_bytes()
    code, out = invoke(settings, "export", "get", "7")
    assert code == 1 and "no export batch 7" in out


def test_export_needs_a_format_and_a_known_batch(settings: Settings) -> None:
    code, out = invoke(settings, "export")
    assert code == 2 and "--format" in out
    code, out = invoke(settings, "export", "--again", "3")
    assert code == 1 and "no export batch 3" in out
    code, out = invoke(settings, "export", "--format", "ubl")
    assert code == 1 and "INTAKE_COMPANY_NAME" in out


def test_accounts_set_and_unset(settings: Settings) -> None:
    code, out = invoke(settings, "export", "accounts", "set", "--category", "Tools",
                       "--account", "1400")  # fmt: skip
    assert code == 0 and "category Tools: account=1400" in out
    code, out = invoke(settings, "export", "accounts", "set", "--vendor", "Nobody",
                       "--account", "1")  # fmt: skip
    assert code == 1 and "no vendor" in out
    code, out = invoke(settings, "export", "accounts", "set", "--category", "Tools")
    assert code == 2
    code, out = invoke(settings, "export", "accounts", "unset", "--category", "Tools")
    assert code == 0 and "removed" in out
    code, out = invoke(settings, "export", "accounts", "list")
    assert "Tools" not in out
