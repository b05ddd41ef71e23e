"""The generic extractor for business documents (invoices, orders, quotes); the per-type
modules say which fields they read and which number is the document's own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping

from intake.extractors.extraction.amounts import find_amount_fields
from intake.extractors.extraction.analysis import Reading, reading_for
from intake.extractors.extraction.candidates import Candidate, best, cell_dates, find_date, find_id
from intake.extractors.extraction.cash_tendered import find_paid
from intake.extractors.extraction.classify import type_scores
from intake.extractors.extraction.due_terms import due_in_terms, net_date
from intake.extractors.extraction.exempt import exempt_amounts
from intake.extractors.extraction.item_values import in_item_rows
from intake.extractors.extraction.letterhead import read_vendor
from intake.extractors.extraction.line_items import find_line_items
from intake.extractors.extraction.name_case import as_written
from intake.extractors.extraction.parties import find_parties
from intake.extractors.extraction.party_address import address_under
from intake.extractors.extraction.period import find_service_period
from intake.extractors.extraction.receipt_totals import choose_receipt_total
from intake.extractors.extraction.sums import find_summed_total
from intake.extractors.extraction.title_number import grid_number, title_number
from intake.record import Field, Record

__all__ = ["BusinessDocumentExtractor"]

_TIME = re.compile(r"\s*[,-]?\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.,])")


def _undated_issue_dates(reading: Reading, number: Field | None) -> Iterator[Candidate]:
    """Without a date label: a date on the line of the document's number ("Facture n° 12
    du 2 juillet 2015"), else the first date near the top of the first page."""
    layout = reading.layout
    if number is not None and number.box is not None:
        for line in layout.lines:
            if line.page == number.box.page and abs(line.top - number.box.top) < 2:
                for cell in line.cells:
                    for start, end, date, trust in cell_dates(reading, cell):
                        if trust == 1.0:  # a repaired one may be the number itself
                            box = cell.span_box(start, end)
                            yield Candidate(date.isoformat(), 0.5, box, cell.text)
    # the first date of the first page; near the top it is likelier the document's own;
    # a date with a time of day beside it is when a till printed its receipt
    first = True
    for line in layout.lines:
        if line.page != 1:
            break
        top = line.top <= 0.45 * line.page_height
        for cell in line.cells:
            for start, end, date, trust in cell_dates(reading, cell):
                timed = _TIME.match(cell.text, end) is not None
                if not (first or timed):
                    continue
                score = (0.3 if timed else 0.25 if top else 0.15) * trust
                yield Candidate(date.isoformat(), score, cell.span_box(start, end), cell.text)
                if timed and trust == 1.0:
                    return
                first = first and trust < 1.0  # a repaired date leaves the next one a chance


def _labelled_other(reading: Reading, date: Field) -> bool:
    """Whether ``date`` (taken without a label for the issue date) is the value of another
    date's label: a due date, a validity, a delivery date."""
    for name in ("due_date", "valid_until", "delivery_date"):
        other = find_date(reading, name)
        if other is not None and other.value == date.value and other.box == date.box:
            return True
    return False


#: The dates a document gives besides its own: each line of its items may give one too.
TERM_DATES = ("due_date", "valid_until", "delivery_date")
#: A due date or a quote's validity runs at most this long after the document's date.
MAX_TERM = dt.timedelta(days=366)
#: the confidence of a term date whose year was mended
MENDED = 0.5


def _in_year(date: dt.date, year: int) -> dt.date | None:
    try:
        return date.replace(year=year)
    except ValueError:  # 29 February
        return None


def _one_digit_apart(a: int, b: int) -> bool:
    return sum(x != y for x, y in zip(str(a), str(b), strict=True)) == 1


def _mend_term_years(reading: Reading, fields: dict[str, Field]) -> None:
    """A due date or validity read by OCR more than a year after the document's date,
    whose year is one misread digit away from a year that puts it within one ("2026-09-11"
    under an invoice of 2025-08-28), is that date, less sure (the document's own date may
    be the misread one: then both are wrong, as they were). A date in a text layer is what
    the document prints, and stays; so does any other."""
    issued = fields.get("issue_date")
    if issued is None:
        return
    start = dt.date.fromisoformat(str(issued.value))
    for name in ("due_date", "valid_until"):
        field = fields.get(name)
        if field is None or field.box is None or field.box.page not in reading.ocr_pages:
            continue
        end = dt.date.fromisoformat(str(field.value))
        if end - start <= MAX_TERM:
            continue
        mended = [
            d
            for year in (start.year, start.year + 1)
            if _one_digit_apart(year, end.year)
            and (d := _in_year(end, year)) is not None
            and dt.timedelta(0) <= d - start <= MAX_TERM
        ]
        if len(mended) == 1:
            value = mended[0].isoformat()
            fields[name] = dataclasses.replace(
                field, value=value, confidence=MENDED, source="computed"
            )


def _in_items(field: Field, items: object) -> bool:
    """Whether ``field`` was read inside the box of one of ``items`` (line items)."""
    return field.box is not None and isinstance(items, list) and in_item_rows(field.box, items)


def _items_day(items: object) -> str | None:
    """The day every line is to be delivered, where each gives the same one ("Date Req."
    over each line's date): the document's delivery date, which it then prints only there."""
    if not isinstance(items, list) or not items:
        return None
    days = {item.get("delivery_date") for item in items}
    return days.pop() if len(days) == 1 and None not in days else None


class BusinessDocumentExtractor:
    """Reads the fields named in ``ids`` and ``dates``, plus amounts, currency and parties.
    ``ids[0]`` is the document's own number."""

    doc_type = ""
    ids: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    #: whether the buyer issues the document (an order): see :func:`find_parties`
    issuer_buys = False

    def score(self, record: Record) -> float:
        return type_scores(reading_for(record)).get(self.doc_type, 0.0)

    def relate_ids(self, fields: dict[str, Field]) -> None:
        """Adjust the numbers once all are read, where one tells what another means."""

    def extract(self, record: Record) -> Mapping[str, Field]:
        reading = reading_for(record)
        fields: dict[str, Field] = {}
        for name in self.ids:
            if (f := find_id(reading, name)) is not None:
                fields[name] = f
        own = self.ids[0] if self.ids else None
        if own is not None and own not in fields:
            # a number under a word that names no kind ("Document No.", "Belegnummer") is
            # the document's own, whatever its kind
            if (f := find_id(reading, "document_number")) is not None:
                fields[own] = dataclasses.replace(f, confidence=min(f.confidence, 0.7))
            elif (f := title_number(reading, self.doc_type) or grid_number(reading)) is not None:
                # "ORDER ... No. LD-221": the number beside the title; "Numero | Data"
                # over the number and date in a row of boxed details
                fields[own] = f
        for name in self.dates:
            if name == "issue_date" and not self.issuer_buys:
                # the order's date is the buyer's order's, not this document's own
                f = find_date(reading, "own_date") or find_date(reading, name)
            else:
                f = find_date(reading, name)
            if f is None and name == "issue_date":
                f = best(_undated_issue_dates(reading, fields.get(own or "")))
                if f is not None and _labelled_other(reading, f):
                    f = None  # the one date left readable is the due date, not the issue's
            if f is None and name == "due_date":
                f = due_in_terms(reading)
            if f is not None and name == "due_date":
                f = net_date(reading, f) or f  # the net date of terms with a cash discount
            if f is not None:
                fields[name] = f
        _mend_term_years(reading, fields)
        # a reference must not repeat the document's own number
        for name in self.ids[1:]:
            if own in fields and name in fields and fields[name].value == fields[own].value:
                del fields[name]
        self.relate_ids(fields)
        lines = find_line_items(reading)
        if (items := lines.field()) is not None:
            fields["line_items"] = items
            for name in (*self.ids, *TERM_DATES):
                # a document's numbers and dates head it: a value read inside its item
                # table (a label's search run down into the rows, from a column's header:
                # "Delivery" over each line's date) is an item's code or date
                if name in fields and _in_items(fields[name], items.value):
                    del fields[name]
            if "delivery_date" in self.dates and "delivery_date" not in fields:
                if (day := _items_day(items.value)) is not None:
                    fields["delivery_date"] = Field(day, 0.6, "computed")
        paid = find_paid(reading)
        summed = find_summed_total(reading, paid)
        amounts = find_amount_fields(reading, line_sum=lines.line_sum, paid=paid, summed=summed)
        if reading.ocr_pages:  # a scan's total, checked by the receipt's own arithmetic
            total = choose_receipt_total(reading, amounts, paid, summed)
            if total is not None:
                amounts["total"] = total
        fields.update(exempt_amounts(reading, amounts))
        if reading.currency is not None:
            fields["currency"] = Field(reading.currency, 0.8, "text")
        fields.update(find_service_period(reading))
        parties = find_parties(reading, issuer_buys=self.issuer_buys)
        found = parties.get("vendor")
        if (vendor := read_vendor(reading, found, issuer_buys=self.issuer_buys)) is not None:
            parties["vendor"] = vendor
            if found is None or vendor.box != found.box:  # the letterhead named another
                parties.pop("address", None)
                if (address := address_under(reading.layout, vendor.box)) is not None:
                    parties["address"] = address
        for role in ("vendor", "buyer"):  # a name in capitals, as the page writes it too
            if (f := parties.get(role)) is not None and (
                written := as_written(reading.text, str(f.value))
            ) != f.value:
                parties[role] = Field(written, f.confidence, f.source, f.box, f.raw)
        fields.update(parties)
        return fields
