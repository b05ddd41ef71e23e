"""QuickBooks Desktop: bills as an IIF (Intuit Interchange Format) file.

Structure from Intuit's IIF reference for transactions: a ``!TRNS`` / ``!SPL`` /
``!ENDTRNS`` header block naming the columns, then per bill one ``TRNS`` row, one ``SPL``
row per distribution line and an ``ENDTRNS`` row; fields separated by tabs; ``TRNSTYPE``
``BILL``; ``TRNSTYPE``, ``ACCNT`` and ``AMOUNT`` required. A bill credits Accounts
Payable, so the ``TRNS`` amount is minus the total and the ``SPL`` amounts (the expense
lines, then the tax line) are positive and add up to the total: the transaction
balances to zero, as QuickBooks requires. Dates MM/DD/YYYY (Intuit's reference writes
MM/DD/YY; QuickBooks reads four-digit years as well, and they cannot be misread).
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.export.base import (
    ExportDoc,
    ExportOptions,
    FormatBase,
    format_amount,
    format_date,
    safe_text,
)
from intake.export.tabular import Amount

__all__ = ["SPL_HEADER", "TRNS_HEADER", "IifFormat"]

TRNS_HEADER = (
    "!TRNS",
    "TRNSID",
    "TRNSTYPE",
    "DATE",
    "ACCNT",
    "NAME",
    "AMOUNT",
    "DOCNUM",
    "MEMO",
    "DUEDATE",
)
SPL_HEADER = ("!SPL", "SPLID", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO")


def _field(value: object) -> str:
    """An IIF field: no tab or line break inside (they would end it), safe in a sheet;
    an :class:`Amount` is a number and written as is."""
    if isinstance(value, Amount):
        return str(value)
    text = " ".join(str(value).replace("\t", " ").splitlines()).replace('"', "'")
    return safe_text(text)


def _row(*cells: object) -> str:
    return "\t".join(_field(c) for c in cells) + "\r\n"


class IifFormat(FormatBase):
    name = "iif"
    title = "QuickBooks Desktop bills (IIF)"
    extension = "iif"
    media_type = "text/plain; charset=utf-8"

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        out = ["\t".join(TRNS_HEADER) + "\r\n", "\t".join(SPL_HEADER) + "\r\n", "!ENDTRNS\r\n"]
        for d in docs:
            date = format_date(d.issue_date, "mdy")
            memo = f"Intake document {d.id}" + (f", PO {d.po_number}" if d.po_number else "")
            out.append(
                _row(
                    "TRNS",
                    "",
                    "BILL",
                    date,
                    options.ap_account,
                    d.vendor,
                    Amount(format_amount(-d.total)),
                    d.number,
                    memo,
                    format_date(d.due_date, "mdy"),
                )
            )
            for line in d.lines:
                amount = Amount(format_amount(line.amount))
                out.append(
                    _row(
                        "SPL", "", "BILL", date, line.account, d.vendor, amount, d.number,
                        line.label,
                    )
                )  # fmt: skip
            if d.tax:
                own = d.account if d.account != "(split)" else d.lines[0].account
                account = options.tax_account or own
                out.append(
                    _row(
                        "SPL", "", "BILL", date, account, d.vendor, Amount(format_amount(d.tax)),
                        d.number, f"Tax {d.tax_code}",
                    )
                )  # fmt: skip
            out.append("ENDTRNS\r\n")
        return "".join(out).encode("utf-8")
