"""Drawing one :class:`benchmarks.synth_docs.Spec` as a text PDF (reportlab), following its
layout choices: letterhead left/right/centred, a DIN 5008 sender line over the window
address, the addressee with or without its label, a ship-to block beside it, the number
block right/left/in a row, table columns in the chosen order with wrapped descriptions,
section headings and notes, totals right-aligned or inside the table, and numbers, dates
and currencies written the language's way.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

from benchmarks import synth_forms as forms
from benchmarks import synth_layouts as layouts
from benchmarks.synth_docs import Party, Spec
from benchmarks.synth_words import SPLITS, WORDS
from tests.factory import MONTHS

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
CURRENCY_WORDS = {
    "EUR": {
        "en": "euros",
        "de": "Euro",
        "fr": "euros",
        "es": "euros",
        "it": "euro",
        "nl": "euro",
        "pt": "euros",
    },
    "USD": {"en": "US dollars"},
    "GBP": {"en": "pounds sterling"},
}
WIDTHS = {
    "pos": 32,
    "code": 62,
    "description": 170,
    "quantity": 42,
    "unit": 38,
    "unit_price": 66,
    "discount": 44,
    "rate": 38,
    "amount": 72,
    "ordered": 40,
    "backorder": 40,
}
RIGHT = {"quantity", "unit_price", "discount", "rate", "amount", "ordered", "backorder"}


def number(value: Decimal, spec: Spec) -> str:
    text = f"{value:,.2f}"
    style, lang = spec.layout["number_style"], spec.lang
    if lang == "en":
        return text.replace(",", "") if style == "alt" else text
    if lang == "fr":
        native = text.replace(",", " ").replace(".", ",")
        alt = text.replace(",", "X").replace(".", ",").replace("X", ".")
    else:
        native = text.replace(",", "X").replace(".", ",").replace("X", ".")
        alt = text.replace(",", "").replace(".", ",")
    return alt if style == "alt" else native


def money(value: Decimal, spec: Spec, marked: bool = True) -> str:
    text = number(value, spec)
    if not marked:
        return text
    style, cur = spec.layout["currency_style"], spec.currency
    if style == "code":
        return f"{cur} {text}" if spec.lang == "en" else f"{text} {cur}"
    if style == "word":
        return f"{text} {CURRENCY_WORDS[cur].get(spec.lang, cur)}"
    symbol = SYMBOLS[cur]
    return f"{symbol}{text}" if spec.lang == "en" else f"{text} {symbol}"


def when(d: date, spec: Spec) -> str:
    style, lang = spec.layout["date_style"], spec.lang
    if style == "iso":
        return d.isoformat()
    us = spec.layout["us_dates"]
    if style == "long":
        month = MONTHS[lang].split()[d.month - 1]
        if lang == "en":
            return f"{month} {d.day}, {d.year}" if us else f"{d.day} {month} {d.year}"
        if lang in ("es", "pt"):
            return f"{d.day} de {month} de {d.year}"
        return f"{d.day}. {month} {d.year}" if lang == "de" else f"{d.day} {month} {d.year}"
    if us:
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    sep = "." if lang == "de" else "-" if lang == "nl" else "/"
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def _block(
    c: Canvas, x: float, y: float, label: str, party: Party, vat: str, extra: list[str] = ()
) -> float:
    """A party's block: its label, its name, the ``extra`` lines (a department, a contact
    person; one starting with ">" goes over the name), its address and VAT id."""
    if label:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(x, y, label)
        y -= 13
    c.setFont("Helvetica", 10)
    over = [e[1:] for e in extra if e.startswith(">")]  # in the order given
    under = [e for e in extra if not e.startswith(">")]
    lines = [*over, party.name, *under, *party.address]
    for text in lines + ([f"{vat} {party.vat}"] if party.vat else []):
        c.drawString(x, y, text)
        y -= 12
    return y


def _extra(spec: Spec) -> list[str]:
    """The addressee's department and contact person lines, as the layout chose."""
    lay, w = spec.layout, spec.words
    out = [w["department"]] if lay["department"] else []
    if lay["attn"]:
        person = " ".join(p for p in (w["honorific"], lay["contact"]) if p)
        line = f"{w['attn']} {person}"
        out.append(">" + line if lay["attn"] == "over" else line)
    to = spec.buyer if spec.issuer == "seller" else spec.seller
    form = w["salutation_person" if not to.vat else "salutation_company"]
    if lay["salutation"] and form and not lay["buyer_label"]:
        out.insert(0, ">" + form)  # the form of address heads the window's block
    return out


def draw(path: Path, spec: Spec) -> Path:
    lay, w = spec.layout, spec.words
    size = LETTER if lay["us_dates"] else A4
    width, height = size
    c = Canvas(str(path), pagesize=size)
    head = spec.seller if spec.issuer == "seller" else spec.buyer
    to = spec.buyer if spec.issuer == "seller" else spec.seller
    # letterhead (or a logo alone: the issuer is then named in the sender line and footer)
    c.setFont("Helvetica-Bold", 18)
    y = height - 55
    align = {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}
    x = {"left": 50, "right": width - 50, "center": width / 2}[lay["letterhead"]]
    if lay.get("logo"):
        layouts.logo(c, width, height, spec)
    else:
        align[lay["letterhead"]](x, y, head.name)
    c.setFont("Helvetica", 9)
    extra = [f"{w['vat']} {head.vat}"] if lay["vat_place"] == "letterhead" else []
    extra += forms.contact_lines(spec, head.name)
    for i, text in enumerate([] if lay.get("logo") else head.address + extra):
        align[lay["letterhead"]](x, y - 14 - 11 * i, text)
    # the addressee in the window, its sender line above it
    y = height - 140
    if lay["window_sender"] and not (lay["ship_first"] and lay["ship_to"]) and not lay.get("pair"):
        c.setFont("Helvetica", 7)
        c.drawString(57, y + 12, f"{head.name} · {head.address[0]} · {head.address[-1]}")
    label = w["bill_to" if spec.issuer == "seller" else "supplier"] if lay["buyer_label"] else ""
    # the delivery address on the left, the billing address beside it (both labelled)
    swap = lay["ship_to"] and lay["ship_first"] and bool(label)
    vat = w["vat"] if lay["vat_place"] != "none" else ""
    if lay.get("pair"):  # seller and buyer side by side under their role labels
        bottom = layouts.pair(c, spec, y, _block)
    else:
        bottom = _block(c, 230 if swap else 57, y, label, to, vat, _extra(spec))
    if lay["ship_to"] and not lay.get("pair"):
        ship = Party(spec.buyer.name, spec.buyer.address[::-1])
        low = _block(c, 57 if swap else 230, y, w["ship_to"], ship, "")
        bottom = min(bottom, low)
    # the number block
    slot = {"purchase_order": "po", "estimate": "quote", "order_confirmation": "order"}
    number_label = w[f"{slot.get(spec.kind, spec.kind)}_number"]
    meta = [] if lay["title"] == "inline" else [(number_label, spec.number)]
    if spec.ref:
        meta.append((w["ref"], spec.ref))
    if lay["customer_no"]:
        meta.append((w["customer_no"], lay["customer_no"]))
    # an order or a quote is dated with the generic word (the first variant), not "Invoice date"
    issued = w["issue_date"] if spec.kind == "invoice" else WORDS[spec.lang]["issue_date"][0]
    meta.append((issued, when(spec.dates["issue"], spec)))
    for key, slot in (("due", "due_date"), ("valid", "valid_until"), ("delivery", "delivery_date")):
        if key in spec.dates:
            meta.append((w[slot], when(spec.dates[key], spec)))
    if lay["meta"] == "right":
        c.setFont("Helvetica", 9)
        for i, (k, v) in enumerate(meta):
            c.drawString(width - 180, y - 13 * i, f"{k}:")  # clear of a ship-to block
            c.drawRightString(width - 50, y - 13 * i, v)
    y = min(bottom, y - 13 * len(meta)) - 25
    # the title
    title = w[spec.kind]
    c.setFont("Helvetica-Bold", 17)
    if lay["title"] == "inline":
        c.drawString(50, y, f"{title} {w['no']} {spec.number}")
    else:
        tx = {"left": 50, "right": width - 50, "center": width / 2}[lay["title"]]
        align[lay["title"]](tx, y, title)
    y -= 28
    c.setFont("Helvetica", 9)
    if lay["meta"] == "stacked":
        for i, (k, v) in enumerate(meta):
            c.drawString(50 + 120 * i, y, k)
            c.drawString(50 + 120 * i, y - 12, v)
        y -= 40
    elif lay["meta"] == "grid":
        y = layouts.grid(c, spec, meta, y)
    elif lay["meta"] == "left":
        for k, v in meta:
            c.drawString(50, y, f"{k}: {v}")
            y -= 12
        y -= 16
    y = forms.draw_details(c, spec, y)
    y = _table(c, spec, width, y)
    if lay.get("tax_table"):
        layouts.totals(c, spec, width, y, money, number)
    else:
        _totals(c, spec, width, y)
    _footer(c, spec)
    c.save()
    return path


def _footer(c: Canvas, spec: Spec) -> None:
    head = spec.seller if spec.issuer == "seller" else spec.buyer
    w = spec.words
    c.setFont("Helvetica", 8)
    foot = [w["thanks"], "IBAN DE44 5001 0517 5407 3249 31"]
    if spec.layout.get("footer_columns"):
        layouts.footer(c, spec, foot[1])
        c.setFont("Helvetica", 8)
        c.drawString(50, 90, foot[0])
        return
    if spec.layout["vat_place"] == "footer":
        foot.append(f"{head.name} · {w['vat']} {head.vat}")
    for i, text in enumerate(foot):
        c.drawString(50, 60 - 10 * i, text)


def _header(c: Canvas, spec: Spec, xs: dict[str, tuple[float, float]], y: float) -> float:
    """The column headers in the layout's style: bold, small capitals, or over two lines
    (at a break inside the word, or at its space); returns where the rows begin."""
    style = spec.layout["header_style"]
    rows: dict[str, list[str]] = {}
    for k in xs:
        text = spec.words[k]
        if style == "caps":
            rows[k] = [text.upper()]
        elif style == "split" and (text in SPLITS or " " in text):
            rows[k] = SPLITS[text].split("|") if text in SPLITS else text.split(" ", 1)
        else:
            rows[k] = [text]
    c.setFont("Helvetica", 7) if style == "caps" else c.setFont("Helvetica-Bold", 9)
    depth = max(len(r) for r in rows.values())
    for k, parts in rows.items():
        for i, text in enumerate(parts):
            yy = y - 10 * i - 10 * (depth - len(parts))  # the last lines aligned
            if k in RIGHT:
                c.drawRightString(xs[k][1], yy, text)
            else:
                c.drawString(xs[k][0], yy, text)
    y -= 10 * (depth - 1)
    c.line(50, y - 4, xs[list(xs)[-1]][1] + 6, y - 4)
    return y - 17


def _table(c: Canvas, spec: Spec, width: float, y: float) -> float:
    lay = spec.layout
    cols = lay["columns"]
    spare = (width - 100) - sum(WIDTHS[k] for k in cols)
    xs, x = {}, 50.0
    for k in cols:
        span = WIDTHS[k] + (spare if k == "description" else 0)
        xs[k] = (x, x + span - 6)
        x += span
    y = _header(c, spec, xs, y)
    if lay["section"]:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs["description"][0], y, spec.words["section"])
        y -= 14
    amount_x = xs["amount"][1]
    label_x = xs["description"][0]
    brk = len(spec.lines) // 2 if lay["page_break"] and len(spec.lines) >= 2 else -1
    carried = Decimal(0)
    for i, item in enumerate(spec.lines):
        if i == brk:
            # the sum so far, carried to the next page and brought forward at its top
            c.setFont("Helvetica-Bold", 9)
            c.drawString(label_x, y, spec.words["carried"])
            c.drawRightString(amount_x, y, number(carried, spec))
            _footer(c, spec)
            c.showPage()
            page_height = c._pagesize[1]
            c.setFont("Helvetica", 8)
            c.drawString(50, page_height - 40, f"{spec.words[spec.kind]} {spec.number}")
            c.drawRightString(width - 50, page_height - 40, f"{spec.words['page']} 2")
            y = _header(c, spec, xs, page_height - 80)
            c.setFont("Helvetica-Bold", 9)
            c.drawString(label_x, y, spec.words["brought"])
            c.drawRightString(amount_x, y, number(carried, spec))
            y -= 15
        c.setFont("Helvetica", 9)
        gross = (item["quantity"] * item["unit_price"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        shown = gross if lay["discount_line"] == "amount" else item["amount"]
        quantity = number(item["quantity"], spec).removesuffix(",00").removesuffix(".00")
        cells = {
            "pos": item["pos"],
            "code": item["code"],
            "description": item["description"],
            "quantity": f"{quantity} {item['unit']}" if lay["qty_unit"] else quantity,
            "unit": item["unit"],
            "unit_price": number(item["unit_price"], spec),
            "discount": f"{item['discount']} %" if item["discount"] else "",
            "rate": f"{item['rate']} %",
            "amount": number(shown, spec),
            **forms.shipped_cells(spec, item, quantity),
        }
        for k in cols:
            if k in RIGHT:
                c.drawRightString(xs[k][1], y, cells[k])
            else:
                c.drawString(xs[k][0], y, cells[k])
        y -= 12
        if lay["wrap"] and item["tail"]:
            c.setFont("Helvetica", 8)
            c.drawString(xs["description"][0], y, item["tail"])
            y -= 12
        if lay.get("code_under"):
            y = layouts.code_line(c, spec, xs["description"][0], y, item["code"])
        if lay["discount_line"] and item["discount"]:
            c.setFont("Helvetica", 8)
            off = f"{item['discount'].normalize():f}"
            c.drawString(label_x, y, spec.words["discount_line"].format(p=off))
            if lay["discount_line"] == "amount":
                c.drawRightString(amount_x, y, "-" + number(gross - item["amount"], spec))
            y -= 12
        if lay["note"] and i == 0:
            c.setFont("Helvetica-Oblique", 8)
            c.drawString(xs["description"][0], y, spec.words["note"])
            y -= 12
        y -= 3
        carried += item["amount"]
    c.line(50, y + 6, width - 50, y + 6)
    return y - 14


def _totals(c: Canvas, spec: Spec, width: float, y: float) -> None:
    rows = [(spec.words["subtotal"], money(spec.subtotal, spec))]
    for rate, _base, tax in spec.taxes:
        rate_text = f"{rate.normalize():f}".replace(".", "," if spec.lang != "en" else ".")
        rows.append((spec.words["tax"].format(r=rate_text), money(tax, spec)))
    rows = forms.totals_rows(spec, rows, lambda value: money(value, spec))
    rows.append((spec.words["total"], money(spec.total, spec)))
    for i, (label, value) in enumerate(rows):
        c.setFont("Helvetica-Bold" if i == len(rows) - 1 else "Helvetica", 10)
        if spec.layout["totals"] == "right":
            c.drawString(width - 250, y, label)
        else:
            c.drawString(50, y, label)
        c.drawRightString(width - 56, y, value)
        y -= 15
