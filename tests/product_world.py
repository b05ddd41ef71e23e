"""A generated purchasing world for the product tests: a catalog, vendors who name the
products their own way, and estimate -> purchase order -> invoice chains with known
mismatches, drawn as PDFs (several layouts and languages) at test time.

Everything a test expects comes from here: each generated line knows its product, each
invoice the order-match status it should get, each re-sent invoice the one it repeats.
The vendors' wording is made by rules (word order, abbreviations, extra words, spacing,
a typo) from a seed, not written to fit the matcher.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.factory import make_pdf

CENT = Decimal("0.01")
#: The room the factory's table leaves for a description (points at 9 pt Helvetica): the
#: extractor gives a word to the column whose header is nearest its centre.
DESCRIPTION_WIDTH = 135

#: (sku, name, unit, category, unit price)
CATALOG: list[tuple[str, str, str, str, str]] = [
    ("TL-1001", "Cordless drill 18V", "pc", "Tools", "129.00"),
    ("TL-1002", "Cordless drill 12V", "pc", "Tools", "89.00"),
    ("TL-1003", "Impact driver 18V", "pc", "Tools", "149.00"),
    ("TL-1010", "Drill bit set 25 pcs", "set", "Tools", "18.50"),
    ("TL-1011", "Drill bit set 10 pcs", "set", "Tools", "9.90"),
    ("TL-1020", "Claw hammer 450g", "pc", "Tools", "14.20"),
    ("TL-1021", "Rubber mallet 700g", "pc", "Tools", "11.80"),
    ("TL-1030", "Spirit level 60 cm", "pc", "Tools", "16.40"),
    ("TL-1031", "Spirit level 120 cm", "pc", "Tools", "27.90"),
    ("TL-1040", "Tape measure 5 m", "pc", "Tools", "6.50"),
    ("TL-1041", "Tape measure 8 m", "pc", "Tools", "8.90"),
    ("TL-1050", "Utility knife retractable", "pc", "Tools", "5.40"),
    ("TL-1060", "Angle grinder 125 mm", "pc", "Tools", "79.00"),
    ("TL-1061", "Cutting disc 125 mm 10 pack", "pk", "Tools", "12.30"),
    ("SF-2001", "Safety goggles clear", "pc", "Safety", "4.20"),
    ("SF-2002", "Safety goggles tinted", "pc", "Safety", "5.10"),
    ("SF-2010", "Work gloves leather", "pair", "Safety", "7.80"),
    ("SF-2020", "Ear defenders", "pc", "Safety", "13.60"),
    ("SF-2030", "Hard hat white", "pc", "Safety", "9.40"),
    ("SF-2031", "Hard hat yellow", "pc", "Safety", "9.40"),
    ("SF-2040", "High visibility vest", "pc", "Safety", "3.90"),
    ("FX-3001", "Wood screws 4x40 box 200", "box", "Fixings", "6.70"),
    ("FX-3002", "Wood screws 5x60 box 100", "box", "Fixings", "7.90"),
    ("FX-3010", "Wall plugs 8 mm box 100", "box", "Fixings", "3.20"),
    ("FX-3020", "Cable ties 300 mm pack 100", "pk", "Fixings", "4.60"),
    ("FX-3030", "Hex bolts M8x40 box 50", "box", "Fixings", "8.30"),
    ("FX-3031", "Hex nuts M8 box 100", "box", "Fixings", "4.10"),
    ("EL-4001", "Extension cable 10 m", "pc", "Electrical", "19.90"),
    ("EL-4002", "Extension cable 25 m", "pc", "Electrical", "34.50"),
    ("EL-4010", "LED work light 30W", "pc", "Electrical", "42.00"),
    ("EL-4020", "Power strip 6 sockets", "pc", "Electrical", "15.70"),
    ("CH-5001", "Wood glue 750 ml", "bottle", "Chemicals", "8.60"),
    ("CH-5002", "Silicone sealant white", "tube", "Chemicals", "5.30"),
    ("CH-5003", "Silicone sealant transparent", "tube", "Chemicals", "5.30"),
    ("CH-5010", "Spray paint matt black", "can", "Chemicals", "6.90"),
    ("CH-5020", "Degreaser spray 500 ml", "can", "Chemicals", "4.80"),
]

#: Things vendors sell that the catalog does not have (a line of one must stay unlinked):
#: (name, unit price). Most are close to a catalog product.
OFF_CATALOG: list[tuple[str, str]] = [
    ("Cordless drill 24V", "169.00"),
    ("Hard hat red", "9.40"),
    ("Tape measure 3 m", "4.90"),
    ("Wood screws 4x50 box 200", "6.90"),
    ("Spirit level 80 cm", "19.90"),
    ("Extension cable 50 m", "59.00"),
    ("Work gloves cotton", "3.10"),
    ("Spray paint gloss white", "6.90"),
    ("Delivery charge", "25.00"),
    ("Pallet deposit", "12.00"),
]

BRANDS = ("ProLine", "Fortis", "Workmaster", "Tecno")
EXTRAS = ("boxed", "new model", "with case", "trade pack", "blue")
ABBREVIATIONS = {
    "pcs": ("pieces", "pc.", "piece"),
    "box": ("bx", "box of"),
    "pack": ("pk", "pack of", "packet"),
    "cable": ("cord", "lead"),
    "safety": ("safety", "protective"),
    "sealant": ("sealant", "silicone"),
}


@dataclass(frozen=True)
class Vendor:
    name: str
    lang: str
    layout: str
    codes: str  # "sku", "sku_spaced", "part" (own part numbers, in the catalog), "none"
    wording: str  # "catalog", "reworded", "mixed"
    prefix: str  # of its own part numbers


VENDORS = (
    Vendor("Acme Tools GmbH", "de", "classic", "sku", "catalog", "AC"),
    Vendor("Bricoleur Pro SARL", "fr", "stacked", "part", "reworded", "BRP"),
    Vendor("Northern Supply Ltd", "en", "classic", "none", "reworded", "NS"),
    Vendor("Ferreteria Ruiz SL", "es", "stacked", "part", "mixed", "FR"),
    Vendor("Van Dijk Gereedschap BV", "nl", "classic", "sku_spaced", "mixed", "VD"),
)


def part_number(vendor: Vendor, sku: str) -> str:
    """A vendor's own part number for a product (kept in the catalog as an alias)."""
    digits = sku.split("-")[1]
    return f"{vendor.prefix[:2]}-{int(digits) * 7 % 9973:04d}{sku[0]}"


def fits(text: str, width: float = DESCRIPTION_WIDTH) -> bool:
    """Whether ``text`` fits the description column of :func:`tests.factory.make_pdf`."""
    return stringWidth(text, "Helvetica", 9) <= width


def catalog_csv(vendors: tuple[Vendor, ...] = VENDORS) -> bytes:
    """The catalog as a CSV export, with the part numbers of vendors who use them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["sku", "name", "unit", "category", "aliases"])
    for sku, name, unit, category, _ in CATALOG:
        aliases = [part_number(v, sku) for v in vendors if v.codes == "part"]
        writer.writerow([sku, name, unit, category, ";".join(aliases)])
    return out.getvalue().encode()


def reword(name: str, rng: random.Random) -> str:
    """How a vendor might write a catalog name: reordered, abbreviated, with a brand or
    an extra word, other spacing and case, now and then a typo (as fits the column)."""
    for _ in range(8):
        text = _reword(name, rng)
        if fits(text):
            return text
    return name


def _reword(name: str, rng: random.Random) -> str:
    words = name.split()
    moves = rng.sample(["reorder", "abbrev", "brand", "extra", "case", "typo", "spacing"], 2)
    if "abbrev" in moves:
        words = [rng.choice(ABBREVIATIONS[w.lower()]) if w.lower() in ABBREVIATIONS else w
                 for w in words]  # fmt: skip
    if "reorder" in moves and len(words) >= 3:
        head, rest = words[:2], words[2:]
        words = [f"{head[1]},", head[0].lower(), *rest] if rng.random() < 0.5 else rest + head
    if "spacing" in moves:
        words = [w[:-1] + " " + w[-1] if w[:-1].isdigit() and w[-1].isalpha() else w
                 for w in words]  # fmt: skip
    if "typo" in moves:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        w = words[longest]
        if len(w) > 5:
            i = rng.randrange(1, len(w) - 2)
            words[longest] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    text = " ".join(words)
    if "brand" in moves:
        text = f"{rng.choice(BRANDS)} {text}"
    if "extra" in moves:
        text = f"{text}, {rng.choice(EXTRAS)}"
    if "case" in moves:
        text = text.upper() if rng.random() < 0.5 else text.lower()
    return text


@dataclass
class GenLine:
    sku: str | None  # None: a product the catalog does not have
    code: str
    description: str
    quantity: int
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT)

    def item(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "description": self.description,
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "amount": str(self.amount),
        }


@dataclass
class GenDoc:
    doc_type: str
    vendor: Vendor
    number: str
    issue_date: dt.date
    lines: list[GenLine]
    po_number: str | None = None
    quote_number: str | None = None
    expected_status: str | None = None  # invoices: the order-match status they should get
    repeats: str | None = None  # a re-sent invoice: the number of the one it repeats
    layout: str = "classic"
    lang: str = "en"
    file: str = ""

    def fields(self) -> dict[str, Any]:
        subtotal = sum((ln.amount for ln in self.lines), Decimal(0))
        tax = (subtotal * Decimal("0.20")).quantize(CENT)
        doc: dict[str, Any] = {
            "doc_type": self.doc_type,
            "vendor": self.vendor.name,
            "buyer": "Northwind Traders Ltd",
            "number": self.number,
            "issue_date": self.issue_date.isoformat(),
            "currency": "EUR",
            "line_items": [ln.item() for ln in self.lines],
            "subtotal": str(subtotal),
            "tax": str(tax),
            "total": str(subtotal + tax),
        }
        if self.doc_type == "invoice":
            doc["due_date"] = (self.issue_date + dt.timedelta(days=30)).isoformat()
        if self.po_number:
            doc["po_number"] = self.po_number
        if self.quote_number:
            doc["quote_number"] = self.quote_number
        return doc


@dataclass
class World:
    docs: list[GenDoc] = field(default_factory=list)

    def by_number(self, number: str) -> GenDoc:
        return next(d for d in self.docs if d.number == number and d.repeats is None)


def _off_catalog(vendor: Vendor, quantity: int, rng: random.Random) -> GenLine:
    name, price = rng.choice(OFF_CATALOG)
    code = "" if vendor.codes == "none" else f"{vendor.prefix}-X{rng.randint(100, 999)}"
    description = name if rng.random() < 0.5 else reword(name, rng)
    return GenLine(None, code, description, quantity, Decimal(price))


def _line(vendor: Vendor, sku: str, quantity: int, rng: random.Random) -> GenLine:
    _, name, _, _, price = next(row for row in CATALOG if row[0] == sku)
    code = {
        "sku": sku,
        "sku_spaced": sku.replace("-", " "),
        "part": part_number(vendor, sku),
        "none": "",
    }[vendor.codes]
    if vendor.codes == "part" and rng.random() < 0.3:
        code = ""  # some lines carry no code at all
    if vendor.wording == "catalog" or (vendor.wording == "mixed" and rng.random() < 0.4):
        description = name
    else:
        description = reword(name, rng)
    return GenLine(sku, code, description, quantity, Decimal(price))


MISMATCHES = ("matched", "price_mismatch", "quantity_mismatch", "over_billed", "partial")


def make_world(seed: int = 7, chains_per_vendor: int = 4) -> World:
    """Chains for every vendor; the kinds of mismatch take turns."""
    rng = random.Random(seed)
    world = World()
    day = dt.date(2024, 1, 8)
    n = 0  # numbers documents
    chain = 0  # the kinds of mismatch take turns over the chains
    skus = [row[0] for row in CATALOG]
    for vendor in VENDORS:
        for _ in range(chains_per_vendor):
            n += 1
            kind = MISMATCHES[chain % len(MISMATCHES)]
            chain += 1
            chosen = rng.sample(skus, rng.randint(3, 5))
            lines = [_line(vendor, sku, rng.randint(2, 40), rng) for sku in chosen]
            if rng.random() < 0.4:
                lines.insert(rng.randrange(len(lines) + 1), _off_catalog(vendor, 1, rng))
            quote = f"Q-{2400 + n}"
            po = f"PO-{7700 + n}"
            invoice = f"INV-{vendor.prefix}-{24000 + n}"
            start = day + dt.timedelta(days=9 * n)
            world.docs.append(
                GenDoc("estimate", vendor, quote, start, [_copy(ln) for ln in lines],
                       layout=vendor.layout, lang=vendor.lang)
            )  # fmt: skip
            world.docs.append(
                GenDoc("purchase_order", vendor, po, start + dt.timedelta(days=3),
                       [_copy(ln) for ln in lines], quote_number=quote,
                       layout="stacked" if vendor.layout == "classic" else "classic",
                       lang=vendor.lang)
            )  # fmt: skip
            billed = [_copy(ln) for ln in lines]
            i = rng.choice([k for k, ln in enumerate(billed) if ln.sku is not None])
            if kind == "price_mismatch":
                billed[i].unit_price = (billed[i].unit_price * Decimal("1.08")).quantize(CENT)
            elif kind == "quantity_mismatch":
                billed[i].quantity += rng.randint(1, 5)
            elif kind == "over_billed":
                extra = rng.choice([s for s in skus if s not in chosen])
                billed.append(_line(vendor, extra, rng.randint(1, 6), rng))
            elif kind == "partial":
                billed[i].quantity = max(1, billed[i].quantity // 2)
            world.docs.append(
                GenDoc("invoice", vendor, invoice, start + dt.timedelta(days=20), billed,
                       po_number=po, expected_status="matched" if kind == "partial" else kind,
                       layout=vendor.layout, lang=vendor.lang)
            )  # fmt: skip
        # An invoice naming no known purchase order, and one naming none.
        n += 1
        lines = [_line(vendor, sku, rng.randint(1, 9), rng) for sku in rng.sample(skus, 3)]
        world.docs.append(
            GenDoc("invoice", vendor, f"INV-{vendor.prefix}-{24000 + n}",
                   day + dt.timedelta(days=9 * n), lines, po_number=f"PO-{9900 + n}",
                   expected_status="no_po", layout=vendor.layout, lang=vendor.lang)
        )  # fmt: skip
    # Re-sent invoices: the same vendor and number, drawn another way (other bytes).
    for original in [d for d in world.docs if d.doc_type == "invoice"][::6]:
        world.docs.append(
            GenDoc("invoice", original.vendor, original.number, original.issue_date,
                   [_copy(ln) for ln in original.lines], po_number=original.po_number,
                   expected_status=original.expected_status, repeats=original.number,
                   layout="stacked" if original.layout == "classic" else "classic",
                   lang=original.lang)
        )  # fmt: skip
    return world


def _copy(line: GenLine) -> GenLine:
    return GenLine(line.sku, line.code, line.description, line.quantity, line.unit_price)


def draw(world: World, folder: Path) -> list[Path]:
    """Every document of ``world`` as a PDF in ``folder``, in filing order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(world.docs):
        doc.file = f"{i:03d}-{doc.doc_type}-{doc.number.replace('/', '_')}.pdf"
        paths.append(make_pdf(folder / doc.file, doc.fields(), layout=doc.layout, lang=doc.lang))
    return paths


def file_world(ctx: Any, world: World, folder: Path) -> list[int]:
    """Draw ``world`` and file every document through the real pipeline (claim, read,
    classify, extract, file); returns the document ids in the order of ``world.docs``."""
    from intake.ingest.ledger import claim_file
    from intake.ingest.pipeline import process_claim

    ids = []
    for path in draw(world, folder):
        dest = ctx.settings.watch_dir / "inbox" / path.name
        dest.write_bytes(path.read_bytes())
        claim = claim_file(ctx.settings, ctx.db, dest)
        assert claim is not None
        outcome = process_claim(ctx, claim)
        assert outcome.state == "filed" and outcome.document_id is not None, outcome
        ids.append(outcome.document_id)
    return ids


@dataclass
class Figures:
    """What filing ``world`` came to, against what the generator knows."""

    lines: int = 0  # generated lines of catalog products
    linked_right: int = 0
    off_catalog: int = 0  # generated lines of things the catalog does not have
    off_catalog_unlinked: int = 0
    wrong: list[tuple[str, str | None, str | None, float | None]] = field(default_factory=list)
    unlinked: list[tuple[str, str | None]] = field(default_factory=list)
    lines_misread: int = 0  # documents whose extracted line count differs
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # expected: (found, of)
    duplicates: tuple[int, int] = (0, 0)  # re-sent invoices flagged, of
    false_duplicates: int = 0

    @property
    def share_right(self) -> float:
        return self.linked_right / self.lines if self.lines else 0.0

    def wrong_above(self, threshold: float) -> int:
        return sum(1 for *_, score in self.wrong if score is not None and score >= threshold)


def measure(records: dict[int, dict[str, Any]], world: World, ids: list[int]) -> Figures:
    """Compare the filed documents (as ``intake documents list --json`` gives them) with
    what the generator made."""
    f = Figures()
    kinds: dict[str, list[int]] = {}
    dup_found = dup_total = 0
    first_of = {d.number: ids[i] for i, d in enumerate(world.docs) if d.repeats is None}
    for gen, doc_id in zip(world.docs, ids, strict=True):
        rec = records[doc_id]
        if len(rec["lines"]) != len(gen.lines):
            f.lines_misread += 1
        for want, got in zip(gen.lines, rec["lines"], strict=False):
            sku = got["product_sku"]
            if want.sku is None:
                f.off_catalog += 1
                f.off_catalog_unlinked += sku is None
                if sku is not None:
                    f.wrong.append((want.description, None, sku, got["match_score"]))
                continue
            f.lines += 1
            if sku == want.sku:
                f.linked_right += 1
            elif sku is None:
                f.unlinked.append((want.description, want.sku))
            else:
                f.wrong.append((want.description, want.sku, sku, got["match_score"]))
        if gen.expected_status is not None and gen.repeats is None:
            found = kinds.setdefault(gen.expected_status, [0, 0])
            found[1] += 1
            found[0] += rec["match_status"] == gen.expected_status
        if gen.repeats is not None:
            dup_total += 1
            dup_found += rec["duplicate_of"] == first_of[gen.repeats]
        elif rec["duplicate_of"] is not None:
            f.false_duplicates += 1
    f.kinds = {k: (v[0], v[1]) for k, v in sorted(kinds.items())}
    f.duplicates = (dup_found, dup_total)
    return f


def make_supply_contract(
    path: Path,
    *,
    parties: tuple[str, str],
    effective: dt.date,
    term: str,
    renewal: str | None,
    notice: str,
    products: list[str],
) -> Path:
    """A supply agreement in prose naming products in its schedule (by SKU, part number or
    name), with a term, an automatic renewal and a notice period."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    from tests.factory import date_text

    a, b = parties
    text = [
        "SUPPLY AGREEMENT",
        "",
        f'This Supply Agreement (the "Agreement") is entered into as of '
        f"{date_text(effective.isoformat(), 'en', 'long')} by and between {a}, a German "
        f'company ("Supplier"), and {b}, an English company ("Buyer").',
        "",
        f"1. Term. This Agreement shall be effective as of "
        f'{date_text(effective.isoformat(), "en", "long")} (the "Effective Date") and shall '
        f"continue for a period of {term} thereafter.",
        (
            f"2. Renewal. This Agreement shall automatically renew for successive periods of "
            f"{renewal}. Either party may terminate it at the end of the then-current term "
            f"upon {notice} prior written notice."
            if renewal
            else f"2. Termination. Either party may terminate it upon {notice} prior written "
            "notice."
        ),
        "3. Governing Law. This Agreement shall be governed by the laws of England.",
        "4. Products. Supplier shall supply the products listed in Schedule A at the prices "
        "agreed from time to time.",
        "",
        "SCHEDULE A",
        *[f"- {p}" for p in products],
    ]
    width, height = LETTER
    c = Canvas(str(path), pagesize=LETTER)
    y = height - 72
    for para in text:
        c.setFont("Helvetica-Bold" if para.isupper() else "Times-Roman", 11)
        words, line = para.split(), ""
        if not words:
            y -= 8
        for word in words:
            if c.stringWidth(f"{line} {word}", "Times-Roman", 11) > width - 144:
                c.drawString(72, y, line)
                y -= 14
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            c.drawString(72, y, line)
            y -= 14
    c.save()
    return path
