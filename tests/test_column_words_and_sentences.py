"""Conventions a study set of supplier documents found misread, drawn here again with other
invented companies: a unit-of-measure column headed "U/M"; a "Fee" column of a
professional's quote; a description whose wrapped line holds "report"; a count printed with
its unit under the unit's heading alone; a code of several words; two code headings and no
description's; the totals block laid out as a row under the items; a tax summary by tariff
code; a number centred under a centred title; a sentence that dates a quote's validity;
Brazil's "Vl. unit." and "Valor do IPI"."""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def test_a_unit_of_measure_column_headed_u_m(settings: Settings, tmp_path: Path) -> None:
    # "U/M" (unit of measure, as US order systems head it) is a column of its own: its
    # "EA" and "BX" are no part of the descriptions
    rows: Rows = [
        (40, [(50, "Redfern Fastener Supply, Inc.", 15), (420, "INVOICE", 15)]),
        (58, [(50, "410 Foundry St, Dayton, OH 45402")]),
        (90, [(50, "Bill To"), (380, "Invoice # RFS-20771")]),
        (102, [(50, "Millbrook Trailer Works LLC"), (380, "Date 03/11/2026")]),
        (114, [(50, "9 Canal Rd, Troy, OH 45373")]),
        (160, [(50, "Description"), (300, "U/M"), (350, "Qty"), (410, "Price"), (490, "Amount")]),
        (176, [(50, "Hex bolt 1/2-13 x 3, grade 8"), (300, "BX"), (350, "4")]),
        (176, [(410, "38.50"), (490, "154.00")]),
        (192, [(50, "Nylon lock nut 1/2-13"), (300, "EA"), (350, "200")]),
        (192, [(410, "0.21"), (490, "42.00")]),
        (230, [(410, "Total"), (490, "$196.00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert item_rows(fields) == [
        ("Hex bolt 1/2-13 x 3, grade 8", "4", "38.50", "154.00"),
        ("Nylon lock nut 1/2-13", "200", "0.21", "42.00"),
    ]
    assert [i["unit"] for i in fields["line_items"]] == ["BX", "EA"]


def test_a_fee_column_and_a_wrapped_line_holding_report(settings: Settings, tmp_path: Path) -> None:
    # a surveyor's quote prices each task under "Fee £"; the second line of a task's
    # description says "report", which says nothing of the table going on over a page
    rows: Rows = [
        (40, [(380, "Hollins Geotechnical Ltd", 14)]),
        (56, [(380, "2 Mill Yard, Kendal LA9 4QR")]),
        (100, [(50, "Quotation No.: HG/Q/3310"), (380, "12th March 2026")]),
        (120, [(50, "Ms R. Barraclough")]),
        (132, [(50, "Fellside Housing Association")]),
        (180, [(50, "Description"), (330, "Qty"), (400, "Rate £"), (490, "Fee £")]),
        (196, [(50, "Trial pits with logging, and"), (330, "6"), (400, "240.00")]),
        (196, [(490, "1,440.00")]),
        (207, [(50, "factual report")]),
        (224, [(50, "Borehole, 15 m, cable percussion"), (330, "2"), (400, "1,850.00")]),
        (224, [(490, "3,700.00")]),
        (260, [(380, "Total fee (excl. VAT)"), (490, "£5,140.00")]),
        (274, [(380, "VAT @ 20%"), (490, "£1,028.00")]),
        (288, [(380, "Total including VAT"), (490, "£6,168.00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert item_rows(fields) == [
        ("Trial pits with logging, and factual report", "6", "240.00", "1440.00"),
        ("Borehole, 15 m, cable percussion", "2", "1850.00", "3700.00"),
    ]


def test_a_count_with_its_unit_under_the_units_heading(settings: Settings, tmp_path: Path) -> None:
    # "Antall" unheaded: "25 stk" stands under "Enh." alone; the count is the quantity,
    # and a described thing given at no charge ("1 stk  0,00") is still an item. The
    # drawing numbers run to "rev B" before the description's heading: the code's
    rows: Rows = [
        (40, [(50, "Vestre Maskinering AS", 15), (400, "INNKJØPSORDRE", 14)]),
        (58, [(50, "Industriveien 4, 4313 Sandnes · Org.nr. 912 345 678 MVA")]),
        (90, [(50, "Leverandør"), (380, "Ordrenr. VM-26-0118")]),
        (102, [(50, "Jærbu Stålservice AS"), (380, "Dato 04.03.2026")]),
        (114, [(50, "Kvålsvegen 8, 4352 Kleppe")]),
        (160, [(50, "Tegn.nr."), (160, "Beskrivelse"), (360, "Enh."), (420, "Pris")]),
        (160, [(490, "Beløp")]),
        (176, [(50, "VM-1102 rev B"), (160, "Aksel, 42CrMo4, slipt"), (360, "25 stk")]),
        (176, [(420, "310,00"), (490, "7 750,00")]),
        (192, [(50, "SERT-31"), (160, "Materialsertifikat 3.1"), (360, "1 stk")]),
        (192, [(420, "0,00"), (490, "0,00")]),
        (230, [(360, "Sum eks. mva"), (490, "7 750,00")]),
        (244, [(360, "Mva 25 %"), (490, "1 937,50")]),
        (258, [(360, "Ordresum NOK"), (490, "9 687,50")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert item_rows(fields) == [
        ("Aksel, 42CrMo4, slipt", "25", "310.00", "7750.00"),
        ("Materialsertifikat 3.1", "1", "0.00", "0.00"),
    ]
    assert [(i["code"], i["unit"]) for i in fields["line_items"]] == [
        ("VM-1102 rev B", "stk"),
        ("SERT-31", "stk"),
    ]


def test_two_code_headings_and_the_totals_block_as_a_row(
    settings: Settings, tmp_path: Path
) -> None:
    # "Código | Artículo": the thing's code comes first, its name second; under the items
    # "Base imponible | % IVA | Cuota IVA | TOTAL PEDIDO" is the totals block laid out as
    # a row, its figures no item
    rows: Rows = [
        (40, [(50, "Restaurante Las Dunas, S.L.", 15), (380, "PEDIDO A PROVEEDOR", 14)]),
        (58, [(50, "Paseo Marítimo 40 · 03001 Alicante · CIF B03123456")]),
        (90, [(50, "Nº pedido: LD-26-0412"), (330, "Proveedor")]),
        (102, [(50, "Fecha: 05/03/2026"), (330, "Suministros Hosteleros Vega, S.L.")]),
        (114, [(330, "Pol. Ind. Las Atalayas, 03114 Alicante")]),
        (160, [(50, "Código"), (120, "Artículo"), (330, "Cantidad")]),
        (160, [(400, "Precio"), (490, "Importe")]),
        (176, [(50, "SV-120"), (120, "Servilleta papel 40x40, 2 capas"), (330, "2.000")]),
        (176, [(400, "0,035"), (490, "70,00")]),
        (192, [(50, "VS-330"), (120, "Vaso sidra 33 cl"), (330, "48")]),
        (192, [(400, "1,250"), (490, "60,00")]),
        (230, [(200, "Base imponible"), (290, "% IVA"), (350, "Cuota IVA")]),
        (230, [(440, "TOTAL PEDIDO")]),
        (244, [(200, "130,00"), (290, "21 %"), (350, "27,30"), (440, "157,30 €")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert item_rows(fields) == [
        ("Servilleta papel 40x40, 2 capas", "2000", "0.035", "70.00"),
        ("Vaso sidra 33 cl", "48", "1.25", "60.00"),
    ]
    assert [i["code"] for i in fields["line_items"]] == ["SV-120", "VS-330"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("130.00", "27.30", "157.30")


def test_a_tax_summary_by_tariff_code_and_two_tax_halves(
    settings: Settings, tmp_path: Path
) -> None:
    # an Indian order: the items' sum unlabelled, CGST and SGST rows of equal amounts, the
    # total; under it a summary by HSN code whose first row's "Taxable Value" is no
    # subtotal and whose rows are no items. The tax is both halves.
    rows: Rows = [
        (40, [(240, "PURCHASE ORDER", 14)]),
        (70, [(50, "Invoice To"), (330, "Voucher No."), (450, "Dated")]),
        (
            82,
            [
                (50, "Narmada Agro Foods Pvt. Ltd."),
                (330, "NAF/PO/26-27/0031"),
                (450, "04-Apr-2026"),
            ],
        ),
        (94, [(50, "Plot 12, GIDC, Vapi, Gujarat 396195")]),
        (120, [(50, "Supplier (Bill from)")]),
        (132, [(50, "Surya Cartons")]),
        (144, [(50, "Survey No. 7, Umbergaon, Gujarat 396171")]),
        (180, [(50, "Sl"), (70, "Description of Goods"), (280, "HSN/SAC"), (340, "Quantity")]),
        (180, [(410, "Rate"), (500, "Amount")]),
        (196, [(50, "1"), (70, "Corrugated box 5-ply, printed"), (280, "4819"), (340, "2,000")]),
        (196, [(410, "42.00"), (500, "84,000.00")]),
        (212, [(50, "2"), (70, "Paper tape 48 mm"), (280, "4823"), (340, "500")]),
        (212, [(410, "32.00"), (500, "16,000.00")]),
        (232, [(500, "1,00,000.00")]),
        (248, [(70, "Input CGST @ 9%"), (500, "9,000.00")]),
        (264, [(70, "Input SGST @ 9%"), (500, "9,000.00")]),
        (280, [(70, "Total"), (490, "1,18,000.00")]),
        (320, [(50, "HSN/SAC"), (130, "Taxable Value"), (230, "CGST"), (290, "Amount")]),
        (320, [(350, "SGST"), (410, "Amount"), (480, "Total Tax")]),
        (336, [(50, "4819"), (130, "84,000.00"), (230, "9%"), (290, "7,560.00")]),
        (336, [(350, "9%"), (410, "7,560.00"), (480, "15,120.00")]),
        (352, [(50, "4823"), (130, "16,000.00"), (230, "9%"), (290, "1,440.00")]),
        (352, [(350, "9%"), (410, "1,440.00"), (480, "2,880.00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert item_rows(fields) == [
        ("Corrugated box 5-ply, printed", "2000", "42.00", "84000.00"),
        ("Paper tape 48 mm", "500", "32.00", "16000.00"),
    ]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == (
        "100000.00",
        "18000.00",
        "118000.00",
    )


def test_a_number_centred_under_a_centred_title(settings: Settings, tmp_path: Path) -> None:
    # "Nº 000731" is set centred under "PEDIDO DE COMPRA": it numbers the order
    rows: Rows = [
        (40, [(50, "Cerâmica Vale Verde Ltda.", 14), (400, "PEDIDO DE COMPRA", 13)]),
        (56, [(50, "Rod. SP-191, km 40 - Rio Claro/SP"), (440, "Nº 000731", 11)]),
        (72, [(420, "Emissão: 02/03/2026")]),
        (100, [(50, "FORNECEDOR")]),
        (112, [(50, "Esmaltes Paulista Ltda.")]),
        (160, [(50, "Descrição"), (300, "Qtde"), (370, "Vl. unit."), (480, "Vl. total")]),
        (176, [(50, "Esmalte cerâmico branco, saco 25 kg"), (300, "40")]),
        (176, [(370, "182,5000"), (480, "7.300,00")]),
        (220, [(50, "Valor dos produtos"), (180, "Valor do IPI"), (320, "Valor total do pedido")]),
        (234, [(50, "R$ 7.300,00"), (180, "R$ 365,00"), (320, "R$ 7.665,00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert fields["po_number"] == "000731"
    assert item_rows(fields) == [("Esmalte cerâmico branco, saco 25 kg", "40", "182.50", "7300.00")]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("7300.00", "365.00", "7665.00")


def test_a_sentence_that_dates_the_quotes_validity(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Kestrel Arboriculture Ltd", 15)]),
        (58, [(50, "5 Orchard Row, Ludlow SY8 1AB")]),
        (90, [(50, "QUOTATION", 14), (380, "Date: 2nd March 2026")]),
        (110, [(50, "Quotation No.: KA-0388")]),
        (130, [(50, "To: Teme Valley Parish Council")]),
        (170, [(50, "Description"), (400, "Amount")]),
        (186, [(50, "Crown reduction of two limes, churchyard"), (400, "1,150.00")]),
        (220, [(300, "Total"), (400, "£1,150.00")]),
        (260, [(50, "This quotation is valid until 1st May 2026. Payment: 30 days from invoice.")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert fields["doc_type"] == "estimate"
    assert fields["valid_until"] == "2026-05-01"


def test_a_discount_off_the_subtotal_before_two_rates(settings: Settings, tmp_path: Path) -> None:
    # no net after the discount is printed: the total is the subtotal less the discount
    # plus both rates' tax rows, and the tax is both rows
    rows: Rows = [
        (40, [(50, "Ashgrove Catering Supplies Ltd", 15), (420, "INVOICE", 15)]),
        (58, [(50, "3 Mill Road, Leeds LS1 4AB")]),
        (90, [(50, "Invoice To"), (380, "Invoice No. ACS-5521")]),
        (102, [(50, "Harewood Kitchens Ltd"), (380, "Date 02/03/2026")]),
        (150, [(50, "Description"), (300, "Qty"), (350, "Price"), (420, "VAT"), (490, "Amount")]),
        (166, [(50, "Chef knife set"), (300, "2"), (350, "100.00"), (420, "20%")]),
        (166, [(490, "200.00")]),
        (182, [(50, "Printed menu cards"), (300, "100"), (350, "1.00"), (420, "5%")]),
        (182, [(490, "100.00")]),
        (220, [(380, "Subtotal"), (490, "300.00")]),
        (234, [(380, "Discount 10%"), (490, "-30.00")]),
        (248, [(380, "VAT 20%"), (490, "36.00")]),
        (262, [(380, "VAT 5%"), (490, "4.50")]),
        (276, [(380, "Total"), (490, "310.50")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("300.00", "40.50", "310.50")
