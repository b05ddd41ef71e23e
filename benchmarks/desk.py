"""The coordinator's desk on a large database: how long the lists and the home page's
queries take.

Run: ``python -m benchmarks desk [ORDERS]`` (default 5,000 purchase orders). Rows are
written straight into a SQLite database (no PDFs): per order three lines, a quote for
every second order, an invoice matched line by line to two orders in three (half of them
partial), delivery dates spread over a year around today, invoices due within two
months. Printed: the time of ``open_orders`` (all, and overdue), ``expiring_quotes``,
``deadlines`` (30 and 365 days, as the calendar feed asks) and the feed's iCalendar
text, each the best of three.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from intake.db.engine import open_database
from intake.db.models import Document, LineItem, Vendor
from intake.db.products import OrderLineMatch, OrderMatch
from intake.filing.calendar import deadlines_ical
from intake.filing.desk import deadlines, expiring_quotes, open_orders


def _fill(db: object, orders: int, today: dt.date) -> None:
    rng = random.Random(5)
    with db.session() as s:  # type: ignore[attr-defined]
        vendors = [Vendor(name=f"Supplier {v}", key=f"supplier {v}") for v in range(40)]
        s.add_all(vendors)
        s.flush()
        doc_id = line_id = 0
        docs: list[dict[str, object]] = []
        lines: list[dict[str, object]] = []
        matches: list[dict[str, object]] = []
        line_matches: list[dict[str, object]] = []

        def doc(**values: object) -> int:
            nonlocal doc_id
            doc_id += 1
            docs.append(
                {"id": doc_id, "sha256": f"{doc_id:064x}", "original_name": f"{doc_id}.pdf",
                 "kind": "pdf", "ext": "pdf", "size": 1, "needs_index": False,
                 "currency": "EUR", "total": Decimal("100.00"), **values}
            )  # fmt: skip
            return doc_id

        for n in range(orders):
            vendor = vendors[n % len(vendors)].id
            issued = today - dt.timedelta(days=rng.randint(0, 365))
            if n % 2 == 0:
                doc(doc_type="estimate", number=f"Q-{n}", quote_number=f"Q-{n}",
                    vendor_id=vendor, issue_date=issued,
                    valid_until=issued + dt.timedelta(days=rng.randint(10, 90)))  # fmt: skip
            po = doc(doc_type="purchase_order", number=f"PO-{n}", po_number=f"PO-{n}",
                     quote_number=f"Q-{n}" if n % 2 == 0 else None, vendor_id=vendor,
                     issue_date=issued,
                     delivery_date=today + dt.timedelta(days=rng.randint(-180, 180)))  # fmt: skip
            ordered = []
            for pos in range(3):
                line_id += 1
                ordered.append(line_id)
                lines.append({"id": line_id, "document_id": po, "position": pos,
                              "description": f"item {pos}", "quantity": Decimal(10)})  # fmt: skip
            if n % 3 == 2:
                continue
            inv = doc(doc_type="invoice", number=f"INV-{n}", po_number=f"PO-{n}",
                      vendor_id=vendor, issue_date=issued + dt.timedelta(days=20),
                      due_date=today + dt.timedelta(days=rng.randint(-30, 60)))  # fmt: skip
            matches.append({"document_id": inv, "order_id": po, "status": "matched",
                            "detail": ""})  # fmt: skip
            for pos, order_line in enumerate(ordered):
                line_id += 1
                qty = Decimal(5) if n % 2 and pos == 0 else Decimal(10)
                lines.append({"id": line_id, "document_id": inv, "position": pos,
                              "description": f"item {pos}", "quantity": qty})  # fmt: skip
                line_matches.append({"document_id": inv, "line_id": line_id,
                                     "order_line_id": order_line, "status": "matched",
                                     "explanation": ""})  # fmt: skip
        s.execute(insert(Document), docs)
        s.execute(insert(LineItem), lines)
        s.execute(insert(OrderMatch), matches)
        s.execute(insert(OrderLineMatch), line_matches)


def _best(fn: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> None:
    orders = int(argv[0]) if argv else 5000
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'desk.db'}")
        start = time.perf_counter()
        _fill(db, orders, today)
        with db.session() as s:
            count = len(list(s.scalars(select(Document.id))))
        print(f"{orders} orders, {count} documents written in {time.perf_counter() - start:.1f} s")
        with db.session() as s:
            for name, fn in [
                ("open_orders", lambda: open_orders(s, today)),
                ("open_orders --overdue", lambda: open_orders(s, today, overdue_only=True)),
                ("expiring_quotes 30 days", lambda: expiring_quotes(s, today, 30)),
                ("deadlines 30 days", lambda: deadlines(s, today, 30)),
                ("deadlines 365 days", lambda: deadlines(s, today, 365)),
            ]:
                seconds, result = _best(fn)
                print(f"{name:<26} {seconds * 1000:8.0f} ms  {len(result):>6} rows")  # type: ignore[arg-type]
            year = deadlines(s, today, 365)
            seconds, body = _best(
                lambda: deadlines_ical(year, now=dt.datetime.now(dt.UTC), link=str)
            )
            print(f"{'calendar.ics text':<26} {seconds * 1000:8.0f} ms  {len(body):>6} bytes")  # type: ignore[arg-type]
        db.dispose()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
