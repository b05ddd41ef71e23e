"""Signs that a document comes from a vendor, and recognising the vendor by them.

A sign is ``(kind, key)``: ``vat`` (a VAT, GST or company registration number, compacted),
``iban`` (checked with its mod-97 digits), ``name`` (a variant of the vendor's name as
:func:`~intake.db.persist.vendor_key` compares names: an alias) and ``letterhead`` (the
words without digits at the top of the first page). Signs are remembered when a person
corrects or confirms a document; a sign seen with two vendors recognises neither (the
buyer's own VAT id is printed on every supplier's invoice).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.db.learning import VendorSign
from intake.db.models import Vendor
from intake.db.persist import vendor_key
from intake.keys import text_key
from intake.record import Page

__all__ = ["KINDS", "Recognised", "Sign", "document_signs", "recognise_vendor", "remember_signs"]

logger = logging.getLogger(__name__)

Sign = tuple[str, str]

#: Kinds of signs.
KINDS = ("vat", "iban", "name", "letterhead")

_EU_VAT = re.compile(
    r"\b(?:ATU|BE0?|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|"
    r"SK|GB|CHE-?)\s?[0-9A-Z][0-9A-Z .-]{6,13}[0-9A-Z]\b"
)
#: A registration number after its label: "GST ID: 000123456789", "ABN 12 345 678 901",
#: "Co. Reg. No. 123456-X", "Tax ID 12-3456789".
_LABELLED_ID = re.compile(
    r"\b(?:VAT|GST|SST|ABN|TVA|IVA|BTW|MwSt|USt|UID|NIF|CIF|EIN|Tax|Reg(?:istration)?)"
    r"(?:[ .]*(?:Reg(?:istration)?|Id(?:ent)?|No|Nr|Number|Num|#)\.?)*[ .:#-]*"
    r"([A-Z]{0,3}[ -]?\d[\d -]{5,16}\d(?:-[A-Z])?)\b",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")


def _compact(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def iban_ok(text: str) -> bool:
    """The ISO 13616 check: the IBAN moved and read as a number is 1 modulo 97."""
    s = _compact(text)
    if not 15 <= len(s) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def letterhead_key(page: Page) -> str | None:
    """The words without digits in the top eighth of the page (its first lines when
    nothing stands that high), normalised; None when they say too little to recognise."""
    band = page.height / 8
    words = [w for w in page.words if w.top < band]
    if not words:
        words = [w for line in page.lines[:2] for w in line]
    key = text_key(" ".join(w.text for w in words if not any(c.isdigit() for c in w.text)))
    key = " ".join(key.split()[:8])
    return key if len(key) >= 6 else None


def document_signs(pages: Sequence[Page], text: str, vendor_name: str | None) -> list[Sign]:
    """Every sign on a document: its registration numbers, IBANs, the vendor's name as
    read and its letterhead."""
    out: list[Sign] = []
    ibans = [m for m in _IBAN.finditer(text) if iban_ok(m.group())]
    for m in [*_EU_VAT.finditer(text), *_LABELLED_ID.finditer(text)]:
        if any(m.start() < i.end() and i.start() < m.end() for i in ibans):
            continue  # the start of an IBAN looks like a VAT id
        key = _compact(m.group(m.lastindex or 0))
        if sum(c.isdigit() for c in key) >= 6:  # a number, not a word that looks like one
            out.append(("vat", key))
    out += [("iban", _compact(m.group())) for m in ibans]
    if vendor_name and (key := vendor_key(vendor_name)):
        out.append(("name", key))
    if pages and (head := letterhead_key(pages[0])):
        out.append(("letterhead", head))
    return list(dict.fromkeys(out))


#: How much a matching sign of each kind counts towards a vendor.
WEIGHTS = {"vat": 3.0, "iban": 3.0, "name": 2.0, "letterhead": 2.0}
#: How alike (rapidfuzz ratio, 0-100) a name or letterhead read by OCR must be to one
#: known to count, at a fraction of its weight.
FUZZY = 90.0


def _fuzzy(session: Session, kind: str, key: str) -> list[VendorSign]:
    """Known signs of the kind at least :data:`FUZZY` alike, among those that share one
    of the key's two longest words (an OCR slip rarely hits both)."""
    from rapidfuzz import fuzz

    words = sorted((w for w in key.split() if len(w) >= 4), key=len, reverse=True)[:2]
    if not words:
        return []
    rows = session.scalars(
        select(VendorSign)
        .where(
            VendorSign.kind == kind,
            VendorSign.vendor_id.is_not(None),
            or_(*(VendorSign.key.contains(w, autoescape=True) for w in words)),
        )
        .limit(500)
    ).all()
    return [r for r in rows if fuzz.ratio(r.key, key) >= FUZZY]


@dataclass(frozen=True)
class Recognised:
    """The vendor a document's signs point to, its strongest sign, and whether a person
    vouched for one of the signs that named it (rather than only documents filed as read)."""

    vendor: Vendor
    sign: VendorSign
    vouched: bool
    kinds: frozenset[str]  # the kinds of signs that named it


def recognise_vendor(session: Session, signs: Iterable[Sign]) -> Recognised | None:
    """The vendor the document's signs point to; None when no sign is known or two
    vendors are named as strongly. Each matching sign votes with its kind's weight (half
    of it for a sign only seen on documents filed as read, and for a name or letterhead
    that only resembles a known one, as OCR makes them)."""
    votes: dict[int, float] = {}
    best: dict[int, tuple[float, VendorSign]] = {}
    vouched: set[int] = set()
    kinds: dict[int, set[str]] = {}
    for kind, key in signs:
        rows = session.scalars(
            select(VendorSign).where(
                VendorSign.kind == kind, VendorSign.key == key, VendorSign.vendor_id.is_not(None)
            )
        ).all()
        weight = WEIGHTS[kind]
        if not rows and kind in ("name", "letterhead") and len(key) >= 8:
            rows, weight = _fuzzy(session, kind, key), weight / 2
        for row in rows:
            assert row.vendor_id is not None
            vote = weight if row.audit_id is not None else weight / 2
            votes[row.vendor_id] = votes.get(row.vendor_id, 0.0) + vote
            kinds.setdefault(row.vendor_id, set()).add(kind)
            if row.audit_id is not None:
                vouched.add(row.vendor_id)
            if row.vendor_id not in best or vote > best[row.vendor_id][0]:
                best[row.vendor_id] = (vote, row)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda v: -v[1])
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None
    winner = ranked[0][0]
    vendor = session.get(Vendor, winner)
    if vendor is None:
        return None
    return Recognised(vendor, best[winner][1], winner in vouched, frozenset(kinds[winner]))


def remember_signs(
    session: Session, vendor: Vendor, signs: Iterable[Sign], audit_id: int | None
) -> int:
    """Tie the signs to the vendor; returns how many are new. ``audit_id`` is the person's
    correction or confirmation that vouches for the vendor; None for a document filed as
    read, whose signs only hold until a person says otherwise. A sign that a person tied
    to another vendor is tied to none from now on (seen with two vendors)."""
    added = 0
    for kind, key in sorted(set(signs)):  # one order for every worker: no lock cycles
        key = key[:300]
        row = session.scalar(
            select(VendorSign).where(VendorSign.kind == kind, VendorSign.key == key)
        )
        if row is None:
            try:
                with session.begin_nested():
                    session.add(
                        VendorSign(vendor_id=vendor.id, kind=kind, key=key, audit_id=audit_id)
                    )
                added += 1
            except IntegrityError:  # another correction added it meanwhile
                continue
        elif row.vendor_id == vendor.id:
            row.audit_id = row.audit_id or audit_id
        elif audit_id is None:
            continue  # as read: never overrides what is known
        elif row.audit_id is None or (kind == "name" and row.key == vendor.key):
            row.vendor_id, row.audit_id = vendor.id, audit_id  # a person's word wins
        elif row.vendor_id is not None:
            logger.info("sign %s %r seen with two vendors; it recognises neither", kind, key)
            row.vendor_id = None
    return added
