"""Where invoice2data's golden files are (see ``tests/invoice2data_golden/PROVENANCE.md``).

The 16 inputs, their expected JSON and the templates are in ``tests/invoice2data_golden``
(MIT, with invoice2data's licence). ``INTAKE_GOLDEN_DIR`` may name another copy of the
golden folder (a newer invoice2data release) to run the same tests on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "invoice2data_golden"
GOLDEN = HERE / "golden"
TEMPLATES = HERE / "templates"
SUFFIXES = (".pdf", ".txt")


#: invoice2data's names -> ours, for the document-level fields Intake keeps.
FIELD_NAMES = {
    "issuer": "vendor",
    "invoice_number": "invoice_number",
    "date": "issue_date",
    "date_due": "due_date",
    "amount": "total",
    "amount_untaxed": "subtotal",
    "amount_tax": "tax",
    "currency": "currency",
}


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
        suffix = (found or [".pdf"])[0]
        out.append(json_file.with_suffix(suffix).name)
    return out


def path_of(name: str) -> Path | None:
    """The golden file ``name``: in INTAKE_GOLDEN_DIR when set, else here."""
    for folder in (Path(os.environ.get("INTAKE_GOLDEN_DIR", GOLDEN)), GOLDEN):
        if (folder / name).is_file():
            return folder / name
    return None
