"""Generic CSV (one row per document, or per line with ``--lines``) and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from intake.export.base import (
    ExportDoc,
    ExportOptions,
    FormatBase,
    format_amount,
    format_date,
    format_number,
)
from intake.export.tabular import Amount, write_csv

__all__ = ["CsvFormat", "JsonFormat"]

DOCUMENT_HEADER = (
    "document_id",
    "doc_type",
    "number",
    "vendor",
    "issue_date",
    "due_date",
    "currency",
    "subtotal",
    "tax",
    "total",
    "po_number",
    "account",
    "tax_code",
    "file",
)
LINE_HEADER = (
    "document_id",
    "number",
    "vendor",
    "issue_date",
    "currency",
    "line",
    "code",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "tax",
    "account",
    "tax_code",
    "document_total",
)


class CsvFormat(FormatBase):
    """Plain CSV for spreadsheets and other tools: ISO dates, ``.`` decimals, UTF-8 with a
    byte-order mark (so that Excel reads accents right)."""

    name = "csv"
    title = "CSV (one row per document, or per line)"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        if options.lines:
            return write_csv(
                LINE_HEADER,
                (
                    [
                        d.id,
                        d.number,
                        d.vendor,
                        format_date(d.issue_date, "iso"),
                        d.currency or "",
                        line.position,
                        line.code or "",
                        line.description,
                        Amount(format_number(line.quantity)),
                        line.unit or "",
                        Amount(format_number(line.unit_price)),
                        Amount(format_amount(line.amount)),
                        Amount(format_amount(line.tax)),
                        line.account,
                        line.tax_code,
                        Amount(format_amount(d.total)),
                    ]
                    for d in docs
                    for line in d.lines
                ),
                bom=True,
            )
        return write_csv(
            DOCUMENT_HEADER,
            (
                [
                    d.id,
                    d.doc_type,
                    d.number,
                    d.vendor,
                    format_date(d.issue_date, "iso"),
                    format_date(d.due_date, "iso"),
                    d.currency or "",
                    Amount(format_amount(d.subtotal)),
                    Amount(format_amount(d.tax)),
                    Amount(format_amount(d.total)),
                    d.po_number or "",
                    d.account,
                    d.tax_code,
                    d.original_name,
                ]
                for d in docs
            ),
            bom=True,
        )


def _number(value: Any) -> float:
    # Amounts have two decimals and far fewer than 15 digits, so the float's shortest
    # repr is exactly the decimal value (json.loads(..., parse_float=Decimal) gets it back).
    return float(value)


class JsonFormat(FormatBase):
    """JSON: the documents with their lines; amounts as JSON numbers, dates ISO 8601.

    Values are data, not spreadsheet cells: they are not prefixed, a reader gets them raw.
    """

    name = "json"
    title = "JSON (documents with their lines)"
    extension = "json"
    media_type = "application/json"

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        payload = {
            "batch": options.batch_id,
            "documents": [
                {
                    "id": d.id,
                    "doc_type": d.doc_type,
                    "number": d.number,
                    "vendor": d.vendor,
                    "buyer": d.buyer,
                    "issue_date": format_date(d.issue_date, "iso"),
                    "due_date": format_date(d.due_date, "iso") or None,
                    "currency": d.currency,
                    "po_number": d.po_number,
                    "subtotal": _number(d.subtotal),
                    "tax": _number(d.tax),
                    "total": _number(d.total),
                    "account": d.account,
                    "tax_code": d.tax_code,
                    "file": d.original_name,
                    "lines": [
                        {
                            "line": line.position,
                            "code": line.code,
                            "description": line.description,
                            "quantity": _number(line.quantity),
                            "unit": line.unit,
                            "unit_price": _number(line.unit_price),
                            "amount": _number(line.amount),
                            "tax": _number(line.tax),
                            "account": line.account,
                            "tax_code": line.tax_code,
                        }
                        for line in d.lines
                    ],
                }
                for d in docs
            ],
        }
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
