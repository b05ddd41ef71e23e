"""Where a value stands on a page, described so that it can be found again.

:func:`describe` takes the value a person corrected (or confirmed) and the pages of its
document, finds the words that read as that value, and says how to find them again:

* ``label``: beside (``side`` ``right``) or below (``below``) the words that label it,
  at the offset measured from them (a value in a box under its header is ``below``);
* ``page``: at a place on the page, as a fraction of its width and height (an unlabelled
  date in a corner).

Both keep the value's format: for dates the day/month order it was written in, for
numbers its shape (``INV-0042`` -> letters, dash, digits), for text how many words.
:func:`find` applies a description to another document's pages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake.keys import text_key
from intake.learning.formats import formats_of, read_value, same_value
from intake.record import Box, Page, Word
from intake.values import FIELD_KINDS, TEXT

__all__ = ["Found", "Spec", "describe", "find", "label_weight"]

#: The most words a value may span.
MAX_WORDS = 8
#: The most words of a label.
MAX_LABEL = 4


@dataclass(frozen=True)
class Spec:
    """How to find a field: ``kind`` ``label`` or ``page``, the label's key, and the
    geometry and format in ``data``."""

    kind: str
    label: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class Found:
    value: str
    raw: str
    box: Box


def _text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def _char(words: Sequence[Word]) -> float:
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0]
    return sorted(widths)[len(widths) // 2] if widths else 5.0


def _spans(line: Sequence[Word], max_words: int = MAX_WORDS) -> list[tuple[int, int]]:
    return [
        (i, j) for i in range(len(line)) for j in range(i + 1, min(len(line), i + max_words) + 1)
    ]


def _is_label_word(word: Word) -> bool:
    return any(c.isalpha() for c in word.text) and not any(c.isdigit() for c in word.text)


def _left_label(line: Sequence[Word], start: int) -> list[Word]:
    """The run of label words just left of ``line[start]`` on its line."""
    char = _char(line)
    out: list[Word] = []
    i = start - 1
    while i >= 0 and len(out) < MAX_LABEL:
        word = line[i]
        if not _is_label_word(word):
            break
        if out and out[0].x0 - word.x1 > 2.5 * char:
            break
        out.insert(0, word)
        i -= 1
    return out


def _cell_index(line: Sequence[Word], start: int) -> int:
    """How many cells (runs of words parted by a gap wider than two characters) stand
    left of ``line[start]``: the column of a value in a row of boxes or a table."""
    char = _char(line)
    cells = 0
    for prev, word in zip(line[:start], line[1 : start + 1], strict=False):
        if word.x0 - prev.x1 > 2 * char:
            cells += 1
    return cells


def _above_label(
    page: Page, lines: list[list[Word]], index: int, x0: float, x1: float
) -> list[Word]:
    """The label words on the nearest line above (within a few lines) that stand over
    ``x0..x1``: the header of a box or a column."""
    for k in range(index - 1, max(-1, index - 4), -1):
        over = [w for w in lines[k] if w.x1 > x0 - 4 and w.x0 < x1 + 4]
        if not over:
            continue
        labels = [w for w in over if _is_label_word(w)]
        return labels[:MAX_LABEL] if len(labels) == len(over) else []
    return []


@functools.cache
def _label_patterns(field: str) -> list[tuple[re.Pattern[str], float]]:
    from intake.extractors.extraction.labels import LABELS, compile_labels

    return compile_labels(LABELS.get(field, []))


def label_weight(field: str, printed: str) -> float:
    """How surely the printed words label ``field`` by the generic label tables: their
    weight (up to 1), -1 for a distractor ("Net Total" for the total), 0 when unknown.
    When a corrected value stands in several labelled places, this picks the place."""
    if not printed:
        return 0.0
    found = [w for pattern, w in _label_patterns(field) if pattern.search(printed)]
    if not found:
        return 0.0
    return -1.0 if 0 in found and max(found) < 1.0 else max(found)


def describe(field: str, value: str, pages: Sequence[Page], box: Box | None = None) -> Spec | None:
    """How to find ``value`` again, from where it stands on ``pages`` (``box``: where it
    was read, for a confirmed value); None when it is not on the pages."""
    candidates: list[tuple[float, Spec]] = []
    for page in pages:
        lines = page.lines
        for index, line in enumerate(lines):
            for i, j in _spans(line):
                words = line[i:j]
                raw = _text(words)
                fmt = next(
                    (
                        f
                        for f in formats_of(field, raw, value)
                        if (v := read_value(field, raw, f)) is not None
                        and same_value(field, v, value)
                    ),
                    None,
                )
                if fmt is None:
                    continue
                spot = Box.around(page.number, words)
                spec = _spec_for(field, page, lines, index, i, j, fmt)
                # prefer the box it was read in, labelled values (those whose label is a
                # known label of the field first), the shortest span
                rank = (0.0 if box and _overlaps(box, spot) else 10.0) + (0 if spec.label else 5)
                rank += (j - i) * 0.1 + page.number
                rank -= 3 * label_weight(field, str(spec.data.get("printed") or ""))
                candidates.append((rank, spec))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _overlaps(a: Box, b: Box) -> bool:
    return (
        a.page == b.page and a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom
    )


def _spec_for(
    field: str,
    page: Page,
    lines: list[list[Word]],
    index: int,
    i: int,
    j: int,
    fmt: dict[str, Any],
) -> Spec:
    line = lines[index]
    words = line[i:j]
    x0, x1 = words[0].x0, words[-1].x1
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    data: dict[str, Any] = {
        **fmt,
        "raw": _text(words),
        "words": j - i,
        "to_end": j == len(line),
        "page": page.number,
        "x": x0 / page.width,
        "y": top / page.height,
        "w": (x1 - x0) / page.width,
        "h": (bottom - top) / page.height,
    }
    left = _left_label(line, i)
    if left and x0 - left[-1].x1 < page.width * 0.45:
        data.update(side="right", dx=x0 - left[-1].x1, lx=left[0].x0 / page.width)
        data["printed"] = _text(left)
        data["ly"] = left[0].top / page.height
        return Spec("label", text_key(_text(left)), data)
    above = _above_label(page, lines, index, x0, x1)
    if above:
        data.update(side="below", dx=x0 - above[0].x0, dy=top - max(w.bottom for w in above))
        data.update(lx=above[0].x0 / page.width, ly=above[0].top / page.height)
        data["printed"] = _text(above)
        data["cell"] = _cell_index(line, i)
        return Spec("label", text_key(_text(above)), data)
    return Spec("page", None, data)


def _same_word(read: str, learned: str) -> bool:
    """A label word as read against the learned one: equal, or for words of four letters
    and more, close enough for an OCR slip (``docurnento`` for ``documento``)."""
    if read == learned:
        return True
    if min(len(read), len(learned)) < 4:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(read, learned) >= 80


def _label_at(line: Sequence[Word], keys: list[str]) -> list[tuple[int, int]]:
    """Where the label's words stand in ``line``: (first, past-last) word indexes. Words
    are compared by their normal form, token by token (``Beleg-Nr.`` is ``beleg nr``)."""
    tokens = [(t, index) for index, w in enumerate(line) for t in text_key(w.text).split()]
    out = []
    for start in range(len(tokens) - len(keys) + 1):
        if start and tokens[start - 1][1] == tokens[start][1]:
            continue  # a label starts at the start of a word
        window = tokens[start : start + len(keys)]
        if all(_same_word(t, k) for (t, _), k in zip(window, keys, strict=True)):
            out.append((window[0][1], window[-1][1] + 1))
    return out


def _read_span(field: str, words: Sequence[Word], data: dict[str, Any], page: int) -> Found | None:
    """The first reading of a run of words from its start, the learned word count first."""
    n = int(data.get("words") or 1)
    counts = [len(words)] if data.get("to_end") and FIELD_KINDS.get(field, TEXT) == TEXT else []
    counts += [n, n - 1, n + 1, n - 2, n + 2]
    for count in dict.fromkeys(c for c in counts if 0 < c <= len(words)):
        span = words[:count]
        value = read_value(field, _text(span), data)
        if value is not None:
            return Found(value, _text(span), Box.around(page, span))
    return None


def _until_gap(words: Sequence[Word]) -> list[Word]:
    """Words from the first on, up to the first gap wide enough to part two columns."""
    if not words:
        return []
    char = _char(words)
    out = [words[0]]
    for prev, word in zip(words, words[1:], strict=False):
        if word.x0 - prev.x1 > 3 * char:
            break
        out.append(word)
    return out


def _by_label(field: str, spec: Spec, pages: Sequence[Page]) -> Found | None:
    data, keys = spec.data, (spec.label or "").split()
    if not keys:
        return None
    options: list[tuple[float, Found]] = []
    for page in pages:
        lines = page.lines
        for index, line in enumerate(lines):
            for a, b in _label_at(line, keys):
                label = line[a:b]
                distance = (
                    abs(label[0].top / page.height - float(data.get("ly", 0)))
                    + abs(label[0].x0 / page.width - float(data.get("lx", 0)))
                    + (0 if page.number == data.get("page") else 1)
                )
                found = _beside(field, spec, page, lines, index, label, b)
                if found is not None:
                    options.append((distance, found))
    return min(options, key=lambda o: o[0])[1] if options else None


def _beside(
    field: str,
    spec: Spec,
    page: Page,
    lines: list[list[Word]],
    index: int,
    label: Sequence[Word],
    after: int,
) -> Found | None:
    data = spec.data
    if data.get("side") == "right":
        rest = [w for w in lines[index][after:] if w.x0 >= label[-1].x1 - 1]
        start = label[-1].x1 + float(data.get("dx", 0))
        rest = [w for w in rest if w.x1 > start - 2 * _char(lines[index])]
        if FIELD_KINDS.get(field, TEXT) == TEXT:
            rest = _until_gap(rest)
        return _read_span(field, rest, data, page.number) if rest else None
    x0 = label[0].x0 + float(data.get("dx", 0))
    x1 = x0 + float(data.get("w", 0)) * page.width
    bottom = max(w.bottom for w in label)
    for k in range(index + 1, min(len(lines), index + 6)):
        below = [w for w in lines[k] if w.x1 > x0 - 6 and w.x0 < x1 + 6 and w.top >= bottom - 1]
        if not below:
            continue
        found = _read_span(field, below, data, page.number)
        if found is not None:
            return found
        if lines[k][0].top - bottom > float(data.get("dy", 0)) + 3 * (
            lines[k][0].bottom - lines[k][0].top
        ):
            break
    return None


def _by_place(field: str, spec: Spec, pages: Sequence[Page]) -> Found | None:
    data = spec.data
    number = int(data.get("page") or 1)
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        return None
    x, y = float(data["x"]) * page.width, float(data["y"]) * page.height
    w, h = float(data["w"]) * page.width, float(data["h"]) * page.height
    slack_x, slack_y = page.width * 0.04, max(page.height * 0.015, h)
    options: list[tuple[float, Found]] = []
    for line in page.lines:
        if abs(line[0].top - y) > slack_y and abs(min(wd.top for wd in line) - y) > slack_y:
            continue
        near = [wd for wd in line if wd.x1 > x - slack_x and wd.x0 < x + w + slack_x]
        for i in range(len(near)):
            found = _read_span(field, near[i:], data, page.number)
            if found is not None:
                distance = abs(found.box.x0 - x) + abs(found.box.top - y)
                options.append((distance, found))
                break
    return min(options, key=lambda o: o[0])[1] if options else None


def find(field: str, spec: Spec, pages: Sequence[Page]) -> Found | None:
    """The value ``spec`` finds on ``pages``, or None."""
    if spec.kind == "label":
        return _by_label(field, spec, pages)
    if spec.kind == "page":
        return _by_place(field, spec, pages)
    return None
