"""The export formats, by name. A new format is a module with a class like these."""

from __future__ import annotations

from intake.export.base import Format
from intake.export.generic import CsvFormat, JsonFormat
from intake.export.iif import IifFormat
from intake.export.qbo import QboFormat
from intake.export.ubl import UblFormat
from intake.export.xero import XeroFormat

__all__ = ["FORMATS", "get_format"]

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (CsvFormat(), JsonFormat(), XeroFormat(), QboFormat(), IifFormat(), UblFormat())
}
assert all(isinstance(f, Format) for f in FORMATS.values())


def get_format(name: str) -> Format:
    from intake.export.base import ExportError

    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"no export format {name!r}; one of {', '.join(FORMATS)}") from None
