"""Sections of the document page (contributed through the composition,
:class:`intake.filing.wiring.Wiring`): an invoice's match against its order line by line,
what was invoiced of an order, a duplicate and why, a contract's dates and the products it
names."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product
from intake.db.products import ContractProduct, DuplicateDecision, OrderLineMatch, OrderMatch
from intake.documents.listing import quantity_text
from intake.documents.view import Section, SectionItem, display_value
from intake.filing.contract_dates import contract_dates
from intake.filing.matching.duplicates import NOT_DUPLICATE
from intake.filing.matching.order_status import is_held

__all__ = ["ContractSection", "DuplicateSection", "OrderSection", "SECTIONS"]


def _doc_label(doc: Document) -> str:
    kind = (doc.doc_type or "document").replace("_", " ")
    return f"{kind} {doc.number or doc.original_name}"


class OrderSection:
    """An invoice against its purchase order; or, on an order, what was invoiced of it."""

    def build(self, session: Session, doc: Document) -> Section | None:
        if doc.doc_type == "invoice":
            return self._invoice(session, doc)
        if doc.doc_type == "purchase_order":
            return self._order(session, doc)
        return None

    def _invoice(self, session: Session, doc: Document) -> Section | None:
        row = session.get(OrderMatch, doc.id)
        if row is None:
            return None
        items = []
        order = session.get(Document, row.order_id) if row.order_id else None
        if order is not None:
            items.append(SectionItem("purchase order", _doc_label(order), document_id=order.id))
        items.append(SectionItem("result", row.detail))
        lines = session.execute(
            select(OrderLineMatch, LineItem.position)
            .join(LineItem, LineItem.id == OrderLineMatch.line_id)
            .where(OrderLineMatch.document_id == doc.id)
            .order_by(LineItem.position)
        )
        for match, position in lines:
            label = f"line {position + 1} · {match.status.replace('_', ' ')}"
            items.append(SectionItem(label, match.explanation))
        held = is_held(row, doc.po_number)
        if row.accepted_by:
            at = row.accepted_at.strftime("%Y-%m-%d %H:%M") if row.accepted_at else ""
            items.append(SectionItem("accepted", f"by {row.accepted_by} {at}; may be exported"))
        elif held:
            items.append(SectionItem("export", "held back until a person accepts it"))
        return Section(
            "Purchase order match",
            tuple(items),
            row.status.replace("_", " "),
            ("accept_match",) if held else (),
        )

    def _order(self, session: Session, doc: Document) -> Section | None:
        invoices = list(
            session.execute(
                select(OrderMatch, Document)
                .join(Document, Document.id == OrderMatch.document_id)
                .where(OrderMatch.order_id == doc.id)
                .order_by(Document.id)
            )
        )
        billed: dict[int, Decimal] = defaultdict(Decimal)
        counted = {d.id for _, d in invoices if d.duplicate_of_id is None}
        for match in session.scalars(
            select(OrderLineMatch).where(OrderLineMatch.document_id.in_(counted))
        ):
            line = session.get(LineItem, match.line_id)
            if match.order_line_id and line is not None and line.quantity is not None:
                billed[match.order_line_id] += line.quantity
        items = [
            SectionItem(
                f"{_doc_label(inv)}" + (" (duplicate)" if inv.duplicate_of_id else ""),
                row.status.replace("_", " "),
                document_id=inv.id,
            )
            for row, inv in invoices
        ]
        open_lines = 0
        for line in doc.lines:
            done = billed.get(line.id, Decimal(0))
            rest = (line.quantity - done) if line.quantity is not None else None
            if rest is not None and rest > 0:
                open_lines += 1
            what = line.description or line.code or ""
            items.append(
                SectionItem(
                    f"line {line.position + 1} · {what[:50]}",
                    f"ordered {quantity_text(line.quantity) or '?'}, invoiced {quantity_text(done)}"
                    + (f", {quantity_text(rest)} open" if rest is not None else ""),
                )
            )
        status = "open" if open_lines or not invoices else "invoiced"
        return Section("Invoiced against this order", tuple(items), status)


class DuplicateSection:
    def build(self, session: Session, doc: Document) -> Section | None:
        decision = session.get(DuplicateDecision, doc.id)
        if doc.duplicate_of_id is None:
            if decision is not None and decision.verdict == NOT_DUPLICATE:
                return Section(
                    "Duplicate check",
                    (SectionItem("not a duplicate", f"said {decision.user}"),),
                    "kept",
                )
            return None
        first = session.get(Document, doc.duplicate_of_id)
        items = [
            SectionItem(
                "duplicate of",
                _doc_label(first) if first else f"document {doc.duplicate_of_id}",
                document_id=doc.duplicate_of_id,
            ),
            SectionItem(
                "why",
                f"the same vendor and {(doc.doc_type or 'document').replace('_', ' ')} number"
                f" ({doc.number}) as a document filed earlier, whatever the file's bytes",
            ),
            SectionItem("export", "held back: never exported twice"),
        ]
        if first is not None:
            items.append(SectionItem("first filed as", first.original_name))
        if decision is not None:
            items.append(SectionItem("confirmed", f"by {decision.user}"))
        actions = ("not_duplicate",) if decision else ("confirm_duplicate", "not_duplicate")
        return Section("Duplicate", tuple(items), "duplicate", actions)


class ContractSection:
    def build(self, session: Session, doc: Document) -> Section | None:
        if doc.doc_type != "contract":
            return None
        c = contract_dates(doc, dt.date.today())
        items = [
            SectionItem("effective", display_value(c.effective_date)),
            SectionItem("term", c.term or "not read"),
            SectionItem(
                "renewal",
                f"{c.renewal_term} (by option)"
                if c.renewal_term and c.renewal_option
                else c.renewal_term or "does not renew",
            ),
            SectionItem("notice period", c.notice_period or "not read"),
            SectionItem("ends", display_value(c.end_date) or "unknown"),
            SectionItem("last day to give notice", display_value(c.notice_by) or "unknown"),
            SectionItem("how", c.explanation),
        ]
        products = session.execute(
            select(Product, ContractProduct.evidence)
            .join(ContractProduct, ContractProduct.product_id == Product.id)
            .where(ContractProduct.document_id == doc.id)
            .order_by(Product.sku)
        )
        for product, evidence in products:
            items.append(
                SectionItem(
                    "names product",
                    f"{product.sku} · {product.name} (as “{evidence}”)",
                    product_id=product.id,
                )
            )
        return Section("Contract dates", tuple(items), "in force" if c.in_force else "ended")


SECTIONS = (OrderSection(), DuplicateSection(), ContractSection())
