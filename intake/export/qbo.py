"""QuickBooks Online bills: the CSV its bill import ("Settings > Import data > Bills")
maps by itself, one row per bill line.

Column names as QuickBooks Online names them (``Bill no.``, ``Supplier``, ``Bill Date``,
``Due Date``, ``Memo``, ``Account``, ``Line Description``, ``Line Amount``, ``Line Tax
Code``, ``Line Tax Amount``, ``Currency Code``), matched against bill importers for QBO
published with their tests; rows with the same ``Bill no.`` and supplier make one bill.
Dates MM/DD/YYYY, QBO's default ("Expected format currently MM/dd/yyyy"); set
``INTAKE_EXPORT_DATE_ORDER=dmy`` for a company that uses day-first dates. ``Line Amount``
is exclusive of tax; ``Account`` is the account's name or number as it is in QBO.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.export.base import ExportDoc, ExportOptions, FormatBase, format_amount, format_date
from intake.export.tabular import Amount, write_csv

__all__ = ["HEADER", "QboFormat"]

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


class QboFormat(FormatBase):
    name = "qbo"
    title = "QuickBooks Online bills import (CSV)"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    requires = frozenset({"due_date"})

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        order = options.date_order or "mdy"
        rows = []
        for d in docs:
            memo = f"Intake document {d.id}" + (f", PO {d.po_number}" if d.po_number else "")
            for line in d.lines:
                rows.append(
                    [
                        d.number,
                        d.vendor,
                        format_date(d.issue_date, order),
                        format_date(d.due_date, order),
                        memo,
                        line.account,
                        line.label,
                        Amount(format_amount(line.amount)),
                        line.tax_code,
                        Amount(format_amount(line.tax)),
                        d.currency or "",
                    ]
                )
        return write_csv(HEADER, rows)
