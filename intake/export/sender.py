"""What a bill says about its sender that an e-invoice needs: IBAN, contact, address, and
whether its VAT is reverse charged or an intra-EU supply.

Read from the filed document's text, never guessed: a value that is not on the document
stays empty, and the UBL export lists what a Peppol rule needs and the document lacks.
The phrases are data (:data:`REVERSE_CHARGE`, :data:`INTRA_EU`), one entry per wording
that the VAT law of a member state asks an invoice to carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["INTRA_EU", "REVERSE_CHARGE", "Sender", "read_sender", "valid_iban"]

#: Mentions that the buyer owes the VAT (EU VAT Directive art. 226(11a): the invoice says
#: "Reverse charge"); national wordings of the same notice.
REVERSE_CHARGE = (
    r"reverse[\s-]+charge",
    r"steuerschuldnerschaft\s+des\s+leistungsempf",  # DE, § 14a UStG
    r"umkehr(?:ung)?\s+der\s+steuerschuld",
    r"autoliquidation",  # FR, BE
    r"btw\s+verlegd",  # NL
    r"inversione\s+contabile",  # IT
    r"inversi[oó]n\s+del\s+sujeto\s+pasivo",  # ES
    r"omv[äa]nd\s+skattskyldighet",  # SE
    r"omvendt\s+betalingspligt",  # DK
)
#: Mentions of a VAT-exempt supply of goods to another member state (art. 138).
INTRA_EU = (
    r"intra[\s-]*(?:community|eu)\s+(?:supply|supplies|delivery|deliveries)",
    r"innergemeinschaftliche\s+lieferung",  # DE, § 4 Nr. 1b UStG
    r"livraison\s+intracommunautaire",  # FR
    r"intracommunautaire\s+levering",  # NL
    r"cessione\s+intracomunitaria",  # IT
    r"entrega\s+intracomunitaria",  # ES
)

_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")
_EMAIL = re.compile(r"\b[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b")
_PHONE = re.compile(
    r"\b(?:tel(?:efon|ephone)?|phone|fon|telefoon|t[ée]l[ée]phone)\.?\s*[:.]?\s*"
    r"(\+?[\d][\d ()/.-]{4,24}\d)",
    re.IGNORECASE,
)
#: A post code and city on one line: "10115 Berlin" (DE, AT, CH, FR, IT, ES, ...),
#: "1012 AB Amsterdam" (NL).
_POSTCODE_CITY = re.compile(r"^\s*(?:[A-Z]{1,2}-)?(\d{4} ?[A-Z]{2}|\d{4,5})\s+(\S.{1,60}?)\s*$")
#: A street line: a name with a house number ("Hauptstraße 5", "12 Rue de la Paix").
_STREET = re.compile(
    r"^\s*(?:\d+\w?\s+)?[^\W\d][\w .'-]*?\s\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+)?\s*$|"
    r"^\s*\d+\w?,?\s+[^\W\d][\w .'-]+$"
)


@dataclass(frozen=True)
class Sender:
    """The sender's details found on a document (empty where the document has none)."""

    iban: str = ""
    email: str = ""
    telephone: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""
    vat_note: str = ""  # "reverse_charge", "intra_eu" or ""


def valid_iban(value: str) -> bool:
    """ISO 13616: letters as numbers, the country and check digits moved to the end,
    the whole number modulo 97 is 1."""
    iban = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", iban):
        return False
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _first(pattern: re.Pattern[str], text: str, group: int = 0) -> str:
    m = pattern.search(text)
    return " ".join(m.group(group).split()) if m else ""


def _address(lines: list[str], vendor: str, own_postcode: str) -> tuple[str, str, str]:
    """(street, city, post code) of the sender: the first post code and city line that is
    not our own address, with the line above it as the street when it looks like one.
    The sender's block is searched first: the lines after the vendor's name."""
    start = next((i for i, line in enumerate(lines) if vendor and vendor in line), 0)
    own = own_postcode.replace(" ", "").upper()
    for i in list(range(start, len(lines))) + list(range(0, start)):
        m = _POSTCODE_CITY.match(lines[i])
        if not m or m.group(1).replace(" ", "").upper() == own:
            continue
        street = lines[i - 1].strip() if i > 0 else ""
        if not _STREET.match(street) or _POSTCODE_CITY.match(street) or _IBAN.search(street):
            street = ""
        return street, m.group(2), m.group(1)
    return "", "", ""


def read_sender(text: str, *, vendor: str = "", own_postcode: str = "") -> Sender:
    """The sender's details in a document's ``text``."""
    flat = " ".join(text.split())
    ibans = [m.replace(" ", "") for m in _IBAN.findall(text)]
    iban = next((i for i in ibans if valid_iban(i)), "")
    lowered = flat.casefold()
    if any(re.search(p, lowered) for p in INTRA_EU):
        note = "intra_eu"
    elif any(re.search(p, lowered) for p in REVERSE_CHARGE):
        note = "reverse_charge"
    else:
        note = ""
    street, city, postcode = _address(text.splitlines(), vendor, own_postcode)
    return Sender(
        iban=iban,
        email=_first(_EMAIL, text),
        telephone=_first(_PHONE, text, 1),
        street=street,
        city=city,
        postcode=postcode,
        vat_note=note,
    )
