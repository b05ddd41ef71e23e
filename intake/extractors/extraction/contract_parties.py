"""The parties to a contract, read from its preamble.

Three kinds of evidence, in order of position: a name followed by the defined term it is
given ("JANE Q. PUBLIC ("Recipient")", "Acme Widgets, Inc., a Delaware corporation
(the "Seller")"); a company name with a legal form inside the "between ... and ..."
clause or heading a letter agreement; and the first person of an employee's undertaking
("I, Jane Q. Public, ..."). A group defined collectively ("... (collectively, the
"Acme Group")") is named by its defined term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from intake.extractors.extraction.contract_names import JOINERS as _JOINERS
from intake.extractors.extraction.contract_names import NOT_IN_NAME as _NOT_IN_NAME
from intake.extractors.extraction.contract_names import key as _key
from intake.extractors.extraction.contract_names import own_cell
from intake.extractors.extraction.contract_names import plausible as _plausible
from intake.extractors.extraction.contract_recitals import CLAUSE, before_recitals, find_recitals
from intake.extractors.extraction.parties import LEGAL_FORM
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["PREAMBLE", "find_contract_parties", "find_recitals"]

PREAMBLE = 3000
MAX_SURE = 4
MAX_SIGNED = 12

_QUOTE = "\"“”'‘’"
_DEFINED = re.compile(
    rf"\(\s*(?:(?!collectively)[^(){_QUOTE}]{{0,80}}?[,;]\s*)?(?P<collective>collectively,?\s+)?(?:the\s+|this\s+|"
    rf"each\s+a\s+|here(?:in)?(?:after)?,?\s+(?:called\s+|referred\s+to\s+as\s+|"
    rf"to\s+be\s+referred\s+to\s+as\s+)?(?:the\s+)?)?[{_QUOTE}]\s*"
    # (the tail may be long: "(hereinafter referred to as the "Supplier", which expression
    # shall, unless repugnant to the context or meaning thereof, be deemed to mean and
    # include its successors and permitted assigns)", as Indian agreements define a party)
    rf"(?P<term>[^{_QUOTE}]{{1,40}}?)\s*[{_QUOTE}](?:[^)(]{{0,200}})?\)|"
    # "X, a Delaware corporation, hereinafter referred to as "Transporter"": unbracketed
    rf",?\s+hereinafter,?\s+(?:called\s+|referred\s+to\s+as\s+|to\s+be\s+referred\s+to\s+as\s+)?"
    rf"(?:the\s+)?[{_QUOTE}]\s*(?P<bare>[^{_QUOTE}]{{1,40}}?)\s*[{_QUOTE}]",
    re.IGNORECASE,
)
#: Defined terms that name a thing, not a party.
_THING = re.compile(
    r"\b(?:agreement|amendment|addendum|date|term|period|information|transaction|purpose|"
    r"business|services?|products?|territory|marks?|property|plan|schedule|exhibit|act|"
    r"offering|effective|closing|merger|shares?|notes?|program|project|license|software|"
    r"materials?|work|deliverables|fees?|premises|system|documents?|evaluation|discussions?|"
    r"confidential|proprietary|stock|securities|assets?|territory|area|field|parties|"
    r"representatives?|affiliates?|subsidiaries)\b",
    re.IGNORECASE,
)
#: A term named by who it is, whatever the thing before ("Service Provider", "Software
#: Licensor"): its last word an agent noun, not one of the things.
_AGENT = re.compile(
    r"\s(?!(?:order|register|center|centre|letter|number|matter)$)[A-Za-z]+(?:er|or|ee)$", re.I
)
_CONNECTOR = re.compile(
    r"(?:\bby\s+and\s+(?:between|among)|\bbetween|\bamong(?:st)?|\band(?!\s+(?:Company|COMPANY)\b)|"
    r"[;:]|\)\s*,?)\s+",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r",\s+an?\s+|,?\s+(?:located\s+at|with\s+(?:its\s+)?(?:a\s+)?(?:principal|registered|"
    r"offices?|place)|having\s|whose\s|residing|organized\s|incorporated\s|existing\s|"
    r"together\s+with|on\s+behalf|acting\s+(?:through|by)\s|c/o\s)|,?\s*\b(?:dba|d/b/a)\b|"
    # a person as Indian agreements describe one: "Mr. R. K. Rao, aged about 54 years, S/o
    # Shri M. L. Rao, residing at ...": the father's name (son, daughter or wife of) is not
    # the party's; nor is it written out ("Rohan Mehta, son of Suresh Mehta, residing at")
    r",\s+aged\s+(?:about\s+)?\d|,?\s+[SDW]/[Oo]\b|,\s+(?:son|daughter|wife|husband)\s+of\s|"
    # the capacity a party acts in, after its name: "First Bank, N.A., as Administrative
    # Agent (in such capacity, the "Agent")", "X, as Trustee", "Mark Ellison, as trustee of
    # the Ellison Family Trust": the role is no name; nor is the company a party succeeds
    # ("Meridian Trust Company, successor by merger to First Valley Trust Company")
    r",\s+as\s+(?=(?:the\s+)?(?:(?-i:[A-Z])|(?:trustee|agent|nominee|custodian|executor|"
    r"administrator|receiver|general\s+partner|manager)\b))|,\s+(?:as\s+)?successor\b",
    re.IGNORECASE,
)
_COUNTRY_FORMS = "|".join(
    sorted((p for p, country in vocabulary().legal_forms if country), key=len, reverse=True)
)
#: "Harlow Brothers and Company": "and Company" ends a name as a legal form does.
_FORM = (
    r"(?:(?:and|AND|&)\s+(?:Company|COMPANY)|Limited\s+Partnership|LIMITED\s+PARTNERSHIP|Partnership|PARTNERSHIP|"
    r"Inc|INC|inc|Incorporated|INCORPORATED|Corp|CORP|Corporation|CORPORATION|LLC|L\.L\.C|LLP|"
    r"L\.P|LP|Ltd|LTD|Limited|LIMITED|plc|PLC|GmbH|AG|A/S|S\.A|N\.A|N\.V|B\.V|Company|COMPANY|Trust|"
    r"TRUST|Bank|BANK|Co\.?\s+(?:Incorporated|Inc|Ltd|LLC)|Co|"
    # the packs' forms that name their country ("ApS", "Oy", "AB", "Sdn. Bhd."), capitalised
    rf"(?=[A-Z])(?i:{_COUNTRY_FORMS}))\.?"
)
_WORD = (
    r"(?:(?!(?:AND|BETWEEN|AMONG|BY|WITH|FOR|TO|IF)\b)(?:[A-Z][\w&'’\-]*(?:\.com\b|\.?)|"
    # (initials run together: "N.D.", "U.S.")
    r"(?:[A-Z]\.){2,}|[A-Z]\.|［[A-Z][\w&'’\-]*］|"
    r"\d+[A-Za-z][\w]*)|&|"
    + "|".join(sorted(_JOINERS - {"the"}, key=lambda w: (-len(w), w)))
    + r"|(?<=of\s)the)"
)
#: The name that ends a stretch of text: capitalised words, ", Inc."-style forms.
_TRAILING = re.compile(
    rf"((?:{_WORD}\s+)*{_WORD}(?:,?\s+{_FORM}|,\s+(?:Jr|Sr|II|III|IV)\.?)?)\s*,?\s*$"
)
_ORG = re.compile(
    rf"(?<![\w,])(?<![Aa] )(?<![Aa]n )((?:{_WORD}\s+){{0,4}}{_WORD}(?:,\s*|\s+){_FORM})(?![\w])"
)
#: "X, its principals and staff" ends with X; the clause never runs past ", and Y" nor past
#: "and" with a name of two words (the next party: "X, having its offices at ..., and JANE
#: Q. PUBLIC", "X on behalf of itself and its subsidiaries and John R. Doe").
_POSSESSIVE = re.compile(
    r",?\s+(?:together\s+with\s+|having\s+|with\s+)?(?:its|their|his|her)\b"
    # (nor past an "AND" in capitals that sets the next party on its own line: "...,
    # represented by Mr. J. Roux, in his capacity as President, ... AND Acme Ltd")
    r"(?:(?!,\s+and\s+[A-Z]|\s+and\s+[A-Z][\w'’.\-]*\s+[A-Z]|\s+AND\s)[^()])*$"
)
_FIRST_PERSON = re.compile(r"\bI,\s+((?:[A-Z][\w'’\-]*\.?\s+){1,4}[A-Z][\w'’\-]*),")
#: "John R. Doe, an individual": a person who signs for themselves (a defined term in
#: brackets may stand between the name and the apposition).
_INDIVIDUAL = re.compile(
    r"(?<![\w,])((?:[A-Z][\w'’\-]*\.?\s+){1,3}[A-Z][\w'’\-]*)\s*(?:\([^()]{0,40}\)\s*)?,?"
    r"\s+an\s+individual\b"
)
#: Translated agreements list their parties as "Party A: <name> Party B: <name>".
_LETTERED = re.compile(
    r"\bParty\s+[A-D]\s*[:：]\s*(?P<name>[^:;：]{2,90}?)"
    r"(?=\s+Party\s+[A-D]\b|\s+(?:Address|Legal\s+representative|Registered)\b|[.;]\s|\s*$)"
)
#: A bracketed word followed by a legal form belongs to the name ("Acme One (USA) Inc.",
#: "Acme (Chemicals) Limited"); held in other brackets while the name is read.
_BRACKETED = re.compile(
    r"(?<=\w)\s\(([A-Z][A-Za-z]{1,20})\)\s+(?=(?:Inc|INC|Ltd|LTD|LLC|Limited|LIMITED|Corp|"
    r"CORP|Corporation|CORPORATION|Co|CO|GmbH|LP|L\.P|LLP|plc|PLC|S\.A|B\.V|N\.V|AG|Pty)\b)"
)
_UNBRACKET = str.maketrans("［］", "()")
#: "X, Inc. and its Affiliates", "X and its subsidiaries": one company and the companies
#: it controls, right before a collective defined term.
_WITH_AFFILIATES = re.compile(
    # (or the affiliated ones it names by their kind: "together with its affiliated hospitals")
    r",?\s+(?:and|together\s+with)\s+(?:its|their)\s+(?:affiliates|subsidiaries|affiliated\s+"
    r"[a-z]+)\s*,?\s*$",
    re.IGNORECASE,
)
#: "... including Guggenheim Securities, LLC (“Guggenheim”)": an example, not a party.
_EXAMPLE = re.compile(r"\b(?:including|such\s+as|c/o|care\s+of)\s*$", re.IGNORECASE)
#: "ACME PHARMA A/S of Industrivej 5, ...": "of" and a street address close the name.
_OF_ADDRESS = re.compile(r"\s+of\s+(?=[^,()]{0,40}\d)")
#: "Acme Limited (registered in England under number 03322110) of Unit 4, Riverside Park,
#: Swindon": a note in brackets (no defined term: no quote) and "of" the address close it.
_NOTE_OF_ADDRESS = re.compile(r"\s*\([^()“”\"]*\)\s+of\s+(?=[^,()]{0,40}\d)")
_TITLES = re.compile(
    r"^(?:(?:president|secretary|director|chairman|chief\s+\w+\s+officer|ceo|cfo|treasurer|counsel|&|"
    r"vice\s+president|general\s+counsel|managing\s+director|attention|attn)[:,]?\s+)+",
    re.IGNORECASE,
)


_LEADING = re.compile(
    # (and a "PARTIES" heading run into the first name)
    r"^(?:(?:by|and|between|among|with|of|the\s+undersigned|parties|years?|months?|days|term|date|"
    r"page|number|no\.)\s+)+",
    re.IGNORECASE,
)


def _tidy(name: str) -> str:
    name = _TITLES.sub("", " ".join(name.split()))
    name = _LEADING.sub("", name)
    return name.strip(f" ,;:{_QUOTE}")


def _name_before(text: str) -> str | None:
    """The party named at the end of ``text`` (what precedes a defined term)."""
    text = _POSSESSIVE.sub("", text)  # "X, its principals and staff": the party is X
    text = re.sub(r"['’]s\s*$", " ", text)  # "Orchestra-Prémaman, S.A.’s (“you”)"
    # the party's own entry: what follows the last connector that always separates parties
    # ("between", ";", "(2)", ", and"); its name stands before the first description of it
    # ("incorporated and registered in England and Wales ... whose registered office is at
    # ..."), whatever "and"s that description holds
    entry = _REGISTER_NOTE.sub(_unnoted, _ENTRY.split(text)[-1])
    cues = [m.start() for m in (_APPOSITION.search(entry), _NOTE_OF_ADDRESS.search(entry)) if m]
    if cues and (word := _DESCRIBED.search(entry, 0, min(cues))):
        cues.append(word.start(1))
    if cues and (caps := _CAPS_AND.match(entry[: min(cues)])):
        return caps.group(1)
    if cues and (name := _trailing_name(_CONNECTOR.split(entry[: min(cues)])[-1])):
        return name
    segment = _CONNECTOR.split(text)[-1]
    cuts = sorted(
        {m.start() for m in (*_APPOSITION.finditer(segment), *_OF_ADDRESS.finditer(segment))}
    )
    for cut in [*cuts, len(segment)]:
        m = _TRAILING.search(segment[:cut])
        if m is None:
            continue
        if _EXAMPLE.search(segment[: m.start(1)]):
            return None
        if name := _trailing_name(segment[:cut]):
            return name
    return None


#: "PERAK HERBS SDN. BHD. (Company No. 2015012345 (11345-X)), a company ...", "GAUTENG LIFT
#: SERVICES CC (Registration No. 2001/0123/23), a close corporation": a register number
#: in brackets (a figure, no quote: it defines nothing) between a name and the comma of
#: its description is no part of the name; nor is it where the description follows with no
#: comma, as English and Scottish drafting has it ("Rowan Brands Limited (company number
#: 07654321) whose registered office is at ...").
_REGISTER_NOTE = re.compile(
    r"\s*\((?:[^()“”\"]|\([^()“”\"]*\))*\)(?=\s*,|\s+(?:whose|having|incorporated|registered)\s)"
)


def _unnoted(note: re.Match[str]) -> str:
    # a register number, or a former name ("(formerly Quartzline Minerals Inc.)", "(f/k/a
    # ...)"): no part of the name
    former = re.match(r"\s*\(\s*(?:formerly|f/k/a|previously|prior\s+to)\b", note.group(0), re.I)
    return "" if re.search(r"\d", note.group(0)) or former else note.group(0)


#: "(2) KAVERI PUMPS AND MOTORS LIMITED, a company ...": in a name printed in capitals
#: that heads its own entry, an AND between its words (none of them a legal form) is the
#: name's own, not the next party's.
_CAPS_AND = re.compile(
    rf"^\s*(?:AND\s+)?((?:(?!(?i:{LEGAL_FORM})\b)[A-Z][A-Z&'’\-]+\s+)+AND\s+"
    rf"(?:[A-Z][A-Z&'’\-]+\s+)*{_FORM})\s*,?\s*$"
)
#: The same before a name a legal form ends, after a label's colon, a semicolon or a number.
_CAPS_HEAD = re.compile(
    rf"(?:[:;]|\(\d\))\s+((?:(?!(?i:{LEGAL_FORM})\b)[A-Z][A-Z&'’\-]+\s+)+AND\s+)$"
)
#: "DR. JANE ROE N.D. INC., Naturopath, having an office at ...": a word after the comma
#: of a name its legal form ends describes the party (its trade), it is not the name.
_DESCRIBED = re.compile(rf"{_FORM}(,\s+[A-Z][a-z]+)\s*,?\s*$")
#: Connectors that always separate one party from the next.
_ENTRY = re.compile(
    r"(?:\bby\s+and\s+(?:between|among)|\bbetween|\bamong(?:st)?|[;:]|,\s+and\b|\(\d\)|"
    # the closing quote of the previous party's defined term ("... as “Carrier” and ..."),
    # and its closing bracket; a bracket that defines nothing ("(registered number 0123)")
    # is part of the entry's description
    r"[”\"]\s*,?(?:\s*and\b)?|[”\"’']\s*\)\s*,?)\s+",
    re.IGNORECASE,
)


def _trailing_name(segment: str) -> str | None:
    """The plausible name that ends ``segment``, unless an example cue precedes it."""
    m = _TRAILING.search(segment)
    if m is None or _EXAMPLE.search(segment[: m.start(1)]):
        return None
    name = _tidy(m.group(1))
    # a title running into the name ("Non-Disclosure Agreement US Foods, Inc.")
    # ends at its last title word
    titles = list(_NOT_IN_NAME.finditer(name))
    if titles:
        name = _tidy(name[titles[-1].end() :])
    return name if _plausible(name) else None


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One party named twice: equal, or the longer name starts with the shorter one of two
    or more words ("Acme Tools" and "Acme Tools Europe"); "Delta" alone is not "Delta
    Capital"."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 2 and long[: len(short)] == short)


def find_contract_parties(text: str, signed: Sequence[str] = (), lines: str = "") -> list[str]:
    """The parties, in the order the preamble names them. Names given a defined term (or
    speaking in the first person) are parties for sure, up to four. When the preamble
    leaves a party unnamed ("the undersigned", "you"), the names in the signature blocks
    (``signed``) come next; company names merely mentioned near the "between" clause
    only make up a pair. ``lines``, the text with its rows' cells apart, takes a table's
    label cell off the name beside it (:func:`contract_names.own_cell`)."""
    return _parties(text, signed, lines[:PREAMBLE])


def _parties(text: str, signed: Sequence[str], lines: str) -> list[str]:
    head = _BRACKETED.sub(r" ［\1］ ", text[:PREAMBLE])
    found: list[tuple[int, str, bool]] = []  # (position, name, sure)
    for m in _DEFINED.finditer(head):
        term = (m.group("term") or m.group("bare")).strip()
        if m.group("collective") and not _THING.search(term) and _plausible(term):
            # one company with its affiliates ("X, Inc. and its Affiliates (collectively,
            # "X")") is that company; a group of several names is its defined term
            alone = _WITH_AFFILIATES.search(head, max(0, m.start() - 350), m.start())
            name = _name_before(head[max(0, m.start() - 350) : alone.start()]) if alone else None
            found.append((m.start(), name or term, True))
            continue
        if _THING.search(term) and not _AGENT.search(term):
            continue
        if name := _name_before(head[max(0, m.start() - 350) : m.start()]):
            found.append((m.start(), name, True))
    clause = CLAUSE.search(head)
    spans = [(0, 400)]
    if clause is not None:
        end = head.find(". ", clause.end())
        spans.append((clause.start(), min(end if end > 0 else len(head), clause.end() + 800)))
    for lo, hi in spans:
        for m in _ORG.finditer(head, lo, hi):
            # "Tenant: ORBITAL PRINT AND PACKAGING LIMITED": the words before its AND
            joined = _CAPS_HEAD.search(head, max(0, m.start() - 80), m.start())
            start = joined.start(1) if joined else m.start()
            if _plausible(name := _tidy(head[start : m.end(1)])):
                found.append((start, name, False))
    for m in _FIRST_PERSON.finditer(head[:1500]):
        found.append((m.start(), m.group(1), True))
    for m in _INDIVIDUAL.finditer(head):
        # one of a group defined collectively is a member of that party
        bracket = head.find("(", m.end())
        if head[bracket + 1 : bracket + 13].casefold() == "collectively":
            continue
        if _plausible(name := _tidy(m.group(1))):
            found.append((m.start(), name, True))
    for m in _LETTERED.finditer(head[:1500]):
        if _plausible(name := _tidy(m.group("name"))):
            found.append((m.start(), name, True))
    found = [(at, own_cell(name, lines), sure) for at, name, sure in before_recitals(head, found)]
    names: list[tuple[str, bool]] = []
    keys: list[tuple[str, ...]] = []
    for _, name, sure in sorted(found):
        key = _key(name)
        if not key:
            continue
        same = next((i for i, k in enumerate(keys) if _same(key, k)), None)
        # two names each given a defined term of its own are two parties, however alike
        # ("Acorn Analytics, Inc." ("Acorn US") and "Acorn Analytics Canada ULC" ("Acorn
        # Canada")); the same name twice is one
        if same is None or (sure and names[same][1] and key != keys[same]):
            keys.append(key)
            names.append((name, sure))
        elif sure and not names[same][1]:  # the name given a defined term is the full one
            keys[same], names[same] = key, (name, True)
    chosen = {n for n, sure in names if sure}
    chosen = {n for n in [n for n, _ in names if n in chosen][:MAX_SURE]}
    # a preamble that names no party for sure leaves them all to the signatures (a
    # joint undertaking "by the undersigned"); one that names one leaves the other
    wanted = MAX_SIGNED if not chosen else 2
    if len(chosen) < 2:
        for name in signed:
            if len(chosen) >= wanted:
                break
            key = _key(name)
            if not _plausible(name) or not key or any(_same(key, _key(n)) for n in chosen):
                continue
            same = next((i for i, k in enumerate(keys) if _same(key, k)), None)
            if same is None:
                keys.append(key)
                names.append((name, True))
            else:  # a name the preamble merely mentions, confirmed by its signature
                name = names[same][0]
            chosen.add(name)
    for name, sure in names:
        if len(chosen) >= 2:
            break
        if not sure:
            chosen.add(name)
    return [n.translate(_UNBRACKET) for n, _ in names if n in chosen]
