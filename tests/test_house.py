"""The house rules a reviewer would otherwise check by hand: no module in ``intake/`` or
``web/`` over 400 lines, and none that names one of the public data sets the extraction
is measured on (a rule must encode a convention, not a data set)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*(ROOT / "intake").rglob("*.py"), *(ROOT / "web").rglob("*.py")])
MAX_LINES = 400
#: The labelled public sources of the evaluation (``make eval``), by the names they go by.
DATA_SETS = re.compile(r"\b(?:sroie|kleister|cuad|deepform|order-?x[ _-]samples?)\b", re.I)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 100


def test_no_module_is_over_400_lines() -> None:
    long = {
        _name(path): lines
        for path in MODULES
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_LINES
    }
    assert long == {}


def test_no_module_names_an_evaluation_data_set() -> None:
    named = [
        f"{_name(path)}:{number}: {line.strip()}"
        for path in [*MODULES, *(ROOT / "intake").rglob("*.toml")]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DATA_SETS.search(line)
    ]
    assert named == []
