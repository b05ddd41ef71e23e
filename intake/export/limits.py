"""Fitting bills to a target's rules on numbers and names.

Xero and QuickBooks Online make one bill of the rows that share a bill number (and
supplier) in one import file, so two different bills of one vendor with the same number
(kept apart by a person as "not a duplicate") cannot go in one file: the later ones wait
for the next export, which carries them alone. QuickBooks Online keeps bill numbers of at
most 21 characters and accepts the same number twice; QuickBooks Desktop names (the
vendor of an IIF bill) have at most 41 characters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from intake.export.base import ExportDoc, one_line

__all__ = ["QBD_NAME_LIMIT", "QBO_NUMBER_LIMIT", "shorten_end", "shorten_start", "split_numbers"]

QBO_NUMBER_LIMIT = 21
QBD_NAME_LIMIT = 41


def shorten_end(value: str, limit: int) -> str:
    """The last ``limit`` characters: where bill numbers differ ("INV-2024-000118")."""
    text = one_line(value)
    return text if len(text) <= limit else text[-limit:]


def shorten_start(value: str, limit: int) -> str:
    """The first ``limit`` characters: where names differ."""
    text = one_line(value)
    return text if len(text) <= limit else text[:limit].rstrip()


def split_numbers(
    docs: Sequence[ExportDoc], target: str, number: Callable[[ExportDoc], str] = lambda d: d.number
) -> dict[int, tuple[str, ...]]:
    """The documents that repeat the bill number of an earlier one of the same vendor, with
    the reason: the first of each number goes out, the others wait for the next export."""
    first: dict[tuple[str, str], ExportDoc] = {}
    blocked: dict[int, tuple[str, ...]] = {}
    for doc in docs:
        key = (one_line(doc.vendor).casefold(), one_line(number(doc)).casefold())
        if key not in first:
            first[key] = doc
            continue
        other = first[key]
        blocked[doc.id] = (
            f"document {other.id} is bill {number(other)} of {other.vendor} too, and {target}"
            " makes one bill of the rows with one number in a file: this one goes out with"
            " the next export",
        )
    return blocked
