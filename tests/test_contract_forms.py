"""Agreements as they are set out beyond the English prose the first readers knew, drawn
at test time: prose whose legal words are the language's own ("ci-après", "en adelante",
"di seguito") is a contract and not the invoice its prices and taxes would make it; a
key-details table's label cell ("Lessor", "The Customer") is no part of the party named
beside it, its start's row ("Commencement Date 1 April 2025") starts the agreement and its
term's row ("Term  24 months from the Commencement Date") gives its length; an exhibit's
dates after the signature block are not the signatures'."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.settings import Settings
from tests.factory import make_text_pdf
from tests.test_extraction import extract

#: (title, prose): each names a price with its tax and payment terms, as service
#: agreements do, and would read as an invoice to a classifier that knows English only
AGREEMENTS = {
    "fr": (
        "CONTRAT DE PRESTATION DE SERVICES DE NETTOYAGE INDUSTRIEL",
        [
            "Entre la société Lavandin Propreté SAS, 12 quai des Tanneurs, 31000 Toulouse, "
            "ci-après dénommée « le Prestataire », d'une part, et la société Minoterie du "
            "Lauragais SARL, 4 route de Revel, 31290 Villefranche, ci-après dénommée « le "
            "Client », d'autre part, il a été convenu ce qui suit.",
            "Article 3 - Prix. Le Client verse une redevance mensuelle de 2 450,00 euros HT, TVA "
            "20 % en sus, payable à trente jours date de facture.",
            "Montant HT : 2 450,00 EUR. TVA 20 % : 490,00 EUR. Total TTC : 2 940,00 EUR.",
            "Article 4 - Durée. Le présent contrat prend effet le 1er octobre 2025 pour une durée "
            "de deux (2) ans. Les parties peuvent le résilier par lettre recommandée.",
            "Article 5 - Litiges. Tout litige sera soumis au tribunal de commerce de Toulouse.",
            "Fait à Toulouse, le 12 septembre 2025, en deux exemplaires.",
        ],
    ),
    "es": (
        "CONTRATO DE MANTENIMIENTO DE EQUIPOS FRIGORÍFICOS",
        [
            "REUNIDOS de una parte Frigoríficos Almazora, S.L., con domicilio en Calle Mayor 8, "
            "12550 Almazora, en adelante el Prestador, y de otra parte Conservas del Mijares, "
            "S.A., con domicilio en Avenida del Puerto 3, 12100 Castellón, en adelante el Cliente.",
            "EXPONEN que las partes acuerdan las siguientes cláusulas.",
            "Primera. Precio. El Cliente abonará 1.980,00 euros más IVA al 21 % por trimestre, "
            "mediante transferencia a treinta días de la fecha de factura.",
            "Segunda. Duración. El presente contrato entra en vigor el 1 de noviembre de 2025 "
            "por un plazo de un (1) año. La rescisión anticipada requiere preaviso escrito.",
            "En Castellón, a 20 de octubre de 2025.",
        ],
    ),
    "it": (
        "CONTRATTO DI ASSISTENZA TECNICA PER IMPIANTI DI ESSICCAZIONE",
        [
            "Tra Essiccatoi Padani S.r.l., con sede in Via Emilia 210, 43126 Parma, di seguito "
            "il Fornitore, e Pastificio Val Taro S.p.A., con sede in Via Roma 5, 43043 Borgo Val "
            "di Taro, di seguito il Cliente, premesso che il Cliente utilizza impianti del "
            "Fornitore, si conviene quanto segue.",
            "Art. 3 - Corrispettivo. Il Cliente corrisponde un canone annuo di 6.300,00 euro oltre "
            "IVA 22 %, pagabile a sessanta giorni data fattura.",
            "Art. 4 - Durata. Il presente contratto decorre dal 1 gennaio 2026 e ha durata di tre "
            "(3) anni. Il recesso anticipato si comunica con raccomandata.",
            "Art. 5 - Foro competente. Per ogni controversia è competente il foro di Parma.",
            "Parma, 15 dicembre 2025",
        ],
    ),
    "nl": (
        "ONDERHOUDSOVEREENKOMST",
        [
            "De ondergetekenden: Koeltechniek Veenstra B.V., Havenweg 14, 8601 Sneek, hierna "
            "Leverancier, en Zuivelfabriek De Wouden B.V., Dorpsstraat 2, 9241 Wijnjewoude, "
            "hierna Afnemer, hierna samen partijen, zijn het volgende overeengekomen.",
            "Artikel 3 - Prijs. Afnemer betaalt per kwartaal € 1.750,00 exclusief btw 21 %, "
            "binnen dertig dagen na factuurdatum.",
            "Subtotaal: € 1.750,00. Btw 21 %: € 367,50. Totaal: € 2.117,50 per kwartaal.",
            "Artikel 4 - Looptijd. Deze overeenkomst gaat in op 1 februari 2026 voor de duur van "
            "twee (2) jaar. Opzegging geschiedt schriftelijk.",
            "Aldus overeengekomen te Sneek op 20 januari 2026.",
        ],
    ),
}


@pytest.mark.parametrize("lang", sorted(AGREEMENTS))
def test_an_agreement_in_its_own_languages_legal_prose_is_a_contract(
    settings: Settings, tmp_path: Path, lang: str
) -> None:
    title, prose = AGREEMENTS[lang]
    pdf = make_text_pdf(tmp_path / f"{lang}.pdf", prose, title=title)
    assert extract(settings, pdf)["doc_type"] == "contract"


def _key_details(path: Path) -> Path:
    """A lease whose parties are named in a table of key details, label beside value."""
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(180, 790, "PLANT HIRE AGREEMENT")
    rows = [
        ("Item 1", "Date of this Agreement", "3 March 2025"),
        ("Item 2", "Owner", "Gumtree Cranes Pty Ltd ACN 611 222 333 of 4 Wharf Street, Newcastle"),
        ("Item 3", "Hirer", "Banksia Civil Contractors Pty Ltd ACN 144 555 666 of 9 Mill Road"),
        ("Item 4", "Commencement Date", "1 April 2025"),
        ("Item 5", "Term", "24 months from the Commencement Date"),
    ]
    c.setFont("Helvetica", 10)
    y = 750
    for item, label, value in rows:
        c.drawString(60, y, item)
        c.drawString(110, y, label)
        c.drawString(250, y, value)
        y -= 18
    prose = [
        "1. The Owner hires the Equipment to the Hirer for the Term, and the Hirer shall pay "
        "the hire charges set out in this Agreement.",
        "2. The Hirer shall keep the Equipment insured and shall return it to the Owner at "
        "the end of the Term.",
        "3. This Agreement is governed by the laws of New South Wales.",
    ]
    y -= 20
    for para in prose:
        c.drawString(60, y, para[:95])
        c.drawString(60, y - 13, para[95:])
        y -= 34
    c.save()
    return path


def test_a_key_details_tables_label_cell_is_no_part_of_the_party_beside_it(
    settings: Settings, tmp_path: Path
) -> None:
    result = extract(settings, _key_details(tmp_path / "lease.pdf"))
    assert result["doc_type"] == "contract"
    assert result["fields"]["parties"] == [
        "Gumtree Cranes Pty Ltd",
        "Banksia Civil Contractors Pty Ltd",
    ]


def test_a_key_details_row_of_the_start_date_starts_the_agreement(
    settings: Settings, tmp_path: Path
) -> None:
    """The agreement is dated 3 March; its term runs from the commencement date its own
    row gives, so it ends 24 months after 1 April."""
    fields = extract(settings, _key_details(tmp_path / "lease.pdf"))["fields"]
    assert (fields["agreement_date"], fields["effective_date"]) == ("2025-03-03", "2025-04-01")
    assert (fields["term"], fields["expiration_date"]) == ("24 months", "2027-04-01")


def test_an_exhibits_dates_after_the_signatures_are_not_theirs(
    settings: Settings, tmp_path: Path
) -> None:
    prose = [
        "This Master Services Agreement is entered into by Larkspur Data Inc., a Delaware "
        'corporation ("Provider"), and Quarry Hill Dental, P.C., a Vermont professional '
        'corporation ("Client"), and is effective as of the date of the last signature below.',
        "1. Provider shall perform the Services described in each Statement of Work.",
        "2. This Agreement shall remain in effect for two (2) years from the date of the last "
        "signature below.",
        "IN WITNESS WHEREOF, the parties have executed this Agreement.",
        "LARKSPUR DATA INC. By: ______ Name: Dana Whitlock Title: CEO Date: March 3, 2025",
        "QUARRY HILL DENTAL, P.C. By: ______ Name: Omar Reyes Title: President "
        "Date: March 10, 2025",
        "EXHIBIT A",
        "STATEMENT OF WORK NO. 1 Start Date: April 1, 2025 Target Date: November 20, 2025",
    ]
    pdf = make_text_pdf(tmp_path / "msa.pdf", prose, title="MASTER SERVICES AGREEMENT")
    fields = extract(settings, pdf)["fields"]
    assert fields["effective_date"] == "2025-03-10"
    assert fields["expiration_date"] == "2027-03-10"


def test_an_agreement_that_extends_itself_for_further_periods_renews(
    settings: Settings, tmp_path: Path
) -> None:
    prose = [
        "THIS AGREEMENT is made on 2 May 2025 between Harrowgate Valves Limited, a company "
        'registered in England ("Supplier"), and Tynemouth Pumps Ltd ("Distributor").',
        "1. The Supplier appoints the Distributor as its distributor of the Products.",
        "9. This agreement shall commence on 1 June 2025 and shall continue for an initial "
        "term of three years. On expiry of the initial term this agreement shall "
        "automatically extend for further periods of one year unless either party gives the "
        "other not less than four months' written notice of termination.",
        "10. This agreement is governed by the law of England and Wales.",
    ]
    pdf = make_text_pdf(tmp_path / "dist.pdf", prose, title="DISTRIBUTION AGREEMENT")
    fields = extract(settings, pdf)["fields"]
    assert (fields["renewal_term"], fields["notice_period"]) == ("successive 1 year", "4 months")


#: French, Italian and Spanish drafting: the figure before its words ("24 (ventiquattro) mesi"), the
#: first of a month with a degree sign for its ordinal ("1° giugno"), renewals "por
#: períodos anuales" and the law "de conformidad con la legislación española"
IN_LANGUAGE = {
    # the parties' terms together name no party ("Lieferant und Besteller gemeinsam
    # „Vertragsparteien“"); the end the agreement "läuft zunächst bis zum"
    "de": (
        "RAHMENVERTRAG",
        [
            "zwischen der Hanseatische Kühltechnik GmbH, Am Kai 5, 28217 Bremen – nachfolgend "
            "„Auftragnehmer“ genannt – und der Nordsee Fischfeinkost AG, Deichstraße 9, 27568 "
            "Bremerhaven – nachfolgend „Auftraggeber“ genannt – – Auftragnehmer und "
            "Auftraggeber gemeinsam „Vertragsparteien“ –",
            "§ 8 Laufzeit. Dieser Vertrag tritt am 1.2.2026 in Kraft und läuft zunächst bis zum "
            "31.1.2028.",
            "Bremen, den 20.1.2026",
        ],
        {
            "parties": ["Hanseatische Kühltechnik GmbH", "Nordsee Fischfeinkost AG"],
            "effective_date": "2026-02-01",
            "expiration_date": "2028-01-31",
        },
    ),
    # a person acting for a company: the company is the party
    "es-representation": (
        "CONTRATO DE AGENCIA",
        [
            "REUNIDOS De una parte, D. Marcos Ibáñez Soler, mayor de edad, en nombre y "
            "representación de AZULEJOS DEL MAESTRAZGO, S.L., con domicilio social en Calle Alta "
            "3, Morella (en adelante, el «Principal»). Y de otra parte, Dña. Elena Ruiz Camps, "
            "mayor de edad, en nombre y representación de COMERCIAL LEVANTE NORTE, S.A., con "
            "domicilio social en Avenida Sur 12, Vinaròs (en adelante, el «Agente»).",
            "Tercera. El presente contrato entrará en vigor el 1 de junio de 2026.",
            "En Morella, a 25 de mayo de 2026.",
        ],
        {
            "parties": ["AZULEJOS DEL MAESTRAZGO, S.L.", "COMERCIAL LEVANTE NORTE, S.A."],
            "effective_date": "2026-06-01",
        },
    ),
    # the words that head the parties' list, up to its colon, name no party
    "fr": (
        "CONTRAT DE LOCATION DE MATÉRIEL",
        [
            "ENTRE LES SOUSSIGNÉS : La société Levage Garonne SAS, 3 rue des Docks, 33000 "
            "Bordeaux, ci-après dénommée « le Loueur », d'une part, ET La société Vignobles "
            "Castaing SARL, 8 chemin des Vignes, 33330 Saint-Émilion, ci-après dénommée « le "
            "Locataire », d'autre part.",
            "Article 6 - Durée. Le présent contrat prend effet le 1er mai 2026 pour une durée de "
            "deux (2) ans.",
            "Fait à Bordeaux, le 20 avril 2026.",
        ],
        {
            "parties": ["Levage Garonne SAS", "Vignobles Castaing SARL"],
            "effective_date": "2026-05-01",
            "term": "2 years",
        },
    ),
    "it": (
        "CONTRATTO DI MANUTENZIONE",
        [
            "Tra Impianti Frigoriferi Lombardi S.r.l., con sede in Via Milano 4, Bergamo, di "
            "seguito il Fornitore, e Caseificio Valle Brembana S.p.A., con sede in Via Roma 1, "
            "Zogno, di seguito il Cliente, si conviene quanto segue.",
            "Art. 8 - Durata. Il presente Contratto ha durata di 36 (trentasei) mesi a decorrere "
            "dal 1° marzo 2026 e scadrà pertanto il 28 febbraio 2029.",
            "Art. 9 - Legge applicabile. Il presente Contratto è regolato dalla legge italiana.",
            "Bergamo, 10 febbraio 2026",
        ],
        {
            "effective_date": "2026-03-01",
            "term": "36 months",
            "expiration_date": "2029-02-28",
            "governing_law": "Italy",
        },
    ),
    "es": (
        "CONTRATO DE SUMINISTRO",
        [
            "De una parte Envases del Júcar, S.L., con domicilio en Calle Mayor 2, Alzira, en "
            "adelante el Proveedor, y de otra parte Zumos de la Ribera, S.A., con domicilio en "
            "Avenida del Mar 7, Sueca, en adelante el Cliente.",
            "Cuarta. Duración. El presente contrato entrará en vigor el 1 de abril de 2026 y "
            "tendrá una duración inicial de dos (2) años. Transcurrido dicho plazo, se "
            "prorrogará tácitamente por períodos anuales, salvo preaviso de tres (3) meses.",
            "Quinta. El presente contrato se regirá e interpretará de conformidad con la "
            "legislación española.",
            "En Alzira, a 15 de marzo de 2026.",
        ],
        {
            "effective_date": "2026-04-01",
            "term": "2 years",
            "renewal_term": "successive 1 year",
            "governing_law": "Spain",
        },
    ),
}


@pytest.mark.parametrize("lang", sorted(IN_LANGUAGE))
def test_an_agreements_dates_and_periods_as_its_language_drafts_them(
    settings: Settings, tmp_path: Path, lang: str
) -> None:
    title, prose, expected = IN_LANGUAGE[lang]
    fields = extract(settings, make_text_pdf(tmp_path / f"{lang}.pdf", prose, title=title))
    assert {k: fields["fields"].get(k) for k in expected} == expected
