"""What every export format shares: the prepared document, the format protocol, cell rules.

A document is *prepared* once (``intake.export.prepare``) into an :class:`ExportDoc` whose
lines already add up to its subtotal and whose tax is already spread over its lines, with
the account and tax code of every line resolved. A format only lays that out; it never
computes an amount of its own, so every format's totals are the document's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, runtime_checkable

from intake.errors import IntakeError
from intake.export.sender import Sender

__all__ = [
    "CENT",
    "ExportDoc",
    "ExportError",
    "ExportLine",
    "ExportOptions",
    "Format",
    "FormatBase",
    "Screening",
    "format_amount",
    "format_date",
    "format_number",
    "one_line",
    "safe_text",
]

CENT = Decimal("0.01")

#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"; a
#: leading tab or carriage return is a trigger too, Symfony CVE-2021-41270), plus a
#: newline and NUL, which some readers strip before looking.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


class ExportError(IntakeError):
    """An export cannot be made at all (a setting is missing, a batch does not match)."""


@dataclass(frozen=True)
class ExportLine:
    """One bill line, exclusive of tax. ``quantity * unit_price == amount`` always holds.

    ``rate`` is the VAT rate (percent) named by the line's tax code (or the document's one
    rate, when its codes name none), ``tax`` the line's share of the document's tax at that
    rate. ``rate`` is None when it is not known; ``tax`` is then the document's tax shared
    in proportion, which a target that computes tax from its tax codes must not be given.
    """

    position: int
    description: str
    code: str | None
    quantity: Decimal
    unit: str | None
    unit_price: Decimal
    amount: Decimal
    tax: Decimal
    account: str
    tax_code: str
    rate: Decimal | None = None

    @property
    def label(self) -> str:
        """The description with the vendor's article code in front, for targets that have
        no column of their own for the code."""
        return " ".join(filter(None, [self.code, self.description]))


@dataclass(frozen=True)
class ExportDoc:
    """A filed document ready to export: amounts exact, lines summing to the subtotal."""

    id: int
    doc_type: str
    number: str
    vendor: str
    buyer: str | None
    issue_date: dt.date
    due_date: dt.date | None
    currency: str | None
    po_number: str | None
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    account: str
    tax_code: str
    lines: tuple[ExportLine, ...]
    original_name: str = ""
    vendor_country: str | None = None
    vendor_vat_id: str | None = None
    vendor_endpoint: str | None = None
    sender: Sender = Sender()
    #: Why the tax does not agree with the rates the tax codes name ("" when it does).
    tax_mismatch: str = ""


@dataclass(frozen=True)
class ExportOptions:
    """How one export is laid out (from the request and the settings)."""

    batch_id: int = 0
    lines: bool = False
    date_order: str = ""
    ap_account: str = "Accounts Payable"
    tax_account: str = ""
    company_name: str = ""
    company_country: str = ""
    company_endpoint: str = ""
    company_street: str = ""
    company_city: str = ""
    company_postcode: str = ""
    company_vat_id: str = ""


@dataclass(frozen=True)
class Screening:
    """What a format says of the documents of one export before it lays them out: those
    it refuses (by id, with the reasons) and those it changes to fit (with a warning)."""

    blocked: dict[int, tuple[str, ...]] = field(default_factory=dict)
    warnings: dict[int, tuple[str, ...]] = field(default_factory=dict)


@runtime_checkable
class Format(Protocol):
    """An export format: one small module each, listed in ``intake.export.formats``."""

    name: str  # "csv", "xero", ...
    title: str  # shown in the CLI help and the web page
    extension: str  # of the file handed out
    media_type: str
    #: Document values this format cannot do without, beyond those every format needs:
    #: any of "due_date", "currency", "peppol", "rates" (the tax agrees with the rates
    #: its tax codes name).
    requires: frozenset[str]

    def check(self, options: ExportOptions) -> None:
        """Raise :class:`ExportError` when the format cannot be made with ``options``."""

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        """The documents this format refuses or shortens, among those of one export."""

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes: ...


class FormatBase:
    """Defaults for a format: nothing required beyond the basics, nothing to check."""

    requires: frozenset[str] = frozenset()

    def check(self, options: ExportOptions) -> None:
        return None

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        return Screening()


def safe_text(value: object) -> str:
    """A text cell that no spreadsheet runs as a formula: a leading trigger gets a ``'``.

    Only for text: amounts are written with :func:`format_amount`, so ``-12.50`` stays a
    number and is not turned into the text ``'-12.50``.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def one_line(value: object) -> str:
    """Text for one cell or field: line breaks, tabs and other control characters become
    single spaces, so a multi-line name or description stays in its cell."""
    text = "" if value is None else str(value)
    return " ".join(_CONTROL.sub(" ", text).split())


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def format_amount(value: Decimal) -> str:
    """A money amount as a plain number: ``.`` decimals, two places, no grouping, no sign
    other than a leading ``-``."""
    amount = value.quantize(CENT)
    return f"{abs(amount) if amount == 0 else amount:f}"  # never "-0.00"


def format_number(value: Decimal) -> str:
    """A quantity or unit price: as many decimals as it has (at most four), no exponent."""
    text = f"{value.quantize(Decimal('0.0001')).normalize():f}"
    return "0" if text in ("-0", "") else text


def format_date(value: dt.date | None, order: str) -> str:
    """``iso`` (YYYY-MM-DD), ``dmy`` (DD/MM/YYYY) or ``mdy`` (MM/DD/YYYY); empty for none."""
    if value is None:
        return ""
    if order == "dmy":
        return value.strftime("%d/%m/%Y")
    if order == "mdy":
        return value.strftime("%m/%d/%Y")
    return value.isoformat()
