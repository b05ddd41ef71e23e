"""Vendors with idiosyncratic layouts, drawn at test time: unusual labels, an unlabelled
date, values in boxes under their headers, four languages. ``vendor_invoice(vendor, i)``
gives the i-th invoice of a vendor (its fields as a dict) and ``draw(path, vendor, doc)``
draws it; every vendor's invoices share one layout, as a real supplier's do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

from tests.factory import MONTHS

VENDORS = ("nordlicht", "brume", "kestrel", "olmo")

NAMES = {
    "nordlicht": "Nordlicht Werkzeuge GmbH",
    "brume": "Atelier Brume SARL",
    "kestrel": "Kestrel Supply Co",
    "olmo": "Ferreteria Olmo S.L.",
}
CURRENCY = {"nordlicht": "EUR", "brume": "EUR", "kestrel": "USD", "olmo": "EUR"}


def vendor_invoice(vendor: str, i: int) -> dict[str, Any]:
    """The fields of the vendor's i-th invoice (0-based); numbers, dates and amounts
    differ from one invoice to the next."""
    issue = dt.date(2024, 1, 8) + dt.timedelta(days=23 * i + 3 * VENDORS.index(vendor))
    due = issue + dt.timedelta(days=30 if vendor != "olmo" else 45)
    subtotal = Decimal(180 + 97 * i + 31 * VENDORS.index(vendor)) + Decimal("0.50")
    rate = {"nordlicht": "0.19", "brume": "0.20", "kestrel": "0.0725", "olmo": "0.21"}[vendor]
    tax = (subtotal * Decimal(rate)).quantize(Decimal("0.01"))
    number = {
        "nordlicht": f"NL/24/{42 + i:04d}",
        "brume": f"AB{2400 + 7 * i}",
        "kestrel": f"K-2024-{118 + i}",
        "olmo": f"F{24000 + 13 * i}",
    }[vendor]
    return {
        "vendor": NAMES[vendor],
        "invoice_number": number,
        "issue_date": issue.isoformat(),
        "due_date": due.isoformat(),
        "subtotal": f"{subtotal:.2f}",
        "tax": f"{tax:.2f}",
        "total": f"{subtotal + tax:.2f}",
        "currency": CURRENCY[vendor],
        "buyer": "Harbour Lights Trading Ltd",
    }


def _eu(amount: str) -> str:
    whole, cents = amount.split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{groups},{cents}"


def _us(amount: str) -> str:
    return f"{Decimal(amount):,.2f}"


def _d(iso: str, order: str, sep: str) -> str:
    y, m, d = iso.split("-")
    return f"{m}{sep}{d}{sep}{y}" if order == "mdy" else f"{d}{sep}{m}{sep}{y}"


def _lines(c: Canvas, x: float, y: float, doc: dict[str, Any], money: Any) -> float:
    c.setFont("Helvetica", 9)
    for k, (what, share) in enumerate((("Spanner set", "0.6"), ("Torque wrench", "0.4"))):
        amount = (Decimal(doc["subtotal"]) * Decimal(share)).quantize(Decimal("0.01"))
        c.drawString(x, y - 14 * k, what)
        c.drawRightString(x + 420, y - 14 * k, money(f"{amount:.2f}"))
    return y - 40


def _nordlicht(c: Canvas, doc: dict[str, Any], width: float, height: float) -> None:
    # German; the date stands alone, unlabelled, at the top right; odd labels.
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, height - 55, "NORDLICHT")
    c.setFont("Helvetica", 10)
    c.drawString(50, height - 70, "Werkzeuge GmbH · Hafenstraße 12 · 20457 Hamburg")
    c.drawRightString(width - 50, height - 55, _d(doc["issue_date"], "dmy", "."))
    c.setFont("Helvetica", 10)
    c.drawString(50, height - 120, "An: " + doc["buyer"])
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, height - 160, "Rechnung")
    c.setFont("Helvetica", 10)
    c.drawString(50, height - 185, "Beleg-Nr.")
    c.drawString(150, height - 185, doc["invoice_number"])
    c.drawString(50, height - 200, "Zahlbar bis")
    c.drawString(150, height - 200, _d(doc["due_date"], "dmy", "."))
    y = _lines(c, 50, height - 250, doc, _eu)
    for label, key in (("Warenwert", "subtotal"), ("zzgl. 19 % MwSt", "tax")):
        c.drawString(300, y, label)
        c.drawRightString(width - 80, y, _eu(doc[key]) + " EUR")
        y -= 15
    c.setFont("Helvetica-Bold", 11)
    c.drawString(300, y, "Endbetrag")
    c.drawRightString(width - 80, y, _eu(doc["total"]) + " EUR")
    c.setFont("Helvetica", 8)
    c.drawString(50, 60, "USt-IdNr. DE 123456789 · IBAN DE89 3704 0044 0532 0130 00")


def _box(c: Canvas, x: float, y: float, w: float, head: str, value: str) -> None:
    c.rect(x, y - 36, w, 36)
    c.setFont("Helvetica", 7)
    c.drawString(x + 4, y - 10, head)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(x + 4, y - 28, value)


def _brume(c: Canvas, doc: dict[str, Any], width: float, height: float) -> None:
    # French; the number and dates in boxes under their headers; totals boxed too.
    c.setFont("Times-Bold", 20)
    c.drawString(50, height - 60, "Atelier Brume")
    c.setFont("Times-Roman", 9)
    c.drawString(50, height - 74, "SARL au capital de 8 000 € · 4 rue des Tanneurs · 69001 Lyon")
    c.drawString(50, height - 86, "TVA intracom. FR 40 303265045")
    c.setFont("Times-Roman", 10)
    c.drawString(340, height - 120, "Client : " + doc["buyer"])
    top = height - 170
    _box(c, 50, top, 130, "PIÈCE N°", doc["invoice_number"])
    _box(c, 190, top, 130, "ÉMISE LE", _d(doc["issue_date"], "dmy", "/"))
    _box(c, 330, top, 130, "À RÉGLER AVANT LE", _d(doc["due_date"], "dmy", "/"))
    y = _lines(c, 50, top - 70, doc, _eu)
    _box(c, 200, y, 110, "MONTANT HT", _eu(doc["subtotal"]) + " €")
    _box(c, 320, y, 90, "TVA 20 %", _eu(doc["tax"]) + " €")
    _box(c, 420, y, 120, "NET À PAYER", _eu(doc["total"]) + " €")


def _kestrel(c: Canvas, doc: dict[str, Any], width: float, height: float) -> None:
    # American; unusual labels, month-first dates, the labels in the right column.
    c.setFont("Courier-Bold", 15)
    c.drawString(50, height - 50, "KESTREL SUPPLY CO")
    c.setFont("Courier", 9)
    c.drawString(50, height - 64, "880 Quarry Road, Duluth MN 55802 - Tax ID 41-7734092")
    c.setFont("Courier", 10)
    c.drawString(360, height - 100, "Ref#")
    c.drawString(440, height - 100, doc["invoice_number"])
    c.drawString(360, height - 114, "Raised")
    c.drawString(440, height - 114, _d(doc["issue_date"], "mdy", "/"))
    c.drawString(360, height - 128, "Settle by")
    c.drawString(440, height - 128, _d(doc["due_date"], "mdy", "/"))
    c.drawString(50, height - 160, "Ship to: " + doc["buyer"])
    y = _lines(c, 50, height - 200, doc, _us)
    for label, key in (("Goods", "subtotal"), ("Levy", "tax"), ("Bottom line", "total")):
        c.drawString(330, y, label)
        c.drawRightString(width - 80, y, "$" + _us(doc[key]))
        y -= 14


def _olmo(c: Canvas, doc: dict[str, Any], width: float, height: float) -> None:
    # Spanish; long dates with month names, the totals in a column under their headers.
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, height - 50, "FERRETERIA OLMO")
    c.setFont("Helvetica", 8)
    c.drawString(50, height - 62, "Calle Mayor 7, 46001 Valencia · NIF B46123457")
    c.setFont("Helvetica", 10)
    c.drawString(50, height - 100, "Nº Fra.: " + doc["invoice_number"])
    y, m, d = (int(x) for x in doc["issue_date"].split("-"))
    month = MONTHS["es"].split()[m - 1]
    c.drawString(50, height - 114, f"Valencia, a {d} de {month} de {y}")
    y2, m2, d2 = (int(x) for x in doc["due_date"].split("-"))
    c.drawString(50, height - 128, f"Vto.: {d2:02d}-{m2:02d}-{y2}")
    c.drawString(330, height - 100, "Cliente: " + doc["buyer"])
    y0 = _lines(c, 50, height - 170, doc, _eu)
    heads = (
        ("Base imp.", "subtotal", 250),
        ("Cuota IVA", "tax", 350),
        ("TOTAL FRA.", "total", 450),
    )
    for head, key, x in heads:
        c.setFont("Helvetica", 8)
        c.drawString(x, y0, head)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(x, y0 - 16, _eu(doc[key]))


DRAW = {"nordlicht": _nordlicht, "brume": _brume, "kestrel": _kestrel, "olmo": _olmo}


def draw(path: Path, vendor: str, doc: dict[str, Any]) -> Path:
    size = LETTER if vendor == "kestrel" else A4
    c = Canvas(str(path), pagesize=size)
    DRAW[vendor](c, doc, *size)
    c.showPage()
    c.save()
    return path
