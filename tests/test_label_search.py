"""The label searches that run once over many labels find what one search per label finds.

Finding labels is most of the reading path's time, and each language pack adds to it. So
a field's labels are one alternation with the word boundaries checked once around it
(``label_set``), a list's "is any of these here" is one pattern (``any_label``), and
"which of these are here" first finds where any begins (``LabelStarts``). These tests
set each against the plain way, one pattern per label with its own boundaries, on the
lines of documents drawn in every language and on the boundary cases the boundaries
exist for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from intake.extractors.extraction.labels import (
    LABELS,
    TELLING,
    TITLES,
    LabelStarts,
    _wrap,
    any_label,
    compile_labels,
    label_set,
    matches,
)
from tests.factory import make_pdf, sample_invoice

#: what the boundaries are for: a number sign a number follows, a label run on into
#: digits, a number's decimal separator before a label's letters, a label inside a word
EDGES = [
    "#INV-000417",
    "N°123456789",
    "PO-10218",
    "10,50 nr",
    "Invoice No.: 2024-118",
    "Rechnungsnummer: 4711",
    "Alt Order # 55 / Order # 56",
    "Subtotal 100.00 Total 120.00",
    "Paid Amount 12.00",
    "Totals",
    "Ship to: Acme GmbH",
    "Nº pedido cliente: 77",
    "DEVIS N° 2024-118",
]


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder: Path = tmp_path_factory.mktemp("labels")
    out = list(EDGES)
    for lang in ("en", "de", "fr", "es", "nl"):
        for kind in ("invoice", "purchase_order", "estimate"):
            pdf = make_pdf(folder / f"{lang}-{kind}.pdf", sample_invoice(doc_type=kind), lang=lang)
            with pdfplumber.open(pdf) as doc:
                out += [ln for page in doc.pages for ln in (page.extract_text() or "").splitlines()]
    return out


def _one_by_one(entries: list[tuple[str, float]]) -> re.Pattern[str]:
    """A field's alternation the plain way: every label with its own boundaries."""
    ordered = sorted(enumerate(entries), key=lambda e: (-e[1][1] if e[1][1] else 0, e[0]))
    ordered = [e for e in ordered if e[1][1] == 0] + [e for e in ordered if e[1][1] != 0]
    parts = [f"(?P<g{i}>{_wrap(pattern)})" for i, (_, (pattern, _w)) in enumerate(ordered)]
    return re.compile("|".join(parts), re.IGNORECASE)


def test_a_fields_alternation_finds_what_each_label_with_its_own_boundaries_finds(
    lines: list[str],
) -> None:
    found = 0
    for name, entries in LABELS.items():
        fast, plain = label_set(entries).pattern, _one_by_one(entries)
        for text in lines:
            got = [(m.span(), m.lastgroup) for m in fast.finditer(text)]
            assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)], (name, text)
            found += len(got)
    assert found > 100  # the lines hold labels: the comparison compared something


@pytest.mark.parametrize("how", ["match", "fullmatch", "search"])
def test_any_label_is_any_of_the_labels(lines: list[str], how: str) -> None:
    hits = 0
    for name in ("buyer", "vendor", "tax", "total", "invoice_number", "contact"):
        entries = LABELS.get(name, [])
        one, each = any_label(entries), compile_labels(entries)
        for text in [*lines, *(ln.split(":")[0].strip() for ln in lines)]:
            expected = any(getattr(p, how)(text) for p, _ in each)
            assert bool(getattr(one, how)(text)) == expected, (name, how, text)
            hits += expected
    assert hits > 10


def test_where_labels_begin_gives_each_labels_first_match(lines: list[str]) -> None:
    hits = 0
    for table in (TITLES, TELLING):
        entries = [e for v in table.values() for e in v]
        starts = LabelStarts(entries)
        for text in [*lines, "\n".join(lines[:60])]:
            at = starts(text)
            for pattern, _ in compile_labels(entries):
                plain = pattern.search(text)
                assert matches(pattern, text, at) == bool(plain), (pattern.pattern, text)
                first = next((m for s in at if (m := pattern.match(text, s))), None)
                assert (first and first.span()) == (plain and plain.span())
                hits += bool(plain)
    assert hits > 20
