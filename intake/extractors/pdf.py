"""Read a PDF: word boxes from the text layer (pdfplumber), OCR for pages without one.

pypdfium2 opens the file first because it is fast: it counts pages against the limit,
says which pages have a text layer, renders the pages that need OCR, and lists embedded
files (Factur-X / ZUGFeRD / Order-X XML). pdfplumber then reads words only from the pages
that have text.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from intake.errors import CorruptFile, EmptyFile, EncryptedFile, ResourceLimit
from intake.extractors.ocr import ocr_image
from intake.record import Attachment, Page, Word, group_lines

__all__ = ["MIN_TEXT_CHARS", "read_pdf"]

logger = logging.getLogger(__name__)

#: A page whose text layer has fewer characters than this is OCRed.
MIN_TEXT_CHARS = 20
MAX_ATTACHMENT_BYTES = 10 << 20


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile("the PDF is protected by a password") from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFile("the PDF uses an unsupported encryption") from exc
        raise CorruptFile(f"the PDF cannot be parsed ({exc})") from exc


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


def _words(page: pdfplumber.page.Page) -> list[Word]:
    return [
        Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if w["text"].strip()
    ]


def read_pdf(
    path: Path,
    *,
    max_pages: int,
    max_pixels: int,
    ocr_dpi: int = 300,
    ocr_lang: str = "eng",
    ocr_timeout: float = 120.0,
) -> tuple[tuple[Page, ...], tuple[Attachment, ...]]:
    pdf = _open_pdfium(path)
    try:
        count = len(pdf)
        if count == 0:
            raise EmptyFile("the PDF has no pages")
        if count > max_pages:
            raise ResourceLimit(f"the PDF has {count} pages; the limit is {max_pages}")
        attachments = _attachments(pdf)
        has_text = []
        for i in range(count):
            page = pdf[i]
            textpage = page.get_textpage()
            has_text.append(len(textpage.get_text_range().strip()) >= MIN_TEXT_CHARS)
            textpage.close()
            page.close()

        pages: dict[int, Page] = {}
        if any(has_text):
            try:
                with pdfplumber.open(path) as doc:
                    for i, plumber_page in enumerate(doc.pages):
                        if i < count and has_text[i]:
                            words = _words(plumber_page)
                            if words:
                                pages[i] = Page(
                                    i + 1,
                                    float(plumber_page.width),
                                    float(plumber_page.height),
                                    group_lines(words),
                                )
                        plumber_page.close()
            except PDFPasswordIncorrect as exc:
                raise EncryptedFile("the PDF is protected by a password") from exc
            except PDFSyntaxError as exc:
                raise CorruptFile(f"the PDF cannot be parsed ({exc})") from exc

        scale = ocr_dpi / 72.0
        for i in range(count):
            if i in pages:
                continue
            page = pdf[i]
            width, height = page.get_size()
            if width * height * scale * scale > max_pixels:
                raise ResourceLimit(
                    f"page {i + 1} would render to {int(width * height * scale * scale):,}"
                    f" pixels at {ocr_dpi} dpi; the limit is {max_pixels:,}"
                )
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
            pages[i] = ocr_image(image, i + 1, scale=1 / scale, lang=ocr_lang, timeout=ocr_timeout)
        return tuple(pages[i] for i in range(count)), attachments
    finally:
        pdf.close()
