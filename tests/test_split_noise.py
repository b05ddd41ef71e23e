"""The split-noise measure of benchmarks/evaluate.py: how large a tune-check gap random
halves of the same documents give."""

from __future__ import annotations

from typing import Any

from benchmarks.split_noise import Counts, document_counts, split_noise


class ExactScorer:
    """A scorer with score.py's signature that counts a value right when it is equal."""

    def score_value(self, field: str, label: Any, pred: Any) -> tuple[int, int, int]:
        return 1, int(label == pred), int(pred is not None)


def test_halves_alike_give_no_gap_and_no_evidence() -> None:
    docs = [Counts(4, 3)] * 30
    noise = split_noise(docs[:12], docs[12:], rounds=200)
    assert noise is not None
    assert noise.gap == 0.0
    assert noise.within95 == 0.0
    assert noise.p == 1.0  # every deal gives the same gap: nothing stands out


def test_a_tune_half_better_than_any_deal_is_flagged() -> None:
    tune = [Counts(3, 3)] * 40
    check = [Counts(3, 0)] * 40
    noise = split_noise(tune, check, rounds=500)
    assert noise is not None
    assert noise.gap == 1.0
    assert noise.p == 0.0
    assert 0.0 < noise.within95 < 0.5


def test_the_deal_is_repeatable_and_sized_like_the_halves() -> None:
    tune = [Counts(2, 2), Counts(2, 1), Counts(5, 5), Counts(1, 0)] * 5
    check = [Counts(2, 0), Counts(3, 3), Counts(4, 2)] * 6
    first, again = split_noise(tune, check, seed=3), split_noise(tune, check, seed=3)
    assert first == again
    assert first is not None and round(first.gap, 3) == round(40 / 50 - 30 / 54, 3)
    assert split_noise([], check) is None


def test_document_counts_scores_key_fields_that_carry_a_label() -> None:
    labels = {"vendor": "Ostwind Tools", "total": "12.00", "tax": None, "notes": "x"}
    fields = {"vendor": "Ostwind Tools", "total": "13.00", "tax": "1.00", "notes": "x"}
    key = {"vendor", "total", "tax"}
    # tax is labelled empty (no accuracy unit); notes is not a key field
    assert document_counts(ExactScorer(), fields, labels, key) == Counts(2, 1)
