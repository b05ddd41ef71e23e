"""A business document whose items stand in a ruled table (a grid of thin lines around
every cell, a shaded header row, descriptions wrapped onto a second line, a position
column and a unit column), drawn at test time from a dict of fields like
:func:`tests.factory.make_pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

#: Column edges (points) and headers; the numeric ones are right-aligned.
EDGES = (50, 78, 135, 345, 385, 420, 480, 545)
HEADERS = ("Pos.", "Item no.", "Description", "Qty", "Unit", "Unit price", "Amount")
RIGHT = {3, 5, 6}
FONT_SIZE = 9


def ruled_invoice(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "vendor": "Harbourside Joinery Ltd",
        "vendor_address": "22 Quay Street, Portsmouth PO1 3AB",
        "buyer": "Pembroke Interiors Ltd",
        "number": "HJ-30917",
        "issue_date": "14/02/2026",
        "line_items": [
            {
                "code": "KX-4410",
                "description": "Stainless hinge 100 mm, brushed",
                "quantity": "24",
                "unit": "pcs",
                "unit_price": "3.85",
                "amount": "92.40",
            },
            {
                "code": "KX-5102",
                "description": "Cabinet handle, matt black aluminium, 160 mm centres",
                "quantity": "12",
                "unit": "pcs",
                "unit_price": "7.20",
                "amount": "86.40",
            },
            {
                "code": "LB-0090",
                "description": "Wood screws 4 x 30, box of 200",
                "quantity": "5",
                "unit": "box",
                "unit_price": "11.90",
                "amount": "59.50",
            },
            {
                "code": "SV-2231",
                "description": "Installation labour",
                "quantity": "6.5",
                "unit": "h",
                "unit_price": "68.00",
                "amount": "442.00",
            },
            {
                "code": "PT-1180",
                "description": "Drawer runner set, soft close, 450 mm",
                "quantity": "8",
                "unit": "set",
                "unit_price": "24.75",
                "amount": "198.00",
            },
        ],  # fmt: skip
        "subtotal": "878.30",
        "tax": "175.66",
        "total": "1,053.96",
    }
    doc.update(overrides)
    return doc


def _wrap(c: Canvas, text: str, width: float) -> list[str]:
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and c.stringWidth(candidate, "Helvetica", FONT_SIZE) > width:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines


def make_ruled_pdf(path: Path, doc: dict[str, Any]) -> Path:
    width, height = A4
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, height - 60, doc["vendor"])
    c.setFont("Helvetica", 9)
    c.drawString(50, height - 75, doc["vendor_address"])
    c.setFont("Helvetica-Bold", 20)
    c.drawRightString(width - 50, height - 60, "INVOICE")
    c.setFont("Helvetica", 9)
    for i, (label, value) in enumerate(
        [("Invoice No.", doc["number"]), ("Date", doc["issue_date"])]
    ):
        c.drawString(width - 230, height - 90 - 13 * i, f"{label}:")
        c.drawRightString(width - 50, height - 90 - 13 * i, value)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, height - 150, "Bill To")
    c.setFont("Helvetica", 9)
    for i, line in enumerate([doc["buyer"], "8 Mill Lane", "Winchester SO23 9AA"]):
        c.drawString(50, height - 163 - 11 * i, line)

    row = FONT_SIZE + 7
    y = height - 230
    c.setFillGray(0.85)
    c.rect(EDGES[0], y - 4, EDGES[-1] - EDGES[0], row, fill=1, stroke=0)
    c.setFillGray(0)
    c.setFont("Helvetica-Bold", FONT_SIZE)
    for i, head in enumerate(HEADERS):
        if i in RIGHT:
            c.drawRightString(EDGES[i + 1] - 4, y, head)
        else:
            c.drawString(EDGES[i] + 4, y, head)
    top, rules = y + row - 4, [y - 4]
    c.setFont("Helvetica", FONT_SIZE)
    for n, item in enumerate(doc["line_items"], 1):
        y -= row
        lines = _wrap(c, item["description"], EDGES[3] - EDGES[2] - 8)
        cells = [str(n), item["code"], "", item["quantity"], item["unit"]]
        cells += [item["unit_price"], item["amount"]]
        for i, text in enumerate(cells):
            if i in RIGHT:
                c.drawRightString(EDGES[i + 1] - 4, y, text)
            else:
                c.drawString(EDGES[i] + 4, y, text)
        for k, line in enumerate(lines):
            c.drawString(EDGES[2] + 4, y - k * (FONT_SIZE + 2), line)
        y -= (len(lines) - 1) * (FONT_SIZE + 2)
        rules.append(y - 4)
    c.setLineWidth(0.6)
    for x in EDGES:
        c.line(x, rules[-1], x, top)
    for ry in rules:
        c.line(EDGES[0], ry, EDGES[-1], ry)
    y -= 30
    for label, value in [("Subtotal", doc["subtotal"]), ("VAT 20%", doc["tax"])]:
        c.drawString(380, y, label)
        c.drawRightString(545, y, value)
        y -= 14
    c.drawString(380, y, "Total")
    c.drawRightString(545, y, f"£{doc['total']}")
    c.save()
    return path
