"""Agreements in German, French, Spanish, Italian, Dutch and Portuguese for the contract
stress generator (``python -m benchmarks.synth_contracts --lang de``): the clauses an
agreement in that language states its parties, dates, term, renewal, notice and law in,
drafted in the generator's own words (several phrasings each, some the packs' cue lists
do not hold), with the truth they state.

Each language is a table of templates: ``parties`` (with ``{a}``, ``{b}``, ``{ra}``,
``{rb}`` and ``{city}``), ``effective``, ``term`` (``{p}`` a period, ``{end}`` a printed end
date: a template with ``{end}`` prints it, one with ``{open}`` has none), ``renewal``
(with the truth's kind: ``each`` repeats, ``once`` does not), ``notice``, ``law`` (with the
place it names) and ``signed``. Numbers are written as digits, as words, or both.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from dateutil.relativedelta import relativedelta

MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}
WORDS = {
    "de": {
        1: "ein",
        2: "zwei",
        3: "drei",
        5: "fünf",
        6: "sechs",
        12: "zwölf",
        24: "vierundzwanzig",
    },
    "fr": {1: "un", 2: "deux", 3: "trois", 5: "cinq", 6: "six", 12: "douze", 24: "vingt-quatre"},
    "es": {1: "un", 2: "dos", 3: "tres", 5: "cinco", 6: "seis", 12: "doce", 24: "veinticuatro"},
    "it": {1: "un", 2: "due", 3: "tre", 5: "cinque", 6: "sei", 12: "dodici", 24: "ventiquattro"},
    "nl": {1: "een", 2: "twee", 3: "drie", 5: "vijf", 6: "zes", 12: "twaalf", 24: "vierentwintig"},
    "pt": {1: "um", 2: "dois", 3: "três", 5: "cinco", 6: "seis", 12: "doze", 24: "vinte e quatro"},
}
UNITS = {  # (singular, plural) of year and month
    "de": {"year": ("Jahr", "Jahre"), "month": ("Monat", "Monate")},
    "fr": {"year": ("an", "ans"), "month": ("mois", "mois")},
    "es": {"year": ("año", "años"), "month": ("mes", "meses")},
    "it": {"year": ("anno", "anni"), "month": ("mese", "mesi")},
    "nl": {"year": ("jaar", "jaar"), "month": ("maand", "maanden")},
    "pt": {"year": ("ano", "anos"), "month": ("mês", "meses")},
}
FORMS = {
    "de": ["GmbH", "AG", "GmbH & Co. KG"],
    "fr": ["SAS", "SARL", "SA"],
    "es": ["S.L.", "S.A."],
    "it": ["S.r.l.", "S.p.A."],
    "nl": ["B.V.", "N.V."],
    "pt": ["Lda.", "S.A."],
}
CITIES = {
    "de": ["Hamburg", "München", "Köln"],
    "fr": ["Paris", "Lyon", "Nantes"],
    "es": ["Madrid", "Sevilla", "Valencia"],
    "it": ["Milano", "Torino", "Bologna"],
    "nl": ["Utrecht", "Rotterdam", "Eindhoven"],
    "pt": ["Lisboa", "Porto", "Braga"],
}
ROLES = {
    "de": ("Lieferant", "Abnehmer"),
    "fr": ("le Fournisseur", "le Client"),
    "es": ("el Proveedor", "el Cliente"),
    "it": ("il Fornitore", "il Cliente"),
    "nl": ("Leverancier", "Afnemer"),
    "pt": ("Fornecedor", "Cliente"),
}
TITLES = {
    "de": "RAHMENLIEFERVERTRAG",
    "fr": "CONTRAT CADRE DE FOURNITURE",
    "es": "CONTRATO DE SUMINISTRO",
    "it": "CONTRATTO DI FORNITURA",
    "nl": "RAAMOVEREENKOMST VOOR LEVERING",
    "pt": "CONTRATO DE FORNECIMENTO",
}

T: dict[str, dict[str, list[Any]]] = {
    "de": {
        "parties": [
            "zwischen der {a}, Hafenstraße 4, 20457 {city} (nachfolgend „{ra}“) und der {b}, "
            "Bahnhofstraße 9, 80335 München (nachfolgend „{rb}“) wird folgender Vertrag "
            "geschlossen:",
            "Zwischen {a} mit Sitz in {city}, vertreten durch die Geschäftsführung, - nachfolgend "
            "„{ra}“ genannt - und {b} mit Sitz in Köln - nachfolgend „{rb}“ genannt - wird "
            "Folgendes vereinbart:",
        ],
        "effective": [
            "Dieser Vertrag tritt am {start} in Kraft.",
            "Der Vertrag beginnt am {start}.",
        ],
        "term": [
            "Der Vertrag wird für eine Laufzeit von {p} geschlossen.",
            "Die Laufzeit des Vertrages beträgt {p}.",
            "Der Vertrag wird auf die Dauer von {p} fest abgeschlossen.",
            "Der Vertrag endet am {end}, ohne dass es einer Kündigung bedarf.",
            "Der Vertrag wird auf unbestimmte Zeit geschlossen.{open}",
        ],
        "renewal": [
            (
                "Er verlängert sich jeweils um {r}, wenn er nicht {notice} vor Ablauf gekündigt "
                "wird.",
                "each",
            ),
            (
                "Der Vertrag verlängert sich stillschweigend von Jahr zu Jahr, sofern er nicht "
                "{notice} vor Ablauf gekündigt wird.",
                "yearly",
            ),
            (
                "Wird der Vertrag nicht {notice} vor Ablauf gekündigt, so verlängert er sich "
                "einmalig um {r}.",
                "once",
            ),
        ],
        "notice": ["mit einer Frist von {k}", "mit einer Kündigungsfrist von {k}"],
        "law": [
            ("Es gilt das Recht der Bundesrepublik Deutschland.", "Germany"),
            (
                "Dieser Vertrag unterliegt deutschem Recht unter Ausschluss des UN-Kaufrechts.",
                "Germany",
            ),
            ("Auf diesen Vertrag findet österreichisches Recht Anwendung.", "Austria"),
        ],
        "signed": ["{city}, den {date}", "{city}, {date}"],
    },
    "fr": {
        "parties": [
            "Entre la société {a}, dont le siège social est situé 4 rue du Port, 75002 {city} "
            "(ci-après « {ra} »), d'une part, et la société {b}, dont le siège est à Lyon "
            "(ci-après « {rb} »), d'autre part, il a été convenu ce qui suit :",
            "ENTRE {a}, société immatriculée au RCS de {city} sous le numéro 812 345 678, "
            "ci-après dénommée « {ra} », ET {b}, représentée par son gérant, ci-après "
            "dénommée « {rb} »,",
        ],
        "effective": [
            "Le présent contrat entre en vigueur le {start}.",
            "Le présent contrat prend effet le {start}.",
        ],
        "term": [
            "Il est conclu pour une durée de {p}.",
            "Le contrat est conclu pour une durée initiale de {p} à compter de son entrée en "
            "vigueur.",
            "Le présent contrat prendra fin le {end}.",
            "Le présent contrat est conclu pour une durée indéterminée.{open}",
        ],
        "renewal": [
            (
                "Il sera ensuite renouvelé par tacite reconduction pour des périodes successives "
                "de {r}, sauf dénonciation {notice} avant son échéance.",
                "each",
            ),
            (
                "À son terme, le contrat se renouvellera d'année en année, sauf dénonciation "
                "{notice} avant l'échéance.",
                "yearly",
            ),
            (
                "À l'expiration de cette durée, le contrat sera reconduit une seule fois pour "
                "{r}, sauf dénonciation {notice} avant son terme.",
                "once",
            ),
        ],
        "notice": ["moyennant un préavis de {k}", "par lettre recommandée au moins {k}"],
        "law": [
            ("Le présent contrat est régi par le droit français.", "France"),
            ("Le contrat est soumis à la loi belge.", "Belgium"),
        ],
        "signed": ["Fait à {city}, le {date}", "Fait à {city} le {date}"],
    },
    "es": {
        "parties": [
            "De una parte, {a}, con domicilio en Calle Mayor 4, 28013 {city} (en adelante, "
            "«{ra}»), y de otra parte, {b}, con CIF B12345678 (en adelante, «{rb}»).",
            "Entre {a}, representada por su administrador único, en adelante «{ra}», y {b}, "
            "con domicilio social en Sevilla, en adelante «{rb}», se celebra el presente "
            "contrato.",
        ],
        "effective": [
            "El presente contrato entrará en vigor el {start}.",
            "El contrato surtirá efectos desde el {start}.",
        ],
        "term": [
            "El contrato tendrá una duración de {p}.",
            "Se celebra por un plazo inicial de {p}.",
            "El presente contrato finalizará el {end}.",
            "El contrato se celebra por tiempo indefinido.{open}",
        ],
        "renewal": [
            (
                "A su vencimiento, se prorrogará tácitamente por periodos sucesivos de {r}, salvo "
                "denuncia {notice}.",
                "each",
            ),
            (
                "El contrato se renovará automáticamente por un único periodo de {r}, salvo "
                "denuncia {notice}.",
                "once",
            ),
        ],
        "notice": ["con un preaviso de {k}", "con una antelación mínima de {k}"],
        "law": [
            ("El presente contrato se regirá por la legislación española.", "Spain"),
            ("Este contrato se rige por las leyes de España.", "Spain"),
        ],
        "signed": ["En {city}, a {date}"],
    },
    "it": {
        "parties": [
            "tra {a}, con sede in Via Roma 4, 20121 {city} (di seguito «{ra}»), e {b}, con sede "
            "in Torino (di seguito «{rb}»)",
            "TRA {a}, in persona del legale rappresentante pro tempore, di seguito denominata "
            '"{ra}", E {b}, partita IVA 01234567890, di seguito denominata "{rb}"',
        ],
        "effective": [
            "Il presente contratto entra in vigore il {start}.",
            "Il contratto ha efficacia dal {start}.",
        ],
        "term": [
            "Il contratto ha una durata di {p}.",
            "Il presente contratto è stipulato per un periodo iniziale di {p}.",
            "Il presente contratto scadrà il {end}.",
            "Il contratto è stipulato a tempo indeterminato.{open}",
        ],
        "renewal": [
            (
                "Alla scadenza si rinnoverà tacitamente per successivi periodi di {r}, salvo "
                "disdetta {notice}.",
                "each",
            ),
            (
                "Il contratto si intenderà tacitamente rinnovato di anno in anno, salvo disdetta "
                "{notice}.",
                "yearly",
            ),
        ],
        "notice": ["con preavviso di {k}", "da comunicarsi almeno {k} prima della scadenza"],
        "law": [("Il presente contratto è regolato dalla legge italiana.", "Italy")],
        "signed": ["{city}, lì {date}", "{city}, {date}"],
    },
    "nl": {
        "parties": [
            'De ondergetekenden: {a}, gevestigd te {city}, hierna te noemen: "{ra}", en {b}, '
            'gevestigd te Rotterdam, hierna te noemen: "{rb}", komen het volgende overeen:',
            'tussen {a}, statutair gevestigd te {city} (hierna: "{ra}") en {b}, '
            'vertegenwoordigd door haar directeur (hierna: "{rb}")',
        ],
        "effective": [
            "Deze overeenkomst treedt in werking op {start}.",
            "De overeenkomst gaat in op {start}.",
        ],
        "term": [
            "De overeenkomst wordt aangegaan voor de duur van {p}.",
            "De overeenkomst heeft een looptijd van {p}.",
            "Deze overeenkomst eindigt op {end}.",
            "De overeenkomst wordt aangegaan voor onbepaalde tijd.{open}",
        ],
        "renewal": [
            (
                "Daarna wordt zij telkens stilzwijgend verlengd met {r}, tenzij zij {notice} wordt "
                "opgezegd.",
                "each",
            ),
            (
                "De overeenkomst wordt daarna van jaar tot jaar verlengd, tenzij {notice} "
                "opgezegd.",
                "yearly",
            ),
        ],
        "notice": ["met inachtneming van een opzegtermijn van {k}", "ten minste {k} voor afloop"],
        "law": [
            ("Op deze overeenkomst is Nederlands recht van toepassing.", "Netherlands"),
            ("Deze overeenkomst wordt beheerst door Belgisch recht.", "Belgium"),
        ],
        "signed": ["Aldus overeengekomen en getekend te {city} op {date}"],
    },
    "pt": {
        "parties": [
            "Entre {a}, com sede na Rua Augusta 4, 1100-048 {city}, doravante designada por "
            '"{ra}", e {b}, pessoa coletiva n.º 501234567, doravante designada por "{rb}", '
            "é celebrado o presente contrato.",
            'PRIMEIRO OUTORGANTE: {a}, com sede em {city}, doravante "{ra}"; e SEGUNDO '
            'OUTORGANTE: {b}, representada pelo seu gerente, doravante "{rb}".',
        ],
        "effective": [
            "O presente contrato entra em vigor em {start}.",
            "O contrato produz efeitos a partir de {start}.",
        ],
        "term": [
            "O contrato é celebrado pelo prazo de {p}.",
            "O presente contrato tem a duração de {p}.",
            "O presente contrato termina em {end}.",
            "O contrato é celebrado por tempo indeterminado.{open}",
        ],
        "renewal": [
            (
                "Findo esse prazo, renova-se automaticamente por períodos sucessivos de {r}, "
                "salvo denúncia {notice}.",
                "each",
            ),
            (
                "O contrato será renovado por um único período de {r}, salvo denúncia {notice}.",
                "once",
            ),
        ],
        "notice": ["com a antecedência mínima de {k}", "com aviso prévio de {k}"],
        "law": [("O presente contrato é regido pela lei portuguesa.", "Portugal")],
        "signed": ["{city}, {date}"],
    },
}


def date_in(lang: str, day: dt.date, rng: random.Random) -> str:
    month = MONTHS[lang].split()[day.month - 1]
    if rng.random() < 0.3:
        return (
            f"{day.day:02d}.{day.month:02d}.{day.year}"
            if lang == "de"
            else day.strftime("%d/%m/%Y")
        )
    return {
        "de": f"{day.day}. {month} {day.year}",
        "fr": f"{'1er' if day.day == 1 else day.day} {month} {day.year}",
        "es": f"{day.day} de {month} de {day.year}",
        "it": f"{day.day} {month} {day.year}",
        "nl": f"{day.day} {month} {day.year}",
        "pt": f"{day.day} de {month} de {day.year}",
    }[lang]


def period_in(lang: str, n: int, unit: str, rng: random.Random) -> str:
    noun = UNITS[lang][unit][0 if n == 1 else 1]
    word = WORDS[lang].get(n, str(n))
    if lang == "de" and n == 1:
        word = "einem" if unit == "year" and rng.random() < 0.5 else "ein"
        noun = "Jahr" if unit == "year" else "Monat"
    return rng.choice([f"{word} ({n}) {noun}", f"{n} {noun}", f"{word} {noun}"])


def make_contract_in(
    lang: str, rng: random.Random, names: list[str]
) -> tuple[list[str], str, dict[str, Any], list[str]]:
    """(paragraphs, title, truth, form names) of one agreement in ``lang`` between the
    companies ``names`` (their legal forms added here)."""
    t = T[lang]
    a, b = (f"{n} {rng.choice(FORMS[lang])}" for n in names[:2])
    ra, rb = ROLES[lang]
    city = rng.choice(CITIES[lang])
    signed = dt.date(rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28))
    start = signed + dt.timedelta(days=rng.randint(0, 40))
    kp = rng.randrange(len(t["parties"]))
    paragraphs = [t["parties"][kp].format(a=a, b=b, ra=ra, rb=rb, city=city)]
    truth: dict[str, Any] = {"parties": [a, b], "agreement_date": signed.isoformat()}
    forms = [f"{lang}:parties:{kp}"]
    ke = rng.randrange(len(t["effective"]))
    effective = t["effective"][ke].format(start=date_in(lang, start, rng))
    truth["effective_date"] = start.isoformat()
    unit = rng.choice(["year", "year", "month"])
    n = rng.choice([1, 2, 3, 5]) if unit == "year" else rng.choice([6, 12, 24])
    end = start + (relativedelta(years=n) if unit == "year" else relativedelta(months=n))
    kt = rng.randrange(len(t["term"]))
    term = t["term"][kt]
    forms.append(f"{lang}:term:{kt}")
    if "{open}" in term:
        truth["expiration_date"] = "perpetual"
        term = term.format(open="")
    elif "{end}" in term:
        truth["expiration_date"] = end.isoformat()
        term = term.format(end=date_in(lang, end, rng))
    else:
        truth["expiration_date"] = end.isoformat()
        truth["term"] = f"{n} {unit}s"
        term = term.format(p=period_in(lang, n, unit, rng))
    clause = f"{effective} {term}"
    truth["renewal_term"] = None
    if "{open}" not in t["term"][kt] and rng.random() < 0.7:
        kr = rng.randrange(len(t["renewal"]))
        text, kind = t["renewal"][kr]
        rn, runit = rng.choice([(1, "year"), (1, "year"), (2, "year"), (6, "month"), (12, "month")])
        notice_months = rng.choice([1, 3, 6])
        notice = rng.choice(t["notice"]).format(k=period_in(lang, notice_months, "month", rng))
        clause += " " + text.format(r=period_in(lang, rn, runit, rng), notice=notice)
        truth["renewal_term"] = {
            "each": f"successive {rn} {runit}",
            "yearly": "successive 1 year",
            "once": f"{rn} {runit}",
        }[kind]
        forms.append(f"{lang}:renewal:{kr}")
    kl = rng.randrange(len(t["law"]))
    law, place = t["law"][kl]
    truth["governing_law"] = place
    paragraphs += [
        f"§ 1 {clause}" if lang == "de" else f"1. {clause}",
        f"§ 2 {law}" if lang == "de" else f"2. {law}",
        rng.choice(t["signed"]).format(city=city, date=date_in(lang, signed, rng)),
    ]
    return paragraphs, TITLES[lang], truth, forms
