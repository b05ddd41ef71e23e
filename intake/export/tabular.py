"""Writing rows as CSV (RFC 4180 through the csv module), every text cell made safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from intake.export.base import one_line, safe_text

__all__ = ["Amount", "write_csv"]


class Amount(str):
    """A cell that is a number already formatted (``-12.50``): written as is, not escaped."""

    __slots__ = ()


def write_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = False
) -> bytes:
    """The CSV bytes (UTF-8, CRLF) of ``rows`` under ``header``.

    Text cells are put on one line (:func:`one_line`: importers read a line break inside
    a quoted cell as the end of the row) and go through :func:`safe_text`; :class:`Amount`
    cells are numbers and do not, so a negative amount stays a number a spreadsheet can
    add up.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row of {len(row)} cells under a header of {len(header)}")
        writer.writerow([c if isinstance(c, Amount) else safe_text(one_line(c)) for c in row])
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")
