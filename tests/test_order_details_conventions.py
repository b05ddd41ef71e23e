"""Conventions of orders and confirmations a probe of invented documents found misread,
drawn here again with other invented companies: a page's number under a title is no
document's number; "Est. Delivery" and "Ønsket levering" date the delivery; an order's
"Deliver to" naming its issuer shortened ("… Co.") is the issuer's letterhead name; a
name with three legal forms ("Co Pty Ltd"); a building budget's "Partida" numbers; a
word of an item's text ("adjustable") is no rounding row."""

from __future__ import annotations

from pathlib import Path

from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.extractors.extraction.party_names import name_like
from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def test_a_confirmations_box_of_details_and_its_page_count(
    settings: Settings, tmp_path: Path
) -> None:
    # "Page 1 of 2" flush right under the title: no order number; the box's headers
    # over their values name the seller's order, the customer's PO and the delivery
    rows: Rows = [
        (34, [(40, "Harbourfront Shelving Ltd.", 13), (380, "SALES ORDER CONFIRMATION", 13)]),
        (53, [(40, "88 Quayside Road, Halifax NS B3H 4R2"), (530, "Page 1 of 2")]),
        (80, [(40, "Sold To")]),
        (92, [(40, "Maritime Dental Group Inc.")]),
        (104, [(40, "1200 Barrington St, Halifax NS B3J 1Y9")]),
        (
            140,
            [(44, "Order No."), (150, "Order Date"), (257, "Customer PO"), (470, "Est. Delivery")],
        ),
        (152, [(44, "SO-77120"), (150, "2026-12-01"), (257, "MDG-4471"), (470, "2026-12-18")]),
        (
            190,
            [
                (44, "Item"),
                (110, "Description"),
                (370, "Qty"),
                (440, "Unit Price"),
                (520, "Amount"),
            ],
        ),
        (205, [(44, "SH-1830"), (110, "Steel shelving unit"), (370, "6"), (440, "210.00")]),
        (205, [(520, "1,260.00")]),
        (240, [(440, "Subtotal"), (520, "1,260.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["order_number"], f["po_number"]) == ("SO-77120", "MDG-4471")
    assert f["delivery_date"] == "2026-12-18"


def test_a_norwegian_orders_wished_delivery(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Sunnfjord Maskin AS", 14), (400, "INNKJØPSORDRE", 14)]),
        (70, [(380, "Bestillingsnr."), (480, "26-0412")]),
        (82, [(380, "Dato"), (480, "01.12.2026")]),
        (94, [(380, "Ønsket levering"), (480, "15.12.2026")]),
        (110, [(50, "Leverandør")]),
        (122, [(50, "Vestlandet Verktøy AS")]),
        (180, [(50, "Beskrivelse"), (330, "Antall"), (420, "Pris"), (500, "Beløp")]),
        (195, [(50, "Momentnøkkel 1/2"), (330, "4"), (420, "1 250,00"), (500, "5 000,00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["delivery_date"] == "2026-12-15"


def test_an_orders_site_named_by_its_issuer_shortened(settings: Settings, tmp_path: Path) -> None:
    # the letterhead names the issuer in full; "Deliver To" its yard, the name shortened
    rows: Rows = [
        (40, [(50, "Calder Mill Distillery Company Limited", 14)]),
        (56, [(380, "PURCHASE ORDER", 14)]),
        (60, [(50, "Mill Lane, Sowerby Bridge HX6 2QG")]),
        (90, [(50, "Supplier:"), (360, "Order No:"), (450, "PO-2291")]),
        (102, [(50, "Pennine Copperworks Ltd"), (360, "Order Date:"), (450, "01/12/2026")]),
        (114, [(50, "Unit 7, Elland HX5 9DZ")]),
        (140, [(50, "Deliver To:")]),
        (152, [(50, "Calder Mill Distillery Co.")]),
        (164, [(50, "Goods In, Mill Lane, Sowerby Bridge HX6 2QG")]),
        (200, [(50, "Description"), (330, "Qty"), (420, "Unit Cost"), (500, "Line Total")]),
        (215, [(50, "Copper still gasket"), (330, "2"), (420, "145.00"), (500, "290.00")]),
        (250, [(420, "Net Total"), (500, "290.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Pennine Copperworks Ltd",
        "Calder Mill Distillery Company Limited",
    )


def test_a_name_with_three_legal_forms(settings: Settings, tmp_path: Path) -> None:
    # an Australian seller's block flush right: "… Co Pty Ltd" whole
    rows: Rows = [
        (43, [(40, "TAX INVOICE", 20)]),
        (
            83,
            [
                (40, "Wombat Hill Bakery Pty Ltd"),
                (330, "Invoice Date"),
                (440, "Ironbark Milling Co Pty Ltd"),
            ],
        ),
        (94, [(40, "Attention: Jo Pike"), (330, "1 Dec 2026"), (440, "9 Mill Street")]),
        (105, [(40, "PO Box 44"), (330, "Invoice Number"), (440, "Castlemaine VIC 3450")]),
        (116, [(40, "Daylesford VIC 3460"), (330, "INV-2208"), (440, "ABN 43 118 902 554")]),
        (180, [(40, "Description"), (330, "Quantity"), (420, "Unit Price"), (500, "Amount AUD")]),
        (195, [(40, "Stoneground flour 25 kg"), (330, "8"), (420, "48.00"), (500, "384.00")]),
        (240, [(420, "TOTAL AUD"), (500, "384.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Ironbark Milling Co Pty Ltd",
        "Wombat Hill Bakery Pty Ltd",
    )


def test_a_building_budgets_numbered_items(settings: Settings, tmp_path: Path) -> None:
    # "Partida" heads each item's number ("01.02") beside "Descripción"
    rows: Rows = [
        (40, [(50, "Reformas Segura S.L.", 14), (400, "PRESUPUESTO", 14)]),
        (60, [(400, "Nº 2026/118")]),
        (180, [(44, "Partida"), (110, "Descripción"), (330, "Ud."), (370, "Medición")]),
        (180, [(440, "Precio"), (510, "Importe")]),
        (195, [(44, "01.01"), (110, "Alicatado de baño"), (330, "m²"), (370, "24")]),
        (195, [(440, "32,00"), (510, "768,00")]),
        (207, [(44, "02.01"), (110, "Plato de ducha 120x80"), (330, "ud"), (370, "1")]),
        (207, [(440, "310,00"), (510, "310,00")]),
        (240, [(440, "Suma"), (510, "1.078,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Alicatado de baño", "24", "32.00", "768.00"),
        ("Plato de ducha 120x80", "1", "310.00", "310.00"),
    ]
    assert [i["code"] for i in f["line_items"]] == ["01.01", "02.01"]


def test_a_word_of_an_items_text_is_no_rounding_row() -> None:
    patterns = [p for p, _ in compile_labels(LABELS["rounding"])]

    def rounding(text: str) -> bool:
        return any(p.search(text) for p in patterns)

    assert rounding("Rounding Adj") and rounding("Round Off") and rounding("Adj")
    assert not rounding("Height-adjustable desk 60x30")
    assert not rounding("50 % na adjudicação, 50 % na entrega")


def test_a_label_is_no_name_in_the_letterhead(settings: Settings, tmp_path: Path) -> None:
    # an order whose issuer's name is a logo (no text): its details' labels, without a
    # colon, set larger beside their values at the top ("Supplier", "Delivery required"),
    # name nobody
    rows: Rows = [
        (43, [(50, "Purchase Order", 16)]),
        (72, [(50, "PO No. 2026-0117")]),
        (127, [(50, "Supplier", 12), (160, "Waimea Timber Merchants Ltd")]),
        (143, [(160, "22 Queen Street, Richmond 7020")]),
        (157, [(50, "Order date"), (160, "3 December 2026")]),
        (171, [(50, "Delivery required", 12), (160, "17 December 2026")]),
        (220, [(50, "Description"), (330, "Qty"), (420, "Unit Price"), (500, "Amount")]),
        (235, [(50, "H4 treated pine post 125x125"), (330, "30"), (420, "27.90"), (500, "837.00")]),
        (270, [(420, "Total"), (500, "837.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["vendor"] == "Waimea Timber Merchants Ltd"
    assert "buyer" not in f


def test_a_heading_in_spaced_letters_is_no_name() -> None:
    # OCR splits a title set in spaced capitals into letters and pairs of them
    assert not name_like("P Uu rc h a se Or d e r")
    assert name_like("J & J Ltd") and name_like("M & S Co. AB")
