"""The record that flows through the pipeline, and the small value types it is made of.

A stage takes a :class:`Record` and returns a new one (``record.evolve(...)``); nothing
mutates a record in place. Everything here is plain data: picklable for worker processes
and JSON-serialisable for storage (see :func:`page_to_json`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "DOC_TYPES",
    "OTHER",
    "Attachment",
    "Box",
    "Field",
    "Page",
    "Record",
    "Word",
    "group_lines",
    "page_from_json",
    "page_to_json",
]

#: ``other``: a document that looks like none of the business documents (no title, no
#: labels, no amounts): filed without fields, with a low type confidence, so that it is
#: listed for review.
OTHER = "other"
#: ``order_confirmation``: the seller's confirmation of a buyer's order (order
#: acknowledgement, Auftragsbestätigung, confirmation de commande): issued by the seller,
#: so filed with the seller as vendor, and referring to the purchase order it confirms
#: by its PO number; its own number is the seller's ``order_number``.
DOC_TYPES = ("invoice", "purchase_order", "order_confirmation", "estimate", "contract", OTHER)


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page, in PDF points from the top-left corner of the page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0  # OCR confidence in 0..1; 1.0 for the text layer
    line: int = 0  # index of the line the word belongs to, in reading order
    bold: bool = False  # set in a bold face (the text layer's font says so; OCR never)


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    source: str = "text"  # "text" (the PDF's text layer) or "ocr"
    #: degrees (0, 90, 180, 270) the page as displayed was turned counter-clockwise to read
    #: its words left to right; the words' boxes are on the turned page
    turn: int = 0

    @property
    def lines(self) -> list[list[Word]]:
        out: list[list[Word]] = []
        for word in self.words:
            while len(out) <= word.line:
                out.append([])
            out[word.line].append(word)
        return [line for line in out if line]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines)


@dataclass(frozen=True, slots=True)
class Box:
    """Where a value was read: a page number (1-based) and a rectangle in points."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    @classmethod
    def around(cls, page: int, words: Iterable[Word]) -> Box:
        ws = list(words)
        return cls(
            page,
            min(w.x0 for w in ws),
            min(w.top for w in ws),
            max(w.x1 for w in ws),
            max(w.bottom for w in ws),
        )


@dataclass(frozen=True, slots=True)
class Field:
    """An extracted value with how sure we are and where it came from.

    ``value`` is already normalised: ISO dates, decimal strings for money, ISO 4217 codes,
    lists for parties and line items. ``source`` says which mechanism produced it:
    "layout", "text", "xml" (embedded e-invoice), "template", "computed" or "user".
    """

    value: Any
    confidence: float
    source: str = "layout"
    box: Box | None = None
    raw: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "source": self.source,
            "box": dataclasses.asdict(self.box) if self.box else None,
            "raw": self.raw,
        }


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file embedded in a PDF (Factur-X, ZUGFeRD, Order-X XML and the like)."""

    name: str
    data: bytes


def _frozen(mapping: Mapping[str, Field] | None = None) -> Mapping[str, Field]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Record:
    """A document in flight, from the moment it is claimed to the moment it is filed."""

    path: Path
    original_name: str
    hints: tuple[str, ...] = ()  # drop-folder path below watch_dir, e.g. ("invoices", "ACME")
    type_hint: str | None = None  # doc type implied by the drop folder
    sha256: str = ""
    size: int = 0
    kind: str = ""  # "pdf", "png", "jpeg", "tiff"
    pages: tuple[Page, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    doc_type: str | None = None
    doc_type_confidence: float = 0.0
    fields: Mapping[str, Field] = field(default_factory=_frozen)
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds), for the benchmark
    #: What the extractors made of the pages (their layout, text, currency, date order:
    #: :class:`intake.extractors.extraction.analysis.Reading`), attached once by the
    #: classify stage and carried along by :meth:`evolve` until the pages change.
    analysis: Any = field(default=None, compare=False, repr=False)

    def evolve(self, **changes: Any) -> Record:
        if "fields" in changes:
            changes["fields"] = _frozen(changes["fields"])
        if "pages" in changes or "attachments" in changes:
            changes.setdefault("analysis", None)  # made of the old pages
        return dataclasses.replace(self, **changes)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    @property
    def short_id(self) -> str:
        return self.sha256[:8] if self.sha256 else self.path.name[:8]

    def value(self, name: str) -> Any:
        f = self.fields.get(name)
        return f.value if f is not None else None


def group_lines(words: Iterable[Word], *, by_size: bool = False) -> tuple[Word, ...]:
    """Sort words into reading order and number their lines.

    Two words share a line when their vertical extents overlap by more than half of the
    smaller height: the word's and the line's. Used by every reader so that text-layer
    and OCR pages look the same. ``by_size`` (a text layer, whose boxes are its fonts'
    sizes): the line is measured on its words of about the word's size where it has any.
    A title set large beside a block of small print spans two of its rows; the line it
    heads is the row whose words it meets, not both ("FACTURE" in 18 points beside a
    company's name over its street, in 8). (OCR's boxes are the ink's: a word of small
    letters is half as tall as one with capitals on the same row, and specks are any
    size.)
    """
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    top = bottom = low = high = 0.0  # the last line's extent, its words' least and most height
    for w in ordered:
        size = w.bottom - w.top
        if lines:
            last = lines[-1]
            if by_size and not (_alike(low, size) and _alike(high, size)):
                # none of about its size: the line's smallest words, not a title set larger
                # beside them that reaches down into the row under them
                alike = [x for x in last if _alike(x.bottom - x.top, size)] or [
                    x for x in last if x.bottom - x.top < 1.1 * low
                ]
                y0, y1 = min(x.top for x in alike), max(x.bottom for x in alike)
            else:
                y0, y1 = top, bottom
            overlap = min(y1, w.bottom) - max(y0, w.top)
            if overlap > 0.5 * (min(y1 - y0, size) or 1.0):
                last.append(w)
                top, bottom = min(top, w.top), max(bottom, w.bottom)
                low, high = min(low, size), max(high, size)
                continue
        lines.append([w])
        top, bottom, low, high = w.top, w.bottom, size, size
    out: list[Word] = []
    for i, line in enumerate(lines):
        out.extend(dataclasses.replace(w, line=i) for w in sorted(line, key=lambda w: w.x0))
    return tuple(out)


#: Words whose heights differ by less than this factor are of about one size.
ALIKE = 1.6


def _alike(a: float, b: float) -> bool:
    return max(a, b) < ALIKE * max(min(a, b), 0.1)


def page_to_json(page: Page) -> dict[str, Any]:
    return {
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "source": page.source,
        "turn": page.turn,
        "words": [
            [
                w.text,
                round(w.x0, 2),
                round(w.top, 2),
                round(w.x1, 2),
                round(w.bottom, 2),
                round(w.conf, 3),
                w.line,
                int(w.bold),
            ]
            for w in page.words
        ],
    }


def page_from_json(data: Mapping[str, Any]) -> Page:
    return Page(
        number=int(data["number"]),
        width=float(data["width"]),
        height=float(data["height"]),
        source=str(data.get("source", "text")),
        turn=int(data.get("turn", 0)),
        words=tuple(
            # pages stored before the words' weight was kept have seven values a word
            Word(t, x0, top, x1, bottom, conf, line, bool(rest and rest[0]))
            for t, x0, top, x1, bottom, conf, line, *rest in data["words"]
        ),
    )
