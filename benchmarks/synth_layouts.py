"""Generic supplier layouts for the layout stress generator, layered on a
:class:`benchmarks.synth_docs.Spec` by :func:`choose` and drawn by :mod:`benchmarks.synth_draw`
through the functions here:

- a letterhead that is a logo only (a drawn shape, no name at the top): the issuer is named
  only in the small sender line over the window and in a footer of three columns (name and
  address | bank, IBAN and BIC | VAT id, register and managing director);
- seller and buyer blocks side by side under their role labels, the way e-invoice
  visualisations print them;
- a tax summary table under the lines (rate | net | tax | gross per rate) and totals
  labelled net / tax / gross, with on an invoice a prepaid amount deducted, so that the
  amount due differs from the gross (the gross stays the document's total);
- the document number and date in a boxed grid of label cells over value cells;
- an article number on a second line under its item's description (no code column).

The choices come from their own random generator (seeded from the run's seed), so the
documents of a seed are those of the base generator with these layouts added.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from reportlab.pdfgen.canvas import Canvas

from benchmarks.synth_docs import Party, Spec
from benchmarks.synth_words import BANKS, CONTACTS, LAYOUT_WORDS

#: How a value is printed: :func:`benchmarks.synth_draw.money` or ``number``.
Format = Callable[[Decimal, Spec], str]
#: A party's block: :func:`benchmarks.synth_draw._block` (canvas, x, y, label, party, vat).
Block = Callable[[Canvas, float, float, str, Party, str], float]


def choose(spec: Spec, rng: random.Random) -> Spec:
    """Add the generic layouts' choices and words to ``spec`` (in place; returned)."""
    lay = spec.layout
    lay["logo"] = rng.random() < 0.3
    lay["footer_columns"] = lay["logo"] or rng.random() < 0.25
    lay["pair"] = rng.random() < 0.3
    lay["pair_buyer_first"] = rng.random() < 0.3
    lay["tax_table"] = rng.random() < 0.35
    lay["grid"] = rng.random() < 0.3
    lay["code_under"] = "code" in lay["columns"] and rng.random() < 0.35
    share = rng.choice([Decimal("0.3"), Decimal("0.5"), Decimal("0.25")])
    prepaid = spec.kind == "invoice" and lay["tax_table"] and rng.random() < 0.5
    lay["prepaid"] = (spec.total * share).quantize(Decimal(1), ROUND_HALF_UP) if prepaid else None
    lay["director"] = rng.choice(CONTACTS)
    lay["bank"] = rng.choice(BANKS)
    lay["register_no"] = f"{rng.randint(10000, 99999)}"
    lay["bic"] = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWZ") for _ in range(4))
    if lay["code_under"]:
        lay["columns"].remove("code")
    if lay["logo"]:  # the sender line over the window names the issuer
        lay["window_sender"], lay["ship_first"] = True, False
    if lay["grid"]:
        lay["meta"] = "grid"
    if lay["pair"] and lay["meta"] == "right":  # the details go under the two blocks
        lay["meta"] = "stacked"
    spec.words.update({slot: rng.choice(v) for slot, v in LAYOUT_WORDS[spec.lang].items()})
    return spec


def logo(c: Canvas, width: float, height: float, spec: Spec) -> None:
    """A logo in place of the letterhead: a filled shape and a ring, no text."""
    left = {"left": 50, "right": width - 120, "center": width / 2 - 35}[spec.layout["letterhead"]]
    c.setFillColorRGB(0.15, 0.35, 0.6)
    c.roundRect(left, height - 80, 70, 40, 8, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.circle(left + 20, height - 60, 11, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def pair(c: Canvas, spec: Spec, y: float, block: Block) -> float:
    """Seller and buyer side by side under their role labels; returns the lower bottom."""
    w = spec.words
    vat = w["vat"]
    sides: list[tuple[str, Party]] = [(w["seller"], spec.seller), (w["buyer"], spec.buyer)]
    if spec.layout["pair_buyer_first"]:
        sides.reverse()
    bottom = y
    for x, (label, party) in zip((57.0, 300.0), sides, strict=True):
        bottom = min(bottom, block(c, x, y, label, party, vat))
    return bottom


def grid(c: Canvas, spec: Spec, meta: list[tuple[str, str]], y: float) -> float:
    """The details in a row of boxes, a small label cell over each value cell; returns the
    height below the grid."""
    cell = min(120.0, 495.0 / max(1, len(meta)))
    c.setLineWidth(0.5)
    for i, (label, value) in enumerate(meta):
        x = 50 + cell * i
        c.rect(x, y - 12, cell, 14, stroke=1, fill=0)
        c.rect(x, y - 30, cell, 18, stroke=1, fill=0)
        c.setFont("Helvetica", 7)
        c.drawString(x + 3, y - 8, label)
        c.setFont("Helvetica", 9)
        c.drawString(x + 3, y - 25, value)
    return y - 48


def code_line(c: Canvas, spec: Spec, x: float, y: float, code: str) -> float:
    """An article number on its own line under the item's description."""
    c.setFont("Helvetica", 7)
    c.drawString(x, y, spec.words["code_under"].format(c=code))
    return y - 11


def totals(c: Canvas, spec: Spec, width: float, y: float, money: Format, number: Format) -> None:
    """A tax summary table (rate | net | tax | gross per rate) and the totals under it."""
    w = spec.words
    xs = (60.0, 230.0, 330.0, 430.0)
    c.setFont("Helvetica-Bold", 8)
    for x, key in zip(xs, ("rate_h", "net_h", "tax_h", "gross_h"), strict=True):
        c.drawString(x, y, w[key]) if x == xs[0] else c.drawRightString(x + 60, y, w[key])
    c.line(55, y - 4, 500, y - 4)
    y -= 16
    c.setFont("Helvetica", 8)
    for rate, base, tax in spec.taxes:
        rate_text = f"{rate.normalize():f}".replace(".", "," if spec.lang != "en" else ".")
        cells = (f"{rate_text} %", number(base, spec), number(tax, spec), number(base + tax, spec))
        for x, text in zip(xs, cells, strict=True):
            c.drawString(x, y, text) if x == xs[0] else c.drawRightString(x + 60, y, text)
        y -= 12
    y -= 14
    rows = [
        (w["total_net"], spec.subtotal),
        (w["total_tax"], spec.tax),
        (w["total_gross"], spec.total),
    ]
    prepaid = spec.layout.get("prepaid")
    if prepaid:
        rows += [(w["paid"], -prepaid), (w["due"], spec.total - prepaid)]
    for i, (label, value) in enumerate(rows):
        c.setFont("Helvetica-Bold" if i == len(rows) - 1 else "Helvetica", 10)
        c.drawString(width - 250, y, label)
        c.drawRightString(width - 56, y, money(value, spec))
        y -= 15


def footer(c: Canvas, spec: Spec, iban: str) -> None:
    """A footer of three columns: name and address | bank | VAT id, register, director."""
    head = spec.seller if spec.issuer == "seller" else spec.buyer
    lay, w = spec.layout, spec.words
    city = head.address[-1].split()[-1]
    columns = [
        [head.name, *head.address],
        [f"{w['bank']}: {lay['bank']}", iban, f"BIC {lay['bic']}DE2X"],
        [
            f"{w['vat']} {head.vat}",
            w["register"].format(city=city, n=lay["register_no"]),
            w["director"].format(p=lay["director"]),
        ],
    ]
    c.setFont("Helvetica", 7)
    c.line(50, 78, 545, 78)
    for x, lines in zip((50.0, 220.0, 390.0), columns, strict=True):
        for i, text in enumerate(lines):
            c.drawString(x, 68 - 9 * i, text)
