"""Vocabulary as data (packs per language, genre packs, a user's packs), the one
letter-confusion fold for OCR'd labels, and the rules that read with them: the date order
from a legal form's country, currency words, and subtotal/tax told apart by a rate."""

from __future__ import annotations

import logging
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.evaluate import half_of
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.fields.countries import tax_country_currency
from intake.extractors.extraction.fields.dates import guess_date_order
from intake.extractors.extraction.fields.money import detect_currency
from intake.extractors.extraction.labels import LABELS, label_set
from intake.extractors.extraction.party_names import name_like
from intake.extractors.extraction.tax_rates import printed_rates, taxed_pair
from intake.extractors.extraction.vocabulary import load
from tests.factory import make_lines_pdf, make_pdf, sample_invoice
from tests.live import extract_with_packs

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "cs", "fi")


def test_each_language_pack_gives_titles_labels_and_all_twelve_months() -> None:
    shipped = Path(__file__).parent.parent / "intake/extractors/extraction/vocabulary/packs"
    for lang in LANGUAGES:
        data = tomllib.loads((shipped / f"{lang}.toml").read_text(encoding="utf-8"))
        assert {int(k) for k in data["months"]} == set(range(1, 13)), lang
        assert set(data["titles"]) >= {"invoice", "purchase_order", "estimate"}, lang
        assert data["labels"]["invoice_number"], lang
        assert data["telling"]["invoice"], lang  # an invoice's labels tell it untitled


def test_the_fold_reads_ocr_confusions_in_a_label() -> None:
    totals = label_set(LABELS["total"])
    for text in ("Total Due", "T0TAL DUE", "Tota1 Due", "Tota! due", "TOTAI DUE"):
        m = totals.pattern.search(text)
        assert m is not None and totals.weight(m) == 1.0, text
    amount = re.compile(fold_pattern("amount"), re.IGNORECASE)
    assert amount.fullmatch("arnount")
    assert not amount.fullmatch("acount")


def test_a_folded_label_does_not_go_on_from_a_numbers_decimals() -> None:
    # "SO Nr." folds to "50 nr": in a quantity "10,50 nr" it is the number's decimals
    # and a unit, not a sales order's label
    orders = label_set(LABELS["order_number"])
    assert orders.pattern.search("SO Nr. 4411") is not None
    assert orders.pattern.search("S0 Nr. 4411") is not None
    assert orders.pattern.search("10,50 nr") is None
    assert orders.pattern.search("2.50 nr") is None


def test_the_fold_reads_an_accent_misread_on_a_vowel() -> None:
    # the accent is a few pixels: OCR reads "ó" as "é", or drops it
    ship_to = label_set(LABELS["buyer"])
    for text in ("Dirección de entrega", "Direccién de entrega", "Direccion de entrega"):
        assert ship_to.pattern.search(text) is not None, text
    accented = re.compile(fold_pattern("dirección"), re.IGNORECASE)
    assert not accented.fullmatch("direcciin")


def test_the_fold_reads_a_caron_as_its_bare_letter() -> None:
    # a model without Czech letters reads "Odběratel" as "Odberatel", "IČO" as "ICO", and
    # documents printed without diacritics spell them so
    for pattern, text in (
        ("odběratel", "ODBERATEL"),
        ("odběratel", "Odbératel"),
        ("úhradě", "uhrade"),
        ("ičo", "ICO"),
        ("daňový", "danovy"),
        ("množství", "mnozstvi"),
        ("zaokrouhlení", "zaokrouhleni"),
    ):
        assert re.fullmatch(fold_pattern(pattern), text, re.IGNORECASE), text
    assert not re.fullmatch(fold_pattern("ičo"), "IXO", re.IGNORECASE)


def test_the_fold_reads_the_dutch_ij_as_ocr_prints_its_one_glyph() -> None:
    # "IJ" is one glyph in many typefaces: OCR reads its i alone, a y or a u
    described = re.compile(fold_pattern("omschrijving"), re.IGNORECASE)
    for text in ("OMSCHRIJVING", "OMSCHRIVING", "omschryving", "OMSCHRUVING", "Omschr1jving"):
        assert described.fullmatch(text), text
    assert not described.fullmatch("omschrving")
    # a quantifier on the j stays the j's: "ij?" is an i with or without its j
    assert re.fullmatch(fold_pattern("prij?s"), "pris", re.IGNORECASE)


def test_the_fold_reads_a_u_umlaut_as_ocr_splits_it() -> None:
    # "gültig" read as "giiltig", "gilltig" or "giltig", inside a class or out of one
    valid = label_set(LABELS["valid_until"])
    for text in ("Angebot gültig bis", "Angebot giiltig bis", "gilltig bis", "Giltig bis"):
        assert valid.pattern.search(text) is not None, text
    assert re.fullmatch(fold_pattern("für"), "fiir", re.IGNORECASE)
    assert not re.fullmatch(fold_pattern("für"), "fxr", re.IGNORECASE)


def test_the_fold_leaves_escapes_groups_ranges_and_quantifiers_alone() -> None:
    assert fold_pattern(r"\d{1,2}\s+[a-z](?P<name>x)(?:y)(?<!z)") == (
        r"\d{1,2}\s+[a-z](?P<name>x)(?:y)(?<!z)"
    )
    assert fold_pattern("[so]") == "[s5$o0]"
    assert fold_pattern("[^so]") == "[^so]"  # a negated class is not widened


def test_a_users_pack_adds_a_language_and_a_broken_one_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "et.toml").write_text(
        "[pack]\nname = 'et'\nkind = 'language'\ndate_order = 'dmy'\n"
        "language_words = ['arve']\n"
        "[months]\n1 = ['jaanuar']\n"
        "[labels]\ninvoice_number = [['arve\\s*number', 1.0]]\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.toml").write_text("[labels]\ntotal = [['(unclosed', 1.0]]\n")
    with caplog.at_level(logging.WARNING):
        vocab = load(tmp_path, genres=[])
    assert "et" in vocab.packs
    assert "broken" not in " ".join(vocab.packs)
    assert any("broken.toml" in r.getMessage() for r in caplog.records)
    assert ("arve\\s*number", 1.0) in vocab.labels["invoice_number"]
    assert vocab.months["jaanuar"] == 1
    assert "broadcast" not in vocab.packs  # genre packs load only when named
    assert "broadcast" in load(genres=["broadcast"]).packs


def test_the_words_that_are_no_name_come_from_the_packs(tmp_path: Path) -> None:
    """Contact labels, page and date words and titles are data: a line holding one is no
    company's name, and a user's pack adds its language's words."""
    shipped = re.compile(rf"\b{load(genres=[]).detail_pattern}(?![\w])", re.IGNORECASE)
    for line in ("Telefon 030 1234", "Seite 2 von 3", "Tax Invoice", "Téléphone", "Página 1"):
        assert shipped.search(line), line
    for name in ("Acme Werkzeuge GmbH", "Nordlicht Optik", "Vela Ferramentas Lda"):
        assert shipped.search(name) is None, name
    (tmp_path / "et.toml").write_text(
        "[pack]\nname = 'et'\nkind = 'language'\ndetail_words = ['mobiil']\n", encoding="utf-8"
    )
    mine = re.compile(rf"\b{load(tmp_path, genres=[]).detail_pattern}(?![\w])", re.IGNORECASE)
    assert shipped.search("Mobiil 5123 4567") is None
    assert mine.search("Mobiil 5123 4567")


def test_a_users_pack_is_read_by_intake_extract(tmp_path: Path) -> None:
    pdf = make_lines_pdf(
        tmp_path / "et.pdf",
        ["Acme Tööriistad AS", "", "Arve number:   EE-2024-77", "Kokku:   1 250,00 EUR"],
    )
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "et.toml").write_text(
        "[pack]\nname = 'et'\nkind = 'language'\n"
        "[labels]\ninvoice_number = [['arve\\s*number', 1.0]]\n"
        "total = [['kokku', 1.0]]\n",
        encoding="utf-8",
    )

    without = extract_with_packs(pdf, "", tmp_path)
    assert without.get("invoice_number") is None
    assert without.get("total") is None
    with_pack = extract_with_packs(pdf, str(packs), tmp_path)
    assert with_pack["invoice_number"] == "EE-2024-77"
    assert with_pack["total"] == "1250.00"


def test_a_deployment_loads_only_the_languages_it_names(tmp_path: Path) -> None:
    """INTAKE_VOCAB_LANGUAGES: the shipped language packs named load, core and genre packs
    as always; a German invoice's labels are read with German loaded, not without it."""
    some = load(genres=[], languages=["en", "fr"])
    assert {"core", "en", "fr"} <= set(some.packs)
    assert not {"de", "sv", "nb", "pl"} & set(some.packs)
    assert {"de", "sv", "nb", "pl"} <= set(load(genres=[]).packs)
    doc = sample_invoice(number="RE-2024-0815", vendor="Acme Werkzeuge GmbH")
    pdf = make_pdf(tmp_path / "de.pdf", doc, lang="de")
    assert extract_with_packs(pdf, "", tmp_path, languages="en,de")["invoice_number"] == (
        "RE-2024-0815"
    )
    assert extract_with_packs(pdf, "", tmp_path, languages="en").get("invoice_number") is None


@pytest.mark.parametrize(
    ("text", "order"),
    [
        # "Net 30": the two dates are 30 days apart read month first (9 Dec -> 8 Jan)
        ("Acme Ltd. Toronto ON  Date 12/09/2026  Terms Net 30  Due Date 01/08/2027", "mdy"),
        # and read day first (1 Nov -> 1 Dec), whatever the legal form's country
        ("Acme LLC  Invoice date 01/11/2026  payable within 30 days  Due 01/12/2026", "dmy"),
    ],
)
def test_the_payment_terms_name_the_date_order(text: str, order: str) -> None:
    assert guess_date_order(text, None) == order


def test_a_legal_form_names_the_date_order_when_the_dates_do_not() -> None:
    ambiguous = "Date 03/04/2024  Total 100.00"
    assert guess_date_order(f"Acme LLC {ambiguous}", "EUR") == "mdy"
    assert guess_date_order(f"Acme GmbH {ambiguous}", "USD") == "dmy"
    assert guess_date_order(f"Acme Sdn Bhd {ambiguous}", None) == "dmy"
    # "kg" is a unit as well as a legal form: no evidence
    assert guess_date_order(f"5 kg {ambiguous}", "USD") == "mdy"
    # an unambiguous date outweighs everything
    assert guess_date_order(f"Acme GmbH {ambiguous} 12/25/2024", "EUR") == "mdy"


def test_currency_words_count_like_codes() -> None:
    assert detect_currency("Amount in EURO: 1.200,00") == "EUR"
    assert detect_currency("Betrag 1.200,00 Euro") == "EUR"
    assert detect_currency("Total 12.00") is None
    assert detect_currency("Total $12.00") == "USD"


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("P.IVA IT01234567890  Totale 146,40", "EUR"),
        ("USt-IdNr. DE298765431  IBAN AT61 1904 3002 3457 3201", "EUR"),
        ("VAT No. GB123456789  Total 144.00", "GBP"),
        ("MWST CHE-123.456.789  Total 1'297.20", "CHF"),
        # a Polish seller's invoice to a German customer: two currencies, none chosen
        ("NIP PL5260250274  USt-IdNr. DE298765431  Razem 1 000,00", None),
        # a country whose currency the table leaves out names none
        ("ДДС BG123456789  Total 100.00", None),
        ("Total 146.40", None),
        # two capitals before a few spaced numbers: no VAT id
        ("8239 GB 1 1600 18.00", None),
    ],
)
def test_a_document_printing_no_currency_pays_in_its_tax_numbers_country(
    text: str, currency: str | None
) -> None:
    assert tax_country_currency(text) == currency


def test_a_users_pack_adds_a_countrys_currency(tmp_path: Path) -> None:
    (tmp_path / "bg.toml").write_text(
        "[pack]\nname = 'bg'\nkind = 'language'\n[pack.country_currencies]\nbg = 'eur'\n",
        encoding="utf-8",
    )
    assert "BG" not in load(genres=[]).country_currencies
    assert load(tmp_path, genres=[]).country_currencies["BG"] == "EUR"


def test_the_tax_numbers_country_names_a_currency_only_where_none_is_printed(
    tmp_path: Path,
) -> None:
    pdf = make_lines_pdf(
        tmp_path / "it.pdf",
        [
            "Ferramenta Bellini S.r.l.",
            "P.IVA IT01234567890",
            "FATTURA",
            "Fattura n.   245/2024",
            "Totale documento   146,40",
        ],
    )
    assert extract_with_packs(pdf, "", tmp_path)["currency"] == "EUR"
    usd = make_lines_pdf(
        tmp_path / "usd.pdf",
        [
            "Ferramenta Bellini S.r.l.",
            "P.IVA IT01234567890",
            "FATTURA",
            "Fattura n.   245/2024",
            "Totale documento   USD 146,40",
        ],
    )
    assert extract_with_packs(usd, "", tmp_path)["currency"] == "USD"


def cand(value: str, score: float = 1.0) -> Candidate:
    return Candidate(Decimal(value), score, None, value)


def test_a_printed_rate_tells_subtotal_from_tax_under_swapped_labels() -> None:
    base, tax = cand("177.49"), cand("33.72")
    rates = printed_rates("USt 19 % von 177,49")
    assert rates == {Decimal(19)}
    # each amount under the other's label (a tax table prints both on one row)
    pair = taxed_pair([tax], [base], rates)
    assert pair is not None and (pair[0].value, pair[1].value) == (base.value, tax.value)
    assert taxed_pair([base], [tax], {Decimal(7)}) is None  # no rate fits: no guess
    assert printed_rates("Rabatt 50 %") == set()  # no tax rate is that high


def test_two_equally_good_pairs_are_no_answer() -> None:
    subs = [cand("100.00"), cand("200.00")]
    taxes = [cand("10.00"), cand("20.00")]
    assert taxed_pair(subs, taxes, {Decimal(10)}) is None


def test_the_eval_halves_are_fixed_by_the_path() -> None:
    assert half_of("files/a.pdf") == half_of("files/a.pdf")
    halves = {half_of(f"files/{i}.pdf") for i in range(20)}
    assert halves == {"tune", "check"}
    first = __import__("hashlib").sha256(b"files/a.pdf").digest()[0]
    assert half_of("files/a.pdf") == ("tune" if first % 2 == 0 else "check")


@pytest.mark.parametrize(
    "label", ["Customer PO:", "Cust. PO #", "Client PO", "Your order no.", "Ihre Bestellung"]
)
def test_a_customers_order_reference_is_the_po_number_and_never_the_buyer(
    tmp_path: Path, label: str
) -> None:
    from intake.extractors.base import Registry
    from intake.ingest.stages import Context, extract_path
    from intake.settings import Settings

    pdf = make_lines_pdf(
        tmp_path / "inv.pdf",
        [
            "Acme Tools Ltd                       INVOICE",
            "",
            "Invoice No.:   INV-2291",
            f"{label:<16s}4500012345",
            "Date:          14/03/2024",
            "",
            "Bill To:",
            "Globex Trading Ltd",
            "1 High Street, Leeds",
            "",
            "Total Due:     GBP 1,250.00",
        ],
    )
    settings = Settings(data_dir=tmp_path / "data", watch_dir=tmp_path / "watch")
    fields = extract_path(Context(settings, Registry.default()), str(pdf))["fields"]
    assert fields["po_number"] == "4500012345"
    assert fields["invoice_number"] == "INV-2291"
    assert fields["buyer"] == "Globex Trading Ltd"


QUOTES_AND_ORDERS = {
    "it": (
        [
            "Rossi Utensili S.r.l.                  PREVENTIVO",
            "",
            "Preventivo n.   PV-2024-31",
            "Data:           12/03/2024",
            "",
            "Cliente:",
            "Bianchi Costruzioni S.p.A.",
            "",
            "Totale:         € 1.220,00",
        ],
        {"doc_type": "estimate", "quote_number": "PV-2024-31"},
    ),
    "pt": (
        [
            "Ferramentas Lusas Lda                  ORÇAMENTO",
            "",
            "Orçamento n.º   OR-2024-77",
            "Data de emissão: 12/03/2024",
            "",
            "Cliente:",
            "Construções Tejo Lda",
            "",
            "Total a pagar:  1.220,00 EUR",
        ],
        {"doc_type": "estimate", "quote_number": "OR-2024-77"},
    ),
    "es": (
        [
            "Herramientas Ibéricas S.L.             PEDIDO",
            "",
            "Pedido nº       4500-19",
            "Fecha:          12/03/2024",
            "",
            "Proveedor:",
            "Suministros Norte S.L.",
            "",
            "Total:          1.220,00 €",
        ],
        {"doc_type": "purchase_order", "po_number": "4500-19"},
    ),
    "fr": (
        [
            "Outils Martin SARL                     DEVIS",
            "",
            "Devis N°        D-2024-17",
            "Date du devis:  12/03/2024",
            "",
            "Client :",
            "Bâtiments Dupont SAS",
            "",
            "Total TTC :     1 220,00 €",
        ],
        {"doc_type": "estimate", "quote_number": "D-2024-17"},
    ),
}


@pytest.mark.parametrize("lang", sorted(QUOTES_AND_ORDERS))
def test_quotes_and_orders_in_the_language_packs(tmp_path: Path, lang: str) -> None:
    from intake.extractors.base import Registry
    from intake.ingest.stages import Context, extract_path
    from intake.settings import Settings

    lines, expected = QUOTES_AND_ORDERS[lang]
    pdf = make_lines_pdf(tmp_path / f"{lang}.pdf", lines)
    settings = Settings(data_dir=tmp_path / "data", watch_dir=tmp_path / "watch")
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    fields = result["fields"]
    assert result["doc_type"] == expected["doc_type"]
    number = "po_number" if "po_number" in expected else "quote_number"
    assert fields[number] == expected[number]
    assert fields["issue_date"] == "2024-03-12"  # day first: the language says so
    assert fields["total"] == "1220.00"
    assert fields["currency"] == "EUR"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Total CA$2,260.00  Balance Due CA$2,260.00", "CAD"),
        ("Amount AU$1,200.00", "AUD"),
        ("Total S$5.00", "SGD"),
        ("Total $5.00", "USD"),
    ],
)
def test_a_dollar_sign_prefixed_by_its_country_names_its_currency(text: str, code: str) -> None:
    # "CA$2,260.00" holds a bare "$2": it counted for US dollars as much as the prefix
    # for Canadian ones
    assert detect_currency(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Vendor No. 004512",
        "Supplier ID: 8812",
        "Lieferanten-Nr. 4471",
        "N° fournisseur : 0092",
        "Código de proveedor 118",
        "Codice fornitore 77",
        "Leveranciersnummer 5521",
        "Nº fornecedor 301",
    ],
)
def test_a_suppliers_number_is_no_label_of_its_name(text: str) -> None:
    # the number the issuer keeps its supplier under is a distractor, as "Customer No."
    # is for the buyer: what follows it is a number, not the vendor's name
    vendor = label_set(LABELS["vendor"])
    m = vendor.pattern.search(text)
    assert m is not None and vendor.weight(m) == 0.0, text
    for seller in ("Vendor:", "Lieferant", "Fournisseur :", "Proveedor"):
        found = vendor.pattern.search(seller)
        assert found is not None and vendor.weight(found) == 1.0, seller


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Werkstraße 9", False),
        ("Am Mühlweg 3", False),
        ("Marktplatz 1", False),
        ("Industrieweg 4", False),
        ("Stationsplein 2", False),
        ("EUR", False),
        ("Euro", False),
        ("Straßenbau Weber GmbH", True),
        ("Eurocraft GmbH", True),
    ],
)
def test_a_street_in_one_word_and_a_currency_alone_are_no_names(text: str, name: bool) -> None:
    # German and Dutch write a street's name and its word as one ("Werkstraße"): with
    # its house number it is an address line; a currency's code is a label's value
    assert name_like(text) is name


def test_a_number_sign_may_touch_the_numbers_letters() -> None:
    # OCR and typists alike set "#" against the number ("#INV-000417"): a sign cannot run
    # on into a word, as a label's letters would ("No" is not the start of "Note")
    numbers = label_set(LABELS["invoice_number"])
    for text, label in (("#INV-000417", "#"), ("Invoice #INV-12", "Invoice #")):
        m = numbers.pattern.search(text)
        assert m is not None and m.group(0) == label, text
    assert numbers.pattern.search("Notes") is None


def test_a_users_pack_names_the_contact_words_that_end_an_address(tmp_path: Path) -> None:
    """The words that end a vendor's address block are vocabulary: an Estonian mobile
    telephone line ("Mobiil") is read into the address until a user's pack names it a
    contact word."""
    pdf = make_lines_pdf(
        tmp_path / "arve.pdf",
        [
            "Kohvik Päike AS",
            "Raekoja plats 3",
            "10146 Tallinn",
            "Mobiil 5123 4567",
            "",
            "Invoice No: 4471",
            "Date: 12.03.2026",
            "Total:   9,50 EUR",
        ],
    )
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "et.toml").write_text(
        "[pack]\nname = 'et'\nkind = 'language'\ncontact_words = ['mobiil']\n", encoding="utf-8"
    )
    assert "Mobiil" in str(extract_with_packs(pdf, "", tmp_path).get("address"))
    assert (
        extract_with_packs(pdf, str(packs), tmp_path)["address"] == "Raekoja plats 3, 10146 Tallinn"
    )
