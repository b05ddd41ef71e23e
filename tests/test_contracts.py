"""Contract fields from the many ways agreements word their preamble and clauses.

The cases are data (``tests/golden/contracts.yaml``): each names the paragraphs of a
generated agreement and the fields expected from them, or fields that must not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

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
