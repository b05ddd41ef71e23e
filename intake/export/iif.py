"""QuickBooks Desktop: bills as an IIF (Intuit Interchange Format) file.

Structure from Intuit's IIF reference for transactions: a ``!TRNS`` / ``!SPL`` /
``!ENDTRNS`` header block naming the columns, then per bill one ``TRNS`` row, one ``SPL``
row per distribution line and an ``ENDTRNS`` row; fields separated by tabs; ``TRNSTYPE``
``BILL``; ``TRNSTYPE``, ``ACCNT`` and ``AMOUNT`` required. A bill credits Accounts
Payable, so the ``TRNS`` amount is minus the total and the ``SPL`` amounts (the expense
lines, then the tax line) are positive and add up to the total: the transaction
balances to zero, as QuickBooks requires. Dates MM/DD/YYYY (Intuit's reference writes
MM/DD/YY; QuickBooks reads four-digit years as well, and they cannot be misread).

QuickBooks Desktop names (``NAME``, the vendor) have at most 41 characters: a longer one
is written as its first 41, with a warning (the same every time, so the bills of one
vendor keep finding it); two vendors whose names become the same are not exported
together, the later one waits for the next export.
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
    safe_text,
)
from intake.export.limits import QBD_NAME_LIMIT, shorten_start
from intake.export.tabular import Amount

__all__ = ["SPL_HEADER", "TRNS_HEADER", "IifFormat", "vendor_name"]

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
    return safe_text(one_line(value).replace('"', "'"))


def _row(*cells: object) -> str:
    return "\t".join(_field(c) for c in cells) + "\r\n"


def vendor_name(doc: ExportDoc) -> str:
    """The vendor's name as QuickBooks Desktop keeps it: at most 41 characters."""
    return shorten_start(doc.vendor, QBD_NAME_LIMIT)


class IifFormat(FormatBase):
    name = "iif"
    title = "QuickBooks Desktop bills (IIF)"
    extension = "iif"
    media_type = "text/plain; charset=utf-8"

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        blocked: dict[int, tuple[str, ...]] = {}
        warnings: dict[int, tuple[str, ...]] = {}
        seen: dict[str, str] = {}
        for d in docs:
            name, full = vendor_name(d), one_line(d.vendor)
            if seen.setdefault(name.casefold(), full) != full:
                blocked[d.id] = (
                    f"vendors {seen[name.casefold()]} and {full} have the same name in"
                    f" QuickBooks Desktop's {QBD_NAME_LIMIT} characters ({name}): this one goes"
                    " out with the next export",
                )
            elif name != full:
                warnings[d.id] = (
                    f"vendor name is longer than QuickBooks Desktop's {QBD_NAME_LIMIT}"
                    f" characters: written as {name}",
                )
        return Screening(blocked, warnings)

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        out = ["\t".join(TRNS_HEADER) + "\r\n", "\t".join(SPL_HEADER) + "\r\n", "!ENDTRNS\r\n"]
        for d in docs:
            date = format_date(d.issue_date, "mdy")
            vendor = vendor_name(d)
            memo = f"Intake document {d.id}" + (f", PO {d.po_number}" if d.po_number else "")
            out.append(
                _row(
                    "TRNS",
                    "",
                    "BILL",
                    date,
                    options.ap_account,
                    vendor,
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
                        "SPL", "", "BILL", date, line.account, vendor, amount, d.number,
                        line.label,
                    )
                )  # fmt: skip
            if d.tax:
                own = d.account if d.account != "(split)" else d.lines[0].account
                account = options.tax_account or own
                out.append(
                    _row(
                        "SPL", "", "BILL", date, account, vendor, Amount(format_amount(d.tax)),
                        d.number, f"Tax {d.tax_code}",
                    )
                )  # fmt: skip
            out.append("ENDTRNS\r\n")
        return "".join(out).encode("utf-8")
