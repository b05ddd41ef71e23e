"""OCR on scans made at test time: words and boxes like the text layer's, turned and
skewed scans read like upright ones, garbage and missing text layers OCRed, mixed PDFs,
multi-page TIFFs, and OCR text stored so that nothing is OCRed twice."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from intake.cli import cli
from intake.db.models import Document, DocumentPage, LedgerState
from intake.extractors.dispatch import read_file
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.slots import LocalSlots
from intake.ingest.ledger import claim_file
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context
from intake.record import Page
from tests.conftest import needs_tesseract
from tests.factory import make_pdf, sample_invoice
from tests.scans import (
    faded,
    garbage_text_pdf,
    image_pdf,
    lit_from_a_corner,
    mixed_pdf,
    multipage_tiff,
    render,
    save_png,
    turned,
)

pytestmark = [pytest.mark.tesseract, needs_tesseract]

OPTIONS = OcrOptions(slots=LocalSlots(2))


def read(path: Path, kind: str) -> tuple[Page, ...]:
    pages, _ = read_file(path, kind, max_pages=50, max_pixels=80_000_000, ocr=OPTIONS)
    return pages


def tokens(page: Page) -> Counter[str]:
    return Counter(w.text for w in page.words)


def recall(page: Page, reference: Page) -> float:
    got, want = tokens(page), tokens(reference)
    return sum(min(got[t], n) for t, n in want.items()) / sum(want.values())


def line_with(page: Page, word: str) -> str:
    return next(" ".join(w.text for w in line) for line in page.lines if word in line[0].text)


@pytest.fixture(scope="module")
def invoice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Page]:
    """A generated invoice PDF and its text-layer page."""
    path = make_pdf(tmp_path_factory.mktemp("inv") / "invoice.pdf", sample_invoice())
    pages, _ = read_file(path, "pdf", max_pages=5, max_pixels=80_000_000, ocr=OPTIONS)
    assert pages[0].source == "text"
    return path, pages[0]


@pytest.fixture(scope="module")
def upright(invoice: tuple[Path, Page], tmp_path_factory: pytest.TempPathFactory) -> Page:
    png = save_png(render(invoice[0]), tmp_path_factory.mktemp("scan") / "scan.png")
    (page,) = read(png, "png")
    return page


def test_a_scan_reads_to_the_text_layers_words_with_boxes(
    invoice: tuple[Path, Page], upright: Page
) -> None:
    _, text_page = invoice
    assert upright.source == "ocr"
    assert upright.width == pytest.approx(text_page.width, abs=1)
    assert upright.height == pytest.approx(text_page.height, abs=1)
    assert recall(upright, text_page) >= 0.95
    # each word is where the text layer has it (boxes in points from the top-left)
    ocr_words = {w.text: w for w in upright.words}
    near = 0
    for w in text_page.words:
        o = ocr_words.get(w.text)
        if (
            o is not None
            and abs(o.x0 - w.x0) < 3
            and abs((o.top + o.bottom) - (w.top + w.bottom)) < 6
        ):
            near += 1
    assert near / len(text_page.words) >= 0.85
    assert all(0 < w.conf <= 1 for w in upright.words)
    # lines grouped as on the text layer: a table row stays one line
    assert line_with(upright, "AT-220").split() == line_with(text_page, "AT-220").split()


@pytest.mark.parametrize("degrees", [90, 180, 270, 3, -2.5])
def test_a_turned_or_skewed_scan_reads_like_the_upright_one(
    invoice: tuple[Path, Page], upright: Page, tmp_path: Path, degrees: float
) -> None:
    png = save_png(turned(render(invoice[0]), degrees), tmp_path / "turned.png")
    (page,) = read(png, "png")
    assert recall(page, upright) >= 0.95
    assert line_with(page, "AT-220").split() == line_with(upright, "AT-220").split()
    assert "INV-2024/118" in line_with(page, "Invoice")
    if degrees in (90, 270):  # read upright: the page is portrait again
        assert page.height > page.width
    # the turn that set it upright is kept, for drawing the page under its words' boxes
    assert page.turn == (-degrees % 360 if degrees in (90, 180, 270) else 0)


def test_a_pdf_with_a_garbage_text_layer_is_ocred(tmp_path: Path) -> None:
    lines = ["Acme Tools GmbH", "Invoice No.: INV-2024/118", "Total Due EUR 471.00"]
    (page,) = read(garbage_text_pdf(lines, tmp_path / "garbage.pdf"), "pdf")
    assert page.source == "ocr"
    assert page.text.splitlines() == lines


def test_a_mixed_pdf_gives_the_text_page_and_the_ocr_page(
    invoice: tuple[Path, Page], tmp_path: Path
) -> None:
    scan = render(invoice[0], dpi=300)
    lines = ["Delivery note DN-77", "Shipped with invoice INV-2024/118"]
    path = mixed_pdf(lines, scan, tmp_path / "m.pdf")
    first, second = read(path, "pdf")
    assert (first.source, second.source) == ("text", "ocr")
    assert first.text.splitlines() == lines
    assert "Cordless drill 18V" in second.text and "471.00" in second.text


def test_every_frame_of_a_multipage_tiff_is_read_in_order(tmp_path: Path) -> None:
    frames = []
    for n in (101, 202, 303):
        pdf = make_pdf(tmp_path / f"{n}.pdf", sample_invoice(number=f"INV-{n}"))
        frames.append(render(pdf, dpi=200))
    tiff = multipage_tiff(frames, tmp_path / "scans.tif", dpi=200)
    pages = read(tiff, "tiff")
    assert [p.number for p in pages] == [1, 2, 3]
    assert ["INV-101" in p.text for p in pages] == [True, False, False]
    assert ["INV-303" in p.text for p in pages] == [False, False, True]
    assert all(p.source == "ocr" and p.width == pytest.approx(595, abs=2) for p in pages)


def test_a_small_photo_is_read_at_twice_its_size_with_boxes_in_its_own_frame(
    invoice: tuple[Path, Page], upright: Page, tmp_path: Path
) -> None:
    small = render(invoice[0], dpi=110)  # 909 px wide: doubled before OCR
    assert small.width < 1000
    (page,) = read(save_png(small, tmp_path / "small.png"), "png")
    assert recall(page, upright) >= 0.9
    assert page.width == pytest.approx(upright.width, abs=2)
    drill = next(w for w in page.words if w.text == "Cordless")
    ref = next(w for w in upright.words if w.text == "Cordless")
    assert abs(drill.x0 - ref.x0) < 4 and abs(drill.top - ref.top) < 4


def test_a_faint_print_beside_a_dark_edge_is_read_with_its_contrast_stretched(
    invoice: tuple[Path, Page], upright: Page, tmp_path: Path
) -> None:
    faint = faded(render(invoice[0], dpi=150))
    (page,) = read(save_png(faint, tmp_path / "faint.png"), "png")
    assert recall(page, upright) >= 0.9


def test_a_page_lit_from_one_corner_reads_as_if_evenly_lit(
    invoice: tuple[Path, Page], upright: Page, tmp_path: Path
) -> None:
    # one global threshold turns the dark corner's paper black and reads its speckle
    dim = lit_from_a_corner(render(invoice[0], dpi=200))
    (page,) = read(save_png(dim, tmp_path / "dim.png"), "png")
    assert recall(page, upright) >= 0.9


def test_a_blank_scan_gives_a_page_without_words(tmp_path: Path) -> None:
    blank = Image.new("L", (1240, 1754), 255)
    (page,) = read(image_pdf([blank], tmp_path / "blank.pdf", dpi=150), "pdf")
    assert page.words == ()


def test_ocr_text_is_stored_and_never_recomputed(
    ctx: Context, invoice: tuple[Path, Page], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = image_pdf([render(invoice[0])], tmp_path / "scan.pdf")
    dropped = ctx.settings.watch_dir / "inbox" / "scan.pdf"
    dropped.write_bytes(scan.read_bytes())
    claim = claim_file(ctx.settings, ctx.db, dropped)
    assert claim is not None
    outcome = process_claim(ctx, claim)
    assert outcome.state == LedgerState.FILED
    with ctx.db.session() as s:
        doc = s.get(Document, outcome.document_id)
        assert doc is not None and "Cordless" in doc.content
        assert [p.source for p in s.query(DocumentPage).filter_by(document_id=doc.id)] == ["ocr"]
    # without tesseract on the PATH any OCR would fail: reindexing and searching need none
    monkeypatch.setenv("PATH", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(cli, ["reindex"], obj=ctx.settings, catch_exceptions=False)
    assert result.exit_code == 0 and "indexed 1 documents" in result.output
    result = runner.invoke(cli, ["search", "Cordless", "--json"], obj=ctx.settings)
    assert result.exit_code == 0 and f'"id": {outcome.document_id}' in result.output


def test_a_page_over_its_time_limit_quarantines_the_file_with_the_reason(
    ctx: Context, invoice: tuple[Path, Page], tmp_path: Path
) -> None:
    settings = ctx.settings.model_copy(update={"ocr_page_timeout": 0.01})
    slow = replace(ctx, settings=settings)
    scan = save_png(render(invoice[0]), tmp_path / "scan.png")
    dropped = settings.watch_dir / "inbox" / "scan.png"
    dropped.write_bytes(scan.read_bytes())
    claim = claim_file(settings, ctx.db, dropped)
    assert claim is not None
    outcome = process_claim(slow, claim)
    assert outcome.state == LedgerState.QUARANTINED
    assert outcome.reason == "OCR of page 1 took over 0.01 s"
