"""What the pipeline's stages call: :func:`read_file` picks the reader for a file's kind
and turns the file into pages of words; :func:`classify` and :func:`extract` ask the
:class:`~intake.extractors.base.Registry` for the extractor of a document type.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intake.extractors.base import Registry
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.classify import shows_amounts
from intake.extractors.extraction.einvoice import EInvoice, read_einvoice
from intake.extractors.extraction.templates import template_fields
from intake.extractors.reading.image import read_image
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.pdf import read_pdf
from intake.extractors.reading.text import read_text
from intake.record import OTHER, Attachment, Field, Page, Record

__all__ = ["classify", "embedded", "extract", "read_file"]


def read_file(
    path: Path,
    kind: str,
    *,
    max_pages: int,
    max_pixels: int,
    ocr: OcrOptions,
    force_ocr: bool = False,
    text_reader: str = "pdfium",
) -> tuple[tuple[Page, ...], tuple[Attachment, ...]]:
    """The pages of a file with their words, and the files embedded in it. Images are
    OCRed; a PDF's pages are read from its text layer (by ``text_reader``, pdfium or
    pdfplumber) or OCRed, page by page."""
    if kind == "pdf":
        return read_pdf(
            path,
            max_pages=max_pages,
            max_pixels=max_pixels,
            ocr=ocr,
            force_ocr=force_ocr,
            text_reader=text_reader,
        )
    if kind == "text":
        return read_text(path, max_pages=max_pages), ()
    return read_image(path, max_pages=max_pages, max_pixels=max_pixels, ocr=ocr), ()


def embedded(record: Record) -> EInvoice | None:
    """The record's embedded e-invoice (Factur-X, ZUGFeRD, Order-X, UBL), read once."""
    memo = reading_for(record).memo
    if "einvoice" not in memo:
        memo["einvoice"] = read_einvoice(record.attachments) if record.attachments else None
    result: EInvoice | None = memo["einvoice"]
    return result


#: The type confidence of a document with no evidence of any type: below any review
#: threshold.
NO_EVIDENCE = 0.05


def classify(record: Record, registry: Registry) -> tuple[str, float]:
    """The most likely document type and a confidence in 0..1."""
    if (xml := embedded(record)) is not None:
        return xml.doc_type, 0.99
    scores = sorted(((ex.score(record), ex.doc_type) for ex in registry), reverse=True)
    if not scores or scores[0][0] <= 0:
        if shows_amounts(reading_for(record)):
            return record.type_hint or "invoice", 0.2
        # Nothing of any business document, whatever folder it was dropped in: never an
        # invoice by default (its first line would become a vendor).
        return OTHER, NO_EVIDENCE
    top, doc_type = scores[0]
    second = scores[1][0] if len(scores) > 1 else 0.0
    confidence = top / (top + max(second, 0.0) + 0.25)
    return doc_type, round(min(confidence, 0.99), 3)


def extract(
    record: Record, registry: Registry, templates: Path | None = None
) -> Mapping[str, Field]:
    """The fields of the record's type: from its layout, overridden by embedded XML,
    overridden by a matching vendor template from the folder ``templates`` for the fields
    it defines (a template is written for the vendor; it wins, as it does in invoice2data)."""
    extractor = registry.for_type(record.doc_type or "")
    fields = dict(extractor.extract(record)) if extractor is not None else {}
    if (xml := embedded(record)) is not None:
        fields.update(xml.fields(reading_for(record).text))
    if templates is not None:
        fields.update(template_fields(record, templates))
    return fields
