"""How a contract renews: the renewal term, read from the sentence that renews it.

The conventions, surest first:

* "... shall automatically renew for successive one (1) year periods": the kind of
  renewal (successive, additional, consecutive, further) and its length.
* "... shall renew on a year to year basis", "from month to month": renewal by the
  period named twice, one at a time ("successive 1 year").
* "... for periods of one (1) year each", "for terms of two years", "for one-year renewal
  terms": renewal periods in the plural repeat, with no kind word printed ("successive 1
  year"); so does a term "renewable annually" (the adjective of a term that renews by
  itself).
* "... shall continue in effect from year to year", "... shall thereafter continue for
  successive periods of twelve (12) months": an agreement that runs on past its term one
  period at a time renews by that period ("successive 1 year", "successive 12 month").
* "... may be renewed automatically for one year", "for one additional period of two
  years", "for an additional year": one renewal of the length given ("2 year"), whatever
  kind word it has, unless it recurs ("for a further period of one year on each
  anniversary").
* An option to renew, a party's to take ("Licensee may extend the Term ...", "shall have
  the option to renew this Agreement ...", "the Term may be renewed by the Client ..."):
  the renewal it gives, read as above.
* A renewal "upon the mutual written agreement of the parties" is a new agreement they
  may make, not a renewal term.
* "... shall automatically renew for successive Renewal Terms": the length (and kind)
  the defined term's definition gives (""Renewal Term" means each successive period of
  one (1) year").
* "... shall renew automatically" with no length: an evergreen clause renews for
  periods as long as the initial term (the law's reading of a renewal "under the same
  terms"), so the renewal term is the term, if the term was read.

The value is "successive <n> <unit>" (``successive 1 year``) for renewals that repeat, or
"<n> <unit>" (``1 year``) for one, which :mod:`intake.filing.contract_dates` reads to roll
the end date forward. Agreements name repeating renewals with any of the kind words
("successive", "additional", "consecutive", "further" periods); they mean the same
(renewal after renewal, each of the length given), so the value names them one way, as
"successive", whichever word the agreement prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from intake.extractors.extraction.fields.terms import DURATION, format_duration, parse_duration

__all__ = ["find_renewal", "read_renewal", "renewal_by_option", "renewal_notice"]

#: An option to renew, a party's to take: "Licensee may (, at its discretion,) extend the
#: Term", "shall have the option to renew this Agreement", "the Term may be renewed (by the
#: Client)". It renews only if taken: the contract's dates do not roll on by themselves.
_OPTION_VERB = (
    # (a clause set off by commas may stand between: "may, by notice given at least 3
    # months before the Expiry Date, extend this agreement")
    r"(?:\bmay|(?:shall\s+have|has)\s+the\s+(?:option|right))(?:\s*,[^,.;]{0,80},)?\s+"
    r"(?:to\s+)?(?:elect\s+to\s+)?(?:renew|extend)\s+(?:(?:the|this)\s+(?:initial\s+)?"
    # (a franchise agreement renews "the franchise" it grants: "Franchisee may renew the
    # franchise for one additional term of ten years")
    r"(?:term|agreement|franchise)|this\s+lease)|"
    # (an agreement that calls itself a lease: "This Lease may be renewed by Tenant")
    r"(?:term|agreement|(?<=this\s)lease)\s+may\s+(?:be\s+)?(?:renewed|extended)|"
    # the same verb joined by "and" to the sentence's own about the agreement or its term,
    # sharing its subject: "The term of this Agreement shall ... continue for twelve (12)
    # months, and may be renewed by the Company for additional six (6) month periods"
    r"(?<=\band\s)may\s+(?:be\s+)?(?:renewed|extended)\b"
)
_ROW = (
    r"(?-i:\bRenewal|\bRENEWAL)\s*:?\s+(?=(?:automatic\s+renewal\s+for\s+)?"
    r"(?:successive|consecutive|further|additional)\b)"
)
#: A renewal that happens by itself: "automatically", or "tacitly" as contracts drafted in
#: English on the Continent say it ("shall be tacitly renewed").
_AUTO = r"(?:automatically|tacitly)"
#: A sentence that renews the agreement (or extends its term): the verb, not the noun in
#: a definition ("Renewal Term shall have the meaning ..."), and a renewal that happens,
#: not one the parties "may" agree to later.
_RENEWS = re.compile(
    # ("It will then be renewed by tacit agreement", as the French "tacite reconduction")
    rf"\b(?:(?:shall|will)\s+(?:thereafter\s+|then\s+)?(?:{_AUTO}\s+)?(?:be\s+)?(?:{_AUTO}\s+)?"
    r"renew(?:ed)?|"
    rf"{_AUTO}\s+renew(?:s|ed)?|renew(?:s|ed)?\s+{_AUTO}|"
    rf"(?:shall|will)\s+(?:{_AUTO}\s+)?extend\s+(?:the|this)\s+(?:initial\s+)?(?:term|agreement)|"
    # the agreement extends itself by further periods: "this agreement shall automatically
    # extend for further periods of two years"
    rf"(?:shall|will)\s+(?:{_AUTO}\s+)?extend\s+(?:itself\s+)?(?=for\s+(?:a|an)?\s*"
    r"(?:successive|consecutive|further|additional)\s+(?:(?:renewal|extension)\s+)?"
    r"(?:periods?|terms?)\b)|"
    # "shall (thereafter) (automatically) be extended (automatically)" or "prolonged", the
    # agreement (or "it") its subject, or the subject of the verb it is joined to ("The
    # Agreement will run ... and will be extended")
    r"(?:(?:term|agreement|contract)\s+|(?<=\b[Ii]t\s))(?:shall|will|is)\s+"
    r"(?:[^.;]{0,80}?\band\s+(?:shall|will)\s+)?"
    rf"(?:thereafter\s+)?(?:{_AUTO}\s+)?(?:be\s+)?(?:{_AUTO}\s+)?(?:extended|prolonged)|"
    # "shall (thereafter) continue (in effect) from year to year": renewal by the period
    # (or after the first term's end: "shall continue in force until the end of the
    # calendar year in which ... falls and thereafter from calendar year to calendar year")
    rf"(?:shall|will)\s+(?:thereafter\s+)?(?:{_AUTO}\s+)?continue\b"
    r"(?=(?:[^.;]{0,40}?|[^.;]{0,160}?\bthereafter\s+(?:from\s+)?(?:(?:contract|calendar)\s+)?)"
    r"\b(?:year|month)[\s-]+to[\s-]+(?:(?:contract|calendar)\s+)?(?:year|month)\b|"
    # ... or "for successive periods of twelve (12) months": runs on by further periods (or
    # by defined ones: "shall continue for successive Renewal Periods")
    r"[^.;]{0,40}?\b(?:successive|consecutive|further|additional)\s+(?:(?:renewal|extension)\s+)?"
    r"(?:periods?|terms?)\b)|"
    rf"{_OPTION_VERB}|"
    # the adjective of a term that renews by itself: "Three (3) years from the Effective Date,
    # renewable annually thereafter", "automatically renewable for successive 5-year terms"
    r"renewable\s+(?=(?:automatically\s+|thereafter\s+)*(?:annually|yearly|each\s+year|"
    r"for\s+(?:successive|consecutive)|(?:on\s+a\s+|from\s+)?(?:year|month)[\s-]+to)\b)|"
    # a key-details row, its label as printed, no verb: "Renewal Successive one (1) year
    # terms unless ...", "Renewal: Automatic renewal for further terms of 12 months each"
    rf"{_ROW})\b",
    re.IGNORECASE,
)
_OPTION = re.compile(_OPTION_VERB, re.IGNORECASE)
#: "Thereafter it shall automatically renew ...": "it" right before the verb is the
#: agreement of the sentence before.
_IT = re.compile(r"\b[Ii]t\s*$")
#: The renewing sentence is about the agreement or its term, not a licence or a policy.
_SUBJECT = re.compile(
    # (an order form is the agreement it orders under: "This Order Form will automatically
    # renew", as "This Lease" renews a lease)
    r"\b(?:agreement|term|contract|(?<=this\s)(?:lease|order\s+form)|(?<=the\s)franchise)\b",
    re.IGNORECASE,
)
_KIND = re.compile(
    r"\b(?P<kind>successive|additional|consecutive|further)\s+(?:periods?\s+of\s+|terms?\s+of\s+)?",
    re.IGNORECASE,
)
#: A renewal "for successive Renewal Terms": the defined term's own length. Agreements
#: name the renewal period by any of a few nouns ("Renewal Term", "Further Term",
#: "Extension Period", "Renewal Period"), and define it quoted or, as Australian drafting
#: does, unquoted ("Further Term means a period of 1 year").
_NAMED = r"(?:Renewal|Further|Extension|Extended|Additional)\s+(?:Term|Period)"
_RENEWAL_TERMS = re.compile(rf"[^.;]{{0,60}}?\b(?-i:(?P<name>{_NAMED})s?)\b", re.IGNORECASE)


def _renewal_defined(name: str) -> re.Pattern[str]:
    """Where ``name`` is defined: ""Renewal Term" means ...", or with no verb (``row``), as
    English definitions clauses ("Renewal Period: each successive period of twelve (12)
    months") and the rows of a schedule's key details ("Item 4 Further Term One period of
    2 years") give it: the name, perhaps a colon, then what it is."""
    return re.compile(
        rf"(?<![\w-])[“\"]?{name}[”\"]?(?:\s+(?:means|shall\s+mean)|(?P<row>\s*:|\s+(?=(?-i:[A-Z0-9]))))"
        r"\s*(?P<what>[^.;]{0,120})",
        re.IGNORECASE,
    )


#: One renewal before the kind word: "for one additional period", "for an additional term".
_ONCE = re.compile(r"\b(?:one|an?)\s+(?:\(1\)\s+)?$", re.IGNORECASE)
#: "for a further period of one year on each anniversary": one period at a time, repeated.
#: (and "in each case", as agreements drafted in English by German speakers say "jeweils")
_EVERY_TIME = re.compile(
    r"\bon\s+each\s+(?:anniversary|occasion)\b|\beach\s+time\b|\bin\s+each\s+case\b|"
    # on a day of the year: "shall renew each January 1 for a further calendar year"
    r"\beach\s+(?-i:[A-Z][a-z]{2,8})\s+\d{1,2}(?:st|nd|rd|th)?\b",
    re.I,
)
#: A renewal both parties must agree to is a new agreement, not a renewal term: "may be
#: renewed ... upon the mutual written agreement of the parties", "if both parties agree".
_ENDED = re.compile(r"\bunless\b|\bterminat\w*|\bend(?:s|ed)?\b", re.IGNORECASE)
_MUTUAL = re.compile(
    r"\bmutual(?:ly)?\b[^.;]{0,30}?\b(?:agree\w*|consent|written)|\bif\s+both\s+(?:parties\s+)?"
    r"(?:so\s+)?agree|\bby\s+mutual\b|\b(?:upon|by|with)\s+(?:the\s+)?(?:written\s+)?"
    r"(?:agreement|consent)\s+of\s+(?:both|all|the)\s+parties\b",
    re.IGNORECASE,
)
#: Renewal periods in the plural before the length, or "each" (or "at a time") after it:
#: renewals that repeat ("extended by one year at a time").
_PLURAL = re.compile(r"\b(?:periods|terms)\s+of\b", re.IGNORECASE)
_EACH = re.compile(
    # (the periods' noun may be qualified: "for one-year renewal terms")
    r"\s*(?:each|(?:(?:renewal|extension|additional)\s+)?(?:periods|terms)|at\s+a\s+time)\b",
    re.IGNORECASE,
)
#: "year to year", "year-to-year", "from month to month", "from Contract Year to Contract
#: Year".
_ROLLING = re.compile(
    r"\b(?P<unit>year|month)[\s-]+to[\s-]+(?:(?:contract|calendar)\s+)?(?P=unit)\b", re.IGNORECASE
)
#: "renew automatically each year", "renews annually": renewal by the year (or month).
_EVERY = re.compile(
    r"[^.;,]{0,30}?\b(?:(?:each|every)\s+(?P<unit>year|month)|(?P<ly>annual|year|month)ly)\b", re.I
)
#: "for an additional year": one period of the unit named without a number
_BARE_UNIT = re.compile(
    # ("a further calendar year": a year)
    r"\s*(?:(?:calendar\s+)?(?P<unit>year|month)\b|"
    # the period as an adjective: "for successive annual periods", "monthly terms"
    r"(?P<ly>annual|yearly|monthly)\s+(?:periods?|terms?|basis)\b)",
    re.IGNORECASE,
)
#: What a renewal verb renews when it is not the agreement: "shall renew them", "renew its
#: policies", "renew such licences".
_OTHER_OBJECT = re.compile(
    r"\s+(?!(?:the|this|such)\s+(?:initial\s+)?(?:agreement|term|contract)\b)"
    # ("shall automatically renew each year on the anniversary": when, not what)
    r"(?!(?:each|every)\s+(?:year|month|(?-i:[A-Z][a-z]{2,8})\s+\d{1,2})\b)"
    r"(?:them|it|its|their|such|the|any|each|all|these|those)\b",
    re.I,
)
_AUTOMATIC = re.compile(r"\b(?:automatic(?:ally)?|tacit(?:ly)?)\b", re.IGNORECASE)
#: A renewal denied: "This Agreement shall not renew automatically", "will not be renewed":
#: a sentence that says the agreement does not renew gives no renewal term.
_DENIED = re.compile(r"\b(?:not|never)\s+(?:be\s+)?$", re.IGNORECASE)
#: Periods inside a renewal sentence that are not its length: the notice to stop it.
_NOTICE_AFTER = re.compile(
    r"^\W*(?:\)\s*)?(?:days?['’]?\s+)?(?:prior|before|advance|notice|written)", re.I
)
#: A numbered heading of the agreement's term or renewal, ending the text before a sentence.
_HEADING = re.compile(
    r"(?:^|\s)\d{1,2}(?:\.\d{1,2})*\.\s+(?:term|renewal|duration|term\s+and\s+termination)\s*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[a-z0-9)\]])[.;]\s+(?=[A-Z(])")


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


def _duration(sentence: str, start: int) -> re.Match[str] | None:
    """The first duration after ``start`` that is not the notice to stop the renewal."""
    for m in DURATION.finditer(sentence, start):
        if not _NOTICE_AFTER.match(sentence[m.end() : m.end() + 30]):
            return m
    return None


def _length(sentence: str, start: int) -> tuple[int, str] | None:
    if bare := _BARE_UNIT.match(sentence, start):  # "an additional year"
        unit = bare["unit"] or ("month" if bare["ly"].lower() == "monthly" else "year")
        return 1, unit.lower()
    m = _duration(sentence, start)
    return None if m is None else parse_duration(m.group(0))


def _mutual(sentence: str, verb: re.Match[str]) -> bool:
    """Whether the renewal waits on both parties' agreement ("renewed ... upon the mutual
    written agreement of the parties"); an end they may agree ("unless terminated by
    mutual agreement") leaves the renewal as it is."""
    m = _MUTUAL.search(sentence, verb.end())
    return m is not None and not _ENDED.search(sentence, verb.end(), m.start())


def _once(sentence: str, kind: re.Match[str]) -> bool:
    return (
        _ONCE.search(sentence, max(0, kind.start() - 12), kind.start()) is not None
        and _EVERY_TIME.search(sentence) is None
    )


def _kind_and_length(sentence: str, kind: re.Match[str]) -> str | None:
    """ "successive <n> <unit>" from a kind word and the length after it; "<n> <unit>" for a
    single renewal ("for one additional period of"), unless renewals of another kind
    follow it ("... and thereafter for successive periods of one year")."""
    if _once(sentence, kind):
        then = _KIND.search(sentence, kind.end())
        if (
            then is None
            or _once(sentence, then)
            or (later := _length(sentence, then.end())) is None
        ):
            length = _length(sentence, kind.end())
            return None if length is None else f"{length[0]} {length[1]}"
        return f"successive {later[0]} {later[1]}"
    length = _length(sentence, kind.end())
    return None if length is None else f"successive {length[0]} {length[1]}"


def _defined_renewal(text: str, name: str = "Renewal Term", repeats: bool = False) -> str | None:
    """The renewal a defined "Renewal Term" (or ``name``) states: ""Renewal Term" means
    each successive period of one (1) year following the Initial Term"; it repeats when
    the definition says so or the renewing sentence does (``repeats``: "for successive
    Renewal Terms"), not for "by one Further Term"."""
    for m in _renewal_defined(re.escape(name)).finditer(text):
        # a definition with no verb states the length first: "One period of 2 years"
        if m["row"] is not None and ((d := _duration(m["what"], 0)) is None or d.start() > 40):
            continue
        if (length := _length(m["what"], 0)) is not None:
            break
    else:
        return None
    kind = repeats or _KIND.search(m["what"]) is not None
    return f"{'successive ' if kind else ''}{length[0]} {length[1]}"


def _renewing(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """The sentences of ``text`` that renew the agreement, with their renewing verb."""
    before = ["", ""]  # the two pieces before (a heading splits as "2" and "Term")
    for sentence in _sentences(text):
        verb = _RENEWS.search(sentence)
        heading = _HEADING.search(". ".join(before)) is not None
        before = [before[1], sentence]
        if (
            verb is not None
            and (
                _SUBJECT.search(sentence, 0, verb.end())
                # a numbered heading's first sentence speaks of what it heads: "2. Term. Three
                # (3) years from the Effective Date, renewable annually thereafter"
                or heading
                or _IT.search(sentence, 0, verb.start())
                or verb.group(0)[:7].casefold() == "renewal"  # a row of the agreement's
            )
            and not _OTHER_OBJECT.match(sentence, verb.end())
            and not _mutual(sentence, verb)
            and not _DENIED.search(sentence, max(0, verb.start() - 12), verb.start())
        ):
            yield sentence, verb


def renewal_notice(text: str) -> tuple[str, str] | None:
    """The notice that stops the agreement's renewal, as stated in the sentence that renews
    it ("... unless either party gives notice of non-renewal at least sixty (60) days prior
    to the end of the then-current term"), with that sentence: a notice to terminate for
    convenience or a period to cure a breach, elsewhere, does not stop a renewal."""
    for sentence, _verb in _renewing(text):
        for m in DURATION.finditer(sentence):
            if _NOTICE_AFTER.match(sentence[m.end() : m.end() + 30]) and (
                parsed := parse_duration(m.group(0))
            ):
                return format_duration(*parsed), sentence
    return None


def find_renewal(text: str, term: str | None = None) -> str | None:
    """The renewal term of the agreement in ``text`` (whitespace collapsed), else None;
    ``term`` is its initial term when read ("1 year"), the length of an evergreen
    renewal."""
    found = read_renewal(text, term)
    return None if found is None else found[0]


def renewal_by_option(text: str, term: str | None = None) -> bool:
    """Whether the renewal :func:`find_renewal` reads is an option a party may take
    ("Licensee may extend the Term for ..."), not one that happens by itself."""
    found = read_renewal(text, term)
    return found is not None and found[1]


def read_renewal(text: str, term: str | None = None) -> tuple[str, bool] | None:
    """The renewal term (:func:`find_renewal`) and whether it is a party's option
    (:func:`renewal_by_option`), read once."""
    found = _renewal(text, term)
    if found is None:
        return None
    value, verb = found
    # "may be renewed automatically": it happens by itself
    automatic = _AUTOMATIC.search(verb.string, verb.start(), verb.end() + 16) is not None
    return value, _OPTION.match(verb.string, verb.start(), verb.end()) is not None and not automatic


def _renewal(text: str, term: str | None) -> tuple[str, re.Match[str]] | None:
    """The renewal term and the verb that renews it."""
    for sentence, verb in _renewing(text):
        # "for successive Renewal Terms": what the defined term says, not a period after it
        if (named := _RENEWAL_TERMS.match(sentence, verb.end())) and (
            defined := _defined_renewal(
                text,
                " ".join(named["name"].split()),
                named[0].endswith("s")
                or _KIND.search(sentence, verb.end(), named.start("name")) is not None,
            )
        ):
            return defined, verb
        if (kind := _KIND.search(sentence, verb.start())) is not None and (
            kind.start() - verb.end() < 80
        ):
            if (found := _kind_and_length(sentence, kind)) is not None:
                return found, verb
        if (rolling := _ROLLING.search(sentence, verb.start())) is not None:
            return f"successive 1 {rolling.group('unit').lower()}", verb
        if (every := _EVERY.match(sentence, verb.end())) is not None:
            unit = "year" if every["ly"] in ("annual", "year") else every["unit"] or "month"
            return f"successive 1 {unit}", verb
        window = sentence[verb.end() : verb.end() + 40]
        if (m := _duration(window, 0)) is not None and (length := parse_duration(m[0])):
            plural = _PLURAL.search(window, 0, m.start()) or _EACH.match(
                sentence, verb.end() + m.end()
            )
            return f"{'successive ' if plural else ''}{length[0]} {length[1]}", verb
        if (
            term is not None
            and _AUTOMATIC.search(sentence, verb.start(), verb.end() + 16)
            and (parsed := parse_duration(term))
        ):
            return f"successive {parsed[0]} {parsed[1]}", verb
    return None
