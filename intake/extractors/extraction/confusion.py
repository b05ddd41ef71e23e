"""One generic letter-confusion fold for matching labels in OCR text.

OCR confuses a few glyph shapes in every language and typeface: O, D and 0, l, I, 1, | and
!, S, 5 and $, B and 8, Q and a, m and rn, the digraph ij and its i, y or u. Rather than
spelling out misread words, a label pattern is *folded*: each letter in it also accepts
the glyphs OCR prints for it, so "Total" matches "T0tal", "Tota1" and "Tota!", and "Sdn
Bhd" matches "5dn 8hd". The text itself is never changed (offsets into it stay true), and
only patterns are rewritten.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CONFUSIONS", "DIGIT_FOR", "fold_pattern", "mend_capitals", "unfold"]

#: letter -> the characters OCR prints for it (the letter itself included).
CONFUSIONS: dict[str, str] = {
    "o": "o0",
    "d": "do0",
    "l": "l1i|!",
    "i": "il1|!",
    "s": "s5$",
    "b": "b8",
    "q": "qa",  # a round letter with a tail: "Qty" read as "aty"
    # a c with a cedilla, read by a model that lacks it: the hook becomes a g's tail
    # ("orçamento" read as "orgamento", "CONFIRMAÇÃO" as "CONFIRMAGAO")
    "ç": "çcg",
    # the raised round ordinal sign of "Nº" read as ° or ® (or as a 2: see SPLITS; accented
    # vowels: below)
    # an n with a tilde, read by a model that lacks it ("años" read as "afios": see SPLITS)
    "ñ": "ñn",
    "º": "º°®",
    "°": "°º®",
}
#: An accented vowel: the accent is a few pixels, and OCR reads the small letter under it
#: as another accented vowel or drops the accent ("Dirección" read as "Direccién",
#: "Détails" as "Details"): each accepts its bare letter and every other accented vowel.
_ACCENTED = "áàâäãéèêëíìîïóòôöõúùûü"
for _c in _ACCENTED:
    CONFUSIONS[_c] = _c + unicodedata.normalize("NFD", _c)[0] + _ACCENTED.replace(_c, "")
CONFUSIONS["ü"] += "i"  # a u's umlaut and strokes read as one stroke ("giltig")
#: A letter with a caron or a ring (Czech), read by a model that lacks it as its bare
#: letter ("Odběratel" read as "Odberatel", "úhradě" as "uhrade", "IČO" as "ICO"), a
#: caron on a vowel also as an acute ("Odbératel"). Documents printed without
#: diacritics spell them so too.
for _c, _bare in zip("čďňřšťž", "cdnrstz", strict=True):
    CONFUSIONS[_c] = _c + _bare
CONFUSIONS["ě"] = "ěeé"
CONFUSIONS["ů"] = "ůuú"
CONFUSIONS["ý"] = "ýy"

#: what OCR reads a letter as besides single glyphs: "m" split into "rn", a u with its
#: umlaut into two strokes ("gültig" read as "giiltig", "gilltig").
SPLITS: dict[str, str] = {
    "m": "rn",
    "ü": "ii|il|li|ll",
    # an n's tilde read as the dot and hook of an f and an i ("España" read as "Espafia")
    "ñ": "fi",
    # the ordinal sign of "Nº" read as a small 2 ("N2 orçamento"), never before a digit
    # ("n. 2024/118" is the number word and a number)
    "º": r"2(?!\d)",
    "°": r"2(?!\d)",
}


def _class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in "\\]^-[|$!" else c for c in chars) + "]"


def fold_pattern(pattern: str) -> str:
    """``pattern`` with every literal letter widened to its OCR confusions; escapes, group
    names, quantifiers and inline flags are left as they are."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            negated = j > i + 1
            end = pattern.find("]", j + 1)
            inner = pattern[j : end if end > 0 else n]
            # a class with a range ("[a-z]") is left as it is: a glyph added beside a
            # range's end would start a range of its own
            ranged = re.search(r"[^\\]-[^\]]", inner) is not None
            body: list[str] = []
            while j < n and pattern[j] != "]":
                if pattern[j] == "\\":
                    body.append(pattern[j : j + 2])
                    j += 2
                    continue
                ch = pattern[j]
                body.append(ch)
                if not negated and not ranged and ch.lower() in CONFUSIONS:
                    extra = [x for x in CONFUSIONS[ch.lower()] if x != ch.lower()]
                    body += ["\\" + x if x in "\\]^-[" else x for x in extra]
                j += 1
            cls = pattern[i : i + 1 + int(negated)] + "".join(body) + "]"
            split = [SPLITS[ch.lower()] for ch in inner if ch.lower() in SPLITS]
            out.append(f"(?:{cls}|{'|'.join(split)})" if split and not negated else cls)
            i = j + 1
        elif c == "(" and pattern.startswith("(?", i):
            j = i + 2
            if pattern.startswith("P<", j):
                j = pattern.index(">", j) + 1
            elif pattern.startswith("<=", j) or pattern.startswith("<!", j):
                j += 2
            elif j < n and pattern[j] in ":=!":
                j += 1
            else:  # inline flags: "(?i)" or "(?i:"
                while j < n and pattern[j] not in "):":
                    j += 1
                j += 1
            out.append(pattern[i:j])
            i = j
        elif c == "{":
            j = pattern.find("}", i)
            j = n - 1 if j < 0 else j
            out.append(pattern[i : j + 1])
            i = j + 1
        elif pattern[i : i + 2].lower() == "ij" and pattern[i + 2 : i + 3] not in (
            "?",
            "*",
            "+",
            "{",
        ):
            # Dutch "ij" is one glyph in many typefaces ("IJ"): OCR reads it as its i
            # alone, as a y or as a u ("OMSCHRIVING", "prys", "OMSCHRUVING")
            out.append(f"(?:{_class(CONFUSIONS['i'])}j?|[yu])")
            i += 2
        elif c.lower() in CONFUSIONS:
            cls = _class(CONFUSIONS[c.lower()])
            alternatives = SPLITS.get(c.lower())
            out.append(f"(?:{cls}|{alternatives})" if alternatives else cls)
            i += 1
        elif c.lower() in SPLITS:
            out.append(f"(?:{c}|{SPLITS[c.lower()]})")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


#: the glyphs OCR prints for a letter, and the letters each may stand for
_LETTERS_FOR: dict[str, str] = {
    "0": "od",
    "o": "od",
    "O": "OD",
    "1": "il",
    "|": "il",
    "!": "il",
    "5": "s",
    "$": "s",
    "8": "b",
}


def unfold(text: str, pattern: re.Pattern[str]) -> str | None:
    """``text`` (matched by the folded form of ``pattern``) with OCR's digits and signs
    put back as the letters ``pattern`` wants: "5/8" -> "S/B" for ``s/b``. None when no
    such reading matches ``pattern``. Letters keep the case of the text around them."""
    upper = sum(c.isupper() for c in text) >= sum(c.islower() for c in text)
    options: list[str] = [""]
    for c in text:
        letters = _LETTERS_FOR.get(c, c)
        if upper:
            letters = letters.upper()
        options = [o + ch for o in options for ch in letters][:64]
    return next((o for o in options if pattern.fullmatch(o)), None)


#: the other way: the digit OCR prints each of these letters for, inside a number
#: (``str.translate`` table, same length)
DIGIT_FOR = str.maketrans("OoSsBlI|", "00558111")

#: the capital letter OCR prints each of these glyphs for, inside a word in capitals
_CAPITAL_FOR: dict[str, str] = {
    "0": "O",
    "1": "I",
    "|": "I",
    "!": "I",
    "5": "S",
    "$": "S",
    "8": "B",
    "¥": "Y",
}


def mend_capitals(text: str) -> str:
    """``text`` with OCR's digits and signs put back as the capitals they stand for, in
    each word of capitals that has no other digit: "A.8.C." -> "A.B.C.", "5ALE" -> "SALE";
    a number or a code ("7/11", "A4", "2B") is left as it is."""
    out = []
    for word in text.split(" "):
        letters = [c for c in word if c.isalpha() and c not in _CAPITAL_FOR]
        glyphs = [c for c in word if c in _CAPITAL_FOR]
        others = [c for c in word if c.isdigit() and c not in _CAPITAL_FOR]
        if glyphs and letters and not others and all(c.isupper() for c in letters):
            if len(letters) >= len(glyphs) or "." in word:
                word = "".join(_CAPITAL_FOR.get(c, c) for c in word)
        out.append(word)
    return " ".join(out)
