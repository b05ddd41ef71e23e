"""Xero bills: the CSV of Xero's purchase-bill import template, one row per bill line.

The columns are those of Xero's ``PurchaseBillTemplate.csv`` ("Business > Bills to pay >
Import"), in its order; checked against a purchase-ledger export to Xero published as an
XSLT that writes the same header, and against Xero's guide to the columns (``*`` marks a
column Xero requires; rows with the same ``*InvoiceNumber`` and contact make one bill;
dates DD/MM/YYYY in a day-first organisation). ``UnitAmount`` is tax exclusive: choose
"Tax exclusive" when Xero asks. ``InventoryItemCode`` must name an item that exists in
Xero, which a vendor's own article number does not, so it stays empty and the code is
kept in ``Description``. ``TaxAmount`` is the document's tax spread over its lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.export.base import (
    ExportDoc,
    ExportOptions,
    FormatBase,
    format_amount,
    format_date,
    format_number,
)
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
    requires = frozenset({"due_date"})

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
                        Amount(format_amount(line.tax)),
                        "",
                        "",
                        "",
                        "",
                        d.currency or "",
                    ]
                )
        return write_csv(HEADER, rows)
