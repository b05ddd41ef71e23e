"""QuickBooks Online bills: the CSV its bill import ("Settings > Import data > Bills")
maps by itself, one row per bill line.

Column names as QuickBooks Online names them (``Bill no.``, ``Supplier``, ``Bill Date``,
``Due Date``, ``Memo``, ``Account``, ``Line Description``, ``Line Amount``, ``Line Tax
Code``, ``Line Tax Amount``, ``Currency Code``), matched against bill importers for QBO
published with their tests; rows with the same ``Bill no.`` and supplier make one bill.
Dates MM/DD/YYYY, QBO's default ("Expected format currently MM/dd/yyyy"); set
``INTAKE_EXPORT_DATE_ORDER=dmy`` for a company that uses day-first dates. ``Line Amount``
is exclusive of tax; ``Account`` is the account's name or number as it is in QBO.

QBO's bill number (DocNumber) has at most 21 characters and may repeat: a longer number
is written as its last 21 characters, with a warning, and the full number goes in the
memo. Rows with one ``Bill no.`` make one bill, so of two bills of one vendor with the
same (written) number the later waits for the next export. ``Line Tax Amount`` is the
line's amount at the rate its ``Line Tax Code`` names (empty, for QBO to compute, where
the code names no rate); a document whose tax disagrees with the named rates is not
exported.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.export.base import (
    ExportDoc,
    ExportOptions,
    FormatBase,
    Screening,
    format_amount,
    format_date,
    one_line,
)
from intake.export.limits import QBO_NUMBER_LIMIT, shorten_end, split_numbers
from intake.export.tabular import Amount, write_csv

__all__ = ["HEADER", "QboFormat", "bill_number"]

HEADER = (
    "Bill no.",
    "Supplier",
    "Bill Date",
    "Due Date",
    "Memo",
    "Account",
    "Line Description",
    "Line Amount",
    "Line Tax Code",
    "Line Tax Amount",
    "Currency Code",
)


def bill_number(doc: ExportDoc) -> str:
    """The bill number as QBO keeps it: at most 21 characters."""
    return shorten_end(doc.number, QBO_NUMBER_LIMIT)


class QboFormat(FormatBase):
    name = "qbo"
    title = "QuickBooks Online bills import (CSV)"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    requires = frozenset({"due_date", "rates"})

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        warnings: dict[int, tuple[str, ...]] = {
            d.id: (
                f"bill number {one_line(d.number)} is longer than QuickBooks Online's"
                f" {QBO_NUMBER_LIMIT} characters: written as {bill_number(d)}, the full"
                " number in the memo",
            )
            for d in docs
            if bill_number(d) != one_line(d.number)
        }
        return Screening(split_numbers(docs, "QuickBooks Online", bill_number), warnings)

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        order = options.date_order or "mdy"
        rows = []
        for d in docs:
            memo = f"Intake document {d.id}" + (f", PO {d.po_number}" if d.po_number else "")
            if bill_number(d) != one_line(d.number):
                memo += f", bill no. {one_line(d.number)}"
            for line in d.lines:
                rows.append(
                    [
                        bill_number(d),
                        d.vendor,
                        format_date(d.issue_date, order),
                        format_date(d.due_date, order),
                        memo,
                        line.account,
                        line.label,
                        Amount(format_amount(line.amount)),
                        line.tax_code,
                        Amount(format_amount(line.tax) if line.rate is not None else ""),
                        d.currency or "",
                    ]
                )
        return write_csv(HEADER, rows)
