"""Column headers the layout stress generator found misread, drawn here at test time
with invented companies: the German abbreviation "Anz." for the quantity beside a unit
column, and a header wider than its column that runs into the next one without a space
("QuantitàPrezzo unitario"); a one-word header naming no role beside the text, and a
code's and the text's headers joined by a slash."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from intake.settings import Settings
from tests.test_item_tables import Cells, items, table_pdf
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def document(path: Path, top: list[str], header: Cells, rows: list[Cells]) -> Path:
    """One page: ``top`` lines, a one-line header in bold, then the rows."""
    return table_pdf(path, top, [header], rows)


def test_anz_names_the_quantity_beside_a_unit_column(settings: Settings, tmp_path: Path) -> None:
    """ "Anz." (Anzahl) heads the count; the unit beside it ("St", "Std.") is no quantity."""
    header = [(50, "Leistung", ""), (330, "Anz.", "r"), (338, "ME", ""), (440, "Preis", "r")]
    header.append((540, "Gesamtpreis", "r"))
    rows = [
        [(50, "Montagearbeiten", ""), (330, "40", "r"), (338, "St", "")]
        + [(440, "310,14", "r"), (540, "12.405,60", "r")],
        [(50, "Kupferrohr", ""), (330, "8", "r"), (338, "Std.", "")]
        + [(440, "607,53", "r"), (540, "4.860,24", "r")],
    ]
    top = ["Brenntal Haustechnik GmbH", "Rechnung Nr. BH-2207", "Datum: 03.11.2025"]
    found = items(settings, document(tmp_path / "r.pdf", top, header, rows))
    assert [(i["quantity"], i["unit"], i["unit_price"]) for i in found] == [
        ("40", "St", "310.14"),
        ("8", "Std.", "607.53"),
    ]


def test_headers_run_together_still_name_two_columns(settings: Settings, tmp_path: Path) -> None:
    """A right-aligned header wider than its column touches the next one
    ("QuantitàPrezzo unitario"): the small letter running into a capital parts them."""
    canvas = Canvas(str(tmp_path / "probe.pdf"))
    price_right = 470.0
    price_left = price_right - canvas.stringWidth("Prezzo unitario", "Helvetica-Bold", 9)
    header = [(50, "Descrizione", ""), (price_left, "Quantità", "r")]
    header += [(price_right, "Prezzo unitario", "r"), (540, "Totale", "r")]
    rows = [
        [(50, "Tubo di rame", ""), (price_left + 4, "2", "r")]
        + [(price_right, "1.880,45", "r"), (540, "3.760,90", "r")],
        [(50, "Guanti di sicurezza", ""), (price_left + 4, "8", "r")]
        + [(price_right, "827,70", "r"), (540, "6.621,60", "r")],
    ]
    top = ["Officine Valtorre S.r.l.", "Fattura n. OV-3391", "Data: 03/11/2025"]
    pdf = document(tmp_path / "f.pdf", top, header, rows)
    found = items(settings, pdf)
    assert [(i["description"], i["quantity"], i["unit_price"]) for i in found] == [
        ("Tubo di rame", "2", "1880.45"),
        ("Guanti di sicurezza", "8", "827.70"),
    ]


def test_a_discount_column_prices_items_net_of_it(settings: Settings, tmp_path: Path) -> None:
    """A "Remise" column between the price and the amount: quantity x price x (1 - rate)
    is the amount, so the price stays the price and the rate is no number of the item."""
    header = [(50, "Désignation", ""), (330, "Quantité", "r"), (400, "PU", "r")]
    header += [(460, "Remise", "r"), (540, "Montant HT", "r")]
    rows = [
        [(50, "Tube de cuivre", ""), (330, "4", "r"), (400, "35,43", "r")]
        + [(460, "5 %", "r"), (540, "134,63", "r")],
        [(50, "Heures de conseil", ""), (330, "3", "r"), (400, "1 889,83", "r")]
        + [(540, "5 669,49", "r")],
        [(50, "Colliers de serrage", ""), (330, "12", "r"), (400, "616,54", "r")]
        + [(460, "10 %", "r"), (540, "6 658,63", "r")],
    ]
    top = ["Ateliers Morvançon SARL", "Facture n° AM-5120", "Date : 03/11/2025"]
    found = items(settings, document(tmp_path / "f.pdf", top, header, rows))
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in found] == [
        ("4", "35.43", "134.63"),
        ("3", "1889.83", "5669.49"),
        ("12", "616.54", "6658.63"),
    ]


def test_a_discount_given_as_a_sum_off(settings: Settings, tmp_path: Path) -> None:
    """A "Dto." column printing the sum taken off (no %) beside "P. unitario": quantity x
    price - the sum off is the amount; the sum off is neither price nor amount."""
    header = [(50, "Concepto", ""), (300, "Cant.", "r"), (390, "P. unitario", "r")]
    header += [(450, "Dto.", "r"), (540, "Importe", "r")]
    rows = [
        [(50, "Tubo de cobre", ""), (300, "25", "r"), (390, "1.904,87", "r")]
        + [(540, "47.621,75", "r")],
        [(50, "Taladro sin cable", ""), (300, "4", "r"), (390, "829,75", "r")]
        + [(450, "331,90", "r"), (540, "2.987,10", "r")],
    ]
    top = ["Suministros Almadrava S.L.", "Factura n.º SA-0412", "Fecha: 03/11/2025"]
    found = items(settings, document(tmp_path / "f.pdf", top, header, rows))
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in found] == [
        ("25", "1904.87", "47621.75"),
        ("4", "829.75", "2987.10"),
    ]


def test_a_running_number_before_the_quantity(settings: Settings, tmp_path: Path) -> None:
    """The "N°" column heads the items' running number; the quantity printed next to
    it, before the description, is the item's count, not one number with it."""
    header = [(50, "N°", ""), (118, "Quantité", "r"), (124, "Description", "")]
    header += [(467, "P.U. HT", "r"), (540, "Montant HT", "r")]
    rows = [
        [(50, "10", ""), (118, "4", "r"), (124, "Perceuse sans fil", "")]
        + [(467, "1 766,52", "r"), (540, "7 066,08", "r")],
        [(50, "20", ""), (118, "25", "r"), (124, "Gants de sécurité", "")]
        + [(467, "1 960,60", "r"), (540, "49 015,00", "r")],
    ]
    top = ["Outillage Berlioux SAS", "Confirmation de commande n° OB-7781", "Date : 03/11/2025"]
    found = items(settings, document(tmp_path / "c.pdf", top, header, rows))
    assert [(i["description"], i["quantity"], i["unit_price"]) for i in found] == [
        ("Perceuse sans fil", "4", "1766.52"),
        ("Gants de sécurité", "25", "1960.60"),
    ]


def _order(rows: Rows) -> Rows:
    return [
        (40, [(50, "Redhill Valve & Controls Corp.", 13)]),
        (54, [(50, "500 Canal St, Lowell, MA 01852")]),
        (44, [(400, "PURCHASE ORDER", 15)]),
        (70, [(400, "PO Number"), (480, "200731")]),
        (120, [(50, "Supplier:"), (120, "Ironbridge Castings LLC")]),
        *rows,
        (300, [(380, "Total:"), (480, "$4,830.00")]),
    ]


def test_a_one_word_header_beside_the_text_bounds_it(settings: Settings, tmp_path: Path) -> None:
    # "Rev" names no role: its letters are the part's revision, no words of the text
    # wrapped to a second line around them
    rows: Rows = [
        (200, [(40, "Line"), (70, "Part Number"), (150, "Description"), (290, "Rev")]),
        (200, [(330, "Qty"), (380, "Unit Cost"), (480, "Ext Cost")]),
        (214, [(40, "1"), (70, "GB-3310"), (150, "Gate body casting, 3in,"), (290, "C")]),
        (214, [(330, "25"), (380, "142.00"), (480, "3,550.00")]),
        (226, [(150, "A216 WCB")]),
        (240, [(40, "2"), (70, "YK-3310"), (150, "Yoke casting, 3in,"), (290, "B")]),
        (240, [(330, "25"), (380, "51.20"), (480, "1,280.00")]),
        (252, [(150, "A216 WCB")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, _order(rows))) == [
        ("Gate body casting, 3in, A216 WCB", "25", "142.00", "3550.00"),
        ("Yoke casting, 3in, A216 WCB", "25", "51.20", "1280.00"),
    ]


def test_a_code_and_text_header_joined_by_a_slash_heads_one_column(
    settings: Settings, tmp_path: Path
) -> None:
    # "Part Number / Description" heads one column: the item's text, all of it
    rows: Rows = [
        (200, [(40, "Line"), (70, "Part Number / Description"), (330, "Qty")]),
        (200, [(380, "Unit Price"), (480, "Amount")]),
        (214, [(40, "1"), (70, "Gate body casting 3in A216 WCB"), (330, "25")]),
        (214, [(380, "142.00"), (480, "3,550.00")]),
        (228, [(40, "2"), (70, "Yoke casting 3in A216 WCB"), (330, "25")]),
        (228, [(380, "51.20"), (480, "1,280.00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, _order(rows))) == [
        ("Gate body casting 3in A216 WCB", "25", "142.00", "3550.00"),
        ("Yoke casting 3in A216 WCB", "25", "51.20", "1280.00"),
    ]


def test_an_abbreviated_amount_header_heads_the_amounts(settings: Settings, tmp_path: Path) -> None:
    # "NetAmt", "Amt." (Sage, small ledgers) head the lines' amounts
    rows: Rows = [
        (200, [(40, "Quantity"), (90, "Details"), (330, "Unit Price"), (400, "Disc%")]),
        (200, [(480, "NetAmt"), (530, "VAT %")]),
        (214, [(40, "40"), (90, "Hex bolt M10 x 60, box of 50"), (330, "12.40"), (400, "0.00")]),
        (214, [(480, "496.00"), (530, "20.00")]),
        (228, [(40, "4"), (90, "Chemical anchor resin 380ml"), (330, "14.95"), (400, "10.00")]),
        (228, [(480, "53.82"), (530, "20.00")]),
    ]
    assert [i["amount"] for i in drawn_fields(settings, tmp_path, _order(rows))["line_items"]] == [
        "496.00",
        "53.82",
    ]


def test_an_expected_arrival_column_dates_each_line(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (200, [(40, "Item"), (110, "Description"), (300, "Expected Arrival"), (390, "Qty")]),
        (200, [(430, "Price"), (500, "Total")]),
        (214, [(40, "WX-50"), (110, "Soy wax, 50 lb case"), (300, "12/14/2025"), (390, "40")]),
        (214, [(430, "61.25"), (500, "2,450.00")]),
        (228, [(40, "WK-10"), (110, "Cotton wicks, bag"), (300, "12/21/2025"), (390, "6")]),
        (228, [(430, "38.90"), (500, "233.40")]),
    ]
    items = drawn_fields(settings, tmp_path, _order(rows))["line_items"]
    assert [(i["quantity"], i.get("delivery_date")) for i in items] == [
        ("40", "2025-12-14"),
        ("6", "2025-12-21"),
    ]
