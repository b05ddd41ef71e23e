"""Review-queue sources of filing against products: lines without a product, weak links,
invoices that do not match their order, and duplicates (see :mod:`intake.documents.review`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product, Vendor
from intake.db.products import DuplicateDecision, OrderLineMatch, OrderMatch
from intake.documents.listing import quantity_text
from intake.documents.review import Fact, ReviewItem, ReviewSourceFactory, matches_text
from intake.documents.view import display_value
from intake.filing.matching.line_links import catalog_index
from intake.filing.matching.orders import HELD, MATCHED, NO_PO
from intake.settings import Settings

__all__ = ["DuplicateDocuments", "OrderMismatches", "UnlinkedLines", "WeakLinks"]


#: Likely products shown for an unlinked line score at least this; the first is offered
#: as the link only from SUGGEST on.
SHOW, SUGGEST = 0.3, 0.5


def _title(doc: Document) -> str:
    kind = (doc.doc_type or "document").replace("_", " ")
    return f"{kind[:1].upper()}{kind[1:]} {doc.number or doc.original_name}"


def _line_facts(line: LineItem) -> list[Fact]:
    facts = [Fact("description", "description", line.description or "")]
    if line.code:
        facts.append(Fact("code", "code", line.code))
    if line.quantity is not None or line.unit_price is not None:
        facts.append(
            Fact(
                "quantity",
                "quantity × unit price",
                f"{quantity_text(line.quantity) or '?'} × {display_value(line.unit_price)}",
            )
        )
    return facts


class _LineSource:
    kind = ""
    title = ""

    def _where(self) -> list[ColumnElement[bool]]:
        raise NotImplementedError

    def _active(self, session: Session) -> bool:
        return True

    def _found(self, text: str) -> ColumnElement[bool]:
        return matches_text(text, LineItem.description, LineItem.code, Document.number, Vendor.name)

    def count(self, session: Session, *, text: str = "") -> int:
        if not self._active(session):
            return 0
        stmt = (
            select(func.count(LineItem.id))
            .join(Document, Document.id == LineItem.document_id)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(), Document.duplicate_of_id.is_(None), self._found(text))
        )
        return int(session.scalar(stmt) or 0)

    def _rows(self, session: Session, limit: int, offset: int, text: str) -> list[Any]:
        if not self._active(session):
            return []
        stmt = (
            select(LineItem, Document, Vendor.name)
            .join(Document, Document.id == LineItem.document_id)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(), Document.duplicate_of_id.is_(None), self._found(text))
            .order_by(Document.id.desc(), LineItem.position)
            .offset(offset)
            .limit(limit)
        )
        return list(session.execute(stmt))


class UnlinkedLines(_LineSource):
    """Lines no product was found for (while the catalog has products)."""

    kind = "unlinked_lines"
    title = "Lines without a product"

    def _where(self) -> list[ColumnElement[bool]]:
        return [LineItem.product_id.is_(None), LineItem.match_method.is_(None)]

    def _active(self, session: Session) -> bool:
        return session.scalar(select(Product.id).limit(1)) is not None

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        index = catalog_index(session)
        out = []
        for line, doc, vendor in self._rows(session, limit, offset, text):
            facts = _line_facts(line)
            candidates = index.fuzzy(line.description or "")[:3] if line.description else []
            candidates = [c for c in candidates if c.score >= SHOW]
            for c in candidates:
                facts.append(
                    Fact(
                        "candidate",
                        "looks like",
                        f"{index.skus.get(c.product_id, '?')} · {c.name}",
                        c.score,
                    )
                )
            if candidates and candidates[0].score >= SUGGEST:
                facts.append(Fact("suggest", "suggested SKU", index.skus[candidates[0].product_id]))
            out.append(
                ReviewItem(
                    self.kind,
                    line.id,
                    f"{_title(doc)}, line {line.position + 1}",
                    doc.created_at,
                    doc.id,
                    vendor or "",
                    tuple(facts),
                )
            )
        return out


class WeakLinks(_LineSource):
    """Lines linked by resemblance only, with a score below the review setting."""

    kind = "weak_links"
    title = "Weak product links"

    def __init__(self, below: float) -> None:
        self.below = below

    def _where(self) -> list[ColumnElement[bool]]:
        return [LineItem.match_method == "fuzzy", LineItem.match_score < self.below]

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        out = []
        skus = {}
        rows = self._rows(session, limit, offset, text)
        ids = {line.product_id for line, _, _ in rows if line.product_id}
        if ids:
            skus = dict(
                session.execute(select(Product.id, Product.sku).where(Product.id.in_(ids))).all()
            )
        names = dict(
            session.execute(select(Product.id, Product.name).where(Product.id.in_(ids))).all()
        )
        for line, doc, vendor in rows:
            sku = skus.get(line.product_id or 0, "?")
            facts = [
                *_line_facts(line),
                Fact(
                    "linked",
                    "linked to",
                    f"{sku} · {names.get(line.product_id or 0, '')}",
                    line.match_score,
                    "fuzzy",
                ),
                Fact("suggest", "suggested SKU", sku),
            ]
            out.append(
                ReviewItem(
                    self.kind,
                    line.id,
                    f"{_title(doc)}, line {line.position + 1}",
                    doc.created_at,
                    doc.id,
                    vendor or "",
                    tuple(facts),
                )
            )
        return out


def _held() -> ColumnElement[bool]:
    return and_(
        OrderMatch.accepted_by.is_(None),
        Document.duplicate_of_id.is_(None),
        or_(
            OrderMatch.status.in_(sorted(HELD)),
            and_(OrderMatch.status == NO_PO, Document.po_number.is_not(None)),
        ),
    )


def _found(text: str) -> ColumnElement[bool]:
    """The filter of the document sources: number, order number, file or vendor name."""
    return matches_text(
        text, Document.number, Document.po_number, Document.original_name, Vendor.name
    )


class OrderMismatches:
    """Invoices held back because they do not match their purchase order."""

    kind = "order_mismatches"
    title = "Invoices that do not match their order"

    def count(self, session: Session, *, text: str = "") -> int:
        stmt = (
            select(func.count(OrderMatch.document_id))
            .join(Document, Document.id == OrderMatch.document_id)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(_held(), _found(text))
        )
        return int(session.scalar(stmt) or 0)

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        stmt = (
            select(OrderMatch, Document, Vendor.name)
            .join(Document, Document.id == OrderMatch.document_id)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(_held(), _found(text))
            .order_by(Document.id.desc())
            .offset(offset)
            .limit(limit)
        )
        out = []
        for row, doc, vendor in session.execute(stmt):
            lines = session.scalars(
                select(OrderLineMatch)
                .where(OrderLineMatch.document_id == doc.id, OrderLineMatch.status != MATCHED)
                .order_by(OrderLineMatch.id)
            )
            facts = [Fact("status", "status", row.status.replace("_", " "))]
            facts += [
                Fact("line", ln.status.replace("_", " "), ln.explanation)
                for ln in lines
                if ln.status != NO_PO
            ]
            out.append(
                ReviewItem(
                    self.kind,
                    doc.id,
                    _title(doc),
                    row.checked_at,
                    doc.id,
                    f"{vendor or 'no vendor'}: {row.detail}",
                    tuple(facts),
                )
            )
        return out


class DuplicateDocuments:
    """Documents flagged as a duplicate of an earlier one, not yet looked at."""

    kind = "duplicates"
    title = "Duplicate invoices and orders"

    def _where(self) -> list[ColumnElement[bool]]:
        decided = select(DuplicateDecision.document_id)
        return [Document.duplicate_of_id.is_not(None), Document.id.not_in(decided)]

    def count(self, session: Session, *, text: str = "") -> int:
        stmt = (
            select(func.count(Document.id))
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(), _found(text))
        )
        return int(session.scalar(stmt) or 0)

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        stmt = (
            select(Document, Vendor.name)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(), _found(text))
            .order_by(Document.id.desc())
            .offset(offset)
            .limit(limit)
        )
        out = []
        for doc, vendor in session.execute(stmt):
            first = session.get(Document, doc.duplicate_of_id)
            facts = [
                Fact("original", "duplicate of", f"document {doc.duplicate_of_id}"),
                Fact("file", "file", doc.original_name),
            ]
            if first is not None:
                facts.append(Fact("first_file", "first filed as", first.original_name))
            out.append(
                ReviewItem(
                    self.kind,
                    doc.id,
                    _title(doc),
                    doc.created_at,
                    doc.id,
                    f"{vendor or 'no vendor'}: same vendor and number as an earlier document; "
                    "held back from export",
                    tuple(facts),
                )
            )
        return out


def review_factories() -> list[ReviewSourceFactory]:
    """The review sources line-item matching adds to the queue (for the composition)."""

    def unlinked(settings: Settings) -> UnlinkedLines:
        return UnlinkedLines()

    def weak(settings: Settings) -> WeakLinks:
        return WeakLinks(settings.match_review_below)

    def orders(settings: Settings) -> OrderMismatches:
        return OrderMismatches()

    def duplicates(settings: Settings) -> DuplicateDocuments:
        return DuplicateDocuments()

    return [unlinked, weak, orders, duplicates]
