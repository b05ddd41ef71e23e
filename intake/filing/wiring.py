"""The one composition point: which filing steps, matching memories, review sources and
document sections the rest of Intake runs with.

The app factory (:func:`web.create_app`) and the command line build a :class:`Wiring`
once at start and pass its parts to the code that uses them; nothing is plugged in at
import time. Tests build their own (``dataclasses.replace(Wiring.default(), ...)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from intake.db.engine import Database
from intake.documents.corrections.memory import MatchMemory
from intake.documents.review import ReviewSourceFactory
from intake.documents.view import DocumentSection
from intake.extractors.base import Registry
from intake.filing.matching.memory import VendorMemory
from intake.filing.matching.review_sources import review_factories
from intake.filing.matching.sections import SECTIONS
from intake.filing.matching.steps import STEPS, FilingStep
from intake.settings import Settings

if TYPE_CHECKING:
    from intake.ingest.stages import Context

__all__ = ["Wiring"]


@dataclass(frozen=True)
class Wiring:
    #: Run in order inside the filing transaction, and again after a correction.
    filing_steps: tuple[FilingStep, ...]
    #: Fed by the product links people correct.
    memories: tuple[MatchMemory, ...]
    #: Make the review queue's sources beyond the built-in ones.
    review_sources: tuple[ReviewSourceFactory, ...]
    #: Contribute sections to the document page.
    sections: tuple[DocumentSection, ...]

    @classmethod
    def default(cls) -> Wiring:
        """Filing against products, as Intake ships."""
        return cls(
            filing_steps=STEPS,
            memories=(VendorMemory(),),
            review_sources=tuple(review_factories()),
            sections=SECTIONS,
        )

    def context(
        self,
        settings: Settings,
        database: Database | None = None,
        registry: Registry | None = None,
    ) -> Context:
        """The pipeline's context with these filing steps (and the default extractors)."""
        from intake.ingest.stages import Context  # the readers: only where files are read

        return Context(
            settings,
            registry if registry is not None else Registry.default(),
            database,
            filing_steps=tuple(self.filing_steps),
        )
