"""Does the project quote the evaluation set? Labelled values searched in the project's files.

    python -m benchmarks.leaks ../shared/eval [--min-length 6]

A rule must encode a convention, never a labelled value: no vendor, buyer or party name,
document number, address or line description of a labelled document may appear in the
code, its tests, its packs or its docs. This reads every ``labels.json`` under the
evaluation folder, keeps the string values that could only be copied (at least
``--min-length`` characters once spaces are folded, and not a bare number, date or amount, which
turn up by coincidence), and searches every text file the project tracks in git for them,
case- and space-insensitively. Two exceptions, each named in the code with its reason: a
few labels that are ordinary words of the trade, and the invoice2data source, whose golden
suite the project ships under its MIT licence. It prints each hit with the file and line,
nothing else, and exits 1 when there is one: a hit is read by a person (a common word such
as a country's name may be a label too), then removed or explained.

The labels stay where they are: only the values are held in memory while the check runs.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Values that are numbers, dates or amounts in any of their printed forms.
_NUMERIC = re.compile(r"[\d\s.,:/\-+%()$€£]*")
#: Field names whose values are conventions every document shares, not a document's own text.
_COMMON_FIELDS = {"currency", "doc_type", "governing_law", "term", "renewal_term", "unit"}
#: Labels that are ordinary words of the trade, which code and docs use in their own sense.
ORDINARY = {"perpetual", "product name"}
#: The one source whose documents the project may hold: invoice2data's golden suite (MIT),
#: which ``tests/invoice2data_golden`` carries with its licence, is that source's documents.
SHIPPED_SOURCES = {"invoice2data"}


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _strings(value: object, field: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, str(key))


def labelled_values(eval_root: Path, min_length: int) -> dict[str, str]:
    """Folded value -> where it is labelled (source/field), for every copyable value."""
    found: dict[str, str] = {}
    for labels in sorted(eval_root.rglob("labels.json")):
        source = labels.parent.name
        if source in SHIPPED_SOURCES:
            continue
        for entry in json.loads(labels.read_text(encoding="utf-8")):
            for field, value in _strings(entry.get("fields", {})):
                folded = _fold(value)
                if field in _COMMON_FIELDS or len(folded) < min_length or folded in ORDINARY:
                    continue
                if _NUMERIC.fullmatch(folded):
                    continue
                found.setdefault(folded, f"{source}/{field}")
    return found


def project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_root", type=Path)
    ap.add_argument("--min-length", type=int, default=6)
    args = ap.parse_args(argv)
    values = labelled_values(args.eval_root, args.min_length)
    # One alternation, longest first, with word edges: a value inside a longer word (a short
    # name inside an ordinary word) is no quotation.
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(values, key=len)[::-1])
        + r")(?!\w)"
    )
    hits = 0
    for path in project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.casefold().splitlines(), 1):
            for match in pattern.finditer(line):
                hits += 1
                where = values.get(_fold(match.group()), "?")
                print(f"{path.relative_to(ROOT)}:{number}: {match.group()!r} ({where})")
    print(f"{len(values)} labelled values searched; {hits} found", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
