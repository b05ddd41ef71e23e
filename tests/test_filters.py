from __future__ import annotations

from pathlib import PurePath

import pytest

from intake.ingest.filters import ignore_reason


@pytest.mark.parametrize(
    "name",
    [
        ".DS_Store",
        "._invoice.pdf",
        "Thumbs.db",
        "desktop.ini",
        "~$report.docx",
        ".~lock.sheet.ods#",
        "big.pdf.part",
        "scan.tmp",
        "a.pdf.crdownload",
        "@eaDir/thumb.jpg",
        "__MACOSX/x.pdf",
        ".hidden/x.pdf",
        "inbox/.sync.pdf",
    ],
)
def test_junk_is_ignored(name: str) -> None:
    assert ignore_reason(PurePath("inbox") / name) is not None


@pytest.mark.parametrize(
    "name", ["invoice.pdf", "ACME/2024/inv 118.PDF", "scan.jpg", "notes.txt", "weird..name.pdf"]
)
def test_everything_else_is_taken(name: str) -> None:
    assert ignore_reason(PurePath("invoices") / name) is None
