"""Contracts: parties, dates, governing law and term."""

from __future__ import annotations

import re
from collections.abc import Mapping

from intake.extractors.classify import type_scores
from intake.extractors.fields import find_dates
from intake.extractors.reading import reading_for
from intake.record import Field, Record

__all__ = ["ContractExtractor"]

_BETWEEN = re.compile(
    r"\bbetween\s+(?P<a>.{3,120}?)\s*(?:\(|,)?.{0,80}?\band\s+(?P<b>.{3,120}?)\s*(?:\(|,|\.)",
    re.IGNORECASE | re.DOTALL,
)
_EFFECTIVE = re.compile(r"effective\s+(?:as\s+of\s+|date\W+)?", re.IGNORECASE)
_LAW = re.compile(
    r"governed\s+by\s+(?:and\s+construed\s+in\s+accordance\s+with\s+)?the\s+laws?\s+of\s+"
    r"(?:the\s+)?(?:state\s+of\s+|commonwealth\s+of\s+)?(?P<law>[A-Z][\w ]{2,40}?)"
    r"(?=[,.;(]|\s+(?:and|without|as|applicable))",
)


def _clean_party(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(' ,;:"“”')


class ContractExtractor:
    doc_type = "contract"

    def score(self, record: Record) -> float:
        return type_scores(reading_for(record)).get(self.doc_type, 0.0)

    def extract(self, record: Record) -> Mapping[str, Field]:
        reading = reading_for(record)
        text = reading.text
        head = text[:6000]
        fields: dict[str, Field] = {}
        if m := _BETWEEN.search(head):
            parties = [_clean_party(m.group("a")), _clean_party(m.group("b"))]
            fields["parties"] = Field([p for p in parties if p], 0.5, "text", raw=m.group(0))
        if m := _EFFECTIVE.search(head):
            for start, _end, date in find_dates(head[m.end() : m.end() + 60], reading.date_order):
                if start < 10:
                    fields["effective_date"] = Field(date.isoformat(), 0.6, "text")
                break
        if m := _LAW.search(" ".join(text.split())):
            fields["governing_law"] = Field(m.group("law").strip(), 0.6, "text")
        return fields
