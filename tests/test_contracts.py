"""Contract fields from the many ways agreements word their preamble and clauses.

The cases are data (``tests/golden/contracts.yaml``): each names the paragraphs of a
generated agreement and the fields expected from them, or fields that must not be read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import reportlab
import yaml
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_text_pdf

GOLDEN = yaml.safe_load((Path(__file__).parent / "golden" / "contracts.yaml").read_text())


def fields_of(settings: Settings, tmp_path: Path, *paragraphs: str) -> dict[str, Any]:
    filler = GOLDEN["filler"]
    pdf = make_text_pdf(
        tmp_path / "c.pdf", [*paragraphs, filler, filler], title="NON-DISCLOSURE AGREEMENT"
    )
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["doc_type"] == "contract"
    fields: dict[str, Any] = result["fields"]
    return fields


def _comparable(name: str, value: Any) -> Any:
    if name == "parties":
        return [p.rstrip(".") for p in value]
    return value


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["name"] for c in GOLDEN["cases"]])
def test_golden_contract_case(settings: Settings, tmp_path: Path, case: dict[str, Any]) -> None:
    fields = fields_of(settings, tmp_path, *case["paragraphs"])
    got = {name: _comparable(name, fields.get(name)) for name in case.get("expect", {})}
    want = {name: _comparable(name, v) for name, v in case.get("expect", {}).items()}
    assert got == want
    assert [name for name in case.get("absent", []) if name in fields] == []


def test_the_golden_file_has_cases_of_every_kind() -> None:
    expected = {n for c in GOLDEN["cases"] for n in c.get("expect", {})}
    assert {"parties", "governing_law", "term", "expiration_date", "effective_date"} <= expected
    assert all(c.get("expect") or c.get("absent") for c in GOLDEN["cases"])


def _greek_semicolon_pdf(path: Path, paragraphs: list[str]) -> Path:
    """A contract PDF whose font maps the semicolon to the Greek question mark (U+037E,
    which looks the same) in its text layer, as the fonts of some typesetting software do.
    Drawn with an embedded TrueType font, whose ToUnicode entry for ";" is then rewritten."""
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("VeraContract", str(fonts / "Vera.ttf")))
    c = Canvas(str(path), pageCompression=0)
    c.setFont("VeraContract", 13)
    c.drawString(72, 740, "SUPPLY AGREEMENT")
    c.setFont("VeraContract", 10)
    y = 710
    for paragraph in [*paragraphs, GOLDEN["filler"], GOLDEN["filler"]]:
        line = ""
        for word in paragraph.split():
            if c.stringWidth(f"{line} {word}", "VeraContract", 10) > 460:
                c.drawString(72, y, line)
                y, line = y - 13, word
            else:
                line = f"{line} {word}".strip()
        c.drawString(72, y, line)
        y -= 20
    c.showPage()
    c.save()
    data = path.read_bytes()
    start, end = data.index(b"beginbfchar"), data.index(b"endbfchar")
    body = re.sub(rb"(<[0-9A-F]{2}> )<003B>", rb"\1<037E>", data[start:end])
    assert body != data[start:end]
    path.write_bytes(data[:start] + body + data[end:])  # same length: offsets stay valid
    return path


def test_a_semicolon_printed_as_its_greek_look_alike_still_separates_parties(
    settings: Settings, tmp_path: Path
) -> None:
    pdf = _greek_semicolon_pdf(
        tmp_path / "c.pdf",
        [
            "This Agreement is made among Alpha Robotics LLC, a Delaware company, with an office"
            " at 1 Main Street, Springfield (hereinafter “Alpha”); Beta Werke GmbH, a German"
            " company, with an office at 2 Ring Road, Hamburg, Germany (hereinafter “Beta”) and"
            " Gamma Tools Inc., an Ohio corporation (hereinafter “Gamma”).",
        ],
    )
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["doc_type"] == "contract"
    assert result["fields"]["parties"] == [
        "Alpha Robotics LLC",
        "Beta Werke GmbH",
        "Gamma Tools Inc.",
    ]
