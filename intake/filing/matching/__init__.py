"""Filing every document against products: line items linked to the catalog, contracts to
the products they name, invoices checked against their purchase order, duplicates by
business key, and the matching memory that learns from people.

The facade. Importing it plugs matching into the places that expect it (once):

* :data:`intake.documents.corrections.MATCH_MEMORIES` gets the :class:`VendorMemory`;
* :data:`intake.documents.review.REVIEW_SOURCE_FACTORIES` gets unlinked lines, weak links, order
  mismatches and duplicates;
* :data:`intake.documents.view.DOCUMENT_SECTIONS` gets the order match, duplicate and contract
  sections.

The pipeline calls :func:`file_against_products` inside the filing transaction; the web
UI calls :func:`refresh_document` after a correction.
"""

from intake.documents.corrections.memory import MATCH_MEMORIES
from intake.documents.review import REVIEW_SOURCE_FACTORIES
from intake.documents.view import DOCUMENT_SECTIONS
from intake.filing.matching.catalog_index import Candidate, CatalogIndex, Hit
from intake.filing.matching.duplicates import CONFIRMED, NOT_DUPLICATE, decide_duplicate
from intake.filing.matching.line_links import AUTOMATIC, KEPT, catalog_index, match_document
from intake.filing.matching.memory import NOT_PRODUCT, VendorMemory, recall
from intake.filing.matching.order_status import accept_order_match, match_statuses, order_flags
from intake.filing.matching.orders import (
    HELD,
    MATCHED,
    NO_PO,
    OVER_BILLED,
    PRICE_MISMATCH,
    QUANTITY_MISMATCH,
    STATUSES,
    Tolerances,
)
from intake.filing.matching.review_sources import review_factories
from intake.filing.matching.sections import SECTIONS
from intake.filing.matching.steps import (
    FILING_STEPS,
    file_against_products,
    refresh_document,
    rematch,
)

__all__ = [
    "AUTOMATIC",
    "CONFIRMED",
    "FILING_STEPS",
    "HELD",
    "KEPT",
    "MATCHED",
    "NOT_DUPLICATE",
    "NOT_PRODUCT",
    "NO_PO",
    "OVER_BILLED",
    "PRICE_MISMATCH",
    "QUANTITY_MISMATCH",
    "STATUSES",
    "CatalogIndex",
    "Candidate",
    "Hit",
    "Tolerances",
    "VendorMemory",
    "accept_order_match",
    "catalog_index",
    "decide_duplicate",
    "file_against_products",
    "match_document",
    "match_statuses",
    "order_flags",
    "recall",
    "refresh_document",
    "rematch",
]


def _install() -> None:
    if not any(isinstance(m, VendorMemory) for m in MATCH_MEMORIES):
        MATCH_MEMORIES.append(VendorMemory())
    factories = review_factories()
    names = {f.__qualname__ for f in REVIEW_SOURCE_FACTORIES}
    REVIEW_SOURCE_FACTORIES.extend(f for f in factories if f.__qualname__ not in names)
    DOCUMENT_SECTIONS.extend(s for s in SECTIONS if s not in DOCUMENT_SECTIONS)


_install()
