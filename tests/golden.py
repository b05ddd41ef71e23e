"""Where invoice2data's golden files are (see ``tests/invoice2data_golden/PROVENANCE.md``).

The expected JSON of all 16 and the templates are in ``tests/invoice2data_golden``; so
are the 8 inputs that are not also evaluation documents. The other 8 (byte for byte files
of the shared evaluation set, which is never copied into the project) are read from the
shared golden folder beside the checkout, ``../shared/invoice2data-golden/golden``, or
from ``INTAKE_GOLDEN_DIR``; where neither has them, their tests are skipped and say so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "invoice2data_golden"
GOLDEN = HERE / "golden"
TEMPLATES = HERE / "templates"
SHARED = HERE.parents[2] / "shared" / "invoice2data-golden" / "golden"
SUFFIXES = (".pdf", ".txt")


def expected(name: str) -> dict[str, Any]:
    """invoice2data's expected output for the golden file ``name``."""
    data: list[dict[str, Any]] = json.loads((GOLDEN / name).with_suffix(".json").read_text())
    assert len(data) == 1
    return data[0]


def names() -> list[str]:
    """The 16 golden files, by name (each has its expected JSON here)."""
    out = []
    for json_file in sorted(GOLDEN.glob("*.json")):
        found = [s for s in SUFFIXES if (json_file.with_suffix(s)).exists()]
        shared = [s for s in SUFFIXES if (SHARED / json_file.with_suffix(s).name).exists()]
        suffix = (found or shared or [".pdf"])[0]
        out.append(json_file.with_suffix(suffix).name)
    return out


def path_of(name: str) -> Path | None:
    """The golden file ``name``: here, else in INTAKE_GOLDEN_DIR or the shared folder."""
    for folder in (GOLDEN, Path(os.environ.get("INTAKE_GOLDEN_DIR", SHARED))):
        if (folder / name).is_file():
            return folder / name
    return None
