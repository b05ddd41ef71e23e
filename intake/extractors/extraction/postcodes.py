"""Postcodes as addresses print them, the mark of a postal address's last line."""

from __future__ import annotations

import re

from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["AFTER_TOWN", "POSTCODE", "TOWN_THEN_CODE"]

#: a postcode before its town: "69002 LYON", "DE-80333 München", "75013 Paris", with a
#: hyphen where Portugal and Poland print one ("4000-123 Porto", "00-950 Warszawa"); a
#: British postcode ("Leeds LS2 7AB"), a US state and ZIP code ("Austin, TX 78701"), an
#: Australian state and postcode ("Docklands VIC 3008"), a Canadian postal code ("V6E 2E9"),
#: an Irish Eircode ("Dublin 2, D02 KX45");
#: Sweden, Czechia, Slovakia and Greece group theirs three and two ("103 16 Stockholm").
#: ``AFTER_TOWN``: the postcodes written after the town (British, US, Australian, Canadian,
#: Irish)
AFTER_TOWN = (
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
    r"|\b(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT)\s+\d{4}\b|\b[A-Z]\d[A-Z]\s\d[A-Z]\d\b"
    # an Irish Eircode: a routing key and a unique identifier, in the letters An Post uses
    r"|\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s[AC-FHKNPRTV-Y\d]{4}\b"
)
#: A postcode of four or six digits after its town, the whole of a line, as New Zealand,
#: Singapore and India print theirs ("Mount Maunganui 3116", "Singapore 408600", "Pune,
#: Maharashtra 411026", "Mumbai - 400001"); not where the line holds a detail's or a
#: street's word, a title or a number's word ("Invoice No 123456", "Total 1234"), nor
#: four digits that read as a year ("Expo 2025"); the town's words in small letters after
#: their capital (an item's text in capitals ends in a number as often: "RACKET 1084").
_VOCABULARY = vocabulary()
_TOWN_CODE = (
    r"[A-Z][a-zß-öø-ÿ]+(?:,?\s[A-Z][a-zß-öø-ÿ]+){0,2},?\s+(?:[-–]\s+)?"
    r"(?!(?:19|20)\d\d\b)\d{4}(?:\d{2})?\s*$"
)
# (the line's shape is tried first: the search for the packs' words runs only on a line
# that has it)
TOWN_THEN_CODE = (
    rf"^\s*(?={_TOWN_CODE})"
    rf"(?!(?i:.*\b(?:{_VOCABULARY.detail_pattern}|{_VOCABULARY.number_pattern})\b))"
    rf"{_TOWN_CODE}"
)
POSTCODE = re.compile(
    r"(?<![\d.,])(?:\d{4,5}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3}\s\d{2})\s+[^\W\d_]{2,}|"
    + AFTER_TOWN
    + "|"
    + TOWN_THEN_CODE
)
