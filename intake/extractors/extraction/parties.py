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

from intake.extractors.extraction.addressee import (
    addressee_of,
    attended,
    name_key,
    unlabelled_customer,
)
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.imprint import IMPRINT, banks, imprinted
from intake.extractors.extraction.layout import Cell, Layout
from intake.extractors.extraction.legal_names import (
    LEGAL_END,
    LEGAL_FORM,
    canonical_form,
    legal_names,
    unsure,
)
from intake.extractors.extraction.line_items import item_header
from intake.extractors.extraction.order_buyer import SURE, issued_by, issuer_buying
from intake.extractors.extraction.party_address import address_under
from intake.extractors.extraction.party_cells import (
    Block,
    beside_value,
    concat,
    in_blocks,
    in_details_row,
    label_cells,
    named_cells,
    whole_labels,
)
from intake.extractors.extraction.party_domains import domain_bonus, web_domains
from intake.extractors.extraction.party_labels import (
    contact_line,
    contact_over_company,
    form_of_address,
    in_reference_label,
    label_in_value,
    more_label,
    name_heading,
    party_label,
)
from intake.extractors.extraction.party_names import STORE_NO, clean_name, name_like
from intake.extractors.extraction.postcodes import POSTCODE
from intake.extractors.extraction.recipient import (
    LETTERHEAD,
    recipient_names,
    return_sender,
    window_lines,
)
from intake.extractors.extraction.vocabulary import vocabulary
from intake.extractors.reading.textquality import plausible_share
from intake.record import Field

__all__ = ["LEGAL_FORM", "find_parties"]

_VOCABULARY = vocabulary()
#: the words that join a name's parts (the packs' ``name_joiners``: "and", "und", "&")
_JOINERS = frozenset(w.casefold() for w in _VOCABULARY.name_joiners)
_LEGAL_ONLY = re.compile(rf"(?:{LEGAL_FORM})\.?(?:\s+(?:{LEGAL_FORM})\.?)*", re.IGNORECASE)
#: the share of plausible words under which a cell is no name (a logo)
MIN_PLAUSIBLE = 0.7
RETURN_SENDER = 0.8  # the score of the name a window's return address gives its sender
ATTENDED = 0.3  # what an attention line under a name takes from it as the issuer

#: a house number ending a line ("Am Mühlbach 12", "Kaiserkai 3a", "Via Roma 12-14")
_HOUSE_NUMBER = re.compile(r"[^\W\d_]\s+\d{1,4}\s?[a-zA-Z]?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?$")


def _street_over_town(layout: Layout, cell: Cell) -> bool:
    """A street and its house number over a postcode and town: an address's first line,
    however its street is called ("Am Mühlbach 12"), not a name."""
    return _HOUSE_NUMBER.search(cell.text.strip()) is not None and any(
        POSTCODE.search(c.text) for c in layout.under(cell, max_lines=1)
    )


def _doubtful(cell: Cell) -> bool:
    """OCR that is unsure of the cell, or made words that are no words (a logo read as
    text): not a name to go by. A text layer says what the document says."""
    words = cell.words
    if all(w.conf >= 1.0 for w in words):
        return False
    if STORE_NO.search(cell.text):
        words = words[:-1]  # a chain's shop number is no word: "QUIKSTOP #2291"
    return unsure(words) or plausible_share(w.text for w in words) < MIN_PLAUSIBLE


def _joined(layout: Layout, cell: Cell) -> Cell:
    """A name broken over two lines, joined: "Acme Hardware &" over "Electrical", "The
    Acme" over "& Sons Ltd", "Acme Bakeries" over "GmbH"."""
    text = cell.text.strip()
    other: Cell | None = None
    if text.startswith("&") or _LEGAL_ONLY.fullmatch(clean_name(text)):
        other = next(layout.above(cell, max_lines=1), None)
        if other is not None:
            return concat(other, cell)
    if re.search(r"(?:&|\band)$", text, re.IGNORECASE):
        other = next(layout.under(cell, max_lines=1), None)
        if other is not None:
            return concat(cell, other)
    return cell


#: One token with a digit: an identifier (a customer's number, a reference), no name.
_IDENTIFIER = re.compile(r"[^\s\d]*\d\S*")
#: The customer's number, a dash and its name after the buyer's label ("Kunde: 10233 -
#: Acme GmbH", "Customer: C-4410 / Acme Ltd"): the name is what follows.
_NUMBER_THEN_NAME = re.compile(r"[\s:]*[^\s\d:]*\d\S*\s+[-–/|]\s+(?=[^\W\d_])")
#: A legal form, then a comma and more that is no legal form: the name ends at the form.
_RUN_ON = re.compile(
    rf"^[^,]*(?<![\w])(?:{LEGAL_FORM})\.?,\s*(?!(?:{LEGAL_FORM})\.?\s*$)\S", re.IGNORECASE
)
#: An account code after a party's name: "Acme PAC (123456)".
_CODE_AFTER = re.compile(r"\s*\(\s*\d{3,}\s*\)\s*$")


def _buyer(reading: Reading) -> tuple[Field | None, float, list[Block]]:
    """The buyer under its label, with the label's weight, and the blocks of its labels."""
    layout = reading.layout
    blocks: list[Block] = []
    cands: list[Candidate] = []
    labels = label_cells(layout)
    # under a label, a cell that is nothing but another of the buyer's labels is no name
    headed = {
        (h.cell.line, h.cell.x0)
        for h in layout.labels("buyer", pages=1)
        if more_label(h.cell.text[h.match.end() :])
    }
    for hit in layout.labels("buyer", pages=1):
        if label_in_value(hit) or in_reference_label(hit) or in_details_row(layout, hit):
            continue
        rest = hit.cell.tail(hit.match.end())
        # (the rest of the label's cell may be the label of the block beside it, run in)
        cells = [rest] if rest and not more_label(rest.text) and not party_label(rest.text) else []
        below = [c for c in layout.below(hit) if (c.line, c.x0) not in headed]
        cells += beside_value(layout, hit.cell, labels) + named_cells(layout, list(below))
        for i, cell in enumerate(cells):
            number = i == 0 and _IDENTIFIER.fullmatch(cell.text.strip(" :"))
            if number and cell is rest and len(cells) > 1 and LEGAL_END.search(cells[1].text):
                continue  # "Cliente: 000045" over a company: its account, then its name
            if number or item_header(reading, layout.lines[cell.line]):
                break  # its value is a number ("Réf. client  C88614"), or the items begin
            if contact_line(cell.text) or form_of_address(cell.text):
                continue  # a contact person at the buyer, or "Firma" over its name
            if (numbered := _NUMBER_THEN_NAME.match(cell.text)) and cell.tail(numbered.end()):
                cells[i] = cell = cell.tail(numbered.end()) or cell  # "10233 - Acme Ltd"
            head, comma, after = cell.text.partition(",")
            # a block run into one line, an address, or more after a legal form ("Acme
            # GmbH, Halle 3": its site)
            if comma and (POSTCODE.search(after) or _RUN_ON.search(cell.text)):
                if not LEGAL_END.search(head):
                    break  # "Adresse de livraison : ZI des Forges, 59300 Valenciennes"
                cells[i] = cell = cell.head(len(head))  # "Acme Ltd, 12 Main St, 59300 Town"
            elif comma and len(head.split()) > 1 and contact_over_company(head, after):
                # a department or person first ("Accounts Payable, Harwick Foundry Ltd"; a
                # firm's names, "Baker, Botts & Reed LLP", begin with one word)
                cells[i] = cell = cell.tail(len(head) + 1) or cell
            under, after = ([c.text for c in cells[i + 1 : i + 3]] + ["", ""])[:2]
            if (text := name_heading(cell.text, under, after)) is None:
                continue  # "Frau Petra Schulz" over "Oberhof Bau AG": its contact
            name = _CODE_AFTER.sub("", clean_name(text))
            # a legal form alone ("Inc") is the end of a name, not a name
            if name_like(name, years=True) and not _LEGAL_ONLY.fullmatch(name):
                cands.append(Candidate(name, hit.weight, cell.box, cell.text))
                break
        blocks.append(Block.under(hit.cell))
    if not cands:
        return None, 0.0, blocks
    c = max(cands, key=lambda c: c.score)
    field = Field(c.value, round(0.5 + 0.4 * min(c.score, 1.0), 3), "layout", c.box, c.raw)
    return field, c.score, blocks


def _vendor_candidates(reading: Reading, blocks: list[Block]) -> tuple[list[Candidate], set[str]]:
    """The candidates for the vendor, and the names found under a seller's label."""
    layout: Layout = reading.layout
    cands: list[Candidate] = []
    sellers: set[str] = set()
    labels = label_cells(layout)
    for hit in layout.labels("vendor", pages=1):
        if label_in_value(hit, keyed=True) or in_details_row(layout, hit):
            continue
        if item_header(reading, layout.lines[hit.line]):
            continue  # a column's name in a table's header ("Vendor Part #"), no block's
        rest = hit.cell.tail(hit.match.end())
        cells = ([rest] if rest and not more_label(rest.text) else []) + named_cells(
            layout, list(layout.below(hit))
        )
        # the value beside the label in a key/value header, where it is a company's legal
        # name ("Supplier | Harbor Lane Medical Supply Inc."; "Vendedor | Marcos Ribeiro"
        # is the salesperson)
        beside = named_cells(layout, beside_value(layout, hit.cell, labels))
        found = [(n, b, c) for c in [*beside, *cells[:3]] for n, b in legal_names(c)]
        found = found or [(clean_name(c.text), c.box, c) for c in cells[:2]]
        for name, box, cell in found:
            if name_like(name):
                cands.append(Candidate(name, 1.1 * hit.weight, box, cell.text))
                sellers.add(name_key(name))
                break
    pages = {p.number: p for p in reading.record.pages}
    median, height = layout.median_height, pages[1].height if 1 in pages else 800.0
    first_lines = [ln for ln in layout.lines if ln.page == 1]
    rank, whole = 0, whole_labels(layout)  # rank: among the lines with a name on them
    legal_seen = False
    for line in first_lines:
        if item_header(reading, line):
            continue  # the items' column headers ("Quantity", "Price") name nobody
        top_zone = line.top < LETTERHEAD * height
        named = False
        for cell in line.cells:
            if in_blocks(cell, blocks):
                continue
            if top_zone:
                cell = _joined(layout, cell)
            for name, box in legal_names(cell, leading_digit=top_zone):
                # the issuer's name comes first in a letterhead; the customer's later
                score = 0.7 + 0.25 * top_zone + (0.1 if top_zone and not legal_seen else 0.0)
                cands.append(Candidate(name, score, box, cell.text))
                legal_seen = legal_seen or top_zone
            if not top_zone or rank > 30 or _doubtful(cell) or contact_line(cell.text):
                continue
            if (cell.line, cell.x0) in whole or _street_over_town(layout, cell):
                named = True  # a label ("Rechnungsnummer:", "Supplier") or a street: it takes
                continue  # a rank, as a line of words does, but names nobody
            name = clean_name(cell.text)
            if not name_like(name):
                continue
            named = True
            size = cell.height / median if median else 1.0
            score = max(0.0, 0.3 - 0.025 * rank)
            if size > 1.15:
                score += min(0.3 * size, 0.6)
            if score >= 0.2:
                cands.append(Candidate(name, score, cell.box, cell.text))
        rank += named
    # footers of every page: "Acme GmbH · Sitz ... · HRB ..." registration lines
    for line in layout.lines:
        if line.page == 1 or line.top < 0.75 * line.page_height:
            continue
        for cell in line.cells:
            for name, box in legal_names(cell):
                cands.append(Candidate(name, 0.45, box, cell.text))
    return cands, sellers


def _registered_name(reading: Reading, brand: str, buyer: Field | None) -> str | None:
    """The registered name a brand in the letterhead stands for: a name with its legal form
    elsewhere on the first page (the footer's registration line, most often) that begins
    with all the brand's words ("NORVALE" for "Norvale Components Ltd"), or whose words'
    initials a brand in capitals spells ("HBM" for "Hartwell Builders Merchants Ltd");
    not the buyer's."""
    key = name_key(brand)
    other = name_key(str(buyer.value)) if buyer is not None else None
    if not key:
        return None
    initials = key if brand.isupper() and " " not in key and 2 <= len(key) <= 5 else None
    for line in reading.layout.lines:
        if line.page != 1:
            break
        for cell in line.cells:
            for name, _ in legal_names(cell):
                if (found := name_key(name)) == other:
                    continue
                if found.startswith(f"{key} ") or (initials and _initials(name) == initials):
                    return name
    return None


def _initials(name: str) -> str:
    """The initials of a name's words before its legal form ("hbm" for "Hartwell Builders
    Merchants Ltd"), the words that join them left out (the packs' ``name_joiners``, "&")."""
    words = LEGAL_END.sub(" ", name).replace("&", " ").split()
    return "".join(w[0] for w in words if w.casefold() not in _JOINERS).casefold()


def _sentence_heads(scores: dict[str, float], first: dict[str, Candidate]) -> None:
    """A legal name read out of a line of running text keeps the sentence's words before
    it (a delivery receipt's "RECEBEMOS DE ACME LTDA OS PRODUTOS …", "received from"):
    where the sentence goes on after the name and the page prints the name's tail alone
    in a cell of its own (its letterhead), the two are one company, named by the tail. A
    name wrapped over two lines is no sentence: its cell ends with it. ``scores`` and
    ``first`` are by name key."""
    for long in list(scores):
        raw = name_key(first[long].raw)
        if not raw.startswith(long + " ") or len(raw[len(long) :].split()) < 2:
            continue
        tails = [
            short
            for short in scores
            if len(short.split()) >= 2
            and long.endswith(" " + short)
            and name_key(first[short].raw) == short
        ]
        if tails:
            short = max(tails, key=len)
            scores[short] = max(scores[short], scores.pop(long)) + 0.1
            del first[long]


def find_parties(reading: Reading, *, issuer_buys: bool = False) -> dict[str, Field]:
    """vendor (the issuer), its address, and buyer (the addressee). ``issuer_buys``: the
    document is an order, which its buyer issues: where a seller's label names the vendor,
    the issuer the page names most surely (its letterhead) is the buyer unless a label
    names a buyer surely (:mod:`order_buyer`)."""
    buyer, weight, blocks = _buyer(reading)
    out: dict[str, Field] = {} if buyer is None else {"buyer": buyer}
    # an unlabelled name in the addressee's window is not the issuer's
    window = recipient_names(reading.layout)
    if buyer is None and window:  # no label names the buyer: the window does
        out["buyer"] = Field(window[0][1], 0.5, "layout", window[0][0], window[0][1])
    boxes = [box for box, _ in window]
    found, sellers = _vendor_candidates(reading, blocks)
    sellers -= issued_by(reading.layout) if issuer_buys else set()  # an order's issuer buys
    sender = return_sender(reading.layout, boxes)
    if sender is not None and name_like(sender[1]):
        # the return address over the window names the sender, the window its addressee
        found.append(Candidate(sender[1], RETURN_SENDER, sender[0], sender[1]))
    # The window's name and its address lines are nobody's, but for a sure name (a legal
    # name, a seller's label) where no return address marks the window as one.
    unnamed = boxes + window_lines(reading.layout, boxes)
    cands = [c for c in found if (c.score >= 0.7 and sender is None) or c.box not in unnamed]
    # Nor are the issuer's bank named at its foot, or the window's name where no label
    # names the buyer (the window does, not the issuer; an order's names its supplier).
    addressed = {name_key(n) for _, n in window[:1] if buyer is None and not issuer_buys}
    nobody = banks(reading.layout, cands) | addressed
    cands = [c for c in cands if name_key(c.value) not in nobody]
    if not cands:
        return out
    domains = web_domains(reading)
    scores: dict[str, float] = {}
    first: dict[str, Candidate] = {}
    for c in cands:
        key = name_key(c.value)
        scores[key] = max(scores.get(key, 0.0), c.score) + 0.1 * (key in scores)
        if key not in first or c.score > first[key].score:
            first[key] = c
    _sentence_heads(scores, first)
    for key, c in first.items():
        scores[key] += domain_bonus(c.value, domains)
        if not issuer_buys and attended(reading.layout, c.box):
            scores[key] -= ATTENDED  # addressed to someone there: the addressee's block
    for key in imprinted(reading.layout, cands):  # the name heading the foot's imprint
        scores[key] = max(scores[key], IMPRINT)
    key = max(scores, key=lambda k: scores[k])
    if issuer_buys and (supplied := [k for k in scores if k in sellers]):
        key = max(supplied, key=lambda k: scores[k])  # an order names its supplier outright
    c = first[key]
    if buyer is not None and key == name_key(str(buyer.value)):
        # The buyer's label names the issuer: on an order, the address the goods go to
        # is its issuer's own ("Ship to" under the letterhead). The two parties differ:
        # the addressee is the name heading the window, else the best other name the
        # page gives strong evidence for (a seller's label, a legal name on top).
        addressee = addressee_of(window, scores, first, key)
        if addressee is None:
            return out
        if name_key(str(addressee.value)) in sellers:
            # a seller's label names the vendor whoever issued the order ("Supplier"),
            # and the issuer, to whose address the goods go, stays the buyer
            key = name_key(str(addressee.value))
            c = first[key]
        else:
            out["buyer"] = addressee
    name = canonical_form(c.value)
    if not LEGAL_END.search(name):
        name = _registered_name(reading, name, out.get("buyer")) or name
    confidence = round(min(0.95, 0.35 + 0.4 * scores[key]), 3)
    out["vendor"] = Field(name, confidence, "layout", c.box, c.raw)
    if (address := address_under(reading.layout, c.box)) is not None:
        out["address"] = address
    if "buyer" not in out and not issuer_buys and not window:
        if (customer := unlabelled_customer(reading.layout, scores, first, key)) is not None:
            out["buyer"] = customer  # the customer's block beside the issuer's, no label
    if issuer_buys and "buyer" in out and name_key(str(out["buyer"].value)) == key:
        del out["buyer"]  # the order's window names its supplier, the vendor: no buyer
    if issuer_buys:
        read = out.get("buyer")
        was = None if read is None else (read, weight if read is buyer else SURE)
        if (issuer := issuer_buying(scores, first, sellers, key, was, LEGAL_END)) is not None:
            value = canonical_form(issuer.value)
            if not LEGAL_END.search(value):  # the issuer's brand: its registered name
                value = _registered_name(reading, value, out.get("vendor")) or value
            out["buyer"] = Field(value, 0.6, "layout", issuer.box, issuer.raw)
    if (read := out.get("buyer")) is not None and (value := canonical_form(str(read.value))):
        # the buyer's legal form as the packs spell it, where OCR misread it, as the vendor's
        out["buyer"] = Field(value, read.confidence, read.source, read.box, read.raw)
    return out
