"""PDFium's word boxes against pdfplumber's on the same generated PDFs: the same words,
in boxes that agree to within two points, upright on rotated and cropped pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from intake.extractors.dispatch import read_file
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.pdfwords import page_words
from intake.record import Word
from tests.factory import make_pdf, sample_invoice, short_pdf

TOLERANCE = 2.0  # points


def pdfium_words(path: Path) -> list[list[Word]]:
    pdf = pdfium.PdfDocument(path)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(page_words(page, textpage)[0])
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def plumber_words(path: Path) -> list[list[Word]]:
    with pdfplumber.open(path) as pdf:
        return [
            [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in page.extract_words()]
            for page in pdf.pages
        ]


def assert_same_words(path: Path, shift: tuple[float, float] = (0.0, 0.0)) -> None:
    """pdfplumber's words, moved by ``shift`` (it measures from the media box's corner)."""
    ours, theirs = pdfium_words(path), plumber_words(path)
    theirs = [
        [
            Word(w.text, w.x0 - shift[0], w.top - shift[1], w.x1 - shift[0], w.bottom - shift[1])
            for w in page
        ]
        for page in theirs
    ]
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        assert Counter(w.text for w in mine) == Counter(w.text for w in reference)
        by_text = {w.text: w for w in reference}
        for w in mine:
            ref = by_text[w.text]
            if sum(1 for x in reference if x.text == w.text) > 1:
                continue  # a repeated word: its partner is not known
            if not w.text.isascii():
                continue  # pdfminer gives "€" no width in the standard fonts: PDFium is right
            for a, b in ((w.x0, ref.x0), (w.top, ref.top), (w.x1, ref.x1), (w.bottom, ref.bottom)):
                assert abs(a - b) <= TOLERANCE, (w, ref)


@pytest.mark.parametrize(
    ("lang", "layout", "letter"),
    [("en", "classic", False), ("de", "stacked", True), ("fr", "classic", True)],
)
def test_generated_invoices_read_the_same_as_pdfplumber(
    tmp_path: Path, lang: str, layout: str, letter: bool
) -> None:
    path = make_pdf(tmp_path / "inv.pdf", sample_invoice(), lang=lang, layout=layout, letter=letter)
    assert_same_words(path)


def test_an_upright_page_reads_as_pdfplumber_reads_it(tmp_path: Path) -> None:
    assert_same_words(short_pdf(tmp_path / "r0.pdf"))


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_displayed_sideways_is_turned_to_read_left_to_right(
    tmp_path: Path, rotate: int
) -> None:
    """/Rotate shows these lines running down, upside down or up the page: pdfplumber
    gives their words standing on end; we turn the page back, as OCR turns a scan."""
    upright = {w.text: w for w in pdfium_words(short_pdf(tmp_path / "r0.pdf", raised=False))[0]}
    sideways = short_pdf(tmp_path / f"r{rotate}.pdf", rotate=rotate, raised=False)
    words = {w.text: w for w in pdfium_words(sideways)[0]}
    assert words.keys() == upright.keys()
    for text, w in words.items():
        ref = upright[text]
        assert (w.x0, w.top, w.x1, w.bottom) == pytest.approx(
            (ref.x0, ref.top, ref.x1, ref.bottom), abs=0.1
        )
    assert words["Total"].x1 < words["1,234.56"].x0


def test_a_landscape_page_stored_sideways_reads_as_displayed(tmp_path: Path) -> None:
    """Lines drawn up the stored page, shown upright by /Rotate 90 (as station order
    forms are): read as shown, without turning, and as pdfplumber reads them."""
    path = tmp_path / "landscape.pdf"
    c = canvas.Canvas(str(path), pagesize=(A4[1], A4[0]))  # stored portrait, see short_pdf()
    c.setPageRotation(90)
    c.rotate(90)
    c.setFont("Helvetica", 11)
    c.drawString(72, -100, "Order # 2351512")
    c.drawString(72, -120, "Total Due")
    c.drawString(300, -120, "1,234.56")
    c.showPage()
    c.save()
    assert_same_words(path)
    words = {w.text: w for w in pdfium_words(path)[0]}
    assert abs(words["Total"].top - words["1,234.56"].top) < 1
    assert words["Order"].x1 < words["#"].x0 < words["2351512"].x0
    assert words["Order"].top < words["Total"].top


def test_a_turned_page_has_the_turned_size(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(short_pdf(tmp_path / "r90.pdf", rotate=90))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        _, width, height, turn = page_words(page, textpage)
        assert (width, height) == pytest.approx(A4, abs=0.01)  # shown landscape, turned back
        assert turn == 90  # a quarter counter-clockwise
        textpage.close()
        page.close()
    finally:
        pdf.close()


def test_a_cropped_page_measures_from_its_crop_box(tmp_path: Path) -> None:
    """From the corner of what is shown (and rendered for OCR and the web page's boxes)."""
    assert_same_words(short_pdf(tmp_path / "crop.pdf", crop=True), shift=(40, A4[1] - 700))


def test_both_readers_give_the_pipeline_the_same_lines(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "inv.pdf", sample_invoice(), lang="nl", layout="stacked")
    texts = {}
    for reader in ("pdfium", "pdfplumber"):
        pages, _ = read_file(
            path,
            "pdf",
            max_pages=5,
            max_pixels=80_000_000,
            ocr=OcrOptions(),
            text_reader=reader,
        )
        texts[reader] = [page.text for page in pages]
    assert texts["pdfium"] == texts["pdfplumber"]
    assert "Factuur" in texts["pdfium"][0] or "FACTUUR" in texts["pdfium"][0]


def test_an_unknown_reader_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "inv.pdf", sample_invoice())
    with pytest.raises(ValueError, match="unknown text reader"):
        read_file(
            path, "pdf", max_pages=5, max_pixels=80_000_000, ocr=OcrOptions(), text_reader="x"
        )
