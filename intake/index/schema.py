"""The Whoosh schema. Field names equal the database's column names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, StemmingAnalyzer, Token, Tokenizer
from whoosh.columns import RefBytesColumn
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from intake.keys import number_key

__all__ = ["SCHEMA_VERSION", "NumberTokenizer", "make_schema", "schema_signature"]

#: Bump when the schema changes: an index of another version is rebuilt.
SCHEMA_VERSION = 4


class NumberTokenizer(Tokenizer):  # type: ignore[misc]
    """Identifiers, findable with or without their separators and leading zeros, compared
    as duplicate detection compares them (:func:`intake.keys.number_key`).

    Indexing ``INV-2024/0118`` yields ``inv2024118``, ``2024118`` and the parts ``inv``,
    ``2024``, ``118``; a query term is keyed the same way (``INV 2024-118``, ``inv
    2024/00118`` and ``2024118`` all find it).
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if mode == "query":
            variants = [number_key(value)]
        else:
            variants = []
            for ident in value.split():
                digits = re.sub(r"\D+", "", ident)
                parts = re.split(r"[\W_]+", ident)
                variants += [number_key(v) for v in (ident, digits, *parts)]
        seen: set[str] = set()
        pos = start_pos
        for text in variants:
            if not text or text in seen:
                continue
            seen.add(text)
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t


def make_schema() -> Schema:
    return Schema(
        # Columns (``sortable``) hold what conditions, facets and sorting read for every
        # matching document at once: id, doc_type, vendor_id, issue_date, due_date, total.
        id=ID(stored=True, unique=True, sortable=True),
        doc_type=ID(stored=True, sortable=RefBytesColumn()),
        vendor=TEXT(stored=True, analyzer=StemmingAnalyzer()),
        vendor_id=NUMERIC(int, bits=64, signed=True, stored=True, sortable=True),
        number=TEXT(analyzer=NumberTokenizer() | LowercaseFilter(), phrase=False),
        original_name=TEXT(stored=True),
        content=TEXT(analyzer=StemmingAnalyzer(), phrase=True),
        buyer=TEXT(),
        issue_date=DATETIME(stored=True, sortable=True),
        due_date=DATETIME(sortable=True),
        total=NUMERIC(int, bits=64, decimal_places=4, signed=True, stored=True, sortable=True),
        currency=ID(stored=True),
        sku=KEYWORD(lowercase=True, commas=True, scorable=True),
        product=TEXT(),
        year=ID(stored=True),
        version=STORED(),
    )


def schema_signature(schema: Schema) -> set[tuple[str, str, str]]:
    """What an index must agree on with :func:`make_schema` to be used: each field's name,
    type and column type (an index written by an older schema is rebuilt)."""
    return {
        (name, type(field).__name__, type(field.column_type).__name__)
        for name, field in schema.items()
    }
