"""The stages of the pipeline: small functions over one record.

Stages (each ``(Record, Context) -> Record``)::

    fingerprint -> read -> language -> classify -> extract -> second_read -> roles

They read and judge a file; they never move it (that is :mod:`intake.ingest.pipeline`).
``extract_path`` runs them on a file without filing it (``intake extract``).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake.db.engine import Database
from intake.errors import ConfigError, InputError, ResourceLimit, UnsupportedFile
from intake.extractors.base import Registry
from intake.extractors.dispatch import classify, extract, read_file
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.ocr_language import ocr_model_for
from intake.extractors.extraction.roles import assign_roles, company_of
from intake.extractors.extraction.second_read import merge_reads, needs_second_read
from intake.extractors.reading.detect import detect_kind
from intake.extractors.reading.models import installed_models
from intake.extractors.reading.ocr import ocr_options
from intake.extractors.reading.reread import read_again
from intake.ingest.ledger import type_hint_for
from intake.ingest.storage import sha256_file
from intake.record import Attachment, Page, Record
from intake.settings import Settings

if TYPE_CHECKING:
    from intake.filing.matching.steps import FilingStep

__all__ = [
    "READ_STAGES",
    "STAGES",
    "Context",
    "extract_path",
    "extraction_result",
    "record_for",
    "run_stages",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """What the stages need: settings and the extractors; filing also needs the database
    and runs ``filing_steps`` (the composition's: :class:`intake.filing.wiring.Wiring`).
    One per process."""

    settings: Settings
    registry: Registry
    database: Database | None = None
    #: None for a context that reads but never files (``intake extract``).
    filing_steps: tuple[FilingStep, ...] | None = None

    @property
    def db(self) -> Database:
        if self.database is None:
            raise RuntimeError("this context has no database")
        return self.database

    @property
    def steps(self) -> tuple[FilingStep, ...]:
        """The filing steps; a context made without them cannot file (no silent skip)."""
        if self.filing_steps is None:
            raise RuntimeError("this context has no filing steps (see Wiring.context)")
        return self.filing_steps


# --- stages ---------------------------------------------------------------------------------


def fingerprint(record: Record, ctx: Context) -> Record:
    st = record.path.lstat()
    if record.path.is_symlink():
        raise UnsupportedFile("a symbolic link: links are never followed")
    if not record.path.is_file():
        raise UnsupportedFile("not a regular file")
    limit = ctx.settings.max_file_mb << 20
    if st.st_size > limit:
        raise ResourceLimit(f"the file is {st.st_size:,} bytes; the limit is {limit:,}")
    sha = sha256_file(record.path)
    return record.evolve(sha256=sha, size=st.st_size, kind=detect_kind(record.path))


def _read_file(
    record: Record, ctx: Context, lang: str | None = None
) -> tuple[tuple[Page, ...], tuple[Attachment, ...]]:
    """``record``'s file read under the settings, its scans by the models ``lang`` where
    given (else the configured ones)."""
    s = ctx.settings
    ocr = ocr_options(s) if lang is None else dataclasses.replace(ocr_options(s), lang=lang)
    return read_file(
        record.path,
        record.kind,
        max_pages=s.max_pages,
        max_pixels=s.max_pixels,
        ocr=ocr,
        text_reader=s.text_reader,
    )


def read(record: Record, ctx: Context) -> Record:
    pages, attachments = _read_file(record, ctx)
    return record.evolve(pages=pages, attachments=attachments)


#: Scans of more pages are not read again in their language: a second OCR of every page
#: would double a long scan's time (towards ``INTAKE_FILE_TIMEOUT``), while the names and
#: numbers filed stand on its first pages, which the first reading read.
LANGUAGE_PAGES = 4


def read_in_language(record: Record, ctx: Context, lang: str) -> tuple[Page, ...]:
    """The pages of ``record``'s file read again, its scans by the models ``lang``."""
    return _read_file(record, ctx, lang)[0]


def language_stage(
    record: Record,
    ctx: Context,
    again: Callable[[Record, Context, str], tuple[Page, ...]] = read_in_language,
) -> Record:
    """A scan whose first reading's words are another language's than the OCR's
    configured one read again (by ``again``) with that language's model, where it is
    installed: its names keep their letters ("Müller", not "Muller"; see
    :mod:`intake.extractors.extraction.ocr_language`)."""
    s = ctx.settings
    scanned = [p for p in record.pages if p.source == "ocr"]
    words = [w.text for p in scanned for w in p.words]
    if not s.ocr_auto_language or not words or len(scanned) > LANGUAGE_PAGES:
        return record
    model = ocr_model_for(words, s.ocr_lang)
    if model is None or model not in installed_models():
        return record
    # the language's model first, the configured one beside it: alone, the language's
    # misread more of the codes and dates (the letter O in "2025-OC-118" as a zero)
    try:
        pages = again(record, ctx, f"{model}+{s.ocr_lang}")
    except (InputError, ConfigError) as exc:
        # the first reading stands: a second that fails (a page over its time limit)
        # costs the names' letters, never the file
        logger.warning("%s: not read again in %s: %s", record.path.name, model, exc)
        return record
    return record.evolve(pages=pages)


def classify_stage(record: Record, ctx: Context) -> Record:
    # the analysis every extractor reads is made here, once, and travels with the record
    record = record.evolve(analysis=reading_for(record))
    doc_type, confidence = classify(record, ctx.registry)
    return record.evolve(doc_type=doc_type, doc_type_confidence=confidence)


def extract_stage(record: Record, ctx: Context) -> Record:
    return record.evolve(fields=extract(record, ctx.registry, ctx.settings.templates_dir))


#: The kinds of file read by OCR as a whole, whose pages can be read a second time.
IMAGE_KINDS = frozenset({"png", "jpeg", "tiff"})


def read_again_stage(record: Record, ctx: Context) -> tuple[Page, ...]:
    """The pages of an image file read a second time (:mod:`intake.extractors.reading.reread`)."""
    s = ctx.settings
    return read_again(
        record.path, max_pages=s.max_pages, max_pixels=s.max_pixels, ocr=ocr_options(s)
    )


def second_read_stage(
    record: Record,
    ctx: Context,
    again: Callable[[Record, Context], tuple[Page, ...]] = read_again_stage,
) -> Record:
    """An image whose total or date the first read left unconfirmed, read a second time
    (by ``again``) and extracted again; the two reads' fields settled
    (:mod:`intake.extractors.extraction.second_read`)."""
    if record.kind not in IMAGE_KINDS or not needs_second_read(record):
        return record
    second = extract_stage(classify_stage(record.evolve(pages=again(record, ctx)), ctx), ctx)
    return record.evolve(fields=merge_reads(record, second))


def roles_stage(record: Record, ctx: Context) -> Record:
    """Vendor and buyer the right way round on documents we issued (our orders)."""
    return assign_roles(record, company_of(ctx.settings))


Stage = Callable[[Record, Context], Record]
STAGES: tuple[Stage, ...] = (
    fingerprint,
    read,
    language_stage,
    classify_stage,
    extract_stage,
    second_read_stage,
    roles_stage,
)
READ_STAGES = STAGES[1:]


def run_stages(record: Record, ctx: Context, stages: tuple[Stage, ...] = STAGES) -> Record:
    timings = list(record.timings)
    for stage in stages:
        start = time.perf_counter()
        record = stage(record, ctx)
        timings.append((stage.__name__.removesuffix("_stage"), time.perf_counter() - start))
    return record.evolve(timings=tuple(timings))


def extraction_result(record: Record, file: str) -> dict[str, Any]:
    """The JSON object ``intake extract --json`` prints for one file."""
    fields = dict(record.fields)
    confidences = [record.doc_type_confidence] + [f.confidence for f in fields.values()]
    return {
        "file": file,
        "doc_type": record.doc_type,
        "fields": {name: f.value for name, f in fields.items()},
        "confidence": round(min(confidences), 3),
        "doc_type_confidence": record.doc_type_confidence,
        "field_confidence": {name: round(f.confidence, 3) for name, f in fields.items()},
        "sources": {name: f.source for name, f in fields.items()},
        "pages": len(record.pages),
        "ocr_pages": sum(1 for p in record.pages if p.source == "ocr"),
    }


def extract_path(ctx: Context, file: str) -> dict[str, Any]:
    """Read, classify and extract one file without filing it (for ``intake extract``)."""
    path = Path(file)
    record = run_stages(record_for(path, hints=_hints_of(path, ctx.settings)), ctx)
    return extraction_result(record, file)


def _hints_of(path: Path, settings: Settings) -> tuple[str, ...]:
    try:
        rel = path.absolute().relative_to(settings.watch_dir)
    except ValueError:
        return ()
    return rel.parts[:-1]


def record_for(path: Path, *, name: str | None = None, hints: tuple[str, ...] = ()) -> Record:
    return Record(
        path=path, original_name=name or path.name, hints=hints, type_hint=type_hint_for(hints)
    )
