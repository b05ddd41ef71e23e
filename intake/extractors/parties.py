"""Who issued the document (vendor, with its address) and to whom (buyer).

The buyer sits under a label ("Bill to", "Rechnung an", "Client"). The vendor is found
by several kinds of evidence, summed per name: a seller label ("From", "Sold by",
"Lieferant"); a company name with a legal form (GmbH, Ltd, SAS, B.V., Sdn Bhd...), in the
letterhead or in the footer's registration line; large type at the top of the first
page; and the domain of the document's e-mail addresses and web site, which usually
names the issuer. Names inside the buyer's block never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.extractors.candidates import Candidate
from intake.extractors.layout import Cell, Layout
from intake.extractors.reading import Reading
from intake.record import Box, Field

__all__ = ["LEGAL_FORM", "find_parties"]

LEGAL_FORM = (
    r"(?:inc|incorporated|ltd|limited|llc|l\.l\.c|llp|plc|gmbh|ag|kg|ohg|ug|e\.\s?k|se|sa|"
    r"s\.a|sas|s\.a\.s|sarl|s\.a\.r\.l|sl|s\.l|slu|bv|b\.v|nv|n\.v|corp|corporation|company|"
    r"co|pty|sdn\.?\s?bhd|bhd|pte|srl|s\.r\.l|spa|s\.p\.a|oy|ab|as|aps|sp\.\s?z\s?o\.?\s?o|"
    r"spółka\s+akcyjna|group|enterprises?|trading|holdings?)"
)
_LEGAL_END = re.compile(rf"(?<![\w])(?:{LEGAL_FORM})\.?(?![\w])", re.IGNORECASE)
_NAME_BEFORE = re.compile(
    rf"((?:[A-Z0-9&][\w&'’.\-]*,?\s+){{0,6}}?(?:[A-Z0-9&][\w&'’.\-]*,?\s+)?(?:{LEGAL_FORM})\.?)"
    r"(?![\w])",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    r"@|www\.|https?:|\b(?:invoice|rechnung|facture|factura|factuur|page|seite|date|datum|"
    r"total|subtotal|tel|phone|fax|email|e-mail|iban|bic|swift|vat|tax|gst|street|road|"
    r"avenue|str\.|straße|strasse|rue|calle|p\.?o\.?\s*box|postfach|qty|description|amount)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(
    r"\b(?:tax\s+)?(?:invoice|rechnung|facture|factura|factuur|receipt|quotation|quote|"
    r"estimate|purchase\s+order|order|bestellung|angebot|devis)\b\.?",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"(?:@|www\.|https?://)([a-z0-9\-]+(?:\.[a-z0-9\-]+)*)", re.IGNORECASE)
_GENERIC_DOMAINS = {
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
    "gmx",
    "web",
    "example",
    "mail",
    "aol",
    "icloud",
    "live",
    "com",
    "net",
    "org",
    "www",
}
_ADDRESS_STOP = re.compile(
    r"@|www\.|https?:|\b(?:tel|phone|fax|email|e-mail|vat|tax|gst|iban|bic|reg|co\.?\s*no|"
    r"company\s*no|invoice|date|ust|steuer|siret|tva|kvk|btw)\b",
    re.IGNORECASE,
)


def _clean_name(text: str) -> str:
    text = _TITLE_WORDS.sub(" ", text)
    return " ".join(text.split()).strip(" :,;-|#*")


def _name_like(text: str) -> bool:
    text = text.strip()
    if not 2 <= len(text) <= 80 or not re.search(r"[^\W\d_]{2}", text):
        return False
    if _NOT_NAME.search(text) or text.endswith(":"):
        return False
    if " " not in text and any(c.isdigit() for c in text):
        return False  # one token with digits is an identifier, not a name
    digits = sum(c.isdigit() for c in text)
    return digits <= max(2, len(text) // 4) and not text[0].isdigit() and text[0] not in "([{"


@dataclass(frozen=True)
class _Block:
    lines: frozenset[int]
    x0: float
    x1: float


def _domains(reading: Reading) -> set[str]:
    out = set()
    for m in _DOMAIN.finditer(reading.text):
        for part in m.group(1).lower().split("."):
            if len(part) >= 3 and part not in _GENERIC_DOMAINS:
                out.add(part.replace("-", ""))
    return out


def _domain_bonus(name: str, domains: set[str]) -> float:
    compact = re.sub(r"[^a-z0-9]", "", name.lower())
    words = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in name.split()]
    for d in domains:
        if len(compact) >= 3 and (d in compact or compact in d):
            return 0.45
        if any(len(w) >= 4 and (w in d or d in w) for w in words):
            return 0.3
    return 0.0


def _buyer(reading: Reading) -> tuple[Field | None, list[_Block]]:
    layout = reading.layout
    blocks: list[_Block] = []
    cands: list[Candidate] = []
    for hit in layout.labels("buyer", pages=1):
        rest = hit.cell.tail(hit.match.end())
        cells = ([rest] if rest and rest.text.strip(" :") else []) + list(layout.below(hit))
        for cell in cells:
            name = _clean_name(cell.text)
            if _name_like(name):
                cands.append(Candidate(name, hit.weight, cell.box, cell.text))
                break
        top = hit.cell.line
        blocks.append(
            _Block(
                frozenset(range(top, top + 6)), hit.cell.x0 - 5, max(hit.cell.x1, hit.cell.x0 + 180)
            )
        )
    if not cands:
        return None, blocks
    c = max(cands, key=lambda c: c.score)
    return Field(c.value, round(0.5 + 0.4 * min(c.score, 1.0), 3), "layout", c.box, c.raw), blocks


def _in_blocks(cell: Cell, blocks: list[_Block]) -> bool:
    return any(cell.line in b.lines and cell.x0 < b.x1 and cell.x1 > b.x0 for b in blocks)


def _legal_names(cell: Cell) -> list[tuple[str, Box]]:
    out = []
    for m in _NAME_BEFORE.finditer(cell.text):
        name = _clean_name(m.group(1))
        if len(name.split()) >= 2 and _name_like(name) and _LEGAL_END.search(name):
            out.append((name, cell.span_box(m.start(1), m.end(1))))
    return out


def _vendor_candidates(reading: Reading, blocks: list[_Block]) -> list[Candidate]:
    layout: Layout = reading.layout
    cands: list[Candidate] = []
    for hit in layout.labels("vendor", pages=1):
        rest = hit.cell.tail(hit.match.end())
        cells = ([rest] if rest and rest.text.strip(" :") else []) + list(layout.below(hit))
        found = [(n, b, c) for c in cells[:3] for n, b in _legal_names(c)]
        found = found or [(_clean_name(c.text), c.box, c) for c in cells[:2]]
        for name, box, cell in found:
            if _name_like(name):
                cands.append(Candidate(name, 1.1 * hit.weight, box, cell.text))
                break
    pages = {p.number: p for p in reading.record.pages}
    median = layout.median_height
    first_lines = [ln for ln in layout.lines if ln.page == 1]
    for rank, line in enumerate(first_lines):
        height = pages[1].height if 1 in pages else 800.0
        top_zone = line.top < 0.3 * height
        for cell in line.cells:
            if _in_blocks(cell, blocks):
                continue
            for name, box in _legal_names(cell):
                score = 0.7 + (0.25 if top_zone else 0.0)
                cands.append(Candidate(name, score, box, cell.text))
            if not top_zone or rank > 30:
                continue
            name = _clean_name(cell.text)
            if not _name_like(name):
                continue
            size = cell.height / median if median else 1.0
            score = max(0.0, 0.3 - 0.025 * rank)
            if size > 1.15:
                score += min(0.3 * size, 0.6)
            if score >= 0.2:
                cands.append(Candidate(name, score, cell.box, cell.text))
    # footers of every page: "Acme GmbH · Sitz ... · HRB ..." registration lines
    for line in layout.lines:
        if line.page == 1 or line.top < 0.75 * line.page_height:
            continue
        for cell in line.cells:
            for name, box in _legal_names(cell):
                cands.append(Candidate(name, 0.45, box, cell.text))
    return cands


def _address(layout: Layout, box: Box | None) -> Field | None:
    """The lines under the vendor's name in the same column, up to a contact line."""
    if box is None:
        return None
    start = next(
        (ln.index for ln in layout.lines if ln.page == box.page and abs(ln.top - box.top) < 2),
        None,
    )
    if start is None:
        return None
    parts: list[str] = []
    prev_bottom = box.bottom
    for line in layout.lines[start + 1 : start + 6]:
        if line.page != box.page or line.top - prev_bottom > 2.5 * max(line.height, 6):
            break
        cell = next((c for c in line.cells if abs(c.x0 - box.x0) < 15), None)
        if cell is None or _ADDRESS_STOP.search(cell.text):
            break
        parts.append(cell.text.strip(" ,"))
        prev_bottom = line.bottom
    if not parts or not any(ch.isdigit() for ch in " ".join(parts)):
        return None
    return Field(", ".join(parts), 0.5, "layout")


def find_parties(reading: Reading) -> dict[str, Field]:
    """vendor (the issuer), its address, and buyer (the addressee)."""
    out: dict[str, Field] = {}
    buyer, blocks = _buyer(reading)
    if buyer is not None:
        out["buyer"] = buyer
    cands = _vendor_candidates(reading, blocks)
    if not cands:
        return out
    domains = _domains(reading)
    scores: dict[str, float] = {}
    first: dict[str, Candidate] = {}
    for c in cands:
        key = re.sub(r"\W+", " ", c.value.casefold()).strip()
        scores[key] = max(scores.get(key, 0.0), c.score) + 0.1 * (key in scores)
        if key not in first or c.score > first[key].score:
            first[key] = c
    for key, c in first.items():
        scores[key] += _domain_bonus(c.value, domains)
    key = max(scores, key=lambda k: scores[k])
    c = first[key]
    if buyer is not None and key == re.sub(r"\W+", " ", str(buyer.value).casefold()).strip():
        return out
    out["vendor"] = Field(
        c.value, round(min(0.95, 0.35 + 0.4 * scores[key]), 3), "layout", c.box, c.raw
    )
    if (address := _address(reading.layout, c.box)) is not None:
        out["address"] = address
    return out
