"""Which kind of document a record is: invoice, purchase order, estimate or contract.

Evidence, strongest first: the title the document gives itself (a title word near the top
of the first page, alone or nearly alone on its line, scores most; larger type scores
more), the labels it uses (an invoice has an invoice number, a quote a validity date),
and its shape (a contract is prose: long lines, few amounts). The drop folder adds a
prior, which clear content overrides.
"""

from __future__ import annotations

import re
from functools import cache

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.labels import (
    LABELS,
    TELLING,
    TITLES,
    LabelStarts,
    compile_labels,
    first_match,
    matches,
)
from intake.extractors.extraction.layout import Layout
from intake.extractors.extraction.party_labels import party_label
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["HINT_PRIOR", "NUMBER_WORD", "full_titles", "shows_amounts", "type_scores"]

HINT_PRIOR = 0.6
#: A cell this many times taller than the page's median is a heading: a title word in it
#: is the title even when its number follows ("QUOTATION #118"), where in body type
#: the same words are a label ("Quotation #: 118").
HEADING = 1.4
#: OCR's boxes are the ink's: a title in capitals (no descenders) stands less above the
#: body's words than its type size does ("CREDIT MEMO" at 14 pt over 9 pt text: 1.25)
OCR_HEADING = 1.15

#: What follows a title word that makes it a label: a number word of any language
#: ("No.", "n.º", "Nr", "#"), "date", "type", "code", a colon or a slash.
_LABEL_AFTER = re.compile(
    vocabulary().expand(r"(?:{NO})(?![^\W\d_])|date|type\b|code\b|:|/"), re.IGNORECASE
)
#: a number word ("No.", "Nr", "num.") as a word of its own
NUMBER_WORD = re.compile(vocabulary().expand(r"(?<![^\W\d_])(?:{NO})(?![^\W\d_])"), re.I)
#: A cell that is an amount: "$2,400.00", "258.00", "1.234,56 €", "(12.00)", "RM 7.00",
#: "Fr. 12.50", and as OCR reads a till's print, a space after the decimal point
#: ("170. 00"); not "2.01 Term". A currency is a symbol or a code or sign of one to three
#: capitals (ISO codes, and local signs such as "RM", "Kč", "Fr.").
_MONEY = re.compile(
    r"^[-−(]?\s?(?:[$€£¥₹]|[A-Z][A-Za-zč]{0,2}\.?)?\s?\d[\d.,' ]*[.,]\s?\d{2}\)?\s?"
    r"(?:[$€£¥₹]|[A-Z]{3}|[^\W\d_]{1,3}\.?)?$"  # a currency's word after it ("zł", "kr.")
)
#: the words only contract prose uses, in every pack's language (``[contract] legal``:
#: "whereas", "hereinafter", "ci-après", "nachfolgend"): a contract's text holds many
_LEGAL_WORDS = [
    word
    for cues in vocabulary().contract.values()
    for word in sorted(cues.get("legal", []), key=len, reverse=True)
]
_CONTRACT_WORDS = re.compile(
    rf"(?<!\w)(?:{'|'.join(f'(?:{w})' for w in _LEGAL_WORDS) or '(?!)'})(?!\w)", re.IGNORECASE
)


@cache
def _subject() -> list[re.Pattern[str]]:
    """A letter's subject label ("Subject", "Objet", "Betreff", "Oggetto")."""
    return [pattern for pattern, _ in compile_labels(LABELS.get("subject", []))]


def _subject_line(text: str) -> str | None:
    """What a letter's subject line says after its label and colon ("Objet : Commande
    n° 77" -> "Commande n° 77"), or None where ``text`` is no subject line. A letter
    states what it is there, where a form prints its title: the words after the label
    are the title, numbered or not."""
    for pattern in _subject():
        m = pattern.match(text)
        if m and (rest := text[m.end() :].lstrip()).startswith(":"):
            return rest[1:].strip()
    return None


@cache
def _telling() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    return {t: compile_labels(v) for t, v in TELLING.items()}


@cache
def _telling_starts() -> LabelStarts:
    return LabelStarts([entry for entries in TELLING.values() for entry in entries])


@cache
def _title_starts() -> LabelStarts:
    return LabelStarts([entry for entries in TITLES.values() for entry in entries])


@cache
def _titles() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    return {t: compile_labels(v) for t, v in TITLES.items()}


@cache
def full_titles(doc_type: str) -> list[re.Pattern[str]]:
    """The titles that name a ``doc_type`` outright ("Purchase Order", "Angebot", and an
    invoice's "Credit Memo", weighed 0.9 as a kind of invoice)."""
    return [p for p, w in _titles().get(doc_type, []) if w >= 0.9]


@cache
def _references() -> list[re.Pattern[str]]:
    """The labels of the customer's order number ("Your order", "Ihre Bestellung", "Sua
    encomenda"): a title word they end in names the reader's document, not this one."""
    return [pattern for pattern, weight in compile_labels(LABELS["po_number"]) if weight > 0]


def _reference(text: str, m: re.Match[str]) -> bool:
    """Whether the title word ``m`` ends a reference label that begins before it."""
    return any(
        r.start() < m.start() and r.end() >= m.end()
        for pattern in _references()
        for r in pattern.finditer(text)
    )


def _title_scores(layout: Layout, *, scan: bool = False) -> dict[str, float]:
    scores = dict.fromkeys(TITLES, 0.0)
    if not layout.lines:
        return scores
    first_page = layout.lines[0].page
    lines = [ln for ln in layout.lines[:40] if ln.page == first_page]
    heights = sorted(c.height for ln in lines for c in ln.cells)
    median = heights[len(heights) // 2] if heights else 1.0
    for rank, line in enumerate(lines):
        position = 1.0 if rank < 15 else 0.6
        for cell in line.cells:
            text = cell.text.strip()
            subject = _subject_line(text)
            if subject is not None:
                text = subject
            elif text.endswith(":") or party_label(text):
                continue  # a label, not a title
            if not (starts := _title_starts()(text)):
                continue
            for doc_type, patterns in _titles().items():
                for pattern, weight in patterns:
                    m = first_match(pattern, text, starts)
                    if not m or _reference(text, m):
                        continue
                    after = text[m.end() :].lstrip()
                    heading = subject is not None or (
                        median > 0 and cell.height >= (OCR_HEADING if scan else HEADING) * median
                    )
                    numbered = bool(_LABEL_AFTER.match(after))
                    if numbered and not heading:
                        continue  # "Invoice #", "Estimate No.": a label, unless it heads
                        # the page in large type ("DEVIS N° 2024-118": title and number)
                    # A title fills its cell; a word inside a longer phrase is not one.
                    # The number a heading gives after its title is no more words of it
                    # ("FATURA n.º INV-47972" is all title).
                    own = text[: m.end()] if numbered else text
                    share = sum(ch.isalpha() for ch in m.group(0)) / (
                        sum(ch.isalpha() for ch in own) or 1
                    )
                    alone = 1.0 if share >= 0.6 else 0.3 if share >= 0.4 else 0.0
                    if heading and m.start() == 0 and NUMBER_WORD.search(after):
                        # a heading opening with the title, qualified before its number
                        # ("Fatura com impostos num.: 118", "Tax Invoice No. 118")
                        alone = max(alone, 0.6)
                    size = min(max(cell.height / median, 1.0), 2.5) if median else 1.0
                    scores[doc_type] = max(scores[doc_type], weight * alone * position * size)
    return scores


def type_scores(reading: Reading) -> dict[str, float]:
    """A score per document type; higher is more likely. Not normalised. Computed once per
    reading (every extractor's ``score`` asks for it)."""
    cached = reading.memo.get("type_scores")
    if cached is None:
        cached = reading.memo["type_scores"] = _type_scores(reading)
    return dict(cached)


def shows_amounts(reading: Reading) -> bool:
    """Whether the document holds an amount with cents anywhere: the least a business
    document shows. A text without any and without a title or a label of one (a note
    saying "hello") is filed as ``other``, never as an invoice by default."""
    return any(
        _MONEY.match(cell.text.strip()) for line in reading.layout.lines for cell in line.cells
    )


def _money_lines(layout: Layout, page: int) -> int:
    """Lines of ``page`` with a cell that is an amount with cents: a table of prices, not
    prose (nor a table of contents, whose numbers are sections and pages)."""
    count = 0
    for line in layout.lines:
        if line.page == page and any(_MONEY.match(c.text.strip()) for c in line.cells):
            count += 1
    return count


def _type_scores(reading: Reading) -> dict[str, float]:
    layout = reading.layout
    scores = _title_scores(
        layout, scan=layout.lines[0].page in reading.ocr_pages if layout.lines else False
    )
    head = "\n".join(ln.text for ln in layout.lines if ln.page <= 2)
    starts = _telling_starts()(head)
    for doc_type, patterns in _telling().items():
        scores[doc_type] += min(1.2, sum(w for p, w in patterns if matches(p, head, starts)))
    if layout.lines:
        first = [ln for ln in layout.lines if ln.page == layout.lines[0].page]
        # running text: lines whose longest cell is a sentence, not a row of a form
        prose = sum(1 for ln in first if max(c.text.count(" ") for c in ln.cells) >= 9) / max(
            len(first), 1
        )
        money = _money_lines(layout, layout.lines[0].page)
        if money >= 3 and prose < 0.5:
            # A priced form titled "Contract" (an ad-buy or sales contract) works as an
            # order: it lists what is bought and what it costs.
            scores["purchase_order"] += 0.7 * scores["contract"]
            scores["contract"] *= 0.3
        else:  # (the legal words counted only here: a search over every pack's words)
            legal = len(_CONTRACT_WORDS.findall(layout.text[:20000]))
            scores["contract"] += min(legal / 15.0, 1.0) + prose
    hint = reading.record.type_hint
    if hint in scores and (any(score > 0 for score in scores.values()) or shows_amounts(reading)):
        # A prior for a document that shows something of a business document; a text
        # with nothing of one ("hello") is no invoice because of its folder.
        scores[hint] += HINT_PRIOR
    return scores
