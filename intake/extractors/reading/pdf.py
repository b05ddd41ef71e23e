"""Read a PDF: word boxes from the text layer, OCR for the other pages.

pypdfium2 opens the file first because it is fast: it counts pages against the limit
(before any other work), judges each page's text layer (:mod:`textlayer`: none, garbage,
a scan's hidden OCR layer, or covering only part of a scan), checks the pixels of the
pages to OCR against the limit, and lists embedded files (Factur-X / ZUGFeRD / Order-X
XML). The words of the pages whose text layer is usable are read by PDFium in the same
pass (:mod:`pdfwords`), or by pdfplumber when the ``text_reader`` setting asks for it;
the other pages are OCRed, several at once, from their scanned image or a grey rendering
at the OCR resolution (:mod:`render`). A page with no content at all is blank, not OCRed.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from intake.errors import CorruptFile, EmptyFile, EncryptedFile, ResourceLimit
from intake.extractors.reading.ocr import OcrOptions, PageImage, ocr_pages
from intake.extractors.reading.pdfwords import page_words
from intake.extractors.reading.render import load_page_image
from intake.extractors.reading.textlayer import judge_text_layer
from intake.record import Attachment, Page, Word, group_lines

__all__ = ["TEXT_READERS", "read_pdf"]

#: The libraries that can read a text layer's words (the ``text_reader`` setting).
TEXT_READERS = ("pdfium", "pdfplumber")

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 10 << 20


TRUNCATED = "the PDF is truncated: it ends before its %%EOF trailer (a copy cut short?)"


def _truncated(path: Path) -> bool:
    """No ``%%EOF`` in the last kilobyte (where readers look for it): the file was cut
    short (a copy or an upload that did not finish)."""
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" not in f.read(1024)
    except OSError:
        return False


def _unparsable(path: Path, exc: Exception) -> CorruptFile:
    """The error for a PDF no reader could parse: truncated when it lacks its trailer."""
    return CorruptFile(TRUNCATED if _truncated(path) else f"the PDF cannot be parsed ({exc})")


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile("the PDF is protected by a password") from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFile("the PDF uses an unsupported encryption") from exc
        raise _unparsable(path, exc) from exc


def _load_page(pdf: pdfium.PdfDocument, i: int) -> pdfium.PdfPage:
    try:
        return pdf[i]
    except pdfium.PdfiumError as exc:
        raise CorruptFile(
            f"page {i + 1} of the PDF cannot be loaded (a broken or circular page tree?)"
        ) from exc


def _attachments(pdf: pdfium.PdfDocument) -> tuple[Attachment, ...]:
    out = []
    for i in range(pdf.count_attachments()):
        att = pdf.get_attachment(i)
        name = att.get_name()
        if not name.lower().endswith(".xml"):
            continue
        data = bytes(att.get_data())
        if len(data) <= MAX_ATTACHMENT_BYTES:
            out.append(Attachment(name, data))
    return tuple(out)


#: Letters this many times the page's median size are a stamp or a banner ("DUPLICATE").
STAMP_SIZE = 3.0


def _is_char(obj: dict[str, Any]) -> bool:
    return bool(obj.get("object_type") == "char")


def _words(page: pdfplumber.page.Page) -> list[Word]:
    # Letters of a large stamp drawn across a header are read as words of their own:
    # otherwise they interleave, letter by letter, with the text under them
    # ("DUPINLVOIICCE"). Only much larger letters are set apart, so that a superscript
    # ("31st") still belongs to its word. Likewise a word never mixes fonts: a value that
    # overflows its box into the bold label beside it stays apart from that label.
    sizes = sorted(float(c["size"]) for c in page.chars)
    limit = STAMP_SIZE * sizes[len(sizes) // 2] if sizes else 0.0
    if not sizes or sizes[-1] <= limit:
        parts = [page]
    else:
        parts = [
            page.filter(lambda o: not _is_char(o) or float(o["size"]) <= limit),
            page.filter(lambda o: _is_char(o) and float(o["size"]) > limit),
        ]
    return [
        Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        for part in parts
        for w in part.extract_words(
            keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname"]
        )
        if w["text"].strip()
    ]


def _text_pages(path: Path, indexes: set[int]) -> dict[int, Page]:
    """Words with boxes read by pdfplumber from the text layer of the pages ``indexes``
    (0-based)."""
    pages: dict[int, Page] = {}
    try:
        with path.open("rb") as stream, pdfplumber.open(stream) as doc:
            for i, plumber_page in enumerate(doc.pages):
                if i in indexes:
                    words = _words(plumber_page)
                    if words:
                        pages[i] = Page(
                            i + 1,
                            float(plumber_page.width),
                            float(plumber_page.height),
                            group_lines(words, by_size=True),
                        )
                plumber_page.close()
    except PDFPasswordIncorrect as exc:
        raise EncryptedFile("the PDF is protected by a password") from exc
    except PDFSyntaxError as exc:
        raise _unparsable(path, exc) from exc
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfplumber raises anything on odd objects
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedFile("the PDF is protected by a password") from exc
        # pdfium read the file, pdfminer cannot read its text layer (a PdfminerException,
        # or a TypeError on a malformed page box): the pages not read yet are OCRed.
        logger.warning(
            "the text layer cannot be read (%s: %s); OCR instead", type(cause).__name__, cause
        )
    return pages


def _pdfium_page(i: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> dict[int, Page]:
    """The words of page ``i`` (0-based) read by PDFium; none when it has no words (it is
    OCRed then)."""
    words, width, height, turn = page_words(page, textpage)
    lines = group_lines(words, by_size=True)
    return {i: Page(i + 1, width, height, lines, turn=turn)} if words else {}


def read_pdf(
    path: Path,
    *,
    max_pages: int,
    max_pixels: int,
    ocr: OcrOptions,
    force_ocr: bool = False,
    text_reader: str = "pdfium",
) -> tuple[tuple[Page, ...], tuple[Attachment, ...]]:
    """The pages of the PDF at ``path`` and its embedded XML files. ``force_ocr`` OCRs
    every page whatever its text layer (for measuring OCR against the text layer);
    ``text_reader`` is one of :data:`TEXT_READERS`."""
    if text_reader not in TEXT_READERS:
        raise ValueError(f"unknown text reader {text_reader!r}")
    pdf = _open_pdfium(path)
    try:
        count = len(pdf)
        if count == 0:
            raise EmptyFile("the PDF has no pages")
        if count > max_pages:
            raise ResourceLimit(f"the PDF has {count} pages; the limit is {max_pages}")
        attachments = _attachments(pdf)
        scale = ocr.dpi / 72.0
        pages: dict[int, Page] = {}
        text: set[int] = set()
        for i in range(count):
            page = _load_page(pdf, i)
            textpage = None
            try:
                width, height = page.get_size()
                if pdfium_c.FPDFPage_CountObjects(page.raw) == 0:
                    pages[i] = Page(i + 1, width, height, ())  # blank: nothing to read
                    continue
                verdict = None
                if not force_ocr:
                    textpage = page.get_textpage()
                    verdict = judge_text_layer(page, textpage)
                    if verdict.usable:
                        if text_reader == "pdfplumber":
                            text.add(i)  # read below, all such pages in one pass
                        else:
                            pages.update(_pdfium_page(i, page, textpage))
                        continue
                pixels = int(width * scale) * int(height * scale)
                if pixels > max_pixels:
                    raise ResourceLimit(
                        f"page {i + 1} would render to {pixels:,} pixels at {ocr.dpi} dpi;"
                        f" the limit is {max_pixels:,}"
                    )
                if verdict is not None:
                    logger.debug("page %d is OCRed: %s", i + 1, verdict.reason)
            finally:
                if textpage is not None:
                    textpage.close()
                page.close()
        if text:
            pages.update(_text_pages(path, text))
        # pages still missing are OCRed (text pages where pdfplumber found no words, too)
        sources: list[tuple[int, PageImage]] = [
            (i + 1, partial(load_page_image, pdf, i, ocr.dpi, max_pixels))
            for i in range(count)
            if i not in pages
        ]
        for page_read in ocr_pages(sources, ocr):
            pages[page_read.number - 1] = page_read
        return tuple(pages[i] for i in range(count)), attachments
    finally:
        pdf.close()
