"""Full-text and fielded search (Whoosh). The only package that imports whoosh."""

from intake.index.matching import Matches
from intake.index.searching import Segment
from intake.index.store import Hit, SearchIndex, SearchResults, index_fields

__all__ = ["Hit", "Matches", "SearchIndex", "SearchResults", "Segment", "index_fields"]
