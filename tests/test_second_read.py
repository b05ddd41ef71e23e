"""A scanned receipt read a second time where its first read left the total or the date
unconfirmed: the receipt is drawn at test time (an invented shop) and read by the real
tesseract through the pipeline's stages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.extractors.base import Registry
from intake.extractors.extraction.second_read import merge_reads, needs_second_read
from intake.extractors.reading.image import read_image
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.slots import LocalSlots
from intake.extractors.reading.text import read_text
from intake.ingest.stages import (
    STAGES,
    Context,
    language_stage,
    record_for,
    run_stages,
    second_read_stage,
)
from intake.record import Record
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.limits import run_under_worker_limits

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
ROWS = [
    "KEDAI RUNCIT MAJU JAYA",
    "NO 8, JALAN PINANG 2",
    "43000 KAJANG",
    "Roti canai x2        3.60",
    "Teh tarik x2         4.40",
    "TOTAL                8.00",
    "CASH                10.00",
    "CHANGE               2.00",
    "17/04/2018  14:32",
    "THANK YOU",
]


def shadowed_receipt(path: Path, *, size: int = 16, shadow_from: int = 5) -> Path:
    """A narrow till slip photographed with a shadow over its lower rows: from row
    ``shadow_from`` down the paper darkens quickly to a grey near the ink's."""
    font = ImageFont.truetype(FONT, size)
    pitch = int(size * 1.7)
    width, height = size * 16, 20 + pitch * len(ROWS)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for i, row in enumerate(ROWS):
        draw.text((10, 10 + i * pitch), row, fill=0, font=font)
    paper = np.asarray(page, dtype=np.float64) / 255  # 1 on paper, 0 on ink
    y = np.arange(height)[:, None]
    start = 6 + shadow_from * pitch  # in the gap above that row
    ground = np.where(y < start, 245.0, np.maximum(110.0, 245.0 - (y - start) * 40))
    ink = 40.0
    shot = ink + (ground - ink) * paper
    Image.fromarray(np.clip(shot, 0, 255).astype(np.uint8)).save(path, dpi=(200, 200))
    return path


def fields(path: Path, settings: Settings, *, second: bool = True) -> dict[str, Any]:
    stages = STAGES if second else tuple(s for s in STAGES if s is not second_read_stage)
    record = run_stages(record_for(path), Context(settings, Registry.default()), stages)
    return {name: f.value for name, f in record.fields.items()}


@pytest.mark.tesseract
@needs_tesseract
def test_a_shadow_over_the_totals_is_read_through(tmp_path: Path, settings: Settings) -> None:
    # the first read evens out the lighting (reading/lighting.py) and reads the shadowed rows
    path = shadowed_receipt(tmp_path / "slip.png")
    first = read_image(path, max_pages=1, max_pixels=10**8, ocr=OcrOptions(slots=LocalSlots(1)))
    assert "17/04/2018" in "\n".join(page.text for page in first)
    got = fields(path, settings, second=False)
    assert got["total"] == "8.00"
    assert got["issue_date"] == "2018-04-17"


@pytest.mark.tesseract
@needs_tesseract
def test_a_second_read_reads_the_rows_a_first_read_lost(tmp_path: Path, settings: Settings) -> None:
    path = shadowed_receipt(tmp_path / "slip.png")
    # the first read as OCR gave it back without the shadowed rows (the rows above the shadow),
    # standing for the image at ``path``, which the second read reads for real
    lines = tmp_path / "first.txt"
    lines.write_text("\n".join(ROWS[:5]) + "\n")
    pages = tuple(dataclasses.replace(p, source="ocr") for p in read_text(lines, max_pages=5))
    record = Record(path=path, original_name=path.name, pages=pages, kind="png")
    ctx = Context(settings, Registry.default())
    first = run_stages(record, ctx, tuple(s for s in STAGES[2:] if s is not second_read_stage))
    assert "total" not in first.fields and "issue_date" not in first.fields
    again = second_read_stage(first, ctx)
    assert again.fields["total"].value == "8.00"
    assert again.fields["issue_date"].value == "2018-04-17"


# --- settling the two reads (each read written as the lines OCR gave back) -----------------


def extracted(tmp_path: Path, settings: Settings, lines: list[str], name: str) -> Record:
    """A receipt of these lines as OCR read them, extracted (first read only)."""
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n")
    pages = tuple(dataclasses.replace(page, source="ocr") for page in read_text(path, max_pages=5))
    record = Record(path=path, original_name=path.name, pages=pages, kind="jpeg")
    # the stages after the reading (the words are given: no reading again)
    stages = tuple(s for s in STAGES[2:] if s not in (second_read_stage, language_stage))
    return run_stages(record, Context(settings, Registry.default()), stages)


def settled(
    tmp_path: Path, settings: Settings, first: list[str], again: list[str]
) -> dict[str, Any]:
    one = extracted(tmp_path, settings, first, "first")
    assert needs_second_read(one, TODAY)
    two = extracted(tmp_path, settings, again, "again")
    return {name: f.value for name, f in merge_reads(one, two, TODAY).items()}


TODAY = dt.date(2019, 1, 1)
SHOP = ["KEDAI RUNCIT MAJU JAYA", "NO 8, JALAN PINANG 2", "43000 KAJANG"]


def test_a_date_and_a_total_the_first_read_lacks_come_from_the_second(
    tmp_path: Path, settings: Settings
) -> None:
    first = [*SHOP, "Roti canai x2   3.60", "TOTAL  ~~ ~", "THANK YOU"]
    again = [*SHOP, "Date: 17/04/2018", "Roti canai x2   3.60", "TOTAL   3.60"]
    again += ["CASH   5.00", "CHANGE   1.40"]
    got = settled(tmp_path, settings, first, again)
    assert (got["issue_date"], got["total"]) == ("2018-04-17", "3.60")


def test_a_total_no_arithmetic_confirms_does_not_fill_an_empty_one(
    tmp_path: Path, settings: Settings
) -> None:
    first = [*SHOP, "Date: 17/04/2018", "Roti canai x2   3.60", "TOTAL  ~~ ~"]
    again = [*SHOP, "Date: 17/04/2018", "Roti canai x2   3.60", "TOTAL   8.60"]
    assert "total" not in settled(tmp_path, settings, first, again)


def test_a_date_in_the_future_gives_way_to_the_second_reads(
    tmp_path: Path, settings: Settings
) -> None:
    first = [*SHOP, "Date: 17/04/2048", "TOTAL   3.60", "CASH   5.00", "CHANGE   1.40"]
    again = [*SHOP, "Date: 17/04/2018", "TOTAL   3.60", "CASH   5.00", "CHANGE   1.40"]
    assert settled(tmp_path, settings, first, again)["issue_date"] == "2018-04-17"


def test_a_date_in_the_future_that_no_read_mends_is_left_empty(
    tmp_path: Path, settings: Settings
) -> None:
    first = [*SHOP, "Date: 17/04/2048", "TOTAL   3.60", "CASH   5.00", "CHANGE   1.40"]
    again = [*SHOP, "Dat~ 1~/0~", "TOTAL   3.60", "CASH   5.00", "CHANGE   1.40"]
    got = settled(tmp_path, settings, first, again)
    assert "issue_date" not in got
    assert got["total"] == "3.60"


def test_a_guess_never_replaces_another(tmp_path: Path, settings: Settings) -> None:
    first = [*SHOP, "Date: 17/04/2018", "Roti canai x2   3.60", "TOTAL   8.60"]
    again = [*SHOP, "Date: 11/04/2018", "Roti canai x2   3.60", "TOTAL   6.60"]
    got = settled(tmp_path, settings, first, again)
    assert (got["issue_date"], got["total"]) == ("2018-04-17", "8.60")


def test_a_total_the_second_reads_arithmetic_confirms_replaces_an_unconfirmed_one(
    tmp_path: Path, settings: Settings
) -> None:
    head = [*SHOP, "Date: 17/04/2018", "Nasi lemak   5.60"]
    first = [*head, "TOTAL   8.60", "CASH   10.00", "CHANGE   ~ ~"]
    again = [*head, "TOTAL   5.60", "CASH   10.00", "CHANGE   4.40"]
    assert settled(tmp_path, settings, first, again)["total"] == "5.60"


def test_an_unconfirmed_total_stays_when_the_first_read_never_saw_the_other(
    tmp_path: Path, settings: Settings
) -> None:
    first = [*SHOP, "Date: 17/04/2018", "TOTAL   8.60", "CASH   10.00", "CHANGE   ~ ~"]
    again = [*SHOP, "Date: 17/04/2018", "TOTAL   5.60", "CASH   10.00", "CHANGE   4.40"]
    assert settled(tmp_path, settings, first, again)["total"] == "8.60"


def test_a_total_in_the_range_its_included_tax_allows_is_confirmed_by_it(
    tmp_path: Path, settings: Settings
) -> None:
    # 0.42 is 6/106 of a total from 7.34 to 7.50: the one amount printed there is the total
    head = [*SHOP, "Date: 17/04/2018", "Kuih lapis x3   7.50", "TOTAL  ~~ ~"]
    first = [*head, "(Total includes GST @ ~ : 0.42)"]  # the rate unread: no range
    again = [*head, "(Total includes GST @ 6% : 0.42)"]
    assert settled(tmp_path, settings, first, again)["total"] == "7.50"


SAUVOLA_600_DPI = """
import numpy as np
from PIL import Image
from intake.extractors.reading.reread import sauvola

rows = np.arange(7016, dtype=np.uint16)[:, None] % 40 < 3
page = Image.fromarray(np.where(rows, 30, 235).astype(np.uint8).repeat(4961, axis=1))
black = np.asarray(sauvola(page)) == 0
assert black[:3].all() and not black[5:38].any(), "the rows came out wrong"
print("read")
"""


def test_a_600_dpi_a4_page_is_thresholded_within_a_workers_memory_limit() -> None:
    """A 600 dpi A4 scan (4961 x 7016 pixels, well inside ``max_pixels``) is thresholded for
    its second read inside the worker's memory limit; before the threshold was worked out
    a band at a time, its whole-page arrays raised MemoryError and the file was
    quarantined."""
    assert run_under_worker_limits(SAUVOLA_600_DPI) == "read"


@pytest.mark.parametrize(
    ("due", "kind", "expected"),
    [
        # a year one digit off, more than a year after the invoice: mended, and said so
        ("Data de vencimento: 11/09/2026", "jpeg", ("2025-09-11", "computed")),
        # the same in a text layer is what the document prints
        ("Data de vencimento: 11/09/2026", "text", ("2026-09-11", "layout")),
        # within a year: as read
        ("Data de vencimento: 11/09/2025", "jpeg", ("2025-09-11", "layout")),
        # no one-digit year puts it within a year: as read
        ("Data de vencimento: 11/09/2031", "jpeg", ("2031-09-11", "layout")),
    ],
)
def test_a_due_date_a_misread_year_puts_past_a_year_is_mended(
    tmp_path: Path, settings: Settings, due: str, kind: str, expected: tuple[str, str]
) -> None:
    lines = ["Brenwick Consulting Lda.", "Rua Augusta 8, 1100-053 Lisboa", "FATURA"]
    lines += ["Fatura n.º: FT-2025/118", "Data de emissão: 28/08/2025", due, "Total  1 230,00 €"]
    path = tmp_path / "f.txt"
    path.write_text("\n".join(lines) + "\n")
    pages = read_text(path, max_pages=5)
    if kind != "text":
        pages = tuple(dataclasses.replace(page, source="ocr") for page in pages)
    record = Record(path=path, original_name=path.name, pages=pages, kind=kind)
    stages = tuple(s for s in STAGES[2:] if s is not second_read_stage)
    got = run_stages(record, Context(settings, Registry.default()), stages).fields["due_date"]
    assert (got.value, got.source) == expected
