"""The catalog as matching sees it: exact look-ups by code and by name, and fuzzy
comparison of a line's description with every product name and alias.

A line is matched in this order, the first hit winning:

1. its code (the code column) equal to a SKU or alias, as a code (:func:`code_key`), or
   starting with one where a word of the description was read into the code;
2. a SKU or code-like alias written inside its description (``AT-100 Cordless drill``);
3. its whole description equal to a product name or alias (:func:`alias_key`);
4. the product whose name or alias its description resembles most (rapidfuzz), scored
   from 0 to 1. Numbers are telling: a name whose numbers (sizes, voltages, pack counts)
   the description contradicts scores low, and when two products score within
   :data:`MARGIN` of each other neither is taken (the line goes to review instead).

An exact hit on two products at once is no hit: the fuzzy step decides between them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from intake.keys import alias_key, code_key, looks_like_code, text_key

__all__ = ["MARGIN", "CatalogIndex", "Candidate", "Hit", "fuzzy_text", "resemblance"]

#: How far the best fuzzy candidate must lead the next product to be taken.
MARGIN = 0.04
#: How many names rapidfuzz hands over for scoring, and how alike (0..100) a misspelt
#: word must be to its right spelling to count.
PREFILTER = 20
TYPO = 75
#: What a name scores less when the description has another word where one of its is.
SUBSTITUTION = 0.9
#: Abbreviations vendors use for the same word, folded before fuzzy comparison.
SYNONYMS = {
    "pieces": "pcs",
    "piece": "pcs",
    "pce": "pcs",
    "pc": "pcs",
    "stk": "pcs",
    "stück": "pcs",
    "st": "pcs",
    "pack": "pk",
    "packs": "pk",
    "packet": "pk",
    "pkt": "pk",
    "pkg": "pk",
    "bx": "box",
    "boxes": "box",
    "bxs": "box",
    "pair": "pr",
    "pairs": "pr",
    "metre": "m",
    "meter": "m",
    "metres": "m",
    "meters": "m",
    "litre": "l",
    "liter": "l",
    "w": "with",
    "incl": "with",
    "including": "with",
    "and": "",
    "the": "",
    "for": "",
    "of": "",
}
_SPLIT_DIGITS = re.compile(r"(?<=\d)(?=[^\d\s.,])|(?<=[^\d\s.,])(?=\d)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def fuzzy_text(text: str) -> str:
    """A name prepared for fuzzy comparison: the alias key, digits split from letters
    (``18V`` -> ``18 v``), abbreviations and plurals folded."""
    s = _SPLIT_DIGITS.sub(" ", alias_key(text))
    words = (_singular(SYNONYMS.get(w, w)) for w in s.split())
    return " ".join(w for w in words if w)


def _singular(word: str) -> str:
    """``bits`` -> ``bit``, ``screws`` -> ``screw`` (both sides alike, so no harm done to
    ``glass``)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and word.isalpha() else word


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.lstrip("0") or "0" for n in _NUMBER.findall(text))


@dataclass(frozen=True)
class Candidate:
    product_id: int
    score: float
    name: str  # the name or alias that scored


@dataclass(frozen=True)
class Hit:
    """The outcome of matching one line: a product (or none), how, and how sure."""

    product_id: int | None
    method: str | None  # "sku", "alias", "name", "fuzzy"; None: no product found
    score: float | None
    candidates: tuple[Candidate, ...] = ()
    evidence: str = ""


@dataclass
class CatalogIndex:
    """Products and aliases keyed for matching; build it with :meth:`build`."""

    skus: dict[int, str] = field(default_factory=dict)
    by_code: dict[str, set[tuple[int, str]]] = field(default_factory=lambda: defaultdict(set))
    by_name: dict[str, set[tuple[int, str]]] = field(default_factory=lambda: defaultdict(set))
    texts: list[str] = field(default_factory=list)  # fuzzy texts of names and aliases
    owners: list[int] = field(default_factory=list)  # product of each text
    labels: list[str] = field(default_factory=list)  # the name or alias as written
    max_code_words: int = 1

    @classmethod
    def build(
        cls,
        products: Iterable[tuple[int, str, str]],
        aliases: Iterable[tuple[int, str]],
    ) -> CatalogIndex:
        """``products``: (id, sku, name); ``aliases``: (product id, alias)."""
        index = cls()
        for pid, sku, name in products:
            index.skus[pid] = sku
            index._add_code(pid, sku, "sku")
            index._add_name(pid, name, "name")
        for pid, alias in aliases:
            index._add_code(pid, alias, "alias")
            index._add_name(pid, alias, "alias")
        return index

    def _add_code(self, pid: int, code: str, how: str) -> None:
        key = code_key(code)
        if key:
            self.by_code[key].add((pid, how))
            self.max_code_words = max(self.max_code_words, len(alias_key(code).split()))

    def _add_name(self, pid: int, name: str, how: str) -> None:
        key = alias_key(name)
        if not key:
            return
        self.by_name[key].add((pid, how))
        if any(c.isalpha() for c in key):  # a bare code is no name to resemble
            self.texts.append(fuzzy_text(name))
            self.owners.append(pid)
            self.labels.append(name)

    def __len__(self) -> int:
        return len(self.skus)

    # --- exact -----------------------------------------------------------------------

    @staticmethod
    def _single(hits: set[tuple[int, str]]) -> tuple[int, str] | None:
        products = {pid for pid, _ in hits}
        if len(products) != 1:
            return None
        pid = products.pop()
        how = "sku" if (pid, "sku") in hits else min(h for p, h in hits if p == pid)
        return pid, how

    def by_code_column(self, code: str | None) -> tuple[int, str] | None | set[int]:
        """The product whose SKU or alias is ``code``; a set of ids when several are."""
        if not code or not (key := code_key(code)):
            return None
        hits = self.by_code.get(key) or self.by_code.get(self._glued_code(key), set())
        if not hits:
            return None
        return self._single(hits) or {pid for pid, _ in hits}

    def _glued_code(self, key: str) -> str:
        """The known code ``key`` starts with when the description's first word was read
        into the code cell (``BRP-5088-CH`` + ``750 ml`` -> ``brp5088ch750``): the
        longest code-like prefix that ends where letters turn to digits or back."""
        for end in range(len(key) - 1, 3, -1):
            head = key[:end]
            if key[end - 1].isdigit() != key[end].isdigit() and head in self.by_code:
                return head if looks_like_code(head) else ""
        return ""

    def codes_in_text(self, text: str) -> tuple[dict[int, str], str]:
        """Products whose SKU or code-like alias is written in ``text`` (as whole words,
        spaces inside the code allowed), with how; and the text that was taken for it."""
        words = text_key(text).split()
        found: dict[int, str] = {}
        evidence = ""
        for n in range(min(self.max_code_words, 4), 0, -1):
            for i in range(len(words) - n + 1):
                key = "".join(words[i : i + n])
                if not looks_like_code(key) or key not in self.by_code:
                    continue
                for pid, how in self.by_code[key]:
                    if pid not in found or how == "sku":
                        found[pid] = how
                evidence = evidence or " ".join(words[i : i + n])
        return found, evidence

    def by_full_name(self, description: str) -> tuple[int, str] | None | set[int]:
        key = alias_key(description)
        hits = self.by_name.get(key) if key else None
        if not hits:
            return None
        return self._single(hits) or {pid for pid, _ in hits}

    # --- fuzzy -----------------------------------------------------------------------

    def fuzzy(self, description: str, among: set[int] | None = None) -> list[Candidate]:
        """Products by how much their names resemble ``description``, best first (one
        candidate per product). rapidfuzz picks the likely names quickly; each is then
        scored by :func:`resemblance`."""
        query = fuzzy_text(description)
        if not query or not self.texts:
            return []
        if among is not None:
            pool = [i for i, pid in enumerate(self.owners) if pid in among]
        else:
            rows = process.extract(
                query, self.texts, scorer=fuzz.token_set_ratio, processor=None, limit=PREFILTER
            )
            pool = [i for _, raw, i in rows if raw >= 40]
        best: dict[int, Candidate] = {}
        for i in pool:
            pid = self.owners[i]
            score = resemblance(query, self.texts[i])
            if pid not in best or score > best[pid].score:
                best[pid] = Candidate(pid, round(score, 4), self.labels[i])
        return sorted(best.values(), key=lambda c: (-c.score, c.product_id))

    # --- all steps -------------------------------------------------------------------

    def match(self, code: str | None, description: str, threshold: float) -> Hit:
        """Match one line (see the module docstring)."""
        among: set[int] | None = None
        by_code = self.by_code_column(code)
        if isinstance(by_code, tuple):
            return Hit(by_code[0], by_code[1], 1.0, evidence=code or "")
        if isinstance(by_code, set):
            among = by_code
        in_text, evidence = self.codes_in_text(description)
        if len(in_text) == 1 and among is None:
            ((pid, how),) = in_text.items()
            return Hit(pid, how, 1.0, evidence=evidence)
        if len(in_text) > 1:
            among = (among or set(in_text)) & set(in_text) or set(in_text)
        by_name = self.by_full_name(description)
        if isinstance(by_name, tuple) and (among is None or by_name[0] in among):
            method = "name" if by_name[1] == "name" else "alias"
            return Hit(by_name[0], method, 1.0, evidence=description)
        if isinstance(by_name, set):
            among = (among & by_name) if among else by_name
        candidates = tuple(self.fuzzy(description, among)[:3])
        if not candidates:
            return Hit(None, None, None)
        top = candidates[0]
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        if top.score >= threshold and top.score - runner_up >= MARGIN:
            return Hit(top.product_id, "fuzzy", top.score, candidates, top.name)
        return Hit(None, None, top.score, candidates)


def _token_match(token: str, others: list[str]) -> float:
    """How well ``token`` is found among ``others``: 1 when it is there; for a word of
    four letters or more, its closest spelling (a typo costs a little); numbers and
    short words only as they are."""
    if token in others:
        return 1.0
    if len(token) < 4 or any(c.isdigit() for c in token):
        return 0.0
    best = max((fuzz.ratio(token, o) for o in others if len(o) >= 4), default=0.0)
    return best / 100 if best >= TYPO else 0.0


def resemblance(query: str, name: str) -> float:
    """How much a line's description (``query``) names a product (``name``), both
    prepared by :func:`fuzzy_text`, from 0 to 1: mostly how many of the name's words the
    description has (vendors add brands and packaging words), partly how many of the
    description's words the name explains, and the numbers must agree
    (:func:`_number_factor`)."""
    q, n = query.split(), name.split()
    if not q or not n:
        return 0.0
    found = [_token_match(t, q) for t in n]
    covered = sum(found) / len(n)
    explained = sum(1 for t in q if _token_match(t, n) > 0) / len(q)
    order = fuzz.token_sort_ratio(query, name) / 100
    score = 0.65 * covered + 0.2 * explained + 0.15 * order
    if explained < 1 and min(found) == 0:
        # A word of the name missing and another word in its place (``white`` for
        # ``yellow``, ``size L`` for ``size M``): another variant more likely than a typo.
        score *= SUBSTITUTION
    return score * _number_factor(_numbers(query), _numbers(name))


def _number_factor(wanted: frozenset[str], offered: frozenset[str]) -> float:
    """Sizes, voltages and pack counts must agree: a product whose numbers the line
    contradicts is unlikely, one whose numbers the line does not mention is uncertain."""
    if not offered:
        return 1.0
    if offered <= wanted:
        return 1.0
    if not wanted:
        return 0.9
    if offered & wanted:
        return 0.85
    return 0.6
