"""Dates as OCR misreads them, repaired.

Tesseract misreads single characters of a date: a letter for a digit ("2O/O5/2018",
"l5/05/2017"), a closed round digit for a 0 ("92/01/2018", "23/02/2918"), a separator
dropped ("1503/2021") or mistaken ("15:03/2021"). :func:`repair_date_token` undoes those
in a token only when the token has the shape of a date, reads as no date as it stands,
and reads as exactly one valid date once repaired; a month name written out one letter
off ("26 aoit 2025") reads as the one month it is that near. :func:`find_ocr_dates` is
:func:`find_dates` for OCR text: the dates as read, then the repaired tokens that overlap
none of them, flagged so that a caller can trust them a little less.

Only for text read by OCR: a text layer does not misread, and there "1503/2021" is as
likely a document number as a date.

Measured on scanned shop receipts: issue_date 0.84 -> 0.90 (the three dates that OCR had
turned into no date). The misreads left are valid dates with a wrong digit ("05/02" read
as "08/02"); reading the date's box again (at 1.5 to 3 times its size, with and without a
blur, single-line mode) and voting gave the same wrong digit in the majority. A date
not read at all is another matter: the whole page is read a second time, thresholded
locally (:mod:`intake.extractors.extraction.second_read`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from intake.extractors.extraction.fields.dates import MONTHS, DateOrder, find_dates

__all__ = ["find_ocr_dates", "repair_date_token"]

#: Characters OCR reads in place of a digit, and the digit meant.
_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "i": "1",
        "|": "1",
        "!": "1",
        "Z": "2",
        "z": "2",
        "S": "5",
        "s": "5",
        "G": "6",
        "b": "6",
        "B": "8",
        "g": "9",
        "q": "9",
    }
)
_CHAR = r"[\dOoDQIli|!ZzSsGbBgq]"
_SEP = r"[-./:,]"
#: Three groups (day, month and year in some order), or two with a separator lost.
_SHAPE = re.compile(
    rf"^(?:{_CHAR}{{1,2}}{_SEP}{_CHAR}{{1,2}}{_SEP}(?:{_CHAR}{{4}}|{_CHAR}{{2}})"
    rf"|{_CHAR}{{4}}{_SEP}{_CHAR}{{4}}|{_CHAR}{{2}}{_SEP}{_CHAR}{{6}}"
    rf"|{_CHAR}{{4}}{_SEP}{_CHAR}{{1,2}}{_SEP}{_CHAR}{{1,2}})$"
)
_DATE_SEP = re.compile(r"[-./]")
#: Digits with a closed round glyph that OCR reads where a 0 was printed.
_ROUND = "689"
#: Punctuation OCR leaves around a token ("(15/03/2021,", "_1503/2021").
_STRIP = "()[]{},;:_'\"`‘’“”*~"  # noqa: RUF001 - the quotes OCR reads are curly


#: A label glued to the value after it, as OCR reads "Date: 02/02/17" ("Date:D2/O2/17").
_GLUED_LABEL = re.compile(r"[^\W\d_]{2,}:(?=\S)")


def _groups(token: str) -> list[tuple[int, int]]:
    """The (start, end) of each run of digits in ``token``."""
    return [m.span() for m in re.finditer(r"\d+", token)]


def _whole_date(token: str, order: DateOrder) -> dt.date | None:
    """The date ``token`` reads as when the date is all of it."""
    for start, end, date in find_dates(token, order):
        if start == 0 and end == len(token):
            return date
    return None


def _zero_places(token: str) -> list[int]:
    """Where a 0 is likely printed: the first digit of a two-digit day or month, the second
    of a four-digit year (20xx, 19xx)."""
    places = []
    for start, end in _groups(token):
        if end - start == 2:
            places.append(start)
        elif end - start == 4:
            places.append(start + 1)
    return places


def _separated(token: str) -> str:
    """A dropped separator put back: "1503/2021" -> "15/03/2021", "15/032021" ->
    "15/03/2021", with the separator the token kept."""
    sep = _DATE_SEP.search(token)
    mark = sep.group(0) if sep else "/"
    digits = re.sub(r"\D", "", token)
    if len(digits) != 8:
        return token
    if re.fullmatch(r"\d{4}\D\d{4}", token) and not token.startswith(("19", "20")):
        return f"{digits[:2]}{mark}{digits[2:4]}{mark}{digits[4:]}"
    if re.fullmatch(r"\d{2}\D\d{6}", token):
        return f"{digits[:2]}{mark}{digits[2:4]}{mark}{digits[4:]}"
    return token


def repair_date_token(token: str, order: DateOrder = "dmy") -> dt.date | None:
    """The date a date-shaped OCR token was printed as, or None: when it reads as a date
    already, when it has no date's shape, or when the repair is not one valid date."""
    core = token.strip(_STRIP).rstrip(".")
    if not _SHAPE.match(core) or sum(c.isdigit() for c in core) < 4:
        return None
    if _whole_date(core, order) is not None:
        return None
    seps = re.findall(_SEP, core)
    if not any(_DATE_SEP.fullmatch(s) for s in seps) and len(seps) > 1:
        return None  # "10:04:05" is a time of day, "1,200,00" an amount
    text = core.translate(_LOOKALIKES)
    real = next((s for s in seps if _DATE_SEP.fullmatch(s)), "/")
    text = re.sub(_SEP, real, text)  # one kind of separator: "15:03/2021" -> "15/03/2021"
    text = _separated(text)
    if (date := _whole_date(text, order)) is not None:
        return date
    found = set()
    for place in _zero_places(text):
        if text[place] in _ROUND:
            date = _whole_date(f"{text[:place]}0{text[place + 1 :]}", order)
            if date is not None:
                found.add(date)
    return found.pop() if len(found) == 1 else None


#: A date written out whose month name OCR misread: "26 aoit 2025", "Decmber 3, 2024".
_WRITTEN_DMY = re.compile(r"(?<![\w])(\d{1,2})\.?\s+([^\W\d_]{4,10})\.?,?\s+(\d{4})(?!\d)")
_WRITTEN_MDY = re.compile(r"(?<![\w])([^\W\d_]{4,10})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")
#: Month names this long or longer are told by one letter misread, added or lost.
_NAME_LENGTH = 4


def _near_month(word: str) -> int | None:
    """The month whose name (of any pack) ``word`` is one letter away from, when it is no
    month name itself and exactly one month is that near."""
    w = word.casefold()
    if w in MONTHS:
        return None
    near = {
        month
        for name, month in MONTHS.items()
        if len(name) >= _NAME_LENGTH and Levenshtein.distance(w, name, score_cutoff=1) == 1
    }
    return near.pop() if len(near) == 1 else None


def _misread_months(text: str) -> Iterator[tuple[int, int, dt.date]]:
    """Dates written out whose month name is misread by one letter."""
    for pattern, day_at, month_at in ((_WRITTEN_DMY, 1, 2), (_WRITTEN_MDY, 2, 1)):
        for m in pattern.finditer(text):
            if (month := _near_month(m.group(month_at))) is None:
                continue
            try:
                yield m.start(), m.end(), dt.date(int(m.group(3)), month, int(m.group(day_at)))
            except ValueError:
                continue


def find_ocr_dates(text: str, order: DateOrder = "dmy") -> Iterator[tuple[int, int, dt.date, bool]]:
    """Every date in OCR ``text`` as (start, end, date, repaired), in order of position:
    the dates :func:`find_dates` reads, and the date-shaped tokens it does not, repaired."""
    found = [(s, e, d, False) for s, e, d in find_dates(text, order)]
    for m in re.finditer(r"\S+", text):
        s, e = m.span()
        if any(s < fe and fs < e for fs, fe, _, _ in found):
            continue
        token = m.group(0)
        if glued := _GLUED_LABEL.match(token):  # OCR lost the space after "Date:"
            s, token = s + glued.end(), token[glued.end() :]
        if (date := repair_date_token(token, order)) is not None:
            found.append((s, e, date, True))
    for s, e, date in _misread_months(text):
        if not any(s < fe and fs < e for fs, fe, _, _ in found):
            found.append((s, e, date, True))
    found.sort(key=lambda f: f[0])
    return iter(found)
