"""The law that governs a contract, read from its governing-law clause.

"This Agreement shall be governed by and construed in accordance with the laws of the
State of New York" (or "the laws in force in") gives New York; the clause may put the law
first ("The laws of England shall govern", "The laws of Oregon govern this Agreement"),
name it as an adjective ("governed by Ohio law"), refer back to a state it named ("the
laws of that State"), or join a province's law to its country's ("Ontario and the
federal laws of Canada": Ontario, Canada). "Organized under the laws of" is a party's
domicile, not the governing law; a defined term ("the laws of the Home State") and a
kind of place alone ("the laws of the State specified in Item 6") name no place.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["find_governing_law"]

_QUOTE = "\"“”'‘’"
_LAW_OF = (
    r"\b(?i:laws?)(?:\s+(?i:and\s+\w+))?\s+(?i:of|in\s+force\s+in)\s+(?:(?i:the)\s+)?"
    r"(?:(?i:state|commonwealth|province)\s+(?i:of)\s+)?"
    r"(?P<law>[A-Z][A-Za-z'’]+(?:,?\s+(?:of\s+)?[A-Z][A-Za-z'’]+){0,3})"
)
#: Governing-law clauses, surest first; "organized under the laws of" is a domicile.
_LAWS = [
    re.compile(
        r"(?i:governed|construed|interpreted|enforced|determined|decided|in\s+accordance\s+with)"
        rf"[^.;]{{0,160}}?{_LAW_OF}"
    ),
    re.compile(rf"(?i:governing\s+law)[^.]{{0,160}}?{_LAW_OF}"),
    # (the present tense too: "The law of Scotland applies to this Agreement")
    re.compile(
        rf"{_LAW_OF}[^.;]{{0,120}}?(?i:(?:shall|will)\s+govern|shall\s+apply|governs?\s+th(?:is|e)\b|"
        r"appl(?:y|ies)\s+to\s+th(?:is|e)\b)"
    ),
    # the law first, as an adjective: "Florida law shall govern this Agreement", "German
    # law applies"
    re.compile(
        r"(?<![\w-])(?P<law>[A-Z][A-Za-z'’]+(?:\s+[A-Z][A-Za-z'’]+){0,2})\s+(?i:law)\s+"
        r"(?:(?i:shall|will)\s+(?i:govern|apply)|(?i:applies|governs)\b)"
    ),
    # "This Agreement shall be governed by Ohio law", "... is subject to Swiss law"
    re.compile(
        r"(?:(?i:governed|construed|interpreted)\s+(?i:by|under|in\s+accordance\s+with)|"
        r"(?i:is|shall\s+be)\s+(?i:subject\s+to)),?\s+"
        r"(?:(?i:the)\s+)?(?P<law>[A-Z][A-Za-z'’]+(?:\s+[A-Z][A-Za-z'’]+){0,2})\s+(?i:law)\b"
    ),
    # a heading with the place alone after its colon: "Governing Law: Utah."
    re.compile(
        r"(?i:governing\s+law)\s*:\s*(?:(?i:(?:the\s+)?(?:state|commonwealth|province)\s+of)\s+)?"
        r"(?P<law>[A-Z][A-Za-z'’]+(?:\s+[A-Z][A-Za-z'’]+){0,2})\s*(?:\.|$|\n)"
    ),
    # a table of key details with no colon: "Governing Law State of Washington" (the
    # place then must be a state or province the packs know: the row has no end)
    re.compile(
        r"(?-i:Governing\s+Law|GOVERNING\s+LAW)\s+(?:(?i:the)\s+)?(?i:state|commonwealth|province)"
        r"\s+(?i:of)\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
    ),
    # "This Agreement is subject to the laws of Sweden": the agreement as the subject (a
    # party "subject to the laws of" its seat is its domicile)
    re.compile(
        r"(?i:agreement|contract)\s+(?i:is|shall\s+be|will\s+be)\s+(?i:subject\s+to)\s+"
        rf"(?:(?i:the)\s+)?{_LAW_OF}"
    ),
]
#: Words that stand where a place would and name none ("Applicable law shall govern").
_NO_PLACE = frozenset(
    {"this", "such", "the", "any", "applicable", "governing", "federal", "local", "common"}
    # "the laws of the State specified in Item 6": a place named elsewhere
    | {"state", "commonwealth", "province", "country", "jurisdiction", "territory"}
)
#: "the laws of Ontario and the federal laws of Canada applicable in it": a
#: province's law with its country's, written "Ontario, Canada".
_AND_FEDERAL = re.compile(r",?\s+and\s+the\s+federal\s+laws\s+of\s+(?P<country>[A-Z][A-Za-z]+)")
_LAW_STOP = re.compile(
    r",?\s+(?:and|without|applicable|as|in|to|except|excluding|including|which|that|with|for|"
    r"the|its|regardless|shall|will|govern\w*|is|are|other|than|any|all|such|by|on|at|if|"
    r"notwithstanding|giving|irrespective)\b.*$",
    re.IGNORECASE,
)
_NAME = re.compile(r"[A-Z][A-Za-z'’]+(?:\s+(?:of\s+)?[A-Z][A-Za-z'’]+){0,3}")
#: "California, USA": the state is the law; the country adds nothing.
_COUNTRY_AFTER = re.compile(r",?\s+(?:USA|U\.S\.A\.?|U\.S\.|United\s+States(?:\s+of\s+America)?)$")
_FEDERAL = re.compile(
    r"^united\s+states(?:\s+of\s+america)?\s+and\s+(?:the\s+)?(?:state\s+of\s+)?", re.I
)


#: "... entered into in the State of New Jersey, and shall be construed in accordance with
#: the laws of that State": the state the clause named before.
_THAT_STATE = re.compile(
    r"(?i:governed|construed|interpreted)[^.;]{0,120}?\b(?i:laws?\s+of\s+(?:that|said|such)\s+state)\b"
)
_STATE_OF = re.compile(
    r"\b(?i:state|commonwealth)\s+(?i:of)\s+(?P<law>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)


def _region(words: str) -> str | None:
    """The longest run of ``words`` from the first that names a state or province the
    packs know ("Washington Initial Term": Washington)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        if " ".join(parts[:n]).casefold() in vocabulary().mdy_regions:
            return " ".join(parts[:n])
    return None


def find_governing_law(text: str) -> tuple[str, str] | None:
    """The governing law and the clause it was read from (whitespace collapsed)."""
    for m in _THAT_STATE.finditer(text):
        named = list(_STATE_OF.finditer(text, max(0, m.start() - 200), m.start()))
        if named:
            return named[-1].group("law"), m.group(0)
    for pattern in _LAWS:
        for m in pattern.finditer(text):
            if "region" in pattern.groupindex:
                if region := _region(m.group("region")):
                    return region, m.group(0)
                continue
            law = m.group("law")
            after = text[m.start("law") : m.start("law") + 80]
            if fed := _FEDERAL.match(after):  # "the United States and the State of Minnesota"
                name = _NAME.match(after, fed.end())
                law = name.group(0) if name else ""
            law = _COUNTRY_AFTER.sub("", _LAW_STOP.sub("", law).strip(" ,"))
            # "Newfoundland and Labrador": a place whose name holds "and" is whole
            folded = after.casefold()
            law = next(
                (p for p in vocabulary().joined_places if folded.startswith(p.casefold())), law
            )
            if law and (federal := _AND_FEDERAL.match(text, m.start("law") + len(law))):
                law = f"{law}, {federal.group('country')}"
            # a defined term ("the laws of the Domiciliary State") names no place itself
            defined = re.search(rf"[{_QUOTE}]{re.escape(law)}[{_QUOTE}]", text) if law else None
            if law and law.casefold() not in _NO_PLACE and not defined:
                # "English law" is the law of England (the packs' law_adjectives)
                return vocabulary().law_adjectives.get(law.casefold(), law), m.group(0)
    return None
