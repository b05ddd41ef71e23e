"""Item tables the layout stress generator found misread, drawn at test time with
invented companies: column headers set over two tight lines (a word hyphenated at the
line's end, two narrow columns' headers close together under a wider one's), a
discount row under an item, and the sum carried over a page break."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.settings import Settings
from tests.test_extraction import extract

#: (left or right x, text, "r" for right-aligned) per cell
Cells = list[tuple[float, str, str]]


def table_pdf(
    path: Path, top: list[str], header: list[Cells], rows: list[Cells], *, leading: float = 10
) -> Path:
    """One page: ``top`` lines, a header of one or more lines ``leading`` points apart in
    9 pt bold, then the rows 15 points apart."""
    height = A4[1]
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(top):
        canvas.drawString(50, height - 50 - 14 * i, text)
    y = height - 260
    lines = [(cells, "Helvetica-Bold", leading) for cells in header]
    lines[-1] = (header[-1], "Helvetica-Bold", 17)
    for cells, font, step in [*lines, *((r, "Helvetica", 15.0) for r in rows)]:
        canvas.setFont(font, 9)
        for x, text, align in cells:
            if align == "r":
                canvas.drawRightString(x, y, text)
            else:
                canvas.drawString(x, y, text)
        y -= step
    canvas.save()
    return path


def items(settings: Settings, pdf: Path) -> list[dict[str, Any]]:
    found = extract(settings, pdf)["fields"]["line_items"]
    assert isinstance(found, list)
    return found


def numbers(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(i["quantity"], i["unit_price"], i["amount"]) for i in found]


def test_header_word_hyphenated_over_two_lines(settings: Settings, tmp_path: Path) -> None:
    """A narrow column's header broken with a hyphen ("Quan-" over "tity", "Einzel-" over
    "preis") is one word: the column it heads is read."""
    header = [
        [(86, "Quan-", "r"), (440, "Einzel-", "r"), (540, "Line", "r")],
        [(86, "tity", "r"), (92, "Description", ""), (440, "preis", "r"), (540, "Total", "r")],
    ]
    rows = [
        [(86, "3", "r"), (92, "Gasket set", ""), (440, "14,20", "r"), (540, "42,60", "r")],
        [(86, "12", "r"), (92, "Hose clamp", ""), (440, "1,15", "r"), (540, "13,80", "r")],
    ]
    top = ["Brenntal Haustechnik GmbH", "Rechnung Nr. BH-2207", "Datum: 03.11.2025"]
    found = items(settings, table_pdf(tmp_path / "r.pdf", top, header, rows))
    assert numbers(found) == [("3", "14.20", "42.60"), ("12", "1.15", "13.80")]
    assert [i["description"] for i in found] == ["Gasket set", "Hose clamp"]


def test_close_headers_under_a_two_line_header(settings: Settings, tmp_path: Path) -> None:
    """Two narrow columns whose headers stand close on the header's lower line ("Cant."
    right-aligned, "Unidad" left-aligned a few points on) head two columns, while the
    price's header stands over two lines ("Precio" over "unit.")."""
    header = [
        [(440, "Precio", "r")],
        [(50, "Descripción", ""), (340, "Cant.", "r"), (346, "Unidad", ""), (440, "unit.", "r")]
        + [(540, "Importe", "r")],
    ]
    rows = [
        [(50, "Juntas de goma", ""), (340, "5", "r"), (346, "ud.", ""), (440, "12,40", "r")]
        + [(540, "62,00", "r")],
        [(50, "Horas de montaje", ""), (340, "3", "r"), (346, "h", ""), (440, "45,00", "r")]
        + [(540, "135,00", "r")],
    ]
    top = ["Talleres Ondarra S.L.", "Factura n.º TO-5512", "Fecha: 03/11/2025"]
    found = items(settings, table_pdf(tmp_path / "f.pdf", top, header, rows))
    assert numbers(found) == [("5", "12.40", "62.00"), ("3", "45.00", "135.00")]
    assert [i["unit"] for i in found] == ["ud.", "h"]


def test_discount_row_under_an_item_nets_its_amount(settings: Settings, tmp_path: Path) -> None:
    """A row under an item that takes a sum off it ("Rabatt 10 %  -12,00") is the item's
    discount, not an item: the item's amount is net of it, its price as printed."""
    header = [
        [(50, "Bezeichnung", ""), (330, "Menge", "r"), (440, "Einzelpreis", "r")]
        + [(540, "Gesamt", "r")]
    ]
    rows = [
        [(50, "Dichtungssatz", ""), (330, "4", "r"), (440, "30,00", "r"), (540, "120,00", "r")],
        [(50, "Rabatt 10 %", ""), (540, "-12,00", "r")],
        [(50, "Schlauchschelle", ""), (330, "10", "r"), (440, "2,50", "r"), (540, "25,00", "r")],
    ]
    top = ["Brenntal Haustechnik GmbH", "Rechnung Nr. BH-2207", "Datum: 03.11.2025"]
    pdf = table_pdf(tmp_path / "r.pdf", top, header, rows)
    found = items(settings, pdf)
    assert numbers(found) == [("4", "30.00", "108.00"), ("10", "2.50", "25.00")]


def two_pages(path: Path, carried: str, brought: str) -> Path:
    """An order whose table breaks after two items: the sum so far under ``carried`` at
    the foot of page 1, the header repeated on page 2 and the sum under ``brought``."""
    height = A4[1]
    canvas = Canvas(str(path), pagesize=A4)
    header = [(50, "Bezeichnung", ""), (330, "Menge", "r"), (440, "Einzelpreis", "r")]
    header.append((540, "Gesamt", "r"))

    def draw(y: float, cells: Cells, font: str = "Helvetica") -> float:
        canvas.setFont(font, 9)
        for x, text, align in cells:
            (canvas.drawRightString if align == "r" else canvas.drawString)(x, y, text)
        return y - 15

    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(["Brenntal Haustechnik GmbH", "Bestellung Nr. BH-2207"]):
        canvas.drawString(50, height - 50 - 14 * i, text)
    y = draw(height - 260, header, "Helvetica-Bold")
    y = draw(
        y,
        [(50, "Dichtungssatz", ""), (330, "4", "r"), (440, "30,00", "r")] + [(540, "120,00", "r")],
    )
    y = draw(
        y,
        [(50, "Schlauchschelle", ""), (330, "10", "r"), (440, "2,50", "r")] + [(540, "25,00", "r")],
    )
    draw(y - 10, [(50, carried, ""), (540, "145,00", "r")], "Helvetica-Bold")
    canvas.setFont("Helvetica", 8)
    canvas.drawString(50, 60, "Zahlbar innerhalb 14 Tagen netto.")
    canvas.showPage()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(50, height - 40, "Bestellung BH-2207")
    canvas.drawRightString(545, height - 40, "Seite 2")
    y = draw(height - 80, header, "Helvetica-Bold")
    y = draw(y, [(50, brought, ""), (540, "145,00", "r")], "Helvetica-Bold")
    y = draw(
        y, [(50, "Kugelhahn", ""), (330, "2", "r"), (440, "18,00", "r")] + [(540, "36,00", "r")]
    )
    draw(y - 10, [(300, "Summe netto", ""), (540, "181,00", "r")])
    canvas.save()
    return path


@pytest.mark.parametrize(
    ("carried", "brought"),
    [("Übertrag", "Übertrag von Seite 1"), ("Zwischensumme Übertrag", "Vortrag")],
)
def test_sum_carried_over_a_page_break(
    settings: Settings, tmp_path: Path, carried: str, brought: str
) -> None:
    """The sum a table carries to its next page and brings forward under the repeated
    header is no item and does not end the table; a row first under the header that
    adds up the items above is that sum, whatever it is called."""
    found = items(settings, two_pages(tmp_path / "b.pdf", carried, brought))
    assert numbers(found) == [
        ("4", "30.00", "120.00"),
        ("10", "2.50", "25.00"),
        ("2", "18.00", "36.00"),
    ]


def test_subtotal_row_ends_the_table(settings: Settings, tmp_path: Path) -> None:
    """The subtotal's row ends the table of items, even where its amount, grouped with
    spaces, reaches into the price column."""
    header = [[(50, "Désignation", ""), (330, "Qté", "r"), (470, "P.U.", "r"), (540, "Total", "r")]]
    rows = [
        [(50, "Joint torique", ""), (330, "40", "r"), (470, "619,11", "r")]
        + [(540, "24 764,40", "r")],
        [(50, "Collier", ""), (330, "15", "r"), (470, "1 087,07", "r")] + [(540, "16 306,05", "r")],
        [(50, "Sous-total", ""), (540, "41 070,45 euros", "r")],
    ]
    top = ["Atelier Vauclair SARL", "Facture n° AV-5512", "Date : 03/11/2025"]
    found = items(settings, table_pdf(tmp_path / "f.pdf", top, header, rows))
    assert numbers(found) == [("40", "619.11", "24764.40"), ("15", "1087.07", "16306.05")]


def test_discount_rate_under_an_item(settings: Settings, tmp_path: Path) -> None:
    """A rate named under an item ("Remise de 5 %") may be what its amount is net of:
    quantity x price x (1 - rate) = amount holds, and the figures stay as printed."""
    header = [[(50, "Désignation", ""), (330, "Qté", "r"), (470, "P.U.", "r"), (540, "Total", "r")]]
    rows = [
        [(50, "Joint torique", ""), (330, "40", "r"), (470, "619,11", "r")]
        + [(540, "24 764,40", "r")],
        [(50, "Collier", ""), (330, "15", "r"), (470, "1 087,07", "r")] + [(540, "15 490,75", "r")],
        [(50, "Remise de 5 %", "")],
    ]
    top = ["Atelier Vauclair SARL", "Facture n° AV-5512", "Date : 03/11/2025"]
    found = items(settings, table_pdf(tmp_path / "f.pdf", top, header, rows))
    assert numbers(found) == [("40", "619.11", "24764.40"), ("15", "1087.07", "15490.75")]


def test_a_price_under_a_header_run_into_the_discounts(settings: Settings, tmp_path: Path) -> None:
    """The price's header over two lines, its lower line run into the discount's header
    ("unit.Descuento"): the prices are read as discounts by column, and the arithmetic
    (quantity x price = amount, with no discount) reads them as prices."""
    header = [
        [(380, "Precio", "r")],
        [(50, "Concepto", ""), (300, "Uds.", "r"), (380, "unit.", "r"), (382, "Descuento", "")]
        + [(540, "Importe", "r")],
    ]
    rows = [
        [(50, "Tubo de cobre", ""), (300, "12", "r"), (430, "1.260,00", "r")]
        + [(540, "15.120,00", "r")],
        [(50, "Sillas de oficina", ""), (300, "8", "r"), (430, "221,69", "r")]
        + [(540, "1.773,52", "r")],
    ]
    top = ["Talleres Ondarra S.L.", "Presupuesto n.º TO-5513", "Fecha: 03/11/2025"]
    found = items(settings, table_pdf(tmp_path / "d.pdf", top, header, rows))
    assert numbers(found) == [("12", "1260.00", "15120.00"), ("8", "221.69", "1773.52")]


def test_a_quantity_with_its_unit_glued_on(settings: Settings, tmp_path: Path) -> None:
    """A quantity printed with its unit and no space ("5h", "12pcs") is the quantity."""
    header = [
        [(50, "Description", ""), (330, "Qty", "r"), (440, "Unit Price", "r")]
        + [(540, "Amount", "r")],
    ]
    rows = [
        [(50, "Site survey", ""), (330, "5h", "r"), (440, "120.00", "r"), (540, "600.00", "r")],
        [(50, "Wall plugs", ""), (330, "12pcs", "r"), (440, "0.50", "r"), (540, "6.00", "r")],
    ]
    top = ["Fenwick Joinery Ltd", "Invoice No. FJ-2208", "Date: 03/11/2025"]
    found = items(settings, table_pdf(tmp_path / "q.pdf", top, header, rows))
    assert numbers(found) == [("5", "120.00", "600.00"), ("12", "0.50", "6.00")]


def test_a_tax_summary_and_a_net_row_under_the_items_are_no_items(
    settings: Settings, tmp_path: Path
) -> None:
    """Under the items, a net total labelled in a word no table_end lists ("Netto") and a
    tax summary whose rows begin with their rate ("21 %  460,00  96,60") close the table."""
    header = [
        [(50, "Omschrijving", ""), (330, "Aantal", "r"), (440, "Prijs", "r")]
        + [(540, "Totaal", "r")],
    ]
    rows = [
        [(50, "Tegels", ""), (330, "40", "r"), (440, "10,00", "r"), (540, "400,00", "r")],
        [(50, "Lijm", ""), (330, "2", "r"), (440, "30,00", "r"), (540, "60,00", "r")],
        [(50, "Netto", ""), (540, "460,00", "r")],
        [(50, "21 %", ""), (330, "460,00", "r"), (440, "96,60", "r"), (540, "556,60", "r")],
    ]
    top = ["Solvang Tegel B.V.", "Factuur nr. ST-2209", "Datum: 03-11-2025"]
    found = items(settings, table_pdf(tmp_path / "n.pdf", top, header, rows))
    assert numbers(found) == [("40", "10.00", "400.00"), ("2", "30.00", "60.00")]


def test_what_closes_an_item_table() -> None:
    """A totals label in any pack fills the row's first cell, or (in a text layer) a rate
    begins it; an item's description, or a rate as OCR may read a quantity ("1%" for
    "1x"), does not."""
    from intake.extractors.extraction.table_end import ends_items

    for first in ("Netto", "Imponibile:", "Total HT", "Base imponible", "21 %"):
        assert ends_items(first, False), first
    assert ends_items("Zwischensumme", True)
    for first in ("Tegels", "Net weight 5 kg", "Totally Tubular skateboard"):
        assert not ends_items(first, False), first
    assert not ends_items("1%", True)


@pytest.mark.parametrize(
    ("first", "description", "top"),
    [
        ("Linha", "Designação", ["Brenwick Ferramentas Lda.", "Fatura n.º BF-2024/77"]),
        ("Línea", "Concepto", ["Talleres Ondarra S.L.", "Factura n.º TO-5514"]),
        ("Riga", "Descrizione", ["Corvina Utensili S.r.l.", "Fattura n. CU-8812"]),
        ("Regel", "Omschrijving", ["Brakel Techniek B.V.", "Factuurnummer BT-4410"]),
    ],
)
def test_a_running_number_then_the_quantity_before_the_description(
    settings: Settings, tmp_path: Path, first: str, description: str, top: list[str]
) -> None:
    """The line's running number, then the quantity right-aligned close to the
    description's left edge (its header run into the description's: "Qtd. Designação"):
    the running number is no quantity, the quantity is no part of the description."""
    header = [[(50, first, ""), (118, "Qtd.", "r"), (124, description, "")]]
    header[0] += [(467, "Preço", "r"), (539, "Montante", "r")]
    rows = [
        [(50, "10", ""), (118, "5", "r"), (124, "Office chairs", "")]
        + [(467, "699,99", "r"), (539, "3.499,95", "r")],
        [(50, "20", ""), (118, "12", "r"), (124, "Cable ties", "")]
        + [(467, "1,50", "r"), (539, "18,00", "r")],
    ]
    found = items(settings, table_pdf(tmp_path / "l.pdf", [*top, "Data: 07/12/2024"], header, rows))
    assert numbers(found) == [("5", "699.99", "3499.95"), ("12", "1.50", "18.00")]
    assert [i["description"] for i in found] == ["Office chairs", "Cable ties"]


def test_quantities_ordered_and_back_ordered_beside_the_quantity_shipped(
    settings: Settings, tmp_path: Path
) -> None:
    """Ordered, delivered and back-ordered counts side by side: the delivered quantity
    is the item's (the one its price is charged for), the others are counts only."""
    header = [
        [(50, "Pos.", ""), (120, "Bestellt", "r"), (175, "Liefermenge", "r")]
        + [(225, "Rückstand", "r"), (235, "Bezeichnung", ""), (470, "E-Preis", "r")]
        + [(540, "Gesamt", "r")]
    ]
    rows = [
        [(50, "1", ""), (120, "7", "r"), (175, "5", "r"), (225, "2", "r")]
        + [(235, "LED-Panel", ""), (470, "769,92", "r"), (540, "3.849,60", "r")],
        [(50, "2", ""), (120, "4", "r"), (175, "4", "r"), (225, "0", "r")]
        + [(235, "Akkuschrauber", ""), (470, "101,45", "r"), (540, "405,80", "r")],
    ]
    top = ["Corvina Metall AG", "Rechnung Nr. CM-5512", "Datum: 24.01.2025"]
    found = items(settings, table_pdf(tmp_path / "r.pdf", top, header, rows))
    assert numbers(found) == [("5", "769.92", "3849.60"), ("4", "101.45", "405.80")]
    assert [i["description"] for i in found] == ["LED-Panel", "Akkuschrauber"]


def test_a_price_whose_thousands_reach_into_the_column_on_its_left(
    settings: Settings, tmp_path: Path
) -> None:
    """A right-aligned price wider than its short header ("PU"), its thousands set apart
    by a space ("1 264,05"): its first group lies nearer the column on its left, and is
    still part of the price (else "1" x "264,05" would read as an item of its own)."""
    header = [
        [(50, "Désignation", ""), (300, "Qté", "r"), (357, "Reliquat", "r"), (423, "PU", "r")]
        + [(539, "Total HT", "r")]
    ]
    rows = [
        [(50, "Prestation de conseil", ""), (300, "1", "r"), (357, "1", "r")]
        + [(423, "1 264,05", "r"), (539, "1 264,05", "r")],
        [(50, "Étagère acier", ""), (300, "40", "r"), (357, "5", "r")]
        + [(423, "1 308,11", "r"), (539, "52 324,40", "r")],
    ]
    top = ["Jovanic Fournitures SARL", "Facture n° F24-43746", "Date : 17/02/2025"]
    found = items(settings, table_pdf(tmp_path / "f.pdf", top, header, rows))
    assert numbers(found) == [("1", "1264.05", "1264.05"), ("40", "1308.11", "52324.40")]


def test_a_discount_abbreviated_on_the_row_under_its_item(
    settings: Settings, tmp_path: Path
) -> None:
    """ "Desc. 15 %" under an item (Portuguese "desconto" abbreviated as no column header
    is: "Desc." heads a description in English) nets its amount and is no description."""
    header = [[(50, "Designação", ""), (330, "Qtd.", "r"), (440, "Preço", "r")]]
    header[0].append((540, "Montante", "r"))
    rows = [
        [(50, "Caixas de embalagem", ""), (330, "2", "r"), (440, "1.105,72", "r")]
        + [(540, "1.879,72", "r")],
        [(60, "Desc. 15 %", "")],
        [(50, "Contrato de manutenção", ""), (330, "1", "r"), (440, "1.538,99", "r")]
        + [(540, "1.462,04", "r")],
        [(60, "Desc. 5 %", "")],
    ]
    top = ["Solanto Engenharia Lda.", "Fatura n.º SE-1536", "Data: 30/04/2024"]
    found = items(settings, table_pdf(tmp_path / "d.pdf", top, header, rows))
    assert numbers(found) == [("2", "1105.72", "1879.72"), ("1", "1538.99", "1462.04")]
    assert [i["description"] for i in found] == ["Caixas de embalagem", "Contrato de manutenção"]
