"""Invoices against their purchase orders, line by line.

An invoice names its order by the PO number (compared as :func:`number_key`). Each of its
lines is paired with a line of the order (same product, else same code, else the most
similar description) and gets a status:

``matched``            quantity and unit price within the tolerances (a quantity below
                       what is still open is a partial invoice: the rest stays open)
``price_mismatch``     the unit price differs from the order's by more than
                       ``INTAKE_PRICE_TOLERANCE`` (either way), or the currencies differ
``quantity_mismatch``  more units than the order line has (beyond
                       ``INTAKE_QUANTITY_TOLERANCE``)
``over_billed``        a line the order does not have, units the order had but earlier
                       invoices already billed, or (when every line matches) an amount
                       beyond what is still open on the order
``no_po``              the invoice names no purchase order, or one that is not filed

The invoice's status is its worst line's (``over_billed`` > ``quantity_mismatch`` >
``price_mismatch`` > ``matched``). All invoices of one order are checked together in
the order they were filed, so that what earlier invoices billed counts against later
ones; an invoice flagged as a duplicate is checked on its own and does not count.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, LineItem, utcnow
from intake.db.products import OrderLineMatch, OrderMatch
from intake.filing.matching.order_lines import (
    CENT,
    HELD,
    MATCHED,
    NO_PO,
    OVER_BILLED,
    PRICE_MISMATCH,
    QUANTITY_MISMATCH,
    SEVERITY,
    STATUSES,
    Tolerances,
    Verdict,
    check_line,
    money_text,
    pair_lines,
)
from intake.keys import number_key

__all__ = [
    "HELD",
    "MATCHED",
    "NO_PO",
    "OVER_BILLED",
    "PRICE_MISMATCH",
    "QUANTITY_MISMATCH",
    "STATUSES",
    "Tolerances",
    "check_invoice",
    "check_order",
    "find_order",
    "refresh_orders",
]

logger = logging.getLogger(__name__)

# --- finding the order ---------------------------------------------------------------------


def _digits(number: str) -> str:
    return number_key("".join(c for c in number if c.isdigit()))


def find_order(session: Session, invoice: Document) -> Document | None:
    """The purchase order an invoice names (not one flagged as a duplicate): of the same
    vendor if there is one, else any with that number. A reference of digits alone (its
    prefix not read: ``PO 0077`` -> ``0077``) names the one order with those digits."""
    if not invoice.po_number or not (key := number_key(invoice.po_number)):
        return None
    orders = select(Document.id, Document.number, Document.vendor_id).where(
        Document.doc_type == "purchase_order",
        Document.duplicate_of_id.is_(None),
        Document.number.is_not(None),
    )
    pool = list(session.execute(orders.where(Document.number_key == key)))
    if not pool and key.isdigit():
        # rare (a reference whose prefix was not read): only then is every order's number
        # compared by its digits
        every = list(session.execute(orders))
        same = [r for r in every if _digits(r[1] or "") == key]
        pool = same if len({number_key(r[1] or "") for r in same}) == 1 else []
    if not pool:
        return None
    best = min(pool, key=lambda r: (r[2] != invoice.vendor_id, r[0]))
    return session.get(Document, best[0])


def _invoices_of(session: Session, order: Document, also: int | None = None) -> list[Document]:
    """Every invoice naming this order (by number), in filing order; ``also`` is one more
    invoice known to name it."""
    if not order.number:
        return []
    key, digits = number_key(order.number), _digits(order.number)
    checked = select(OrderMatch.document_id).where(
        or_(OrderMatch.order_id == order.id, OrderMatch.status == NO_PO)
    )
    named = session.execute(
        select(Document.id, Document.po_number).where(
            Document.doc_type == "invoice",
            Document.po_number.is_not(None),
            or_(
                Document.po_number_key == key,
                Document.id.in_(checked),
                Document.id == (also or 0),
            ),
        )
    )
    ids = []
    for doc_id, po in named:
        ref = number_key(po or "")
        if ref == key:
            ids.append(doc_id)
        elif ref and ref == digits and (inv := session.get(Document, doc_id)) is not None:
            found = find_order(session, inv)
            if found is not None and found.id == order.id:
                ids.append(doc_id)
    if not ids:
        return []
    return list(
        session.scalars(
            select(Document)
            .where(Document.id.in_(ids))
            .options(selectinload(Document.lines))
            .order_by(Document.id)
        )
    )


def _amount(doc: Document) -> Decimal | None:
    if doc.subtotal is not None:
        return doc.subtotal
    amounts = [ln.amount for ln in doc.lines if ln.amount is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _save(
    session: Session,
    invoice: Document,
    order: Document | None,
    status: str,
    detail: str,
    lines: list[tuple[LineItem, LineItem | None, Verdict]],
) -> None:
    row = session.get(OrderMatch, invoice.id)
    before = [
        (m.line_id, m.status, m.explanation)
        for m in session.scalars(
            select(OrderLineMatch)
            .where(OrderLineMatch.document_id == invoice.id)
            .order_by(OrderLineMatch.line_id)
        )
    ]
    after = sorted((ln.id, v.status, v.explanation[:2000]) for ln, _, v in lines)
    if row is None:
        row = OrderMatch(document_id=invoice.id, status=status, detail=detail)
        session.add(row)
    elif (row.status, row.detail, before) != (status, detail[:4000], after):
        if row.accepted_by:
            logger.info(
                "document %d: its order match changed (%s); the acceptance by %s lapses",
                invoice.id,
                status,
                row.accepted_by,
            )
        row.accepted_by = None
        row.accepted_at = None
    row.order_id = order.id if order is not None else None
    row.status = status
    row.detail = detail[:4000]
    row.checked_at = utcnow()
    session.execute(delete(OrderLineMatch).where(OrderLineMatch.document_id == invoice.id))
    if lines:  # one bulk insert: a row per line through the unit of work cost 5 ms a document
        session.execute(
            insert(OrderLineMatch),
            [
                {
                    "document_id": invoice.id,
                    "line_id": line.id,
                    "order_line_id": ordered.id if ordered is not None else None,
                    "status": verdict.status,
                    "explanation": verdict.explanation[:2000],
                }
                for line, ordered, verdict in lines
            ],
        )


def _no_order(session: Session, invoice: Document) -> None:
    if invoice.po_number:
        detail = f"names purchase order {invoice.po_number}, which is not filed"
    else:
        detail = "names no purchase order"
    verdict = Verdict(NO_PO, "no purchase order to compare with")
    _save(session, invoice, None, NO_PO, detail, [(ln, None, verdict) for ln in invoice.lines])


def check_order(
    session: Session, order: Document, tol: Tolerances, also: int | None = None
) -> list[int]:
    """Check every invoice of ``order`` against it, in filing order; returns their ids."""
    invoices = _invoices_of(session, order, also)
    billed: dict[int, Decimal] = defaultdict(Decimal)
    billed_amount = Decimal(0)
    order_amount = _amount(order)
    for invoice in invoices:
        counts = invoice.duplicate_of_id is None
        before = billed if counts else defaultdict(Decimal)
        pairs = pair_lines(invoice.lines, order.lines)
        verdicts = []
        for line in invoice.lines:
            ordered = pairs[line.id]
            verdict = check_line(
                line, ordered, order, before[ordered.id] if ordered else Decimal(0), tol
            )
            verdicts.append((line, ordered, verdict))
            if counts and ordered is not None and line.quantity is not None:
                billed[ordered.id] += line.quantity
        status = max((v.status for _, _, v in verdicts), key=SEVERITY.__getitem__, default=MATCHED)
        notes = [f"checked against purchase order {order.number}"]
        amount = _amount(invoice)
        currencies = {c for c in (invoice.currency, order.currency) if c}
        if len(currencies) > 1:
            status = max(status, PRICE_MISMATCH, key=SEVERITY.__getitem__)
            notes.append(f"invoiced in {invoice.currency}, ordered in {order.currency}")
        elif status == MATCHED and amount is not None and order_amount is not None:
            open_amount = order_amount - (billed_amount if counts else Decimal(0))
            if amount > open_amount + order_amount * tol.price + CENT:
                status = OVER_BILLED
                still = money_text(max(open_amount, Decimal(0)))
                notes.append(
                    f"bills {money_text(amount)} while {still} of the order's "
                    f"{money_text(order_amount)} was still open"
                )
        if counts and amount is not None:
            billed_amount += amount
        bad = sum(1 for _, _, v in verdicts if v.status != MATCHED)
        if verdicts:
            notes.append(f"{len(verdicts) - bad} of {len(verdicts)} lines as ordered")
        _save(session, invoice, order, status, "; ".join(notes), verdicts)
    return [d.id for d in invoices]


def check_invoice(session: Session, invoice: Document, tol: Tolerances) -> None:
    """Check one invoice (and the others of its order, whose sums it affects)."""
    order = find_order(session, invoice)
    if order is None:
        _no_order(session, invoice)
        return
    check_order(session, order, tol, also=invoice.id)


def refresh_orders(session: Session, doc: Document, tol: Tolerances) -> None:
    """After ``doc`` was filed or corrected: re-check what its status can change."""
    session.flush()
    if doc.doc_type == "invoice":
        previous = session.get(OrderMatch, doc.id)
        old_order = previous.order_id if previous is not None else None
        check_invoice(session, doc, tol)
        if old_order is not None and (order := session.get(Document, old_order)) is not None:
            check_order(session, order, tol)
    else:
        stale = session.get(OrderMatch, doc.id)
        if stale is not None:  # no longer an invoice
            session.execute(delete(OrderLineMatch).where(OrderLineMatch.document_id == doc.id))
            session.delete(stale)
        if doc.doc_type == "purchase_order":
            check_order(session, doc, tol)
            for row in session.scalars(select(OrderMatch).where(OrderMatch.order_id == doc.id)):
                invoice = session.get(Document, row.document_id)
                if invoice is not None:
                    check_invoice(session, invoice, tol)
    session.flush()
