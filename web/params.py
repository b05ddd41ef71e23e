"""Numbers from URLs, query strings and forms, bounded in one place: an id or a page
number larger than the database can store answers 404 (in a path) or 400 (in a
parameter), never a driver's OverflowError."""

from __future__ import annotations

from typing import Any

from flask import abort
from werkzeug.routing import IntegerConverter

from intake.values import MAX_ID, parse_id

__all__ = ["MAX_PAGE", "IdConverter", "int_arg", "optional_id"]

#: Pages past this one are refused (even 200 results a page is then far past any data).
MAX_PAGE = 1_000_000


def _digits_at_most(limit: int) -> str:
    """A regular expression for the decimal numbers from 0 to ``limit`` (leading zeros
    allowed): shorter numbers, or as long with a smaller digit after a common prefix."""
    top = str(limit)
    parts = [rf"\d{{1,{len(top) - 1}}}", top]
    for i, digit in enumerate(top):
        if digit != "0":
            rest = len(top) - i - 1
            parts.append(f"{top[:i]}[0-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(parts) + ")"


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: 0 to :data:`~intake.values.MAX_ID`. A larger number
    matches no route at all, so it answers 404 (a converter that refused it after matching
    would make werkzeug answer 405 where a GET route shares the path of a POST one)."""

    regex = _digits_at_most(MAX_ID)


def int_arg(args: Any, name: str, default: int, *, most: int = MAX_PAGE) -> int:
    """A positive whole number parameter (a page, a page size, a number of days): missing
    or empty gives ``default``, anything else but 1 to ``most`` answers 400."""
    raw = str(args.get(name) or "").strip()
    if not raw:
        return default
    value = parse_id(raw)
    if value is None or value > most:
        abort(400, description=f"{name} must be a whole number from 1 to {most}.")
    return value


def optional_id(values: Any, name: str) -> int | None:
    """An id parameter (``again``, ``vendor_id``): None when missing, 400 when it is not
    an id a database can hold."""
    raw = str(values.get(name) or "").strip()
    if not raw:
        return None
    value = parse_id(raw)
    if value is None:
        abort(400, description=f"{name} must be a whole number from 1 to {MAX_ID}.")
    return value
