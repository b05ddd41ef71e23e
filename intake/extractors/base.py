"""The contract an extractor satisfies, and the registry that finds them.

An extractor knows one document type. ``score`` says how much a record looks like that
type (0..1, from titles and labels); ``extract`` returns the fields it reads. Built-in
extractors are listed in :data:`BUILTIN`; others register under the entry-point group
``intake.extractors`` and are checked against the protocol when loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from intake.record import Field, Record

__all__ = ["ENTRY_POINT_GROUP", "Extractor", "Registry"]

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "intake.extractors"


@runtime_checkable
class Extractor(Protocol):
    doc_type: str

    def score(self, record: Record) -> float: ...

    def extract(self, record: Record) -> Mapping[str, Field]: ...


class Registry:
    """The extractors in use, at most one per document type (a later one replaces)."""

    def __init__(self, extractors: Iterable[Extractor]) -> None:
        self._by_type: dict[str, Extractor] = {}
        for ex in extractors:
            self.register(ex)

    def register(self, extractor: object) -> None:
        if not isinstance(extractor, Extractor):
            raise TypeError(f"{extractor!r} does not satisfy the Extractor protocol")
        self._by_type[extractor.doc_type] = extractor

    def __iter__(self) -> Iterator[Extractor]:
        return iter(self._by_type.values())

    def for_type(self, doc_type: str) -> Extractor | None:
        return self._by_type.get(doc_type)

    @property
    def doc_types(self) -> list[str]:
        return list(self._by_type)

    @classmethod
    def default(cls, *, plugins: bool = True) -> Registry:
        from intake.extractors.builtin import BUILTIN

        registry = cls(BUILTIN())
        if plugins:
            for ep in entry_points(group=ENTRY_POINT_GROUP):
                try:
                    loaded = ep.load()
                    registry.register(loaded() if isinstance(loaded, type) else loaded)
                except Exception:
                    logger.exception("extractor plugin %s failed to load; skipped", ep.name)
        return registry
