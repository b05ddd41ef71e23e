"""How large a tune-check gap the luck of the split alone would give.

The halves of :mod:`benchmarks.evaluate` are fixed by a hash of each file's path, so
which documents land in ``tune`` is chance. A group of a hundred documents scored on a
few hundred values then differs between its halves even when nothing was fitted to
either: documents are not equally hard, and a few hard ones more on one side move its
figure by points. Before a gap is read as rules fitted to ``tune``, it is set against
that chance: the same documents with the same predictions are dealt into two halves of
the same sizes at random many times (a permutation test), and the report gives

* the observed gap (``tune`` minus ``check`` KEY accuracy),
* how wide a gap 95 % of random deals stay within, and
* the share of random deals whose gap is at least the observed one (``p``): a small
  ``p`` (under 0.05) says ``tune`` is better than chance would make it, i.e. the rules
  fit the studied half; a large one says the gap is within the noise of the split.

Documents, not values, are dealt: a document's fields are read together (one OCR, one
layout) and succeed or fail together, so treating its values as independent would
understate the noise.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

__all__ = ["Counts", "Noise", "document_counts", "split_noise"]

#: Random deals per group: enough for the 95th percentile to settle to about 0.002.
ROUNDS = 4000


class Counts(NamedTuple):
    """A document's key values: how many are labelled and how many were read right."""

    labelled: int
    correct: int


class Noise(NamedTuple):
    gap: float  # tune minus check KEY accuracy, as observed
    within95: float  # 95 % of random deals give an absolute gap at most this
    p: float  # share of random deals whose gap is at least the observed one


class Scorer(Protocol):
    def score_value(self, field: str, label: Any, pred: Any) -> tuple[int, int, int]: ...


def document_counts(
    module: Scorer, fields: Mapping[str, Any], labels: Mapping[str, Any], key: Iterable[str]
) -> Counts:
    """The key values of one document, scored the way ``score.py`` scores them (a field
    labelled empty counts nothing towards accuracy)."""
    wanted = set(key)
    n = c = 0
    for field, label in labels.items():
        if field not in wanted or label is None or label == []:
            continue
        labelled, correct, _ = module.score_value(field, label, fields.get(field))
        n, c = n + labelled, c + correct
    return Counts(n, c)


def _accuracy(docs: Sequence[Counts]) -> float:
    n = sum(d.labelled for d in docs)
    return sum(d.correct for d in docs) / n if n else 0.0


def split_noise(
    tune: Sequence[Counts], check: Sequence[Counts], rounds: int = ROUNDS, seed: int = 0
) -> Noise | None:
    """The observed gap between ``tune`` and ``check`` and how it compares with random
    deals of the same documents into halves of the same sizes (see the module)."""
    if not tune or not check:
        return None
    gap = _accuracy(tune) - _accuracy(check)
    pool = [*tune, *check]
    rng = random.Random(seed)
    gaps = []
    for _ in range(rounds):
        rng.shuffle(pool)
        gaps.append(_accuracy(pool[: len(tune)]) - _accuracy(pool[len(tune) :]))
    spread = sorted(abs(g) for g in gaps)
    within = spread[min(len(spread) - 1, int(0.95 * len(spread)))]
    p = sum(g >= gap for g in gaps) / rounds
    return Noise(gap, within, p)
