"""The words documents are read by, as data: label words per field, document titles, the
labels that tell a type apart, legal forms, currency words, month names, street words and
the words that say which language (and so which date order) a document is written in.

They live in TOML packs in ``packs/``: ``core.toml`` (language-neutral), one pack per
language (``en``, ``de``, ``fr``, ``es``, ``it``, ``nl``, ``pt``, ``sv``, ``da``, ``nb``,
``cs``, ``fi``, ``pl``, ``ms``) and optional genre packs (``broadcast``, ``receipts``;
which ones load is ``INTAKE_VOCAB_GENRES``; which languages, ``INTAKE_VOCAB_LANGUAGES``,
every one by default). Users add packs of their own (a language, a trade's words) as
``*.toml`` files in ``INTAKE_VOCAB_DIR``; every pack's entries are added to the shipped
ones. Everything is read once, at first use. The README says how to add a language.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from intake.extractors.extraction.confusion import fold_pattern

__all__ = ["Vocabulary", "load", "longest_first", "vocabulary"]

log = logging.getLogger(__name__)

#: ISO 4217 codes a "{CUR}" placeholder accepts besides the packs' currency words.
_CODES = "eur|usd|gbp|chf|jpy|cny|inr|cad|aud|nzd|sek|nok|dkk|pln|czk|myr|rm|sgd|hkd"

Entries = list[tuple[str, float]]


@dataclass
class Vocabulary:
    """Every loaded pack's entries, merged (shipped packs first, then the user's)."""

    packs: list[str] = field(default_factory=list)
    number_words: list[str] = field(default_factory=list)
    labels: dict[str, Entries] = field(default_factory=dict)
    titles: dict[str, Entries] = field(default_factory=dict)
    telling: dict[str, Entries] = field(default_factory=dict)
    #: (pattern, ISO country or "")
    legal_forms: list[tuple[str, str]] = field(default_factory=list)
    #: words that end a company's name without being a legal form ("Group", "Trading")
    company_words: list[str] = field(default_factory=list)
    #: words that join two parts of a company's name ("&", "and", "und"): a name line
    #: ending in one goes on on the next line
    name_joiners: list[str] = field(default_factory=list)
    #: words before a company's name that sign for it ("For", "For and on behalf of"):
    #: the signatory's line names the company, they are no part of its name
    signing_for: list[str] = field(default_factory=list)
    #: a form of address before a firm's name, never part of it ("M/s.", "Messrs.",
    #: "Spett.le")
    firm_address: list[str] = field(default_factory=list)
    #: (pattern, ISO 4217 code)
    currency_words: list[tuple[str, str]] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)
    #: a day of the month written as an ordinal word ("first", "twenty-first") -> its number
    day_ordinals: dict[str, int] = field(default_factory=dict)
    #: line-item column role ("amount", "quantity", ...; "table_end") -> header patterns
    columns: dict[str, list[str]] = field(default_factory=dict)
    street_words: list[str] = field(default_factory=list)
    #: words that label a document's details rather than name anyone (contact labels,
    #: page, date, totals, table headings): a line holding one is no company's name
    detail_words: list[str] = field(default_factory=list)
    #: the labels of a sender's contact details (telephone, e-mail, bank account)
    contact_words: list[str] = field(default_factory=list)
    #: the names of a tax a VAT id is labelled with ("VAT", "TVA", "USt"): the line with
    #: the addressee's VAT id may close its block
    tax_words: list[str] = field(default_factory=list)
    #: other words that end a party's address block (registration and tax numbers, the
    #: document's own details); contact and tax words end it too
    address_stops: list[str] = field(default_factory=list)
    #: date order ("dmy"/"mdy") -> words that say a document is in a language written so
    language_words: dict[str, list[str]] = field(default_factory=dict)
    mdy_countries: set[str] = field(default_factory=set)
    #: (pattern, ISO country): tax numbers of countries outside the VAT area ("ABN ...")
    tax_ids: list[tuple[str, str]] = field(default_factory=list)
    #: ISO country -> the ISO 4217 code of the currency it pays in
    country_currencies: dict[str, str] = field(default_factory=dict)
    #: how a quote says how long it holds: "before" / "after" its period, the words
    #: "between", and the period's units "day", "week", "month" -> patterns
    validity: dict[str, list[str]] = field(default_factory=dict)
    #: clause ("term", "renewal") -> patterns of the headings of a contract's sections on it
    clause_headings: dict[str, list[str]] = field(default_factory=dict)
    mdy_currencies: set[str] = field(default_factory=set)
    #: states and provinces whose documents write numeric dates month first (casefolded)
    mdy_regions: set[str] = field(default_factory=set)
    #: patterns (matched with case) of postal addresses in countries that write dates
    #: month first ("IL 62704")
    mdy_addresses: list[str] = field(default_factory=list)
    #: (pattern, ISO country): postal addresses that name their country ("IL 62704": US)
    postal_addresses: list[tuple[str, str]] = field(default_factory=list)
    #: a law named by its adjective ("English law", casefolded) -> the place it is of
    law_adjectives: dict[str, str] = field(default_factory=dict)
    #: places whose name holds "and" ("Newfoundland and Labrador"): a law's place is not
    #: cut at their "and"
    joined_places: list[str] = field(default_factory=list)
    #: tesseract model ("deu") -> the words that say a text is in its language (the
    #: packs' ``language_words`` and their contracts' function ``words``)
    ocr_models: dict[str, list[str]] = field(default_factory=dict)
    #: language -> the cue words of its contracts' clauses (``[contract]``: lists of
    #: patterns, and the tables ``numbers``, ``units`` and ``law_places``)
    contract: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, name: str, data: dict[str, Any]) -> None:
        """Merge one pack (a parsed TOML file) into this vocabulary."""
        self.packs.append(name)
        pack = data.get("pack", {})
        data = {**pack, **data}  # the lists may stand under [pack] or before it
        self.number_words += data.get("number_words", [])
        for table in ("labels", "titles", "telling"):
            mine: dict[str, Entries] = getattr(self, table)
            for key, entries in data.get(table, {}).items():
                mine.setdefault(key, []).extend((str(p), float(w)) for p, w in entries)
        self.legal_forms += [(str(p), str(c)) for p, c in data.get("legal_forms", [])]
        self.currency_words += [(str(p), str(c)) for p, c in data.get("currency_words", [])]
        self.tax_ids += [(str(p), str(c)) for p, c in data.get("tax_ids", [])]
        for number, names in data.get("months", {}).items():
            for month in names:
                self.months[str(month).casefold()] = int(number)
        for number, words in data.get("day_ordinals", {}).items():
            for word in words:
                self.day_ordinals[str(word).casefold()] = int(number)
        self.street_words += data.get("street_words", [])
        self.detail_words += data.get("detail_words", [])
        self.contact_words += data.get("contact_words", [])
        self.tax_words += data.get("tax_words", [])
        self.address_stops += data.get("address_stops", [])
        for role, patterns in data.get("columns", {}).items():
            self.columns.setdefault(role, []).extend(str(p) for p in patterns)
        self.company_words += data.get("company_words", [])
        self.name_joiners += data.get("name_joiners", [])
        self.signing_for += data.get("signing_for", [])
        self.firm_address += data.get("firm_address", [])
        for key, patterns in data.get("validity", {}).items():
            self.validity.setdefault(key, []).extend(str(p) for p in patterns)
        for clause, patterns in data.get("clause_headings", {}).items():
            self.clause_headings.setdefault(clause, []).extend(str(p) for p in patterns)
        if model := pack.get("ocr_model"):
            words = [*data.get("language_words", []), *data.get("contract", {}).get("words", [])]
            self.ocr_models.setdefault(str(model), []).extend(str(w) for w in words)
        order = pack.get("date_order")
        if order in ("dmy", "mdy"):
            self.language_words.setdefault(order, []).extend(data.get("language_words", []))
        self.language_words.setdefault("dmy", []).extend(data.get("dmy_words", []))
        self.mdy_countries.update(data.get("mdy_countries", []))
        for country, code in data.get("country_currencies", {}).items():
            self.country_currencies[str(country).upper()] = str(code).upper()
        self.mdy_currencies.update(data.get("mdy_currencies", []))
        self.mdy_regions.update(str(r).casefold() for r in data.get("mdy_regions", []))
        self.mdy_addresses += [str(p) for p in data.get("mdy_addresses", [])]
        self.postal_addresses += [(str(p), str(c)) for p, c in data.get("postal_addresses", [])]
        for adjective, place in data.get("law_adjectives", {}).items():
            self.law_adjectives[str(adjective).casefold()] = str(place)
        self.joined_places += [str(p) for p in data.get("joined_places", [])]
        # a user's pack of the same language extends the shipped one's cues
        cues: dict[str, Any] = self.contract.setdefault(str(pack.get("name", name)), {})
        for key, value in data.get("contract", {}).items():
            if isinstance(value, dict):
                cues.setdefault(key, {}).update(value)
            else:
                cues.setdefault(key, []).extend(str(p) for p in value)
        if not cues:
            del self.contract[str(pack.get("name", name))]

    # --- what the extractors use ----------------------------------------------------------

    def expand(self, pattern: str) -> str:
        """A pack's pattern with its placeholders filled in."""
        return pattern.replace("{NO}", self.number_pattern).replace("{CUR}", self.currency_pattern)

    @property
    def number_pattern(self) -> str:
        return "(?:" + "|".join(longest_first(self.number_words)) + ")"

    @property
    def currency_pattern(self) -> str:
        words = [p for p, _ in self.currency_words]
        return "(?:" + "|".join([_CODES, *words]) + ")"

    def table(self, name: str) -> dict[str, Entries]:
        """``labels``, ``titles`` or ``telling`` with placeholders filled in."""
        source: dict[str, Entries] = getattr(self, name)
        return {k: [(self.expand(p), w) for p, w in v] for k, v in source.items()}

    @property
    def legal_form_pattern(self) -> str:
        """Every legal form as one alternation (no anchors, no flags)."""
        return "(?:" + "|".join(longest_first(p for p, _ in self.legal_forms)) + ")"

    @property
    def name_end_pattern(self) -> str:
        """What ends a company's name: a legal form or a company word."""
        ends = [p for p, _ in self.legal_forms] + self.company_words
        return "(?:" + "|".join(longest_first(ends)) + ")"

    def legal_form_words(self) -> list[str]:
        """The legal forms written as one plain word ("gmbh", "sarl"), as a name reads
        with its punctuation removed."""
        return [p for p, _ in self.legal_forms if re.fullmatch(r"[a-z]+", p)]

    def legal_form_countries(self) -> list[tuple[re.Pattern[str], str]]:
        """(pattern, country) for the legal forms that name a country, each matched after
        a capitalised word (a name); two-letter forms ("KG", "BV") are left out, as they
        are also units and words ("5 kg")."""
        return [
            (re.compile(rf"(?-i:[A-Z])[\w&'.\-]*,?\s+{fold_pattern(p)}\.?(?![\w])", re.I), c)
            for p, c in self.legal_forms
            if c and len(re.sub(r"[^a-z]", "", p)) >= 3
        ]

    @property
    def month_pattern(self) -> str:
        return "|".join(longest_first(re.escape(m) for m in self.months))

    @property
    def day_ordinal_pattern(self) -> str:
        """Every day ordinal word (hyphen or space between "twenty" and "first")."""
        words = (re.escape(w).replace(r"\-", r"[\s-]") for w in self.day_ordinals)
        return "|".join(longest_first(words)) or "(?!)"

    def day_of(self, word: str) -> int:
        """The day an ordinal word names ("twenty first" as "twenty-first")."""
        return self.day_ordinals[re.sub(r"[\s-]+", "-", word.casefold())]

    @property
    def street_pattern(self) -> str:
        return "(?:" + "|".join(longest_first(self.street_words)) + ")"

    def words(self, *keys: str) -> str:
        """The patterns of these lists (``contact_words``, ``tax_words`` ...) as one
        alternation, never empty ("(?!)" where they hold none)."""
        patterns: list[str] = [p for key in keys for p in getattr(self, key)]
        return "(?:" + ("|".join(longest_first(patterns)) or "(?!)") + ")"

    def column_words(self, role: str) -> str:
        """The header words of one ``[columns]`` role ("page", "totals_tax" ...) as one
        alternation, never empty ("(?!)" where no pack gives any)."""
        return "(?:" + ("|".join(longest_first(self.columns.get(role, []))) or "(?!)") + ")"

    def _title_words(self) -> list[str]:
        return [
            p
            for kind in ("invoice", "purchase_order", "order_confirmation", "estimate")
            for p, w in self.table("titles").get(kind, [])
            if w >= 1.0
        ]

    @property
    def title_pattern(self) -> str:
        """A full-weight title of an invoice, order, order confirmation or quote ("Tax
        Invoice", "Angebot")."""
        return "(?:" + "|".join(longest_first(self._title_words())) + ")"

    @property
    def detail_pattern(self) -> str:
        """A detail word, a street word or a title of an invoice, order or quote: what a
        line naming a company does not hold."""
        words = [*self.detail_words, *self.street_words, *self._title_words()]
        return "(?:" + "|".join(longest_first(words)) + ")"

    @property
    def details_and_titles_pattern(self) -> str:
        """A detail word or a title of an invoice, order or quote (no street word: a
        company's name may hold one, "Maple Street Landscaping LLC")."""
        words = [*self.detail_words, *self._title_words()]
        return "(?:" + "|".join(longest_first(words)) + ")"


def longest_first(patterns: Iterable[str]) -> list[str]:
    """``patterns`` without repeats, longest first (so an alternation tries "nr." before "n")."""
    seen: dict[str, None] = dict.fromkeys(patterns)
    return sorted(seen, key=len, reverse=True)


def _shipped() -> list[tuple[str, str]]:
    folder = resources.files(__package__).joinpath("packs")
    files = sorted(
        (f.name, f.read_text(encoding="utf-8"))
        for f in folder.iterdir()
        if f.name.endswith(".toml")
    )
    return sorted(files, key=lambda f: f[0] != "core.toml")


def load(
    extra_dir: Path | None = None,
    genres: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
) -> Vocabulary:
    """The shipped packs (genre packs only those named in ``genres``, language packs only
    those in ``languages``; all when None), then every ``*.toml`` of ``extra_dir``. A pack
    that does not parse is skipped with a warning: a user's typo never stops the service."""
    wanted = None if genres is None else set(genres)
    spoken = None if languages is None else set(languages)
    vocab = Vocabulary()
    sources = [(name, text, True) for name, text in _shipped()]
    if extra_dir is not None and extra_dir.is_dir():
        for path in sorted(extra_dir.glob("*.toml")):
            try:
                sources.append((str(path), path.read_text(encoding="utf-8"), False))
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("vocabulary pack %s not read: %s", path, exc)
    for name, text, shipped in sources:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            log.warning("vocabulary pack %s skipped: %s", name, exc)
            continue
        pack = data.get("pack", {})
        if shipped and pack.get("kind") == "genre" and wanted is not None:
            if pack.get("name") not in wanted:
                continue
        if shipped and pack.get("kind") == "language" and spoken is not None:
            if pack.get("name") not in spoken:
                continue
        try:
            _check(data)
        except (re.error, TypeError, ValueError) as exc:
            log.warning("vocabulary pack %s skipped: %s", name, exc)
            continue
        vocab.add(str(pack.get("name", name)), data)
    return vocab


def _check(data: dict[str, Any]) -> None:
    """Raise unless every pattern of a pack compiles and every weight is a number."""
    data = {**data.get("pack", {}), **data}
    for table in ("labels", "titles", "telling"):
        for entries in data.get(table, {}).values():
            for pattern, weight in entries:
                re.compile(str(pattern).replace("{NO}", "no").replace("{CUR}", "eur"))
                float(weight)
    for key in (
        "number_words",
        "street_words",
        "detail_words",
        "contact_words",
        "tax_words",
        "address_stops",
        "company_words",
        "dmy_words",
        "name_joiners",
        "signing_for",
        "firm_address",
        "mdy_addresses",
    ):
        for pattern in data.get(key, []):
            re.compile(pattern)
    for key in ("legal_forms", "currency_words", "tax_ids", "postal_addresses"):
        for pattern, _ in data.get(key, []):
            re.compile(pattern)
    tables = ("columns", "clause_headings", "validity")
    for patterns in [p for t in tables for p in data.get(t, {}).values()]:
        for pattern in patterns:
            re.compile(pattern)
    for key, value in data.get("contract", {}).items():
        if key == "numbers":
            for number in value.values():
                int(number)
        elif key == "units":
            for pattern in value.values():
                re.compile(pattern)
        elif not isinstance(value, dict):
            for pattern in value:
                re.compile(pattern)
    for number in data.get("months", {}):
        if not 1 <= int(number) <= 12:
            raise ValueError(f"month {number}")
    for number in data.get("day_ordinals", {}):
        if not 1 <= int(number) <= 31:
            raise ValueError(f"day {number}")


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary of this process: the settings' ``vocab_dir``, ``vocab_genres`` and
    ``vocab_languages``."""
    from intake.settings import Settings

    settings = Settings()
    genres = [g.strip() for g in settings.vocab_genres.split(",") if g.strip()]
    languages = [g.strip().lower() for g in settings.vocab_languages.split(",") if g.strip()]
    return load(settings.vocab_dir, genres, languages or None)
