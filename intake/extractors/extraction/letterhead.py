"""The issuer's whole name from the letterhead, by its typography.

A letterhead prints the issuer's name as one block at the top of the first page: its
lines in one type size, set close together and on a common axis, above the address (set
smaller, or after a gap) and the registration number. A long name breaks over two lines
of that block ("Acme Vegetarian" over "Restaurant Ltd", "Acme | Bookstores" over
"Ltd"), and a name found by its legal form alone covers only the line that carries the
form. So once the vendor is known, its line in the letterhead is widened to the whole
block line (the words before it on its line) and to the line above or below it that
continues the name: same size, no wider gap than a line, overlapping it, read with
confidence, and shaped like words of a name, not an address, number or title.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.confusion import mend_capitals, unfold
from intake.extractors.extraction.imprint import FOOT
from intake.extractors.extraction.layout import Cell, Line
from intake.extractors.extraction.parties import LEGAL_FORM
from intake.extractors.extraction.party_labels import contact_line, form_of_address, party_label
from intake.extractors.extraction.party_names import picture_read
from intake.extractors.extraction.recipient import LETTERHEAD
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Field

__all__ = ["letterhead_vendor", "read_vendor", "widen_letterhead_name"]

_VOCABULARY = vocabulary()
_LEGAL = re.compile(rf"(?<![\w])(?:{LEGAL_FORM})\.?(?![\w])", re.IGNORECASE)
_PLAIN_FORM = re.compile(_VOCABULARY.name_end_pattern, re.IGNORECASE)
#: A letterhead lies in this top share of the first page.
TOP_SHARE = LETTERHEAD
#: Two lines of one name differ in height by at most this factor ...
SIZE_RATIO = 1.35
#: ... and lie at most this many of their line heights apart (top to top).
LINE_PITCH = 2.0
#: The share of a title line's letters that its title words make at least ("Tax Invoice /
#: Adjustment Note"; not a notice that names a voucher).
TITLE_SHARE = 0.25
#: The cells of a name set in spaced type lie at most this many line heights apart.
SPACED_GAP = 4.0
#: OCR confidence (0..1, by length) under which a line is no part of a name: a logo.
MIN_CONF = 0.4
#: ... and under which a line carrying a legal form is none.
MIN_LEGAL_CONF = 0.2
#: What a name's line does not hold: contact details, addresses (a house number first,
#: the vocabulary packs' street words), numbers, number words, labels and titles.
_NOT_NAME = re.compile(
    r"^\s*\d+\s*,|@|www\.|https?:|\d{3}|"
    rf"\b(?:{_VOCABULARY.detail_pattern}|{_VOCABULARY.number_pattern})\b|:",
    re.IGNORECASE,
)
#: A document title ("Tax Invoice", "Receipt"), from every vocabulary pack.
_TITLE = re.compile(
    "|".join(p for entries in _VOCABULARY.table("titles").values() for p, w in entries if w > 0),
    re.IGNORECASE,
)
#: A registration number after a name: "(123456-A)", "(1234567-X)".
_NUMBER_AFTER = re.compile(r"\s*[(\[{]\s*[\w~-]*\d{3,}[\w~ -]*[)\]}]?\s*$")
_JUNK_EDGE = re.compile(r"^[^\w(&]+|[^\w).&]+$")


def _conf(cells: list[Cell]) -> float:
    words = [w for c in cells for w in c.words]
    size = sum(len(w.text) for w in words) or 1
    return sum(w.conf * len(w.text) for w in words) / size


def _wordy(text: str) -> bool:
    """Shaped like words of a name: mostly letters, in words of two letters or more."""
    letters = sum(c.isalpha() for c in text)
    chars = sum(not c.isspace() for c in text)
    return (
        chars > 0
        and letters >= 0.7 * chars
        and re.search(r"[^\W\d_]{2}", text) is not None
        and _NOT_NAME.search(text) is None
    )


def _text(cells: list[Cell]) -> str:
    return _JUNK_EDGE.sub("", " ".join(c.text for c in cells)).strip()


def _canonical(text: str) -> str:
    """``text`` with a legal form OCR misread at its end spelled as the vocabulary has it."""
    found = list(_LEGAL.finditer(text))
    if not found:
        return text
    m = found[-1]
    form = m.group(0).rstrip(".")
    if _PLAIN_FORM.fullmatch(form):
        return text[: m.end()]
    fixed = unfold(form, _PLAIN_FORM)
    return text[: m.start()] + (fixed or form) + text[m.start() + len(form) : m.end()]


def _same_block(line: Line, other: Line) -> bool:
    """Whether ``other`` can be a line of the same name block as ``line``."""
    low, high = sorted((line.height, other.height))
    if low <= 0 or high / low > SIZE_RATIO:
        return False
    if abs(other.top - line.top) > LINE_PITCH * max(line.height, other.height):
        return False
    x0, x1 = line.cells[0].x0, line.cells[-1].x1
    ox0, ox1 = other.cells[0].x0, other.cells[-1].x1
    return min(x1, ox1) > max(x0, ox0)


def _usable(line: Line) -> bool:
    """Whether ``line`` can hold part of a name: read surely, shaped like words, and not
    the role labels over side-by-side blocks ("Vendedor   Adquirente"), which head the
    name's block, nor a contact person's line or a form of address ("Ao cuidado de
    Sr. ...", "Firma") over an addressee's name: none of them begins the name."""
    cells = list(line.cells)
    if any(party_label(c.text) or contact_line(c.text) or form_of_address(c.text) for c in cells):
        return False
    return _conf(cells) >= MIN_CONF and _wordy(_text(cells))


def widen_letterhead_name(reading: Reading, vendor: Field) -> Field:
    """``vendor`` widened to its whole name where it was read from part of a letterhead's
    name block; else ``vendor`` as it is. A name that reads as a whole (two words or more
    before its legal form) is never widened: the line above it is then a brand or a
    branch, not the beginning of the name."""
    box = vendor.box
    if box is None or box.page != 1:
        return vendor
    lines = [ln for ln in reading.layout.lines if ln.page == 1]
    at = next((i for i, ln in enumerate(lines) if _holds(ln, box)), None)
    if at is None or lines[at].top > TOP_SHARE * lines[at].page_height:
        return vendor
    line = lines[at]
    value = str(vendor.value)
    legal = list(_LEGAL.finditer(value))
    parts: list[str] = []
    whole_name = bool(legal) and len(value[: legal[0].start()].split()) >= 2
    if len(line.cells) > 1 and any(c.text == value for c in line.cells) and not whole_name:
        # a name set in spaced type is cut into cells ("ACME | CASH | & | CARRY"), its
        # gaps a few letters wide; two blocks side by side (the supplier's name beside
        # the delivery address's) lie further apart and are two names
        whole = _text(list(line.cells))
        spaced = all(
            b.x0 - a.x1 <= SPACED_GAP * line.height
            for a, b in zip(line.cells, line.cells[1:], strict=False)
        )
        if spaced and _conf(list(line.cells)) >= MIN_CONF and _wordy(whole):
            return Field(whole, vendor.confidence, vendor.source, vendor.box, vendor.raw)
    before = [w for c in line.cells for w in c.words if w.x1 <= box.x0 + 1]
    if legal and not value[: legal[0].start()].strip() and before:
        # a legal form alone ("Sdn Bhd"): the name is what the line prints before it
        text = _JUNK_EDGE.sub("", " ".join(w.text for w in before)).strip()
        size = sum(len(w.text) for w in before) or 1
        if (
            text
            and ":" not in text
            and sum(w.conf * len(w.text) for w in before) / size >= MIN_CONF
        ):
            parts.append(text)
    elif legal and len(value[: legal[0].start()].split()) <= 1 and at > 0:
        # the form and at most one word ("Restaurant Ltd"): the name began a line above
        above = lines[at - 1]
        if _same_block(line, above) and _usable(above) and not _LEGAL.search(above.text):
            parts.append(_text(list(above.cells)))
    elif not legal and at + 1 < len(lines):
        # a name without its form ("Acme Eastern"): the form may end it a line below
        below = lines[at + 1]
        continues = _text(list(below.cells))
        head = continues[: m.start()] if (m := _LEGAL.search(continues)) else ""
        if m and _same_block(line, below) and _conf(list(below.cells)) >= MIN_CONF:
            if not head.strip() or _wordy(head):
                value = f"{value} {_canonical(continues)}"
    widened = " ".join([*parts, value])
    if widened == vendor.value:
        return vendor
    return Field(widened, vendor.confidence, vendor.source, vendor.box, vendor.raw)


def _holds(line: Line, box: Box) -> bool:
    """Whether ``box`` sits on ``line`` (its middle within the line's height)."""
    middle = (box.top + box.bottom) / 2
    return line.top - 1 <= middle <= line.bottom + 1


def _is_title(line: Line) -> bool:
    """A line that is a document's title: a title word makes much of it, no figures, and
    no cell is a party's label ("BILL TO  SHIP TO" heads two blocks: "Bill" titles none)."""
    text = line.text
    if len(text.split()) > 5 or re.search(r"\d", text):
        return False
    if any(party_label(cell.text) for cell in line.cells):
        return False
    letters = sum(c.isalpha() for c in text) or 1
    found = sum(c.isalpha() for m in _TITLE.finditer(text) for c in m.group(0))
    return found >= TITLE_SHARE * letters


def _name_line(line: Line) -> bool:
    """A line that can be a letterhead's name: read with confidence, words of a name."""
    text = _NUMBER_AFTER.sub("", _text(list(line.cells)))
    legal = _LEGAL.search(text)
    head = text[: legal.start()] if legal else text
    if re.search(r"[^\W\d_]{2}", text) is None or picture_read(text):
        return False
    # a legal form vouches for a line that OCR read with less confidence (large type)
    floor = MIN_LEGAL_CONF if legal else MIN_CONF
    return _conf(list(line.cells)) >= floor and (not head.strip() or _wordy(head))


def _name_of(line: Line) -> str:
    """The name a letterhead line prints: up to its legal form, without a registration."""
    return _canonical(_NUMBER_AFTER.sub("", _text(list(line.cells))))


def _foot(lines: list[Line]) -> int:
    """The index of the first line of the page's foot (:data:`imprint.FOOT`)."""
    return next((i for i, ln in enumerate(lines) if ln.top >= FOOT * ln.page_height), len(lines))


def letterhead_vendor(reading: Reading, vendor: Field | None) -> Field | None:
    """The vendor by the letterhead's typography: the first line of the first page that
    reads as a name and stands over the block of the issuer's address (a line with figures
    within the next two: a street number, a registration or telephone number), above the
    document's title. It replaces ``vendor`` where that was read lower on the page and is
    no company (an address line, a heading set large: "Guest Check"), or where that is a
    company named under the title (the addressee's block). Else ``vendor`` as it is."""
    lines = [ln for ln in reading.layout.lines if ln.page == 1]
    if not lines:
        return vendor
    limit = TOP_SHARE * lines[0].page_height
    head: int | None = None
    title: int | None = None
    for i, line in enumerate(lines):
        if line.top > limit:
            break
        if _is_title(line):
            title = i
            break
        if head is None and _name_line(line):
            after = lines[i + 1 : i + 3]
            if any(re.search(r"\d", ln.text) for ln in after):
                head = i
    if head is None:
        return vendor
    name = _name_of(lines[head])
    if len(name) < 3 or vendor is not None and vendor.box is None:
        return vendor
    at = None
    if vendor is not None and vendor.box is not None and vendor.box.page == 1:
        at = next((i for i, ln in enumerate(lines) if _holds(ln, vendor.box)), None)
    if vendor is not None and (at is None or at <= head + 1):
        return vendor
    head_legal = _LEGAL.search(name) is not None
    vendor_legal = vendor is not None and _LEGAL.search(str(vendor.value)) is not None
    # (the foot's imprint under the title names the issuer, no addressee: :mod:`imprint`)
    under_title = title is not None and at is not None and at > title and at < _foot(lines)
    if vendor_legal and not under_title:
        return vendor
    line = lines[head]
    confidence = 0.8 if head_legal else 0.6
    box = Box.around(1, [w for c in line.cells for w in c.words])
    return Field(name, confidence, "layout", box, line.text)


def read_vendor(
    reading: Reading, vendor: Field | None, *, issuer_buys: bool = False
) -> Field | None:
    """On a scan, the vendor found by
    :func:`~intake.extractors.extraction.parties.find_parties` checked against the
    letterhead (:func:`letterhead_vendor`), widened to its whole name
    (:func:`widen_letterhead_name`), with OCR's digits in its words of capitals read as the
    letters they stand for. A text layer's vendor is left as found: its words and their
    order are the document's own, where a scan's lines come from OCR's grouping. An order
    (``issuer_buys``) found its vendor apart from the letterhead, which is its buyer's: the
    letterhead does not replace it."""
    if not reading.ocr_pages:
        return vendor
    if not (issuer_buys and vendor is not None):
        vendor = letterhead_vendor(reading, vendor)
    if vendor is None:
        return vendor
    vendor = widen_letterhead_name(reading, vendor)
    mended = mend_capitals(str(vendor.value))
    if mended != vendor.value:
        vendor = Field(mended, vendor.confidence, vendor.source, vendor.box, vendor.raw)
    return vendor
