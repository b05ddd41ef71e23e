"""The countries a document's tax numbers place it in, and the currency they pay in.

A VAT id begins with its country's code ("DE298765431", "ATU12345678", "NL620117869B01",
"CHE-123.456.789"), and so does an IBAN ("IT60 X054 2811 1010 0000 0123 456"). An
invoice between businesses in the EU must print the seller's VAT id, and most print
their bank's IBAN: where every such number on the page belongs to countries that pay in
one currency (the euro area's, say), a document that prints no currency at all is in
that one. A VAT id alone names no side (it may be the customer's), which is why they must
all agree: a Polish seller's invoice to a German customer names two currencies, and
none is chosen. Outside the VAT area, the packs' ``tax_ids`` place a document the same
way (Australia's ABN, a Canadian GST/HST account number).

A bare "$" is the dollar of the one dollar country the page's tax numbers and legal
forms ("Pty Ltd" is Australian, "LLC" American) name, else the US dollar; Mexico, Colombia,
Chile and Argentina write their pesos with the same sign ("$ 4.750,00" beside an RFC or a
"S.A. de C.V." is in Mexican pesos).

A page with no tax number at all is placed by its legal forms and its postal addresses
("GmbH"; "Dayton, OH 45414"): where they all name one country, a document that prints no
currency pays in that country's (`home_currency`). A US seller's invoice to a German
GmbH names two, and gets none.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.vocabulary import vocabulary

__all__ = [
    "VAT_ID",
    "address_countries",
    "dollar_of",
    "home_currency",
    "legal_countries",
    "tax_countries",
    "tax_country_currency",
]

#: A VAT id of the European VAT area, the UK or Switzerland: its country prefix and digits
#: ("GB300348016", "DE 298765431", "ATU12345678", "NL620117869B01", "CHE-123.456.789"), or
#: an IBAN of those countries, which the pattern takes too. A scan may read a zero among
#: the digits as the letter O ("NLO01234567B01"): the digits still counted are the others.
VAT_ID = re.compile(
    r"(?<![A-Z0-9])(?:(?P<eu>AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|"
    r"NL|PL|PT|RO|SE|SI|SK|XI)\s?U?[\dO][\dO ]{7,13}(?:B[\dO]{2})?"
    r"|(?P<ch>CHE)-?\d{3}\.?\d{3}\.?\d{3})"
    r"(?![\w])"
)


#: Digits a VAT id has at least (Germany's and Britain's nine, Austria's eight after its
#: "U"): fewer, spaced out, are a price and a quantity after two letters OCR made up.
MIN_DIGITS = 8


_TAX_IDS = [(re.compile(p), country) for p, country in vocabulary().tax_ids]
#: Legal forms that name their country: "GmbH" is German, "LLC" American, "Pty" Australian.
_LEGAL_COUNTRIES = vocabulary().legal_form_countries()
#: Postal addresses that name their country ("Springfield, IL 62704": US), matched with case.
_POSTAL = [(re.compile(p), country) for p, country in vocabulary().postal_addresses]
#: the currencies a bare "$" may stand for: dollars, and the pesos written with the sign
_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "COP", "CLP", "ARS"})


def tax_countries(text: str) -> set[str]:
    """The ISO codes of the countries of the VAT ids and IBANs in ``text`` ("EL" is
    Greece's VAT prefix, "GR" its ISO code; "CHE" Switzerland's), and of the packs'
    other tax numbers."""
    out = {country for pattern, country in _TAX_IDS if pattern.search(text)}
    for m in VAT_ID.finditer(text):
        if sum(ch.isdigit() for ch in m.group(0)) < MIN_DIGITS:
            continue
        code = m.group("eu") or "CH"
        out.add({"EL": "GR", "XI": "GB"}.get(code, code))
    return out


def tax_country_currency(text: str) -> str | None:
    """The one currency of every country whose VAT id or IBAN ``text`` prints, if there is
    one (see the module's docstring); None where they name none or several."""
    table = vocabulary().country_currencies
    currencies = {table.get(country) for country in tax_countries(text)}
    return currencies.pop() if len(currencies) == 1 else None


def legal_countries(text: str) -> set[str]:
    """The countries the legal forms after a name in ``text`` name ("GmbH": DE, "LLC": US)."""
    return {country for pattern, country in _LEGAL_COUNTRIES if pattern.search(text)}


def address_countries(text: str) -> set[str]:
    """The countries the postal addresses in ``text`` name ("OH 45414": US)."""
    return {country for pattern, country in _POSTAL if pattern.search(text)}


def home_currency(text: str) -> str | None:
    """The currency of the one country ``text``'s legal forms and postal addresses name,
    where it prints no tax number (which `tax_country_currency` reads); else None."""
    if tax_countries(text):
        return None
    # a legal form that ends its line ends a company's name; inside a line the letters
    # may be a word's ("Taman Sri Bintang" is no Italian S.r.l.)
    countries = address_countries(text) | {
        country
        for line in text.splitlines()
        for pattern, country in _LEGAL_COUNTRIES
        if (m := pattern.search(line)) and not line[m.end() :].strip(" .,;")
    }
    if len(countries) != 1:
        return None
    return vocabulary().country_currencies.get(countries.pop())


def dollar_of(text: str) -> str | None:
    """The currency a bare "$" stands for in the one "$" country that ``text``'s tax
    numbers and legal forms name; None where they name none or several."""
    table = vocabulary().country_currencies
    countries = tax_countries(text) | legal_countries(text)
    dollars = {table.get(c) for c in countries} & _DOLLARS
    return dollars.pop() if len(dollars) == 1 else None
