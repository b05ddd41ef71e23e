"""The steps that file a document against products, and when they run.

:data:`STEPS`, in order: link the lines to products, link a contract to the products it
names, flag a business-key duplicate, check invoices against their order. The steps that
run are the composition's (:class:`intake.filing.wiring.Wiring`), passed to each function
here; tests pass their own.

* :func:`file_against_products` runs them inside the filing transaction (the pipeline's
  ``_file``), in a savepoint: if one fails, the document is still filed (unmatched, the
  error logged) and ``intake products match`` can run them again. A file is never lost
  or quarantined because of matching.
* :func:`refresh_document` runs them again after a person corrected a document, and
  applies what the matching memory learned to the vendor's other unlinked lines.
* :func:`rematch` runs them over filed documents (after a catalog import, or on demand).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, LineItem
from intake.documents.view import load_document
from intake.filing.matching.duplicates import settle_duplicates
from intake.filing.matching.line_links import catalog_index, match_document, match_lines
from intake.filing.matching.mentions import link_contract_products
from intake.filing.matching.orders import Tolerances, refresh_orders
from intake.settings import Settings

__all__ = [
    "STEPS",
    "FilingStep",
    "file_against_products",
    "rematch",
    "refresh_document",
]

logger = logging.getLogger(__name__)

FilingStep = Callable[[Session, Document, Settings], None]


def link_lines(session: Session, doc: Document, settings: Settings) -> None:
    match_document(session, doc, settings)


def link_contract(session: Session, doc: Document, settings: Settings) -> None:
    if doc.doc_type == "contract":
        link_contract_products(session, doc, catalog_index(session))


def flag_duplicates(session: Session, doc: Document, settings: Settings) -> None:
    settle_duplicates(session, doc)


def check_orders(session: Session, doc: Document, settings: Settings) -> None:
    refresh_orders(session, doc, Tolerances.of(settings))


#: The steps, in order.
STEPS: tuple[FilingStep, ...] = (link_lines, link_contract, flag_duplicates, check_orders)


def _run_steps(
    session: Session, doc: Document, settings: Settings, steps: Sequence[FilingStep]
) -> None:
    for step in steps:
        step(session, doc, settings)


def file_against_products(
    session: Session, doc: Document, settings: Settings, steps: Sequence[FilingStep]
) -> bool:
    """Run the filing steps on a document being filed; False (logged) when they failed,
    in which case the document is filed as if there were no catalog."""
    try:
        with session.begin_nested():
            _run_steps(session, doc, settings, steps)
    except Exception:
        logger.exception(
            "document %s: matching against products failed; filed without it "
            "(`intake products match` runs it again)",
            doc.id,
        )
        return False
    return True


def _learned_lines(session: Session, vendor_id: int | None, settings: Settings) -> set[int]:
    """Match the vendor's unlinked and fuzzily linked lines again, now that the memory
    may know them; returns the documents changed."""
    if vendor_id is None:
        return set()
    rows = session.scalars(
        select(LineItem)
        .join(Document, Document.id == LineItem.document_id)
        .where(
            Document.vendor_id == vendor_id,
            or_(
                and_(LineItem.product_id.is_(None), LineItem.match_method.is_(None)),
                LineItem.match_method == "fuzzy",
            ),
        )
        .limit(5000)
    ).all()
    changed = {ln.document_id for ln in rows if match_lines(session, [ln], vendor_id, settings)}
    return changed


def refresh_document(
    session: Session, doc_id: int, settings: Settings, steps: Sequence[FilingStep]
) -> None:
    """After a correction: run the steps on the document again, and on the vendor's
    other documents whose lines the matching memory can now link."""
    doc = load_document(session, doc_id)
    session.flush()
    _run_steps(session, doc, settings, steps)
    for other_id in sorted(_learned_lines(session, doc.vendor_id, settings) - {doc.id}):
        other = load_document(session, other_id)
        other.needs_index = True
        if check_orders in steps:
            check_orders(session, other, settings)


def rematch(
    session: Session,
    settings: Settings,
    steps: Sequence[FilingStep],
    *,
    everything: bool = False,
) -> int:
    """Run the steps again over documents with unlinked lines (``everything``: over all
    documents, for instance after the tolerances changed); returns how many ran.

    Only lines without a product are matched: a filed link is never dropped or changed
    here (a catalog re-import may rename a product a line was linked to by resemblance).
    """
    stmt = select(Document).options(selectinload(Document.lines)).order_by(Document.id)
    if not everything:
        unlinked = select(LineItem.document_id).where(
            LineItem.product_id.is_(None), LineItem.match_method.is_(None)
        )
        stmt = stmt.where(Document.id.in_(unlinked))
    count = 0
    for doc in session.scalars(stmt).all():
        waiting = [ln for ln in doc.lines if ln.product_id is None and ln.match_method is None]
        if match_lines(session, waiting, doc.vendor_id, settings):
            doc.needs_index = True
        for step in steps:
            if step is not link_lines:
                step(session, doc, settings)
        count += 1
    return count
