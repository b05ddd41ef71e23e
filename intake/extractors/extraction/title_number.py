"""The number printed beside a document's title, on the title's line or right under it.

A title in heading type with a bare number word in a cell of its own on its line
("ORDER ... No. LD-221", "DEVIS ... N° 45", "INVOICE ... # 1042"), or beginning the line
right under it ("ORDINE D'ACQUISTO" over "N. 118/2025 del 07/07/2025", or "No." over
its value in the next cell; flush right, ending where the title ends; or centred under
a centred title), numbers the
document itself: the number word names no kind, the title it goes with does. So does a
bare number word before the date's header in a row of boxed details (:func:`grid_number`).
Read where no label of the document's own number was found.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import parse_id
from intake.extractors.extraction.classify import HEADING, NUMBER_WORD, OCR_HEADING, full_titles
from intake.extractors.extraction.layout import ALIGNED, Cell
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Field

__all__ = ["grid_number", "title_number"]

#: a cell that begins with a number word alone ("No.", "N°", "#", "Nr.") and its colon
_BARE_NO = re.compile(rf"\s*(?:{vocabulary().number_pattern})\s*[:.]?\s*(?=\S)", re.IGNORECASE)
#: a number word alone in its cell ("Numero", "Número", "No.", "Nr."), with its colon
_NO_ONLY = re.compile(rf"\s*(?:{vocabulary().number_pattern})\s*[:.]?\s*", re.IGNORECASE)
#: a number word of its own inside a heading, and its colon: the number follows
_NO_AFTER = re.compile(rf"{NUMBER_WORD.pattern}\s*[:.]?\s*(?=\S)", re.IGNORECASE)
#: one token with a figure after the title, and nothing more ("Bestellung 106022"); not a
#: year alone
_ONE_ID = re.compile(r"\s+(?!(?:19|20)\d\d\s*$)(?=\S*\d)\S+\s*")
#: the title stands among the first page's first lines
TOP_LINES = 15
CONFIDENCE = 0.6


def title_number(reading: Reading, doc_type: str) -> Field | None:
    """The number beside ``doc_type``'s title on the title's line, else None."""
    lines = [ln for ln in reading.layout.lines[:TOP_LINES] if ln.page == 1]
    heights = sorted(c.height for ln in lines for c in ln.cells)
    if not heights:
        return None
    median = heights[len(heights) // 2]
    heading = OCR_HEADING if 1 in reading.ocr_pages else HEADING
    titles = full_titles(doc_type)
    for index, line in enumerate(lines):
        big = [c for c in line.cells if c.height >= heading * median]
        if (numbered := _in_title_cell(reading, big, titles)) is not None:
            return numbered
        title = next((c for c in big if any(p.fullmatch(c.text.strip()) for p in titles)), None)
        if title is None:
            continue
        cells = list(line.cells)
        # the cell right under the title, starting where it starts ("ORDINE D'ACQUISTO"
        # over "N. 118/2025 del 07/07/2025"), or ending where it ends (both set flush
        # right: "Avoir" over "N° AV-118"), or centred under it ("PEDIDO DE COMPRA" over
        # "Nº 004517"), on the next lines (a letterhead beside it has lines of its own)
        for below in lines[index + 1 : index + 3]:
            under = next(
                (
                    c
                    for c in below.cells
                    if abs(c.x0 - title.x0) <= ALIGNED
                    or abs(c.x1 - title.x1) <= ALIGNED
                    or abs(c.x0 + c.x1 - title.x0 - title.x1) <= 2 * ALIGNED
                ),
                None,
            )
            if under is not None and under.top - title.bottom < title.height:
                # a value flush right under the title, its number word alone before it
                # under the title ("CONFIRMATION DE COMMANDE" over "N° :  CC-26-1478")
                word = [
                    c
                    for c in below.cells
                    if title.x0 - ALIGNED <= c.x0
                    and c.x1 <= under.x0
                    and _NO_ONLY.fullmatch(c.text)
                ]
                cells.append(word[-1] if word else under)
                break
        for cell in cells:
            m = _BARE_NO.match(cell.text)
            rest = cell.tail(m.end()) if m else None
            if _NO_ONLY.fullmatch(cell.text):
                # the number word alone in its cell, its value in the next ("No. | 2417"
                # heading a column of labels and values under the title)
                rest = reading.layout.next_cell(cell)
            if rest is not None and (found := parse_id(reading, rest, 1.0)) is not None:
                return Field(found[0], CONFIDENCE, "layout", found[1], cell.text)
    return None


def _in_title_cell(
    reading: Reading, cells: list[Cell], titles: list[re.Pattern[str]]
) -> Field | None:
    """The number in a heading that opens with the title and numbers it after a few words
    of its own ("Fatura com impostos num.: INV-20931", "Tax Invoice No. 118"), or right
    after the title with no number word, as one token with a figure that ends the heading
    ("Bestellung 106022", as ERPs title their documents; not a year: "Angebot 2025")."""
    for cell in cells:
        text = cell.text.strip()
        for p in titles:
            if (m := p.match(text)) is None or m.end() == len(text):
                continue
            start = cell.text.index(text) + m.end()
            if (no := _NO_AFTER.search(cell.text, start)) is not None:
                rest = cell.tail(no.end())
            elif _ONE_ID.fullmatch(cell.text, start):
                rest = cell.tail(start)
            else:
                continue
            if rest is not None and (found := parse_id(reading, rest, 1.0)) is not None:
                return Field(found[0], CONFIDENCE, "layout", found[1], cell.text)
    return None


def grid_number(reading: Reading) -> Field | None:
    """The number under a bare number word heading a row of boxed details beside the
    document's date ("Numero | Data | Vs. ordine | Data ordine" over "2025/118 |
    05/05/2025 | ..."): ERPs print their document's number and date so, first in the row,
    and the customer's references after them under words that name their kind. Read
    where no label of the document's own number was found."""
    layout = reading.layout
    for hit in layout.labels("issue_date", pages=1):
        line = hit.cell.line
        if not layout.heads_values(line):
            continue
        for cell in layout.lines[line].cells:
            if cell.x0 >= hit.cell.x0:
                break  # the number word comes before the date it goes with
            if not _NO_ONLY.fullmatch(cell.text):
                continue
            value = next(layout.under(cell, max_lines=1), None)
            if value is not None and (found := parse_id(reading, value, 1.0)) is not None:
                return Field(found[0], CONFIDENCE, "layout", found[1], cell.text)
    return None
