"""Agreements in German, French, Spanish, Italian, Dutch and Portuguese, drawn as PDFs at
test time and read through the whole extraction: parties, the day made and in force, the
term and its computed end, the renewal, the notice period and the governing law come from
the language pack's ``[contract]`` cues; a user's pack adds a language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intake.extractors.extraction.contract_languages import read_in_language
from intake.settings import Settings
from tests.factory import make_text_pdf
from tests.live import extract_with_packs
from tests.test_extraction import extract

CASES: dict[str, tuple[str, list[str], dict[str, Any]]] = {
    "de": (
        "RAHMENLIEFERVERTRAG",
        [
            "zwischen der Kestrel Foods GmbH, Hafenstraße 4, 20457 Hamburg (nachfolgend "
            "„Lieferant“) und der Ostrava Retail GmbH & Co. KG, Bahnhofstraße 9, 80335 München "
            "(nachfolgend „Abnehmer“)",
            "§ 2 Laufzeit und Kündigung. Dieser Vertrag tritt am 1. März 2021 in Kraft und wird "
            "für eine Laufzeit von zwei (2) Jahren geschlossen. Er verlängert sich jeweils um ein "
            "weiteres Jahr, wenn er nicht mit einer Frist von drei (3) Monaten zum Ende der "
            "Laufzeit schriftlich gekündigt wird. Die erste Lieferung erfolgt bis zum 15. April "
            "2021.",
            "§ 3 Anwendbares Recht. Dieser Vertrag unterliegt deutschem Recht.",
            "Hamburg, den 15. Februar 2021",
        ],
        {
            "parties": ["Kestrel Foods GmbH", "Ostrava Retail GmbH & Co. KG"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Germany",
        },
    ),
    "fr": (
        "CONTRAT CADRE DE FOURNITURE",
        [
            "Entre la société Kestrel Foods SAS, dont le siège social est situé 4 rue du Port, "
            "75002 Paris (ci-après « le Fournisseur »), d'une part, et la société Ostrava Retail "
            "SARL, 9 avenue de la Gare, 69002 Lyon (ci-après « le Client »), d'autre part,",
            "Article 2 - Durée. Le présent contrat entre en vigueur le 1er mars 2021 pour une "
            "durée de deux (2) ans. Il sera ensuite renouvelé par tacite reconduction pour des "
            "périodes successives d'un (1) an, sauf dénonciation par l'une des parties moyennant "
            "un préavis de trois (3) mois avant son échéance.",
            "Article 3 - Droit applicable. Le présent contrat est régi par le droit français.",
            "Fait à Paris, le 15 février 2021",
        ],
        {
            "parties": ["Kestrel Foods SAS", "Ostrava Retail SARL"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "France",
        },
    ),
    "es": (
        "CONTRATO DE SUMINISTRO",
        [
            "De una parte, Kestrel Foods S.L., con domicilio en Calle Mayor 4, 28013 Madrid (en "
            "adelante, «el Proveedor»), y de otra parte, Ostrava Retail S.A., con CIF B12345678 "
            "(en adelante, «el Cliente»).",
            "Segunda. El presente contrato entrará en vigor el 1 de marzo de 2021 y tendrá una "
            "duración de dieciocho meses. Se prorrogará tácitamente por periodos sucesivos de "
            "seis (6) meses, salvo denuncia con un preaviso de un (1) mes.",
            "Tercera. El presente contrato se regirá por la legislación española.",
            "En Madrid, a 15 de febrero de 2021",
        ],
        {
            "parties": ["Kestrel Foods S.L.", "Ostrava Retail S.A."],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "18 months",
            "expiration_date": "2022-09-01",
            "renewal_term": "successive 6 month",
            "notice_period": "1 month",
            "governing_law": "Spain",
        },
    ),
    "it": (
        "CONTRATTO DI FORNITURA",
        [
            "tra Kestrel Foods S.r.l., con sede in Via Roma 4, 20121 Milano (di seguito «il "
            "Fornitore»), e Ostrava Retail S.p.A., con sede in Torino (di seguito «il Cliente»)",
            "2. Il presente contratto entra in vigore il 1 marzo 2021 e scadrà il 28 febbraio "
            "2023. Il contratto si intenderà tacitamente rinnovato di anno in anno, salvo "
            "disdetta con preavviso di tre mesi.",
            "3. Il presente contratto è regolato dalla legge italiana.",
            "Milano, lì 15 febbraio 2021",
        ],
        {
            "parties": ["Kestrel Foods S.r.l.", "Ostrava Retail S.p.A."],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "expiration_date": "2023-02-28",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Italy",
        },
    ),
    "nl": (
        "RAAMOVEREENKOMST",
        [
            "De ondergetekenden: Kestrel Foods B.V., gevestigd te Utrecht, hierna te noemen: "
            '"Leverancier", en Ostrava Retail N.V., gevestigd te Rotterdam, hierna te noemen: '
            '"Afnemer", komen het volgende overeen:',
            "2. Deze overeenkomst treedt in werking op 1 maart 2021 en wordt aangegaan voor "
            "onbepaalde tijd. Zij kan worden opgezegd met inachtneming van een opzegtermijn van "
            "twee (2) maanden.",
            "3. Op deze overeenkomst is Nederlands recht van toepassing.",
            "Aldus overeengekomen en getekend te Utrecht op 15 februari 2021",
        ],
        {
            "parties": ["Kestrel Foods B.V.", "Ostrava Retail N.V."],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "expiration_date": "perpetual",
            "notice_period": "2 months",
            "governing_law": "Netherlands",
        },
    ),
    "pt": (
        "CONTRATO DE FORNECIMENTO",
        [
            "Entre Kestrel Foods Lda., com sede na Rua Augusta 4, 1100-048 Lisboa, doravante "
            'designada por "Fornecedor", e Ostrava Retail S.A., pessoa coletiva n.º 501234567, '
            'doravante designada por "Cliente", é celebrado o presente contrato.',
            "Cláusula 2. O presente contrato entra em vigor em 1 de março de 2021 e é celebrado "
            "pelo prazo de um (1) ano. O contrato será renovado por um único período de um ano, "
            "salvo denúncia com aviso prévio de trinta dias.",
            "Cláusula 3. O presente contrato é regido pela lei portuguesa.",
            "Lisboa, 15 de fevereiro de 2021",
        ],
        {
            "parties": ["Kestrel Foods Lda.", "Ostrava Retail S.A."],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "1 year",
            "expiration_date": "2022-03-01",
            "renewal_term": "1 year",
            "notice_period": "30 days",
            "governing_law": "Portugal",
        },
    ),
}


def read_agreement(
    settings: Settings, path: Path, case: tuple[str, list[str], dict[str, Any]]
) -> dict[str, Any]:
    """An agreement ``case`` (title, paragraphs, expected fields) drawn at ``path`` and read:
    it is a contract, and its fields are the ones expected; the whole result."""
    title, paragraphs, expected = case
    result = extract(settings, make_text_pdf(path, paragraphs, title=title))
    assert result["doc_type"] == "contract"
    assert {k: result["fields"].get(k) for k in expected} == expected
    return result


@pytest.mark.parametrize("lang", sorted(CASES))
def test_an_agreement_in_a_packs_language(settings: Settings, tmp_path: Path, lang: str) -> None:
    expected = CASES[lang][2]
    result = read_agreement(settings, tmp_path / f"{lang}.pdf", CASES[lang])
    # a computed end says it was computed, with the sum
    if "term" in expected:
        assert result["sources"]["expiration_date"] == "computed"


def test_a_delivery_date_is_not_the_agreement_s_end(settings: Settings, tmp_path: Path) -> None:
    """A date in a sentence that names something else ("Die erste Lieferung erfolgt bis
    zum ...") does not end the agreement; with no term printed there is no end."""
    title, paragraphs, _ = CASES["de"]
    paragraphs = [
        paragraphs[0],
        "§ 2 Lieferung. Der Vertrag tritt am 1. März 2021 in Kraft. Die erste Lieferung "
        "erfolgt bis zum 15. April 2021.",
        paragraphs[3],
    ]
    fields = extract(settings, make_text_pdf(tmp_path / "de.pdf", paragraphs, title=title))[
        "fields"
    ]
    assert fields["effective_date"] == "2021-03-01"
    assert "expiration_date" not in fields and "term" not in fields


def test_a_users_pack_adds_a_language_to_contracts(tmp_path: Path) -> None:
    """Estonian is not shipped: a pack with a [contract] table in INTAKE_VOCAB_DIR reads an
    Estonian agreement's parties, term and law."""
    pdf = make_text_pdf(
        tmp_path / "et.pdf",
        [
            "Käesolev leping on sõlmitud järgmiste poolte vahel: Kestrel Toit AS, "
            'Narva mnt 4, Tallinn (edaspidi "Tarnija") ja Ostrava Kaubandus AS, '
            'Riia tn 9, Tartu (edaspidi "Klient").',
            "2. Leping jõustub 1. märtsil 2021 ja kehtib kaks aastat. "
            "Leping pikeneb seejärel ühe aasta kaupa.",
            "3. Lepingule kohaldatakse Eesti õigust.",
        ],
        title="TARNELEPING",
    )
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "et.toml").write_text(
        "[pack]\nname = 'et'\nkind = 'language'\n"
        "[months]\n3 = ['märtsil']\n"
        "[contract]\n"
        "words = ['ja', 'on', 'käesolev', 'leping', 'poolte', 'seejärel', 'kaupa', 'lepingule']\n"
        "agreement = ['leping\\w*']\n"
        "between = ['vahel\\s*:?']\n"
        "and = ['ja']\n"
        "defined_as = ['edaspidi']\n"
        "in_force = ['jõustub']\n"
        "term = ['kehtib']\n"
        "renews = ['pikeneb']\n"
        "repeats = ['kaupa']\n"
        "law = ['kohaldatakse']\n"
        "[contract.law_places]\neesti = 'Estonia'\n"
        "[contract.numbers]\n'ühe' = 1\nkaks = 2\n"
        "[contract.units]\nyear = 'aasta\\w*'\nmonth = 'kuu\\w*'\n",
        encoding="utf-8",
    )

    assert extract_with_packs(pdf, "", tmp_path).get("term") is None
    fields = extract_with_packs(pdf, str(packs), tmp_path)
    assert fields["parties"] == ["Kestrel Toit AS", "Ostrava Kaubandus AS"]
    assert (fields["effective_date"], fields["term"]) == ("2021-03-01", "2 years")
    assert (fields["expiration_date"], fields["renewal_term"]) == (
        "2023-03-01",
        "successive 1 year",
    )
    assert fields["governing_law"] == "Estonia"


def test_a_scanned_agreement_s_words_as_ocr_reads_them() -> None:
    """An English OCR model reads "duração" as "duragao", "años" as "afios", "España" as
    "Espafia" and a lone 1 as "|": the cues, units, numbers and places are folded."""
    cues = cues_for_language("es")
    text = (
        "El contrato tendra una duracion de tres afios. A su vencimiento, se prorrogara "
        "tacitamente por periodos sucesivos de | afio, salvo denuncia. El presente contrato se "
        "regira por la legislacion espafiola."
    )
    found = {k: v[0] for k, v in read_in_language(text, "dmy", cues).items()}
    assert (found["term"], found["renewal_term"], found["governing_law"]) == (
        "3 years",
        "successive 1 year",
        "Spain",
    )
    pt = cues_for_language("pt")
    found = {
        k: v[0]
        for k, v in read_in_language(
            "O contrato tem a duragao de trés (3) anos.", "dmy", pt
        ).items()
    }
    assert found["term"] == "3 years"


def cues_for_language(lang: str) -> Any:
    from intake.extractors.extraction.contract_languages import ContractCues
    from intake.extractors.extraction.vocabulary import vocabulary

    return ContractCues.build(lang, vocabulary().contract[lang])


LANGUAGE_WORDS = st.sampled_from(
    "zwischen und nachfolgend „Lieferant“ Vertrag tritt am 1. März 2021 in Kraft verlängert "
    "sich jeweils um ein Jahr Frist von drei Monaten unterliegt deutschem Recht entre et "
    "ci-après « le Client » contrat renouvelé d'un an préavis de | mois ( ) , . ; : - "
    "Kestrel GmbH S.A. den 15 2021".split()
)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LANGUAGE_WORDS, st.text(max_size=12)), max_size=80))
def test_any_text_in_a_pack_s_language_reads_without_error(words: list[str]) -> None:
    """Whatever the clauses hold (cue words in any order, stray brackets and quotes, any
    characters), reading them gives values of the right kinds and never raises."""
    text = " ".join(words)
    for lang in ("de", "fr"):
        found = read_in_language(text, "dmy", cues_for_language(lang))
        assert set(found) <= {
            "parties", "agreement_date", "effective_date", "expiration_date", "term",
            "open_ended", "renewal_term", "notice_period", "governing_law",
        }  # fmt: skip
        for value, raw in found.values():
            assert value is not None and isinstance(raw, str)


def test_a_signing_date_whose_day_begins_with_the_letters_of_a_cue() -> None:
    """In "Torino, 11 agosto 2018" the day's 1s are digits, not the "lì" of "Torino, lì ..."
    as the OCR fold would read them: the place and date of signing are matched unfolded."""
    text = "Il contratto ha efficacia dal 13 agosto 2018. Torino, 11 agosto 2018"
    found = read_in_language(text, "dmy", cues_for_language("it"))
    assert found["agreement_date"][0].isoformat() == "2018-08-11"
