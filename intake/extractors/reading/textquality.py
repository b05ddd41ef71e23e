"""Is this text made of words? A language-neutral measure for text layers and OCR output.

A PDF whose fonts have broken character maps shows the right glyphs but yields text like
``#n%o&c@ 9o) 4$&!`` or control characters; OCR of a page read sideways yields ``Il1|``
fragments. Both are caught by asking of each token whether it is shaped like a word, a
number, an amount, a date or a code, and weighting the answer by its length. No word
list is needed, so the measure works for every language that uses spaces between words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["is_plausible", "plausible_share"]

_EDGE = "\"'`.,;:!?()[]{}<>«»“”„‘’‚*_|~^"
#: Characters that occur inside real tokens besides letters and digits.
_INNER = set("-/.,'’&@:_()")
_SEPARATORS = r"[-/.,'’&@:_()]"
_CAMEL = re.compile(r"^(?:[a-z]+|[A-Z][a-z]+)(?:[A-Z][a-z]+)+$")  # getLineTotal, PayPal
_LINK = re.compile(r"^(?:[a-z]+://|www\.)|^[\w.+-]+@[\w-]+\.[\w.]+$", re.IGNORECASE)
_VOWELS = set("aeiouy")
_NUMBER = re.compile(r"^[-+(]?[$€£¥]?\d[\d.,:/'’\- ]*[%)]?$")
#: The longest run of consonants accepted in a word (German compounds reach 7: "ngstschw").
MAX_CONSONANTS = 7
#: ... and in a word in capitals, where acronyms reach 5 ("HTTPS") but garbage goes on.
MAX_CONSONANTS_CAPS = 5


def _base(ch: str) -> str:
    """The letter without its accents, lower-cased: "É" -> "e"."""
    return unicodedata.normalize("NFKD", ch)[0].lower()


def _bad_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return ch == "\ufffd" or (cat in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r")


def _plausible_word(word: str) -> bool:
    letters = [_base(ch) for ch in word]
    if not all("a" <= ch <= "z" for ch in letters):
        return True  # another script: not judged by Latin vowels
    vowels = sum(ch in _VOWELS for ch in letters)
    if len(letters) >= 5 and vowels == 0:
        return False
    if len(letters) >= 6 and not 0.12 <= vowels / len(letters) <= 0.8:
        return False
    run = longest = 0
    for ch in letters:
        run = 0 if ch in _VOWELS else run + 1
        longest = max(longest, run)
    if longest > (MAX_CONSONANTS_CAPS if word.isupper() else MAX_CONSONANTS):
        return False
    # case: lower, Capitalised, UPPER or one hump (McDonald, GmbH); not rAnDoM or abcDEFG
    humps = sum(1 for a, b in zip(word, word[1:], strict=False) if a.islower() and b.isupper())
    return humps == 0 or (humps == 1 and sum(ch.isupper() for ch in word) <= 3)


def is_plausible(token: str) -> bool | None:
    """Whether ``token`` looks like a word, number, amount, date or code; None when it is
    too short to tell (a single character, or punctuation alone)."""
    if any(_bad_char(ch) for ch in token):
        return False
    core = token.strip(_EDGE)
    if len(core) < 2:
        return None
    if _NUMBER.match(core):
        return True
    if any(not (ch.isalnum() or ch in _INNER) for ch in core):
        return False
    if _LINK.match(core) or _CAMEL.match(core):
        return True
    if re.search(rf"({_SEPARATORS})(?!\1){_SEPARATORS}", core):
        return False  # two different separators in a row: "q.-2", "a/-b"; not "---"
    groups = [g for g in re.split(_SEPARATORS, core) if g]
    if not groups:
        return None
    switches = 0
    for group in groups:
        kinds = ["d" if ch.isdigit() else "a" for ch in group]
        switches += sum(1 for a, b in zip(kinds, kinds[1:], strict=False) if a != b)
        if group.isalpha() and len(group) >= 2 and not _plausible_word(group):
            return False
        if not group.isalnum():
            return False
    return switches <= 3


def plausible_share(tokens: Iterable[str]) -> float:
    """The share of the characters of ``tokens`` that belong to plausible tokens, in 0..1
    (1.0 when nothing can be judged)."""
    good = total = 0
    for token in tokens:
        verdict = is_plausible(token)
        if verdict is None:
            continue
        total += len(token)
        if verdict:
            good += len(token)
    return good / total if total else 1.0
