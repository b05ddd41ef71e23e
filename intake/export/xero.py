"""Xero bills: the CSV of Xero's purchase-bill import template, one row per bill line.

The columns are those of Xero's ``PurchaseBillTemplate.csv`` ("Business > Bills to pay >
Import"), in its order; checked against a purchase-ledger export to Xero published as an
XSLT that writes the same header, and against Xero's guide to the columns (``*`` marks a
column Xero requires; rows with the same ``*InvoiceNumber`` and contact make one bill;
dates DD/MM/YYYY in a day-first organisation). ``UnitAmount`` is tax exclusive: choose
"Tax exclusive" when Xero asks. ``InventoryItemCode`` must name an item that exists in
Xero, which a vendor's own article number does not, so it stays empty and the code is
kept in ``Description``.

``TaxType`` is the name of a Xero tax rate ("20% (VAT on Expenses)"); Xero computes each
line's tax from it, and ``TaxAmount`` only overrides that by the rounding. So a line's
``TaxAmount`` is its amount at the rate its tax code names, the document's rounding
settled on its largest lines; a document whose tax disagrees with the named rates is not
exported, and where the tax codes name no rate ``TaxAmount`` stays empty for Xero to
compute. Rows with one ``*InvoiceNumber`` make one bill ("Numbers must be different for
each invoice in this file"), so of two bills of one vendor with the same number the later
waits for the next export (:func:`intake.export.limits.split_numbers`).
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
    format_number,
)
from intake.export.limits import split_numbers
from intake.export.tabular import Amount, write_csv

__all__ = ["HEADER", "XeroFormat"]

HEADER = (
    "*ContactName",
    "EmailAddress",
    "POAddressLine1",
    "POAddressLine2",
    "POAddressLine3",
    "POAddressLine4",
    "POCity",
    "PORegion",
    "POPostalCode",
    "POCountry",
    "*InvoiceNumber",
    "*InvoiceDate",
    "*DueDate",
    "Total",
    "InventoryItemCode",
    "Description",
    "*Quantity",
    "*UnitAmount",
    "*AccountCode",
    "*TaxType",
    "TaxAmount",
    "TrackingName1",
    "TrackingOption1",
    "TrackingName2",
    "TrackingOption2",
    "Currency",
)


class XeroFormat(FormatBase):
    name = "xero"
    title = "Xero bills import (CSV)"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    requires = frozenset({"due_date", "rates"})

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        return Screening(blocked=split_numbers(docs, "Xero"))

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        order = options.date_order or "dmy"
        rows = []
        for d in docs:
            for line in d.lines:
                rows.append(
                    [
                        d.vendor,
                        *[""] * 9,  # e-mail and postal address: the contact's, kept in Xero
                        d.number,
                        format_date(d.issue_date, order),
                        format_date(d.due_date, order),
                        Amount(format_amount(d.total)),
                        "",
                        line.label,
                        Amount(format_number(line.quantity)),
                        Amount(format_number(line.unit_price)),
                        line.account,
                        line.tax_code,
                        Amount(format_amount(line.tax) if line.rate is not None else ""),
                        "",
                        "",
                        "",
                        "",
                        d.currency or "",
                    ]
                )
        return write_csv(HEADER, rows)
