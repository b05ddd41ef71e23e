"""invoice2data's own golden suite as the oracle for Intake's template engine.

``tests/invoice2data_golden`` (MIT, see its LICENSE and PROVENANCE.md) holds the expected
JSON of the 16 files of invoice2data's content test, its 215 bundled templates and the 5
custom templates its test adds; the files themselves are found by :mod:`tests.golden`.
``intake extract --json`` with ``INTAKE_TEMPLATES_DIR`` at
those templates must give every expected value of the fields Intake maps (89 values) and
the line items of the 7 documents with ``lines`` (96 values in all), plus Sammy
Maystone's ``line_items``. The template text is checked against ``pdftotext -layout``
(poppler-utils) on the golden PDFs with a similarity figure per file.
"""

from __future__ import annotations

import difflib
import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from intake.cli import cli
from intake.extractors.base import Registry
from intake.extractors.extraction.templates.layout_text import layout_text
from intake.extractors.extraction.templates.loader import load_templates
from intake.ingest.stages import READ_STAGES, Context, extract_path, record_for, run_stages
from intake.settings import Settings
from tests.golden import FIELD_NAMES, TEMPLATES, expected, path_of
from tests.golden import names as golden_names

NAMES_OF_FILES = golden_names()
FILES = [p for n in NAMES_OF_FILES if (p := path_of(n)) is not None]
MISSING = sorted(set(NAMES_OF_FILES) - {p.name for p in FILES})
PDFS = [p for p in FILES if p.suffix == ".pdf"]

#: a golden line row's keys -> our line-item keys (the first one present wins).
ROW_KEYS = {
    "description": ("name", "description", "desc"),
    "code": ("code", "barcode"),
    "quantity": ("qty", "quantity"),
    "unit": ("uom", "unit", "unece_code"),
    "unit_price": ("price_unit", "unit_price", "price"),
    "amount": ("price_subtotal", "price_total", "amount"),
}
NUMERIC = ("quantity", "unit_price", "amount")
#: least similarity (difflib ratio) of the template text to pdftotext -layout per PDF
SIMILARITY = 0.95


def available(file: str) -> None:
    assert file not in MISSING, f"{file} is missing from tests/invoice2data_golden/golden"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """``intake extract --json`` over the 16 files, with the golden templates."""
    root = tmp_path_factory.mktemp("golden")
    settings = Settings(
        data_dir=root / "data",
        watch_dir=root / "watch",
        templates_dir=TEMPLATES,
        workers=2,
        file_timeout=120,
        memory_limit_mb=0,
    )
    settings.ensure_dirs()
    result = CliRunner().invoke(
        cli, ["extract", "--json", *map(str, FILES)], obj=settings, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    return {Path(r["file"]).name: r for r in rows}


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, float | int) and not isinstance(theirs, bool):
        return ours is not None and Decimal(str(ours)) == Decimal(str(theirs))
    return bool(ours == theirs)


def golden_values() -> Iterator[tuple[str, str, Any]]:
    for file in NAMES_OF_FILES:
        for name, value in expected(file).items():
            if name in FIELD_NAMES:
                yield file, FIELD_NAMES[name], value


VALUES = list(golden_values())


def test_the_suite_is_the_96_values_of_the_issue() -> None:
    line_docs = [f for f in NAMES_OF_FILES if "lines" in expected(f)]
    assert len(NAMES_OF_FILES) == 16
    assert len(VALUES) == 89
    assert len(line_docs) == 7
    assert len(VALUES) + len(line_docs) == 96


@pytest.mark.parametrize(("file", "name", "value"), VALUES, ids=[f"{f}-{n}" for f, n, _ in VALUES])
def test_every_expected_value(
    extracted: dict[str, dict[str, Any]], file: str, name: str, value: Any
) -> None:
    available(file)
    row = extracted[file]
    assert _same(row["fields"].get(name), value), (name, row["fields"].get(name), value)
    assert row["sources"][name] == "template"


def _attached(row: dict[str, Any]) -> bool:
    """A heading or a note: a row with nothing that maps to a line item's value."""
    return not any(row.get(k) not in (None, "") for keys in ROW_KEYS.values() for k in keys)


def _check_item(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    used = set()
    for key, names in ROW_KEYS.items():
        name = next((n for n in names if theirs.get(n) not in (None, "")), None)
        used.update(n for n in names if n in theirs)
        if name is None:
            assert ours[key] is None, (key, ours)
            continue
        value = theirs[name]
        if key in NUMERIC:
            assert _same(ours[key], value), (key, ours[key], value)
        else:
            assert ours[key] == value, (key, ours[key], value)
    extra = {k for k in theirs if k not in used}
    assert extra <= set(ours.get("raw") or {}), (extra, ours.get("raw"))


LINE_DOCS = [f for f in NAMES_OF_FILES if {"lines", "line_items"} & set(expected(f))]


@pytest.mark.parametrize("file", LINE_DOCS)
def test_line_items(extracted: dict[str, dict[str, Any]], file: str) -> None:
    """Each product row of the golden output is one line item, in order, its values
    mapped to ours and its other keys kept under ``raw``; a heading or note row (nothing
    to buy) is kept in the ``raw`` of the item it belongs to, not as an item."""
    available(file)
    golden = expected(file)
    rows = golden.get("lines") or golden["line_items"]
    ours = extracted[file]["fields"]["line_items"]
    assert extracted[file]["sources"]["line_items"] == "template"
    products = [r for r in rows if not _attached(r)]
    assert len(ours) == len(products), [i["description"] for i in ours]
    for item, row in zip(ours, products, strict=True):
        _check_item(item, row)
    raws = [item.get("raw") or {} for item in ours]
    for row in filter(_attached, rows):
        for key, value in row.items():
            assert any(value in str(raw.get(key, "")).split("\n") for raw in raws), (key, value)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """The bundled templates in a folder of their own (the loader keeps what it read
    per folder, so each test reads them afresh)."""
    folder = tmp_path / "builtin"
    shutil.copytree(TEMPLATES / "builtin", folder)
    return folder


def test_bundled_templates_load_but_the_two_invoice2data_cannot_use(
    bundled: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="intake.extractors.extraction.templates")
    files = [p for p in bundled.rglob("*") if p.suffix in (".yml", ".json")]
    loaded = load_templates(bundled)
    assert len(files) == 215
    assert len(loaded) == 213
    skipped = [r.getMessage() for r in caplog.records if " skipped: " in r.getMessage()]
    assert len(skipped) == 2, skipped
    blokker, gulf = sorted(skipped)
    assert blokker.startswith("template nl/nl.blokker.yml skipped: lines must be a mapping")
    assert gulf.startswith("template nl/nl.gulf.yml skipped: ") and "bad regex" in gulf


def test_a_field_with_several_groups_is_dropped_not_the_template(
    bundled: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="intake.extractors.extraction.templates")
    loaded = {t.name: t for t in load_templates(bundled)}
    for name, field in [
        ("nl/nl.anwb.yml", "iban"),
        ("nl/nl.goos.yml", "amount_tax"),
        ("nl/nl.ok.yml", "payment_method"),
        ("fr/fr.edf.pme.yml", "amount_TVA"),
    ]:
        assert field not in {r.name for r in loaded[name].rules}
        assert "invoice_number" in {r.name for r in loaded[name].rules}
        warned = [r.getMessage() for r in caplog.records if name in r.getMessage()]
        assert len(warned) == 1, warned
        assert f"field {field!r}: the regex" in warned[0]
        assert "more than one group; that field is dropped, the template kept" in warned[0]


@pytest.fixture(scope="module")
def reading_ctx() -> Context:
    return Context(Settings(), Registry.default())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_template_text_is_pdftotext_layout_in_effect(reading_ctx: Context, pdf: Path) -> None:
    fingerprinted = record_for(pdf).evolve(kind="pdf")
    record = run_stages(fingerprinted, reading_ctx, READ_STAGES[:1])
    ours = layout_text(record)
    theirs = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ratio = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
    assert ratio >= SIMILARITY, f"{pdf.name}: similarity to pdftotext -layout {ratio:.3f}"
    assert ours.count("\f") == theirs.count("\f")


@pytest.mark.parametrize("txt", [p for p in FILES if p.suffix == ".txt"], ids=lambda p: p.stem)
def test_a_text_file_is_its_own_template_text(reading_ctx: Context, txt: Path) -> None:
    record = run_stages(record_for(txt).evolve(kind="text"), reading_ctx, READ_STAGES[:1])
    lines = txt.read_text().splitlines()
    assert layout_text(record).splitlines() == [line.rstrip() for line in lines]


def test_embedded_xml_headings_and_notes_are_not_line_items(tmp_path: Path) -> None:
    """AzureInterior.pdf carries an Odoo UBL invoice whose lines include two section
    headings and a note (no quantity, no amount): without templates the XML gives the
    line items, and those three are not among them."""
    available("AzureInterior.pdf")
    settings = Settings(data_dir=tmp_path / "data", watch_dir=tmp_path / "watch")
    result = extract_path(Context(settings, Registry.default()), str(path_of("AzureInterior.pdf")))
    assert result["sources"]["line_items"] == "xml"
    items = result["fields"]["line_items"]
    assert [(i["description"], i["quantity"], i["amount"]) for i in items] == [
        ("Beeswax XL", "1", "42.00"),
        ("Office Chair", "1", "70.00"),
        ("*987123* Olive Oil", "1", "0.90"),
        ("Luxury Truffles", "15", "150.00"),
    ]
