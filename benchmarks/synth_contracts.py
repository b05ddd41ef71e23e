"""Contract stress generator: made-up commercial agreements whose term, renewal and
expiration are drafted in the many ways agreements state them, read by the real
extraction and scored per field and per drafting form.

    python -m benchmarks.synth_contracts [--n 200] [--seed S] [--misses FIELD] [--keep DIR]
                                         [--lang en|all|de|fr|es|it|nl|pt] [--scan]

Each agreement has a preamble (one of several common forms: "entered into as of ... by and
between", "made this 5th day of", "dated ... and is between", "made effective as of"), a
term clause, perhaps a renewal clause, perhaps a notice-to-terminate clause, clauses that
name other periods (confidentiality surviving termination, a non-solicitation period, a
warranty, payment terms) and a governing-law clause. The phrasings are the generator's
own, written from how agreements are commonly drafted; none is taken from an evaluation
document. The truth follows the product's conventions: the expiration date is the one
printed, else the effective date plus the initial term (``perpetual`` for an agreement that
runs until terminated); the renewal term is "successive <n> <unit>" for a renewal that
repeats, whatever kind word is printed ("additional", "consecutive", "further" periods), and
"<n> <unit>" for a single renewal.

Scoring follows the eval set's rules (dates exact, names casefolded without punctuation
and legal forms, similarity >= 0.85, terms in months). A fixed seed gives the same
agreements on every machine; report a fresh seed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from benchmarks.evaluate import extract_cached
from benchmarks.synth_contracts_lang import make_contract_in
from benchmarks.synth_scan import scan_pdf
from benchmarks.synthetic import judge as judge_invoice_field
from benchmarks.synthetic import norm_name
from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_text_pdf

WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    10: "ten",
    12: "twelve",
    18: "eighteen",
    24: "twenty-four",
    36: "thirty-six",
    30: "thirty",
    60: "sixty",
    90: "ninety",
    120: "one hundred twenty",
}
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 10: "tenth"}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FIRST = [
    "Northbeam",
    "Calder",
    "Vantor",
    "Kestrel",
    "Marlow",
    "Orchid",
    "Pinecrest",
    "Quarry",
    "Redfern",
    "Sable",
    "Tamsin",
    "Ulmer",
    "Verity",
    "Wexford",
    "Yardley",
    "Zenith",
    "Alder",
    "Brisk",
    "Corvid",
    "Dunmore",
    "Halvard",
    "Lumen",
    "Ostrava",
]
SECOND = [
    "Systems",
    "Biotech",
    "Logistics",
    "Media",
    "Holdings",
    "Therapeutics",
    "Foods",
    "Energy",
    "Software",
    "Networks",
    "Pharmaceuticals",
    "Retail",
    "Devices",
]
FORMS = [
    ("Inc.", "corporation"),
    ("LLC", "limited liability company"),
    ("Corporation", "corporation"),
    ("Ltd.", "company"),
    ("L.P.", "limited partnership"),
]
STATES = [
    "Delaware",
    "New York",
    "California",
    "Texas",
    "Nevada",
    "Illinois",
    "Ohio",
    "Massachusetts",
    "Georgia",
    "Washington",
]
KINDS = [
    ("Supply Agreement", "Supplier", "Customer"),
    ("License Agreement", "Licensor", "Licensee"),
    ("Distribution Agreement", "Company", "Distributor"),
    ("Consulting Agreement", "Client", "Consultant"),
    ("Services Agreement", "Provider", "Customer"),
    ("Manufacturing Agreement", "Manufacturer", "Buyer"),
    ("Marketing Agreement", "Company", "Agent"),
]


def spell(n: int, rng: random.Random) -> str:
    """A number as agreements print it: "three (3)", "3" or "three"."""
    word = WORDS.get(n)
    if word is None:
        return str(n)
    return rng.choice([f"{word} ({n})", f"{word} ({n})", str(n), word])


def period(n: int, unit: str, rng: random.Random) -> str:
    return f"{spell(n, rng)} {unit}{'s' if n > 1 else ''}"


def adjective(n: int, unit: str, rng: random.Random) -> str:
    """A period before its noun: "one-year", "one (1) year", "12-month"."""
    word = WORDS.get(n, str(n))
    return rng.choice([f"{word}-{unit}", f"{word} ({n}) {unit}", f"{n}-{unit}"])


def date_words(day: dt.date, rng: random.Random) -> str:
    month = MONTHS[day.month - 1]
    return rng.choice(
        [
            f"{month} {day.day}, {day.year}",
            f"{month} {day.day}, {day.year}",
            f"{day.day} {month} {day.year}",
            f"{day.month:02d}/{day.day:02d}/{day.year}",
        ]
    )


def _nth_day(day: dt.date) -> str:
    suffix = (
        "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    return f"{day.day}{suffix} day of {MONTHS[day.month - 1]}, {day.year}"


def party(rng: random.Random, taken: set[str]) -> tuple[str, str, str]:
    """(name, state, kind of entity) of a made-up company."""
    while True:
        suffix, entity = rng.choice(FORMS)
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {suffix}"
        if rng.random() < 0.2:
            name = name.upper()
        if name.split()[0].casefold() not in taken:
            taken.add(name.split()[0].casefold())
            return name, rng.choice(STATES), entity


PEOPLE = ["Dana K. Reyes", "Martin Olsen", "Priya Raman", "Jonas Weber", "Laura Bianchi"]


def preamble(
    rng: random.Random,
    title: str,
    parties: list[tuple[str, str, str]],
    roles: tuple[str, str],
    day: dt.date,
) -> tuple[str, str, list[str], dt.date]:
    """(opening sentence, form name, the parties' names, effective date) of an agreement
    made on ``day``; ``parties`` has a third company for the three-party form."""
    (na, sa, ea), (nb, sb, eb), (nc, _, _) = parties
    ra, rb = roles
    names = [na, nb]
    effective = day
    form = rng.randrange(8)
    if form == 0:
        text = (
            f'This {title} (this "Agreement") is entered into as of {date_words(day, rng)} '
            f'(the "Effective Date") by and between {na}, a {sa} {ea} ("{ra}"), and {nb}, '
            f'a {sb} {eb} ("{rb}").'
        )
    elif form == 1:
        text = (
            f'THIS {title.upper()} (the "Agreement") is made and entered into this '
            f'{_nth_day(day)} (the "Effective Date"), by and between {na} (hereinafter '
            f'"{ra}") and {nb} (hereinafter "{rb}").'
        )
    elif form == 2:
        text = (
            f'This {title} is dated {date_words(day, rng)} (the "Effective Date") and is '
            f'between {na}, with offices at 100 Main Street, Springfield ("{ra}"), and '
            f'{nb}, having its principal place of business in {sb} ("{rb}").'
        )
    elif form == 3:
        text = (
            f'This {title} (the "Agreement") is made effective as of {date_words(day, rng)} '
            f'(the "Effective Date") between {na} ("{ra}") and {nb} ("{rb}"). {ra} and '
            f'{rb} are each a "Party" and together the "Parties".'
        )
    elif form == 4:
        # the English form: numbered parties after BETWEEN, each with its register entry
        number = rng.randint(1000000, 9999999)
        text = (
            f"THIS AGREEMENT is made on {date_words(day, rng)} BETWEEN: (1) {na}, a company "
            f"incorporated in England and Wales (registered number 0{number}) "
            f'whose registered office is at 1 Quay Street, Bristol BS1 4DJ ("{ra}"); and (2) '
            f"{nb}, a company incorporated in Scotland whose registered office is at 4 Rose "
            f'Street, Edinburgh EH2 2PR ("{rb}").'
        )
    elif form == 5:
        # signed on one day, effective from a later one
        effective = day + dt.timedelta(days=rng.randint(5, 60))
        text = (
            f'This {title} (the "Agreement") is entered into on {date_words(day, rng)} and is '
            f'effective as of {date_words(effective, rng)} (the "Effective Date"), by and '
            f"between {na}, a {sa} {ea} with its principal place of business at 12 Elm "
            f'Street, Boston, Massachusetts 02110 ("{ra}"), and {nb}, a {sb} {eb} ("{rb}").'
        )
    elif form == 6:
        person = rng.choice(PEOPLE)
        names = [na, person]
        text = (
            f'This {title} is made as of {date_words(day, rng)} (the "Effective Date") by '
            f'and between {na}, a {sa} {ea} (the "Company"), and {person}, an individual '
            f'residing at 7 Birch Lane, Austin, Texas ("{rb}").'
        )
    else:
        names = [na, nb, nc]
        text = (
            f'This {title} (the "Agreement") is entered into as of {date_words(day, rng)} '
            f'(the "Effective Date") by and among {na}, a {sa} {ea} ("{ra}"), {nb}, a {sb} '
            f'{eb} ("{rb}"), and {nc} ("Parent").'
        )
    return text, f"preamble:{form}", names, effective


def term_clause(rng: random.Random, start: dt.date) -> tuple[str, str, Any, str | None]:
    """(clause, form, expiration truth, term truth) of the agreement's initial term."""
    unit = rng.choice(["year", "year", "month"])
    n = rng.choice([1, 2, 3, 5]) if unit == "year" else rng.choice([6, 12, 18, 24, 36])
    length = relativedelta(years=n) if unit == "year" else relativedelta(months=n)
    end = start + length
    term = f"{n} {unit}s"
    p = period(n, unit, rng)
    forms = [
        f"The term of this Agreement shall commence on the Effective Date and shall continue "
        f'for a period of {p} (the "Initial Term"), unless terminated earlier as provided herein.',
        f"This Agreement shall become effective on the Effective Date and shall remain in full "
        f"force and effect for {p} thereafter.",
        f"Unless sooner terminated in accordance with Section 9, this Agreement shall be in "
        f'force for an initial period of {p} from the Effective Date (the "Initial Term").',
        f"The Term of this Agreement shall be {p} from the Effective Date.",
        f"This Agreement shall have an initial term of {p} commencing on the Effective Date.",
        f"Subject to earlier termination as provided below, this Agreement will be in effect "
        f"for {p} from the Effective Date.",
        f'The initial term of this Agreement (the "Initial Term") shall begin on the Effective '
        f"Date and continue for {p}.",
        f"This Agreement will expire {p} after the Effective Date.",
        f"The term of this Agreement shall be {p}, commencing on the Effective Date (the "
        f'"Initial Term").',
        f"The Initial Term of this Agreement shall be for a period of {p} beginning on the "
        f"Effective Date.",
        f"This Agreement shall have a {adjective(n, unit, rng)} term commencing on the "
        f"Effective Date.",
        f"This Agreement shall be valid for a period of {p} from the Effective Date.",
        f"The term of this Agreement shall expire on the date that is {p} after the Effective "
        f"Date.",
        f'"Initial Term" means the period of {p} commencing on the Effective Date. This '
        f"Agreement shall remain in effect during the Initial Term.",
    ]
    printed = [
        f"This Agreement shall remain in full force and effect until {date_words(end, rng)}, "
        f"unless terminated earlier in accordance with its terms.",
        f"The initial term of this Agreement shall begin on the Effective Date and end on "
        f'{date_words(end, rng)} (the "Initial Term").',
        f"This Agreement commences on the Effective Date and, unless terminated sooner as "
        f"provided herein, remains in effect through {date_words(end, rng)}.",
        f"The term of this Agreement shall expire on {date_words(end, rng)}.",
        f"This Agreement shall take effect on the Effective Date and shall terminate on "
        f"{_nth_day(end)}.",
        f'This Agreement shall continue until {date_words(end, rng)} (the "Expiration Date").',
        f"This Agreement is entered into for an initial term ending on {date_words(end, rng)}.",
        f'"Term" means the period commencing on the Effective Date and ending on '
        f"{date_words(end, rng)}.",
    ]
    unknown = [
        f"This Agreement shall remain in effect until the earlier of (a) {p} after the "
        f"Effective Date or (b) the completion of the Services.",
        f"This Agreement shall commence on the Effective Date and continue for {p} after the "
        f"date of the first commercial sale of the Product.",
    ]
    choice = rng.random()
    if choice < 0.08:
        k = rng.randrange(len(unknown))
        return unknown[k], f"unknown-end:{k}", None, None
    if choice < 0.55:
        k = rng.randrange(len(forms))
        return forms[k], f"term:{k}", end, term
    if choice < 0.8:
        k = rng.randrange(len(printed))
        return printed[k], f"printed:{k}", end, None
    if choice < 0.9:
        years = rng.choice([2, 3, 5])
        end = start + relativedelta(years=years)
        nth = rng.choice([NTH[years], f"{NTH[years]} ({years}{'rd' if years == 3 else 'th'})"])
        return (
            rng.choice(
                [
                    f"Unless earlier terminated in accordance with this Agreement, this Agreement "
                    f"shall expire on the {nth} anniversary of the Effective Date.",
                    f"The Initial Term shall commence on the Effective Date and expire on the "
                    f"{nth} anniversary thereof.",
                ]
            ),
            "anniversary",
            end,
            f"{years} years",
        )
    forms_open = [
        "This Agreement shall continue in effect until terminated by either party as provided "
        "in Section 9.",
        "This Agreement shall commence on the Effective Date and shall remain in effect "
        "indefinitely until terminated in accordance with its terms.",
    ]
    k = rng.randrange(len(forms_open))
    return forms_open[k], f"open:{k}", "perpetual", None


def renewal_clause(rng: random.Random) -> tuple[str, str, str | None]:
    """(clause, form, renewal truth); an empty clause for an agreement that does not renew."""
    if rng.random() < 0.3:
        return "", "none", None
    unit = rng.choice(["year", "year", "month"])
    n = rng.choice([1, 1, 2, 3]) if unit == "year" else rng.choice([6, 12])
    notice = period(rng.choice([30, 60, 90]), "day", rng)
    kind = rng.choice(["successive", "additional", "consecutive"])
    p = period(n, unit, rng)
    adj = adjective(n, unit, rng)
    unless = (
        f" unless either party gives the other written notice of non-renewal at least "
        f"{notice} prior to the end of the then-current term"
    )
    repeated = [
        (
            f"Thereafter, this Agreement shall automatically renew for {kind} {adj} "
            f"periods{unless}.",
            kind,
        ),
        (
            f"Upon expiration of the Initial Term, this Agreement will be automatically extended "
            f"for {kind} periods of {p} each{unless}.",
            kind,
        ),
        (
            f"The term shall thereafter be renewed automatically for {kind} terms of {p}{unless}.",
            kind,
        ),
        (
            f"At the end of the Initial Term, this Agreement shall automatically renew for "
            f"periods of {p} each{unless}.",
            "successive",
        ),
        (
            f"This Agreement shall renew automatically for {kind} renewal terms of {p} "
            f'each (each, a "Renewal Term"){unless}.',
            kind,
        ),
        (
            f"Following the Initial Term, this Agreement shall automatically renew for {adj} "
            f"periods{unless}.",
            "successive",
        ),
        (
            f"Unless terminated as provided herein, this Agreement shall automatically be renewed "
            f"for {kind} {adj} terms.",
            kind,
        ),
    ]
    repeated.append(
        (
            f"This Agreement shall be automatically renewed for a further period of {p} on "
            f"each anniversary of the Effective Date{unless}.",
            "further",
        )
    )
    repeated.append(
        (
            f"This Agreement shall be automatically renewed on the same terms for a further "
            f"period of {p}, and thereafter for {kind} periods of {p}{unless}.",
            kind,
        )
    )
    if rng.random() < 0.8:
        k = rng.randrange(len(repeated))
        text, _printed_kind = repeated[k]
        # repeating renewals are named "successive" whatever kind word is printed
        return text, f"renew:{k}", f"successive {n} {unit}"
    if rng.random() < 0.2:
        return (
            f"This Agreement shall be automatically extended for an additional {p}{unless}.",
            "extended-once",
            f"{n} {unit}",
        )
    if rng.random() < 0.2:
        return (
            "Thereafter, this Agreement shall renew automatically each year unless either party "
            f"terminates it on {notice} written notice.",
            "each-year",
            "successive 1 year",
        )
    if rng.random() < 0.3:
        return (
            f'"Renewal Term" means each successive period of {p} following the Initial Term. '
            f"Upon expiration of the Initial Term, this Agreement shall automatically renew for "
            f"successive Renewal Terms{unless}.",
            "defined-renewal",
            f"successive {n} {unit}",
        )
    if rng.random() < 0.5:
        return (
            f"Thereafter, this Agreement shall continue in effect from year to year unless "
            f"terminated by either party on {notice} written notice prior to the end of any year.",
            "year-to-year",
            "successive 1 year",
        )
    return (
        f"This Agreement shall be automatically renewed for one additional period of {p}{unless}.",
        "once",
        f"{n} {unit}",
    )


DISTRACTORS = [
    "Either party may terminate this Agreement for convenience upon {notice} prior written "
    "notice to the other party.",
    "The obligations of confidentiality under this Agreement shall survive for a period of "
    "{short} after the termination or expiration of this Agreement.",
    "During the term of this Agreement and for {short} thereafter, neither party shall solicit "
    "for employment any employee of the other party.",
    "Each product shall be warranted against defects in materials and workmanship for a "
    "period of {short} from the date of delivery.",
    "Invoices shall be paid within {notice} of the date of receipt.",
    "This Agreement supersedes the letter of intent between the parties dated {before}.",
    "The first delivery under this Agreement shall be made no later than {after}.",
    "Prices shall be reviewed annually and any change shall take effect on {after}.",
    "The parties may agree in writing to renew this Agreement for a further term of {short} "
    "on terms to be negotiated.",
    "This Agreement may be renewed for successive one-year periods upon the mutual written "
    "agreement of the parties.",
    "This Agreement shall be renewed for additional periods of {short} only upon the mutual "
    "written agreement of the parties.",
    "Each party shall maintain its insurance policies in force during the term of this "
    "Agreement and shall renew them for periods of {short}.",
    "Either party may terminate this Agreement if the other party materially breaches it and "
    "fails to cure such breach within {notice} after receiving written notice thereof.",
]


def governing(rng: random.Random, state: str) -> str:
    return rng.choice(
        [
            f"This Agreement shall be governed by and construed in accordance with the laws of the "
            f"State of {state}, without regard to its conflict of laws principles.",
            f"This Agreement will be governed by the laws of the State of {state}.",
            f"The validity, interpretation and performance of this Agreement shall be governed by "
            f"the laws of the State of {state}.",
        ]
    )


def nda_clause(rng: random.Random, start: dt.date) -> tuple[str, str, Any, str | None]:
    """(clause, form, expiration truth, term truth) of a non-disclosure agreement: how long
    it, or the obligations it imposes, last."""
    years = rng.choice([1, 2, 3, 5])
    p, q = period(years, "year", rng), period(rng.choice([2, 3, 5]), "year", rng)
    end = start + relativedelta(years=years)
    forms = [
        (f"This Agreement shall remain in effect for {p} from the Effective Date.", end, p),
        (
            f"This Agreement shall terminate {p} after the Effective Date; the Recipient's "
            f"obligations of confidentiality shall survive for {q} thereafter.",
            end,
            p,
        ),
        (
            f"The Recipient's obligations under this Agreement shall continue for {p} from the "
            f"date of each disclosure of Confidential Information.",
            None,
            p,
        ),
    ]
    k = rng.randrange(len(forms))
    text, expiration, _ = forms[k]
    return text, f"nda:{k}", expiration, f"{years} years"


def _notice_of(renewal: str) -> str | None:
    """The notice period a renewal clause gives ("at least sixty (60) days prior"), in days."""
    m = re.search(
        r"(?:at least|on) (?P<p>(?:\w+ \()?(?P<n>\w+)\)? days) (?:prior|written)", renewal
    )
    if m is None:
        return None
    n = m["n"] if m["n"].isdigit() else {w: k for k, w in WORDS.items()}.get(m["n"])
    return f"{n} days" if n else None


def make_contract(rng: random.Random) -> tuple[list[str], str, dict[str, Any], list[str]]:
    """(paragraphs, title, truth, form names) of one agreement."""
    taken: set[str] = set()
    title, ra, rb = rng.choice(KINDS)
    nda = rng.random() < 0.2
    if nda:
        title, ra, rb = "Mutual Non-Disclosure Agreement", "Discloser", "Recipient"
    companies = [party(rng, taken) for _ in range(3)]
    made = dt.date(rng.randint(1998, 2024), rng.randint(1, 12), rng.randint(1, 28))
    opening, pform, names, start = preamble(rng, title, companies, (ra, rb), made)
    term, tform, expiration, term_truth = (nda_clause if nda else term_clause)(rng, start)
    renewal, rform, renewal_truth = renewal_clause(rng) if not nda else ("", "none", None)
    notice_truth = _notice_of(renewal)
    if expiration in ("perpetual", None):
        renewal, rform, renewal_truth = "", "none", None
    law_state = rng.choice(STATES)
    others = rng.sample(DISTRACTORS, 3)
    fill = {
        "notice": period(rng.choice([30, 45, 60, 90]), "day", rng),
        "short": period(rng.choice([1, 2, 3]), "year", rng),
        "before": date_words(made - dt.timedelta(days=rng.randint(30, 400)), rng),
        "after": date_words(start + dt.timedelta(days=rng.randint(20, 200)), rng),
    }
    sections = [
        opening,
        f"1. Services. {ra} shall provide the products and services described in Exhibit A "
        f"to {rb} in accordance with the terms of this Agreement.",
        *(
            [f"2. Term. {term} {renewal}".strip()]
            if rng.random() < 0.7 or not renewal
            else [f"2. Term. {term}", f"2A. Renewal. {renewal}"]
        ),
        f"3. Termination. {others[0].format(**fill)}",
        f"4. Confidentiality. {others[1].format(**fill)}",
        f"5. Miscellaneous. {others[2].format(**fill)}",
        f"6. Governing Law. {governing(rng, law_state)}",
        "IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.",
    ]
    truth: dict[str, Any] = {
        "parties": names,
        "agreement_date": made.isoformat(),
        "effective_date": start.isoformat(),
        "expiration_date": expiration.isoformat()
        if isinstance(expiration, dt.date)
        else expiration,
        "renewal_term": renewal_truth,
        # the notice that stops a renewal (scored only where the agreement renews)
        **({"notice_period": notice_truth} if renewal_truth and notice_truth else {}),
        "governing_law": law_state,
    }
    if term_truth:
        truth["term"] = term_truth
    return sections, title.upper(), truth, [pform, tform, rform]


def _months(term: Any) -> float | None:
    m = re.match(r"\s*(\d+)\s*(year|month)", str(term).casefold())
    return None if m is None else int(m.group(1)) * (12 if m.group(2) == "year" else 1)


def judge(field: str, label: Any, pred: Any) -> tuple[int, int, int]:
    """(labelled, correct, predicted) units for one field; a None label is an absent
    clause, so any prediction is wrong."""
    if field == "parties":
        preds = pred if isinstance(pred, list) else []
        ok = sum(any(judge_invoice_field("vendor", lab, p)[1] for p in preds) for lab in label)
        return len(label), ok, len(preds)
    if label is None:
        return 0, 0, int(pred not in (None, "", []))
    if pred in (None, "", []):
        return 1, 0, 0
    if field == "term":
        return 1, int(_months(label) == _months(pred) is not None), 1
    if field in ("renewal_term", "governing_law", "notice_period"):
        return 1, int(norm_name(label) == norm_name(str(pred))), 1
    return 1, int(str(pred)[:10] == label), 1


Table = dict[tuple[str, str], list[int]]


LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")


def run(
    n: int, seed: int, keep: Path | None, misses: str | None, lang: str = "en", scan: bool = False
) -> Table:
    rng = random.Random(seed)
    scan_rng = random.Random(f"scan-{seed}")
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ctx = Context(Settings(data_dir=tmp / "data", watch_dir=tmp / "watch"), Registry.default())
        folder = keep or tmp / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            if lang == "en":
                paragraphs, title, truth, forms = make_contract(rng)
            else:
                language = LANGUAGES[i % len(LANGUAGES)] if lang == "all" else lang
                names = [f"{rng.choice(FIRST)} {rng.choice(SECOND)}" for _ in range(2)]
                paragraphs, title, truth, forms = make_contract_in(language, rng, names)
                forms = [language, *forms]
            path = make_text_pdf(folder / f"{i:04d}-contract.pdf", paragraphs, title=title)
            if scan:  # printed, scanned and read by OCR, as a signed copy comes back
                path, _style = scan_pdf(path, path, scan_rng)
                result = extract_cached(ctx.settings, str(path))
            else:
                result = extract_path(ctx, str(path))
            got = result.get("fields") or {}
            for field, label in truth.items():
                a, b, c = judge(field, label, got.get(field))
                for group in ("all", *forms):
                    row = table[(group, field)]
                    row[0], row[1], row[2] = row[0] + a, row[1] + b, row[2] + c
                if misses in (field, "all") and (b < a or c > b):
                    print(
                        f"{path.name} {field} [{' '.join(forms)}]: label {label!r} got "
                        f"{got.get(field)!r}"
                    )
    return dict(table)


FIELDS = [
    "parties",
    "agreement_date",
    "effective_date",
    "term",
    "expiration_date",
    "renewal_term",
    "governing_law",
    "notice_period",
]


def report(table: Table) -> None:
    groups = sorted({g for g, _ in table}, key=lambda g: (g != "all", g))
    print(f"{'':16s}" + "".join(f"{f[:12]:>14s}" for f in FIELDS))
    for g in groups:
        cells = []
        for f in FIELDS:
            a, b, c = table.get((g, f), [0, 0, 0])
            cells.append(f"{b / a if a else 1:.2f}/{b / c if c else 1:.2f}" if a or c else "-")
        print(f"{g:16s}" + "".join(f"{x:>14s}" for x in cells))
    a = sum(v[0] for (g, _), v in table.items() if g == "all")
    b = sum(v[1] for (g, _), v in table.items() if g == "all")
    c = sum(v[2] for (g, _), v in table.items() if g == "all")
    print(f"all fields: accuracy {b / a:.3f}, precision {b / c:.3f} ({a} units)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", help="print the misses of FIELD ('all' for every field)")
    ap.add_argument("--keep", type=Path, help="keep the generated PDFs in this folder")
    ap.add_argument(
        "--lang", default="en", choices=["en", "all", *LANGUAGES], help="the agreements' language"
    )
    ap.add_argument("--scan", action="store_true", help="scan each agreement and read it by OCR")
    args = ap.parse_args(argv)
    report(run(args.n, args.seed, args.keep, args.misses, args.lang, args.scan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
