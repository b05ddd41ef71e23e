"""Full-text and fielded search (Whoosh). The only package that imports whoosh."""

from intake.index.matching import Matches
from intake.index.searching import Segment
from intake.index.segments import NO_YEAR
from intake.index.store import Hit, SearchIndex, SearchResults, index_fields
from intake.index.writing import IndexUnavailable

__all__ = [
    "NO_YEAR",
    "Hit",
    "IndexUnavailable",
    "Matches",
    "SearchIndex",
    "SearchResults",
    "Segment",
    "index_fields",
]
