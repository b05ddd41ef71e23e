"""Made-up business documents for the layout stress generator: what a document says
(:func:`make_spec`: parties, numbers, dates, lines, amounts, and the layout choices) and
its truth per field. Drawing is :mod:`benchmarks.synth_draw`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from benchmarks.synth_words import (
    CITIES,
    CONTACTS,
    GOODS,
    LEGAL,
    RATES,
    ROOTS,
    SECTORS,
    STREET_NAMES,
    STREETS,
    WORDS,
    ZIPS,
)

#: Our company, as INTAKE_COMPANY_NAME / INTAKE_COMPANY_ALIASES name it.
OUR_NAME = "Harbourline Trading"
OUR_ALIASES = ("Harbourline Trading GmbH", "Harbourline")
OUR_VAT = "DE298765431"
KINDS = ("invoice", "purchase_order", "estimate", "proforma", "order_confirmation")
CENT = Decimal("0.01")


@dataclass
class Party:
    name: str
    address: list[str]
    vat: str = ""


@dataclass
class Spec:
    """One document: its words, layout choices and truth."""

    kind: str
    lang: str
    seller: Party
    buyer: Party
    issuer: str  # "seller" or "buyer": whose letterhead heads the page
    number: str
    ref: str  # the buyer's PO number printed on a seller's document, or ""
    dates: dict[str, date]
    currency: str
    lines: list[dict[str, Any]]
    taxes: list[tuple[Decimal, Decimal, Decimal]]  # (rate, base, tax)
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    layout: dict[str, Any] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    def truth(self) -> tuple[str, dict[str, Any]]:
        """(doc_type, fields) as the labels of the eval set write them."""
        doc_type = "estimate" if self.kind == "proforma" else self.kind
        number_field = {
            "invoice": "invoice_number",
            "purchase_order": "po_number",
            "estimate": "quote_number",
            "proforma": "quote_number",
            "order_confirmation": "order_number",
        }[self.kind]
        fields: dict[str, Any] = {
            "vendor": self.seller.name,
            "buyer": self.buyer.name,
            number_field: self.number,
            "issue_date": self.dates["issue"].isoformat(),
            "currency": self.currency,
            "subtotal": str(self.subtotal),
            "tax": str(self.tax),
            "total": str(self.total),
            "line_items": [
                {k: f"{x[k]:f}" for k in ("quantity", "unit_price", "amount")} for x in self.lines
            ],
        }
        if self.ref:
            fields["po_number"] = self.ref
        for key, name in (
            ("due", "due_date"),
            ("valid", "valid_until"),
            ("delivery", "delivery_date"),
        ):
            if key in self.dates:
                fields[name] = self.dates[key].isoformat()
        return doc_type, fields


def _company(rng: random.Random, lang: str, used: set[str]) -> Party:
    while True:
        name = f"{rng.choice(ROOTS)} {rng.choice(SECTORS)} {rng.choice(LEGAL[lang])}"
        if name not in used:
            used.add(name)
            break
    return Party(name, _address(rng, lang), _vat(rng, lang))


def _address(rng: random.Random, lang: str) -> list[str]:
    z = {
        "a": rng.randint(1, 29),
        "b": rng.randint(1, 9),
        "z5": f"{rng.randint(10000, 99999)}",
        "z4": f"{rng.randint(1000, 9999)}",
        "z3": f"{rng.randint(100, 999)}",
    }
    text = rng.choice(STREETS[lang]).format(
        n=rng.randint(1, 180),
        street=rng.choice(STREET_NAMES),
        city=rng.choice(CITIES[lang]),
        zip=ZIPS[lang].format(**z),
    )
    return text.split("\n")


def _vat(rng: random.Random, lang: str) -> str:
    prefix = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT"}
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    return prefix[lang] + (digits + "B01" if lang == "nl" else digits)


def _number(rng: random.Random, kind: str) -> str:
    prefix = {
        "invoice": ["INV-", "RE", "F", ""],
        "purchase_order": ["PO-", "BE-", "4500", ""],
        "estimate": ["Q-", "AN-", "DEV-", ""],
        "proforma": ["PF-", "PRO"],
        "order_confirmation": ["SO-", "AB-", "OC"],
    }[kind]
    year = rng.choice(["2024", "24", ""])
    sep = rng.choice(["-", "/", ""]) if year else ""
    return f"{rng.choice(prefix)}{year}{sep}{rng.randint(100, 99999)}"


def _lines(rng: random.Random, lang: str, rates: list[Decimal]) -> list[dict[str, Any]]:
    out = []
    step = rng.choice([1, 1, 10])
    for i, (name, tail) in enumerate(rng.sample(GOODS, rng.randint(1, 6))):
        qty = (
            Decimal(rng.choice([1, 1, 2, 3, 4, 5, 8, 10, 12, 25, 40]))
            if rng.random() < 0.85
            else (Decimal(rng.randint(1, 40)) / 2)
        )
        price = Decimal(rng.randint(150, 250000)) / 100
        discount = Decimal(rng.choice([0, 0, 0, 5, 10])) if rng.random() < 0.3 else Decimal(0)
        amount = (qty * price * (1 - discount / 100)).quantize(CENT, ROUND_HALF_UP)
        out.append(
            {
                "pos": str((i + 1) * step),
                "code": f"{rng.choice('ABCKMXZ')}{rng.randint(100, 9999)}"
                + (f"-{rng.randint(1, 99):02d}" if rng.random() < 0.4 else ""),
                "description": name,
                "tail": tail if rng.random() < 0.3 else "",
                "quantity": qty.normalize() if qty == qty.to_integral() else qty,
                "unit": rng.choice(WORDS[lang]["units"]),
                "unit_price": price,
                "discount": discount,
                "amount": amount,
                "rate": rng.choice(rates),
            }
        )
    return out


def make_spec(rng: random.Random, lang: str | None = None, kind: str | None = None) -> Spec:
    """A random document: kind, language, parties (our company among them), lines that add
    up, and the layout choices the drawing follows."""
    from benchmarks.synth_words import LANGS

    lang = lang or rng.choice(LANGS)
    kind = kind or rng.choice(KINDS)
    used: set[str] = set()
    us = Party(rng.choice((OUR_NAME + " GmbH", OUR_NAME)), _address(rng, "de"), OUR_VAT)
    other = _company(rng, lang, used)
    issuer = "seller"
    if kind == "purchase_order":
        # an order we issue to a supplier (our letterhead), or one a customer sends us
        if rng.random() < 0.6:
            seller, buyer, issuer = other, us, "buyer"
        else:
            seller, buyer, issuer = us, other, "buyer"
    else:
        # what a supplier sends us, or (for our own sales) what a third party received
        if rng.random() < 0.6:
            seller, buyer = other, us
        elif rng.random() < 0.25:  # a private customer: a person, no legal form
            seller, buyer = other, Party(rng.choice(CONTACTS), _address(rng, lang))
        else:
            seller, buyer = other, _company(rng, lang, used)
    rates = [Decimal(str(r)) for r in RATES[lang]]
    several = rng.random() < 0.25
    use = rates[:2] if several else [rates[0]]
    lines = _lines(rng, lang, use)
    currency = "EUR"
    if lang == "en":
        currency = rng.choice(["USD", "GBP", "EUR"])
    issue = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    dates = {"issue": issue}
    if kind == "invoice":
        dates["due"] = issue + timedelta(days=rng.choice([14, 30, 45]))
    if kind in ("estimate", "proforma") and rng.random() < 0.8:
        dates["valid"] = issue + timedelta(days=rng.choice([30, 60, 90]))
    if kind == "purchase_order" and rng.random() < 0.7:
        dates["delivery"] = issue + timedelta(days=rng.randint(7, 40))
    ref = ""
    if kind in ("invoice", "order_confirmation") and rng.random() < 0.5:
        ref = _number(rng, "purchase_order")
    layout = {
        "letterhead": rng.choice(["left", "right", "center"]),
        "title": rng.choice(["left", "right", "center", "inline"]),
        "buyer_label": rng.random() < 0.65,
        "window_sender": rng.random() < 0.4,
        "ship_to": rng.random() < 0.3,
        "meta": rng.choice(["right", "stacked", "left"]),
        "columns": _columns(rng),
        "wrap": rng.random() < 0.5,
        "section": rng.random() < 0.25,
        "note": rng.random() < 0.2,
        "totals": rng.choice(["right", "table"]),
        "number_style": rng.choice(["native", "native", "native", "alt"]),
        "date_style": rng.choice(["numeric", "numeric", "long", "iso"]),
        "currency_style": rng.choice(["symbol", "code", "word"]),
        "vat_place": rng.choice(["letterhead", "footer", "none"]),
        "us_dates": lang == "en" and currency == "USD",
        # the addressee's block: a contact person ("z. Hd.", "Attn:") under its name or
        # over it, a department line, and a customer number among the document's details
        "attn": rng.choice(["", "", "", "under", "over"]),
        "contact": rng.choice(CONTACTS),
        # the form of address over the addressee's name (DIN 5008 "Firma", "Herrn")
        "salutation": rng.random() < 0.4,
        "department": rng.random() < 0.15,
        "customer_no": f"{rng.choice(['K', 'C', 'D', ''])}{rng.randint(1000, 99999)}"
        if rng.random() < 0.35
        else "",
        "ship_first": rng.random() < 0.3,
        # the table: quantity and unit in one cell ("5 Stk"), headers in small capitals
        # or over two lines, a discount printed on a line under its item (the percentage
        # alone, or with the amount taken off the item's gross amount), a page break
        # with the sum carried over
        "qty_unit": rng.random() < 0.25,
        "header_style": rng.choice(["plain", "plain", "caps", "split"]),
        "discount_line": rng.choice(["", "", "", "text", "amount"]),
        "page_break": rng.random() < 0.2,
    }
    if layout["qty_unit"] and "unit" in layout["columns"]:
        layout["columns"].remove("unit")
    if layout["discount_line"] and "discount" in layout["columns"]:
        layout["discount_line"] = ""
    if layout["discount_line"]:
        for x in lines:
            x["discount"] = Decimal(rng.choice([0, 5, 10, 15]))
            x["amount"] = (x["quantity"] * x["unit_price"] * (1 - x["discount"] / 100)).quantize(
                CENT, ROUND_HALF_UP
            )
    elif "discount" not in layout["columns"]:  # a discount is only given where it is shown
        for x in lines:
            x["discount"] = Decimal(0)
            x["amount"] = (x["quantity"] * x["unit_price"]).quantize(CENT, ROUND_HALF_UP)
    bases: dict[Decimal, Decimal] = {}
    for x in lines:
        bases[x["rate"]] = bases.get(x["rate"], Decimal(0)) + x["amount"]
    taxes = [(r, b, (b * r / 100).quantize(CENT, ROUND_HALF_UP)) for r, b in sorted(bases.items())]
    subtotal = sum((b for _, b, _ in taxes), Decimal(0))
    tax = sum((t for _, _, t in taxes), Decimal(0))
    return Spec(
        kind,
        lang,
        seller,
        buyer,
        issuer,
        _number(rng, kind),
        ref,
        dates,
        currency,
        lines,
        taxes,
        subtotal,
        tax,
        subtotal + tax,
        layout,
        {slot: rng.choice(v) for slot, v in WORDS[lang].items()},
    )


def _columns(rng: random.Random) -> list[str]:
    """Table columns in one of the orders documents use."""
    cols = ["description", "quantity", "unit_price", "amount"]
    if rng.random() < 0.5:
        cols.insert(0, "code")
    if rng.random() < 0.4:
        cols.insert(0, "pos")
    if rng.random() < 0.35:
        cols.insert(cols.index("quantity") + 1, "unit")
    if rng.random() < 0.2:
        cols.insert(cols.index("amount"), "discount")
    if rng.random() < 0.2:
        cols.insert(cols.index("amount"), "rate")
    if rng.random() < 0.25:  # quantity before the description
        cols.remove("quantity")
        cols.insert(cols.index("description"), "quantity")
    if rng.random() < 0.15 and "code" in cols:  # the code after the description
        cols.remove("code")
        cols.insert(cols.index("description") + 1, "code")
    return cols
