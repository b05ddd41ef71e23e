"""Conventions a probe of invented documents found misread, drawn here again with other
invented companies: a credit note's "Credit To" heads its customer's block; the buyer's
order referenced as "Réf. commande acheteur", "Bestellreferenz" or "Vs. ordine n." (the
number word ending the label, the value in the next cell); a tax number beside a
number's label ("GST 118-402-556") is no order's number; a Polish invoice's date of sale
dates the delivery; the rand's "R" glued to an amount ("R5 629.40"); "v/" (care of)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from intake.extractors.extraction.fields.money import find_amounts
from intake.extractors.extraction.party_labels import contact_line
from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields


def _invoice(title: str, label: str, value: str, *, lang_rows: Rows = ()) -> Rows:
    return [
        (40, [(50, "Maison Delaunay SARL", 14), (400, title, 14)]),
        (70, [(330, "N°"), (450, "F-2026-0311")]),
        (82, [(330, "Date"), (450, "01/12/2026")]),
        (94, [(330, label), (450, value)]),
        *lang_rows,
        (180, [(50, "Désignation"), (330, "Qté"), (420, "P.U. HT"), (500, "Montant HT")]),
        (195, [(50, "Étagère chêne"), (330, "4"), (420, "85,00"), (500, "340,00")]),
        (240, [(420, "Total HT"), (500, "340,00")]),
    ]


def test_a_credit_notes_customer(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Lakehead Office Supply Inc.", 13), (420, "CREDIT MEMO", 14)]),
        (56, [(50, "40 Red River Rd, Thunder Bay, ON P7B 1A5")]),
        (90, [(50, "CREDIT TO"), (330, "CREDIT #"), (450, "CM-2208")]),
        (102, [(50, "Nipigon District Clinic"), (330, "DATE"), (450, "December 2, 2026")]),
        (114, [(50, "Attn: Finance Office")]),
        (126, [(50, "12 Front St, Nipigon, ON P0T 2J0")]),
        (180, [(50, "DESCRIPTION"), (330, "QTY"), (420, "RATE"), (500, "AMOUNT")]),
        (195, [(50, "Desk chair returned"), (330, "2"), (420, "210.00"), (500, "420.00")]),
        (240, [(420, "TOTAL"), (500, "420.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Nipigon District Clinic"


def test_the_buyers_order_referenced_in_three_languages(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, _invoice("FACTURE", "Réf. commande acheteur", "CA-7714"))
    assert f["po_number"] == "CA-7714"
    (tmp_path / "de").mkdir()
    german: Rows = [
        (40, [(50, "Hölzl Medizintechnik GmbH", 14), (400, "RECHNUNG", 14)]),
        (70, [(330, "Rechnungsnummer"), (450, "RE-26-0412")]),
        (82, [(330, "Bestellreferenz"), (450, "4500193377")]),
        (180, [(50, "Bezeichnung"), (330, "Menge"), (420, "Preis"), (500, "Betrag")]),
        (195, [(50, "Infusionsständer"), (330, "4"), (420, "189,00"), (500, "756,00")]),
        (240, [(420, "Summe"), (500, "756,00")]),
    ]
    assert drawn_fields(settings, tmp_path / "de", german)["po_number"] == "4500193377"
    (tmp_path / "it").mkdir()
    italian: Rows = [
        (40, [(50, "Tessitura Brembana S.r.l.", 14)]),
        (60, [(50, "CONFERMA D'ORDINE n. CO-26/0311 del 01/12/2026", 14)]),
        (90, [(50, "Vs. ordine n."), (150, "2207/B del 28/11/2026")]),
        (180, [(50, "Descrizione"), (330, "Q.tà"), (420, "Prezzo"), (500, "Importo")]),
        (195, [(50, "Tessuto lino 150 cm"), (330, "40"), (420, "12,50"), (500, "500,00")]),
        (240, [(420, "Totale"), (500, "500,00")]),
    ]
    assert drawn_fields(settings, tmp_path / "it", italian)["po_number"] == "2207/B"


def test_a_tax_number_beside_a_numbers_label_is_no_order(
    settings: Settings, tmp_path: Path
) -> None:
    # the label over its value in a column; the issuer's GST number on the label's line,
    # in the block beside it
    rows: Rows = [
        (40, [(50, "PURCHASE ORDER", 14)]),
        (
            70,
            [(50, "Ashburton Pipe Supplies Limited"), (300, "Date"), (430, "Rakaia Farms Limited")],
        ),
        (82, [(50, "14 Mill Road"), (300, "2 December 2026"), (430, "88 Thompson Road")]),
        (94, [(50, "Ashburton 7700"), (300, "Purchase Order Number"), (430, "GST 112-554-810")]),
        (106, [(300, "PO-1142")]),
        (180, [(50, "Description"), (330, "Quantity"), (420, "Unit Price"), (500, "Amount NZD")]),
        (195, [(50, "PE pipe 63 mm coil"), (330, "4"), (420, "418.00"), (500, "1,672.00")]),
        (240, [(420, "Total"), (500, "1,672.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["po_number"] == "PO-1142"


def test_a_polish_date_of_sale_dates_the_delivery(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Drukarnia Notec Sp. z o.o.", 14), (380, "Faktura VAT nr FV/77/2026")]),
        (70, [(380, "Data wystawienia:"), (480, "2026-12-02")]),
        (82, [(380, "Data sprzedazy:"), (480, "2026-11-30")]),
        (100, [(50, "Nabywca")]),
        (112, [(50, "Hurtownia Warta Sp. z o.o.")]),
        (180, [(50, "Nazwa"), (330, "Ilosc"), (420, "Cena"), (500, "Wartosc")]),
        (195, [(50, "Ulotki A5"), (330, "5000"), (420, "0,20"), (500, "1 000,00")]),
        (240, [(420, "Razem"), (500, "1 000,00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["delivery_date"] == "2026-11-30"


def test_the_rands_sign_glued_to_an_amount() -> None:
    assert [v for _, _, v in find_amounts("Total R43 158.73")] == [Decimal("43158.73")]
    assert [v for _, _, v in find_amounts("Total VAT R5 629.40")] == [Decimal("5629.40")]
    assert list(find_amounts("R2 valve, R134a refrigerant")) == []


def test_care_of_in_norwegian_and_danish_names_a_contact() -> None:
    # "v/" (ved: care of) before the person an association's address is for
    assert contact_line("v/ styreleder Kari Lie")
    assert not contact_line("Sameiet Fjordgløtt")


def test_a_word_qualifying_a_label(settings: Settings, tmp_path: Path) -> None:
    # "prevista" qualifies "Fecha de entrega": the date is in the next cell
    rows: Rows = [
        (40, [(50, "Iluminación Turia, S.L.", 14)]),
        (60, [(50, "CONFIRMACIÓN DE PEDIDO", 14)]),
        (90, [(50, "Nº confirmación"), (190, "CP-2026-0412")]),
        (102, [(50, "Fecha"), (190, "01/12/2026")]),
        (114, [(50, "Fecha de entrega prevista"), (190, "18/12/2026")]),
        (180, [(50, "Descripción"), (330, "Cant."), (420, "Precio"), (500, "Importe")]),
        (195, [(50, "Downlight LED 12 W"), (330, "20"), (420, "27,40"), (500, "548,00")]),
        (240, [(420, "Total"), (500, "548,00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["delivery_date"] == "2026-12-18"


def test_a_long_payment_sentence_dates_the_due(settings: Settings, tmp_path: Path) -> None:
    german: Rows = [
        (40, [(50, "Werbeagentur Lindenhof GmbH", 14), (400, "RECHNUNG", 14)]),
        (70, [(330, "Rechnungsnummer"), (450, "2026-1187")]),
        (82, [(330, "Rechnungsdatum"), (450, "02.12.2026")]),
        (180, [(50, "Leistung"), (330, "Menge"), (420, "Preis"), (500, "Betrag")]),
        (195, [(50, "Konzeption Kampagne"), (330, "1"), (420, "1.200,00"), (500, "1.200,00")]),
        (240, [(420, "Gesamtbetrag"), (500, "1.200,00")]),
        (
            270,
            [
                (
                    50,
                    "Bitte überweisen Sie den Rechnungsbetrag unter Angabe der Rechnungsnummer"
                    " bis zum 16.12.2026 auf unser Konto.",
                    8,
                )
            ],
        ),
    ]
    assert drawn_fields(settings, tmp_path, german)["due_date"] == "2026-12-16"
