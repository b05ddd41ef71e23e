"""Contracts in the packs' other languages: parties, effective date, term, printed end,
renewal, notice period and governing law, read with the cue words of the language's
``[contract]`` table (German, French, Spanish, Italian, Dutch, Portuguese, Swedish,
Danish, Norwegian, Czech and Finnish ship; a pack with such a table adds a language).

An agreement in another language states what an English one does, in the conventions its
language drafts them in:

* the day it is made by the signatures' place and date ("Hamburg, den 15. Februar
  2021", "Fait à Paris, le 15 février 2021"), the last party's;
* the parties in the clause that opens it ("zwischen der X GmbH, Hafenstraße 4, Hamburg
  (nachfolgend „Lieferant“) und der Y AG ...", "Entre la société X SAS, dont le siège
  ... (ci-après « le Fournisseur ») et ..."): each party's entry runs to its defined term
  (or to the next "and"), and its name heads it, after the article or "la société" that
  introduces it, up to its first comma or bracket, its seat ("mit Sitz", "dont le
  siège") or its address (cut after its legal form);
* the day the agreement takes effect in the sentence that puts it in force ("tritt am
  1. März 2021 in Kraft", "entre en vigueur le 1er mars 2021");
* the term after its cue ("für eine Laufzeit von zwei Jahren", "pour une durée de deux
  ans"), the printed end after its own ("endet am", "prend fin le"), or none at all for
  an agreement made "auf unbestimmte Zeit" (``perpetual``);
* the renewal in the sentence that renews the agreement ("verlängert sich jeweils um ein
  Jahr", "renouvelé par tacite reconduction pour des périodes successives d'un an"):
  "successive" when a word of repetition is printed, by the year for "von Jahr zu Jahr",
  else one renewal;
* the notice period after its cue ("mit einer Frist von drei Monaten", "préavis de trois
  mois");
* the governing law as the place its clause names ("unterliegt deutschem Recht":
  Germany), from the table's ``law_places``.

A date, term or renewal counts only in a sentence that names the agreement (the table's
``agreement`` words) or follows one that does ("Er verlängert sich ...": its subject is
the sentence's before): "die Lieferung erfolgt bis zum ..." dates something else. The
language is the one whose ``words`` are commonest in the text; English agreements are
read by the English readers alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from intake.extractors.extraction.confusion import DIGIT_FOR, fold_pattern
from intake.extractors.extraction.fields.dates import DateOrder, find_dates
from intake.extractors.extraction.fields.terms import format_duration
from intake.extractors.extraction.parties import LEGAL_FORM
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["ContractCues", "cues_for", "read_in_language"]

_QUOTES = "\"“”„'‘’«»‹›"
#: A sentence ends after a word (not after a day's number: "am 1. März 2021").
_SENTENCE = re.compile(r"(?<=[^\W\d_]{2}[.;])\s+(?=[A-Z§(\d])")
_LEGAL_END = re.compile(rf"^.*\b(?:{LEGAL_FORM})\b\.?", re.IGNORECASE)
_NAME_STOP = re.compile(r"[,(;]|\s[-–]\s")
_FORM_AFTER_COMMA = re.compile(rf"^[^,(;\d]+,\s*(?:{LEGAL_FORM})\b\.?", re.IGNORECASE)
#: Readings below this many language words per 1000 tell no language.
MIN_SHARE = 20


def _any(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True)) or "(?!)"


def _folded(patterns: list[str]) -> str:
    """The patterns as one alternation, each folded for OCR's letter confusions (a scanned
    "duração" read as "duragao", "años" as "afios")."""
    return _any([fold_pattern(p) for p in patterns])


@dataclass(frozen=True)
class ContractCues:
    """One language's contract cues, compiled."""

    language: str
    words: re.Pattern[str]
    cue: dict[str, re.Pattern[str]]
    duration: re.Pattern[str]
    numbers: dict[str, int]
    units: tuple[str, ...]
    places: re.Pattern[str]
    #: (a number word or a law's place folded for OCR's confusions, its value)
    number_of: tuple[tuple[re.Pattern[str], int], ...]
    place_of: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, language: str, table: dict[str, Any]) -> ContractCues:
        cue = {
            key: re.compile(rf"(?<![\w]){_folded(table.get(key, []))}", re.IGNORECASE)
            for key in (
                "between", "and", "defined_as", "seat", "in_force", "ends", "term",
                "open_ended", "renews", "repeats", "yearly", "notice", "law", "represents",
            )
        }  # fmt: skip
        # (the place and date of signing unfolded: the fold would read the day's digits as
        # the letters of "lì")
        cue["signed"] = re.compile(rf"(?<![\w]){_any(table.get('signed', []))}", re.IGNORECASE)
        # the agreement's name may run into the word before it in a text layer ("Ocontrato")
        cue["agreement"] = re.compile(_folded(table.get("agreement", [])), re.IGNORECASE)
        # a party's entry ends with its defined term: "(nachfolgend „Lieferant“)"
        cue["defined"] = re.compile(
            rf"\(?\s*(?:{cue['defined_as'].pattern})[^{_QUOTES}()]{{0,40}}[{_QUOTES}]"
            rf"[^{_QUOTES}]{{1,40}}[{_QUOTES}]\s*\)?[\s,;-]*",
            re.IGNORECASE,
        )
        # an article is a word of its own, but for an elided one ("l'")
        articles = _any(table.get("articles", []))
        cue["articles"] = re.compile(rf"^(?:(?:{articles})(?:\s+|(?<=['’])))+", re.I)
        numbers = {str(k).casefold(): int(v) for k, v in table.get("numbers", {}).items()}
        units = tuple(table.get("units", {}))
        words = _folded([re.escape(w) for w in numbers])
        unit = "|".join(
            f"(?P<{u}>{fold_pattern(p)})" for u, p in table.get("units", {}).items()
        ) or "(?!)"  # fmt: skip
        duration = re.compile(
            # (a lone "|", "l" or "I" before a unit is a 1 OCR read as a letter: the fold)
            rf"(?<![\w|])(?:(?P<num>\d+|[|lI](?=\s+\w))|(?P<word>{words}))"
            # the figure's words after it, or the words' figure ("24 (ventiquattro) mesi",
            # "dos (2) años")
            r"(?:\s*\(\s*(?:(?P<paren>\d+)|[^\W\d_]+(?:[\s-][^\W\d_]+){0,2})\s*\))?"
            # one word may stand between the number and its unit ("ein weiteres Jahr")
            rf"(?:\s+[^\W\d_]{{4,14}})?\s*(?:{unit})(?![\w])",
            re.IGNORECASE,
        )
        law_places = {str(k).casefold(): str(v) for k, v in table.get("law_places", {}).items()}
        places = re.compile(
            rf"(?<![\w])(?:{_folded([re.escape(p) for p in law_places])})(?![\w])", re.I
        )
        return cls(
            language,
            re.compile(rf"(?<![\w])(?:{_any(table.get('words', []))})(?![\w])", re.I),
            cue, duration, numbers, units, places, _folded_keys(numbers), _folded_keys(law_places),
        )  # fmt: skip

    def number(self, word: str) -> int:
        """The value of a number word, as printed or as OCR read it ("trés" for "três")."""
        return next((n for key, n in self.number_of if key.fullmatch(word)), 0)

    def place(self, text: str) -> str:
        """The place a law's place or adjective names, as printed or as OCR read it."""
        return next((p for key, p in self.place_of if key.fullmatch(text)), "")

    def length(self, text: str) -> tuple[int, str, re.Match[str]] | None:
        """The first duration in ``text``: (number, unit, match)."""
        for m in self.duration.finditer(text):
            n = int((m["num"] or m["paren"] or "0").translate(DIGIT_FOR)) or self.number(m["word"])
            unit = next((u for u in self.units if m[u]), None)
            if n and unit:
                return n, unit, m
        return None


def _folded_keys(table: dict[str, Any]) -> tuple[tuple[re.Pattern[str], Any], ...]:
    """``table``'s keys as patterns that also read them as OCR misreads them, with values."""
    return tuple((re.compile(fold_pattern(re.escape(k)), re.I), v) for k, v in table.items())


@cache
def _all_cues() -> dict[str, ContractCues]:
    return {lang: ContractCues.build(lang, t) for lang, t in vocabulary().contract.items()}


def cues_for(text: str) -> ContractCues | None:
    """The cues of the language ``text`` is written in, when it is not English (or none
    is told)."""
    words = max(1, len(text.split()))
    shares = {lang: 1000 * len(c.words.findall(text)) / words for lang, c in _all_cues().items()}
    if not shares:
        return None
    best = max(shares, key=shares.__getitem__)
    if best == "en" or shares[best] < MIN_SHARE:
        return None
    return _all_cues()[best]


def _name(entry: str, cues: ContractCues) -> str | None:
    """The party named at the head of its entry in the parties' clause; a person acting
    for a company names it after the words that say so ("D. Álvaro Sendra, ..., en nombre
    y representación de CERÁMICAS DEL TURIA, S.L."): the company is the party."""
    if (agent := cues.cue["represents"].search(entry)) is not None:
        entry = entry[agent.end() :]
    entry = cues.cue["articles"].sub("", entry.strip(" ,:;-–(")).strip()
    end = len(entry)
    # (a legal form after its comma is the name's: "Cerámicas del Turia, S.L.")
    formed = _FORM_AFTER_COMMA.match(entry)
    for stop in (
        _NAME_STOP.search(entry, formed.end() if formed else 0),
        cues.cue["seat"].search(entry),
        cues.cue["defined_as"].search(entry),
        re.search(r"\s\S*\d", entry),  # an address, a register number
    ):
        if stop is not None:
            end = min(end, stop.start())
    name = entry[:end].strip(" ,:;-–")
    # a name with its legal form ends there ("Kestrel Foods GmbH Hafenstraße"), its full
    # stop kept ("S.p.A.")
    legal = _LEGAL_END.match(name)
    name = legal.group(0).strip() if legal is not None else name.rstrip(".")
    words = name.split()
    if not 1 <= len(words) <= 8 or not name[:1].isupper() or name.casefold() in cues.numbers:
        return None
    return name


#: how far after the "between" cue a colon may end the words heading the parties' list
_LIST_HEAD = 40


def _parties(text: str, cues: ContractCues) -> list[str]:
    """The parties of the clause that opens the agreement ("zwischen X ... und Y ...")."""
    head = text[:3000]
    between = cues.cue["between"].search(head)
    if between is None:
        return []
    clause = head[between.end() : between.end() + 1200]
    # a colon soon after the cue ends the words that head the list of parties ("Entre les
    # soussignés :", "Tra i sottoscritti:"): the first party's entry begins after it
    if (colon := clause.find(":", 0, _LIST_HEAD)) >= 0 and not re.search(r"\d", clause[:colon]):
        clause = clause[colon + 1 :]
    # each party's entry ends with its defined term; without one, the parties are joined
    # by "and"
    entries: list[str] = []
    terms: list[str] = []  # the defined terms given so far ("Lieferant", "Besteller")
    rest = clause
    while len(entries) < 4 and (m := cues.cue["defined"].search(rest)) is not None:
        entry = rest[: m.start()]
        # the parties' terms together name them all: "Lieferant und Besteller gemeinsam
        # „Vertragsparteien“" defines no party of its own
        if any(entry.strip(" –-,").startswith(term) for term in terms):
            break
        entries.append(entry)
        terms += re.findall(rf"[{_QUOTES}]([^{_QUOTES}]{{1,40}})[{_QUOTES}]", m.group(0))
        rest = rest[m.end() :]
        # (a word may close the defined term: "- nachfolgend „Lieferant“ genannt - und")
        joined = cues.cue["and"].search(rest, 0, 25)
        if joined is None:
            break
        rest = rest[joined.end() :]
    if not entries:
        joined = cues.cue["and"].search(clause, 0, 300)
        if joined is None:
            return []
        entries = [clause[: joined.start()], clause[joined.end() :]]
    names = [n for e in entries if (n := _name(e, cues))]
    return names if len(names) >= 2 else []


def _about_agreement(sentence: str, cues: ContractCues) -> bool:
    return cues.cue["agreement"].search(sentence) is not None


def _date_in(sentence: str, cue: re.Match[str], order: DateOrder) -> dt.date | None:
    """The date nearest the cue in its sentence (before it in "tritt am ... in Kraft")."""
    dates = [
        (min(abs(b - cue.end()), abs(e - cue.start())), d)
        for b, e, d in find_dates(sentence, order)
    ]
    near = [d for gap, d in sorted(dates, key=lambda x: x[0]) if gap <= 40]
    return near[0] if near else None


def read_in_language(text: str, order: DateOrder, cues: ContractCues) -> dict[str, tuple[Any, str]]:
    """What the agreement ``text`` in the language of ``cues`` states: field -> (value,
    the sentence it was read from)."""
    found: dict[str, tuple[Any, str]] = {}
    if parties := _parties(text, cues):
        found["parties"] = parties, text[:300]
    # the agreement is made when the last party signs ("Hamburg, den 15. Februar 2021")
    signed = [
        (date, m.group(0))
        for m in cues.cue["signed"].finditer(text)
        for start, _end, date in find_dates(text[m.end() : m.end() + 40], order)
        if start <= 3
    ]
    if signed:
        found["agreement_date"] = max(signed)
    previous = ""
    for sentence in _SENTENCE.split(text):
        # a sentence names the agreement, or follows one that does ("Er verlängert sich")
        about, previous = _about_agreement(previous + sentence, cues), sentence
        if "governing_law" not in found and (law := _law(sentence, cues)):
            found["governing_law"] = law, sentence
        if not about:
            continue
        for key in ("in_force", "ends"):
            field = "effective_date" if key == "in_force" else "expiration_date"
            if field not in found and (m := cues.cue[key].search(sentence)):
                if (date := _date_in(sentence, m, order)) is not None:
                    found[field] = date, sentence
        if "term" not in found and (length := _after(cues, "term", sentence)):
            found["term"] = length, sentence
        if "open_ended" not in found and (m := cues.cue["open_ended"].search(sentence)):
            found["open_ended"] = "perpetual", sentence
        if "renewal_term" not in found and (m := cues.cue["renews"].search(sentence)):
            if renewal := _renewal(sentence, m, cues):
                found["renewal_term"] = renewal, sentence
        if "notice_period" not in found and (length := _after(cues, "notice", sentence)):
            found["notice_period"] = length, sentence
    return found


def _law(sentence: str, cues: ContractCues) -> str | None:
    """The place whose law a governing-law sentence names, before or after its cue
    ("unterliegt deutschem Recht", "is Nederlands recht van toepassing")."""
    for law in cues.cue["law"].finditer(sentence):
        around = sentence[max(0, law.start() - 80) : law.end() + 80]
        if place := cues.places.search(around):
            return cues.place(place.group(0)) or None
    return None


def _after(cues: ContractCues, key: str, sentence: str) -> str | None:
    """The duration right after a cue of ``key`` in ``sentence`` ("Laufzeit von zwei
    Jahren"), formatted."""
    for m in cues.cue[key].finditer(sentence):
        length = cues.length(sentence[m.end() : m.end() + 40])
        if length is not None and length[2].start() < 12:
            return format_duration(length[0], length[1])
    return None


def _renewal(sentence: str, verb: re.Match[str], cues: ContractCues) -> str | None:
    """The renewal a renewing sentence states: "successive 1 year" for renewals that
    repeat, "1 year" for one. The period to give notice in is not its length."""
    if cues.cue["yearly"].search(sentence):
        return "successive 1 year"
    notices = [m.end() for m in cues.cue["notice"].finditer(sentence)]
    for m in cues.duration.finditer(sentence, verb.start()):
        if any(0 <= m.start() - end < 15 for end in notices):
            continue  # "mit einer Frist von drei Monaten": the notice
        length = cues.length(m.group(0))
        if length is None:
            continue
        kind = "successive " if cues.cue["repeats"].search(sentence) else ""
        return f"{kind}{length[0]} {length[1]}"
    return None
