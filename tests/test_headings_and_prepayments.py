"""Conventions a probe of invented documents found misread, drawn here again with other
invented companies: a section's heading set in bold inside an item table; the items'
sum over the rest of the totals block (a discount under it, a note beside it); a total
less a deposit, and the bare "Delivery" charge; an item's code that begins with a tax's
letters ("GST-20"); an item table's column heading over the addressee's block; a Polish
order's orderer and supplier; India's "Pvt. Ltd." and its dates, day first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.base import Registry
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.labels import LABELS, label_set
from intake.extractors.extraction.recipient import recipient_names
from intake.ingest.stages import Context, record_for, run_stages
from intake.record import Page, Word, page_from_json, page_to_json
from intake.settings import Settings
from tests.test_layout_conventions import Rows, draw, drawn_fields, item_rows

#: (distance from the top, cells): a cell is (x, text) or (x, text, "b") set in bold
Bold = list[tuple[float, Sequence[tuple[float, str] | tuple[float, str, str]]]]


def _draw_bold(path: Path, rows: Bold) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for top, cells in rows:
        for cell in cells:
            canvas.setFont("Helvetica-Bold" if len(cell) > 2 else "Helvetica", 9)
            canvas.drawString(cell[0], A4[1] - top, cell[1])
    canvas.save()
    return path


def _fields(settings: Settings, path: Path) -> dict[str, Any]:
    record = run_stages(record_for(path), Context(settings, Registry.default()))
    return {k: v.value for k, v in record.fields.items()}


def test_a_bold_section_heading_is_no_part_of_the_item_above_it(
    settings: Settings, tmp_path: Path
) -> None:
    # "Site Works" in bold, one row under the last pump's row, heads the next items: the
    # pump's description does not run on into it (a description's second line keeps its
    # face: "stainless impeller" stays the first item's)
    rows: Bold = [
        (50, [(50, "Harrowgate Pumps Ltd", "b"), (400, "QUOTATION", "b")]),
        (64, [(400, "Quote No. HP-7731")]),
        (110, [(50, "Description", "b"), (330, "Qty", "b"), (400, "Price", "b")]),
        (110, [(500, "Amount", "b")]),
        (128, [(50, "Submersible pump 2.2 kW,"), (330, "2"), (400, "640.00"), (500, "1,280.00")]),
        (139, [(50, "stainless impeller")]),
        (152, [(50, "Control panel, duty/standby"), (330, "1"), (400, "455.00")]),
        (152, [(500, "455.00")]),
        (165, [(50, "Site Works", "b")]),
        (178, [(50, "Excavation and backfill"), (330, "1"), (400, "920.00"), (500, "920.00")]),
        (191, [(50, "Commissioning visit"), (330, "1"), (400, "180.00"), (500, "180.00")]),
        (215, [(400, "Subtotal"), (500, "2,835.00")]),
        (228, [(400, "VAT 20%"), (500, "567.00")]),
        (241, [(400, "Total"), (500, "3,402.00")]),
    ]
    f = _fields(settings, _draw_bold(tmp_path / "q.pdf", rows))
    assert [i["description"] for i in f["line_items"]] == [
        "Submersible pump 2.2 kW, stainless impeller",
        "Control panel, duty/standby",
        "Excavation and backfill",
        "Commissioning visit",
    ]


def test_a_words_face_is_kept_with_the_page(tmp_path: Path) -> None:
    # a page stored as JSON keeps which words are bold; one stored before kept seven
    # values a word, and reads as set in a regular face
    page = Page(1, 595.0, 842.0, (Word("Total", 1, 2, 3, 4, bold=True), Word("9.00", 5, 2, 7, 4)))
    assert [w.bold for w in page_from_json(page_to_json(page)).words] == [True, False]
    old = page_to_json(page)
    old["words"] = [w[:7] for w in old["words"]]
    assert [w.bold for w in page_from_json(old).words] == [False, False]


def test_the_items_sum_over_a_discount_closes_the_table(settings: Settings, tmp_path: Path) -> None:
    # "Total HT brut" sums every item above it; under it the totals block goes on with a
    # discount: the table ended at the sum, and the discount is no item
    rows: Rows = [
        (40, [(50, "Fromagerie des Aravis SAS", 14), (380, "Facture N° FC-2291")]),
        (80, [(50, "Facturé à"), (300, "Date : 12/05/2026")]),
        (92, [(50, "Épicerie du Lac SARL")]),
        (104, [(50, "3 place du Marché, 74000 Annecy")]),
        (150, [(50, "Désignation"), (300, "Qté"), (370, "PU HT"), (470, "Montant HT")]),
        (166, [(50, "Reblochon fermier AOP"), (300, "12"), (370, "9,50"), (470, "114,00")]),
        (178, [(50, "Tomme de Savoie IGP, 1 kg"), (300, "6"), (370, "18,00"), (470, "108,00")]),
        (200, [(300, "Total HT brut"), (470, "222,00")]),
        (212, [(300, "Remise 5 %"), (470, "-11,10")]),
        (224, [(300, "Total HT net"), (470, "210,90")]),
        (236, [(300, "TVA 5,5 %"), (470, "11,60")]),
        (248, [(300, "Total TTC"), (470, "222,50")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Reblochon fermier AOP", "12", "9.50", "114.00"),
        ("Tomme de Savoie IGP, 1 kg", "6", "18.00", "108.00"),
    ]


def test_a_subtotal_beside_a_note_closes_the_table(settings: Settings, tmp_path: Path) -> None:
    # a note in the description's column beside the items' sum ("Sub-Total") and a
    # discount beside the next note: the table ended at the sum
    rows: Rows = [
        (40, [(50, "Kestrel Rigging Pte. Ltd.", 14), (380, "TAX INVOICE")]),
        (80, [(50, "Bill To:"), (380, "Invoice No : KR/26/0419")]),
        (92, [(50, "Sentosa Yacht Services Pte. Ltd."), (380, "Date : 14 Jan 2026")]),
        (150, [(50, "Description"), (300, "Qty"), (370, "Unit Price"), (470, "Amount")]),
        (166, [(50, "Dyneema halyard 10 mm, per m"), (300, "40"), (370, "7.50"), (470, "300.00")]),
        (178, [(50, "Shackle, bow, 316 SS"), (300, "12"), (370, "14.00"), (470, "168.00")]),
        (200, [(50, "All amounts in Singapore Dollars."), (330, "Sub-Total"), (470, "468.00")]),
        (212, [(50, "Cheques payable to Kestrel Rigging."), (330, "Less: 5% Discount")]),
        (212, [(470, "(23.40)")]),
        (224, [(330, "GST @ 9%"), (470, "40.01")]),
        (236, [(330, "Total Payable"), (470, "484.61")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [row[0] for row in item_rows(f)] == [
        "Dyneema halyard 10 mm, per m",
        "Shackle, bow, 316 SS",
    ]


def test_a_deposit_taken_off_the_total_leaves_it_the_total(
    settings: Settings, tmp_path: Path
) -> None:
    # "Balance Due" is what is left after the deposit: the invoice's total is the gross
    # amount above it, which the subtotal, the tax and the bare "Delivery" charge make up
    rows: Rows = [
        (40, [(50, "Copperleaf Joinery LLC", 14), (400, "INVOICE", 14)]),
        (70, [(380, "Invoice No. 5520"), (50, "BILL TO")]),
        (82, [(50, "Maple Street Dental Group")]),
        (94, [(50, "411 Maple St, Dayton, OH 45402")]),
        (150, [(50, "Description"), (300, "Qty"), (370, "Rate"), (470, "Amount")]),
        (166, [(50, "Reception counter, oak veneer"), (300, "1"), (370, "2,400.00")]),
        (166, [(470, "2,400.00")]),
        (178, [(50, "Installation labor"), (300, "6"), (370, "75.00"), (470, "450.00")]),
        (210, [(360, "Subtotal"), (470, "2,850.00")]),
        (222, [(360, "Sales Tax (7%)"), (470, "199.50")]),
        (234, [(360, "Delivery"), (470, "60.00")]),
        (246, [(360, "Total"), (470, "3,109.50")]),
        (258, [(360, "Less Deposit Received"), (470, "-1,000.00")]),
        (270, [(360, "Balance Due"), (470, "$2,109.50")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("2850.00", "199.50", "3109.50")


def test_an_item_code_that_begins_with_a_tax_word_is_no_tax_label() -> None:
    # "GST-20" is an item's code; "GST 20 %" and "GST: 14.00" are the tax's labels
    tax = label_set(LABELS["tax"])
    assert tax.pattern.search("GST-20 Garden hose 20 m") is None
    assert tax.pattern.search("GST 20 %") is not None
    assert tax.pattern.search("GST: 14.00") is not None


def test_a_column_heading_over_the_addressee_names_no_one(
    settings: Settings, tmp_path: Path
) -> None:
    # a quote's addressee in a window under a salutation; the item table's "Descrição"
    # heads the descriptions under it, which hold figures like a postcode's ("12000 BTU")
    rows: Rows = [
        (40, [(50, "Climatização Norte Verde, Lda.", 13), (330, "ORÇAMENTO", 14)]),
        (54, [(50, "Rua Nova 5, 4710-409 Braga · NIF 514 000 019")]),
        (70, [(330, "N.º ORC-2026/0088")]),
        (82, [(330, "Data 14-01-2026")]),
        (90, [(50, "Exmos. Senhores")]),
        (102, [(50, "Oficina Serra & Filhos, Lda.")]),
        (114, [(50, "Rua do Comércio, 18")]),
        (126, [(50, "4700-321 Braga")]),
        (170, [(50, "Ref."), (95, "Descrição"), (330, "Qtd."), (380, "Preço"), (470, "Total")]),
        (186, [(50, "BC-1"), (95, "Bomba de calor 12000 BTU"), (330, "1"), (380, "1.450,00")]),
        (186, [(470, "1.450,00")]),
        (198, [(50, "MO"), (95, "Mão de obra"), (330, "8"), (380, "30,00"), (470, "240,00")]),
        (220, [(380, "Subtotal"), (470, "1.690,00")]),
        (232, [(380, "IVA (23%)"), (470, "388,70")]),
        (244, [(380, "Total"), (470, "2.078,70")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Climatização Norte Verde, Lda.",
        "Oficina Serra & Filhos, Lda.",
    )
    path = draw(tmp_path / "window.pdf", rows)
    layout = reading_for(run_stages(record_for(path), Context(settings, Registry.default()))).layout
    assert [name for _, name in recipient_names(layout)] == ["Oficina Serra & Filhos, Lda."]


def test_a_polish_orders_orderer_and_supplier(settings: Settings, tmp_path: Path) -> None:
    # "Zamawiajacy" heads the orderer's block (the buyer), "Dostawca" the supplier's
    rows: Rows = [
        (40, [(120, "ZAMÓWIENIE nr ZAM/2026/01/012", 12)]),
        (80, [(50, "Zamawiajacy"), (300, "Dostawca")]),
        (92, [(50, "Drukarnia Wisla Sp. z o.o."), (300, "Papiernia Bory Sp. j.")]),
        (104, [(50, "ul. Dluga 4"), (300, "ul. Lesna 9")]),
        (116, [(50, "30-001 Kraków"), (300, "43-300 Bielsko-Biala")]),
        (140, [(50, "Data zamówienia: 12.01.2026")]),
        (180, [(50, "Lp."), (80, "Nazwa towaru"), (300, "Ilosc"), (370, "Cena netto")]),
        (180, [(460, "Wartosc netto")]),
        (196, [(50, "1"), (80, "Papier offsetowy 90 g"), (300, "40"), (370, "85,00")]),
        (196, [(460, "3 400,00")]),
        (220, [(370, "Razem netto"), (460, "3 400,00 PLN")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Papiernia Bory Sp. j.", "Drukarnia Wisla Sp. z o.o.")


def test_an_indian_private_company_dates_day_first(settings: Settings, tmp_path: Path) -> None:
    # an exporter's "Pvt. Ltd." names India, which writes the day first, though the
    # pro-forma is priced in US dollars
    rows: Rows = [
        (40, [(50, "Nilgiri Spice Exports Pvt. Ltd.", 13), (380, "PROFORMA INVOICE")]),
        (56, [(50, "Willingdon Island, Kochi 682003, India")]),
        (90, [(360, "Proforma No. NSE/PI/26-27/014")]),
        (102, [(360, "Date 03-08-2026")]),
        (114, [(360, "Valid until 02-09-2026")]),
        (160, [(50, "Description"), (300, "Quantity"), (370, "Rate (USD)")]),
        (160, [(460, "Amount (USD)")]),
        (176, [(50, "Black pepper, 550 g/l"), (300, "500"), (370, "6.40"), (460, "3,200.00")]),
        (200, [(370, "Total USD"), (460, "3,200.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["issue_date"], f["valid_until"]) == ("2026-08-03", "2026-09-02")
