"""The coordinator's desk: the home page says what needs attention (overdue deliveries,
quotes running out, notices due, invoices held, documents waiting for review), printable
as a status meeting's agenda; the open orders and deadlines as pages; the deadlines as an
iCalendar feed.

``/calendar.ics`` is for calendar apps, which can neither log in nor send a header: it
takes a signed-in session or a user's feed token (``?token=``, from ``intake users
feed-token``). A wrong or revoked token gets 403 and no calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_login import current_user

from intake.documents.review import ReviewItem, review_sources
from intake.extractors.extraction.roles import company_of
from intake.filing.calendar import deadlines_ical
from intake.filing.contract_dates import upcoming
from intake.filing.desk import deadlines, expiring_quotes, open_orders
from intake.users import user_for_feed_token
from web.state import get_db, get_session, get_settings, get_wiring

bp = Blueprint("desk", __name__)

#: How far ahead the home page and the feed look.
HORIZON_DAYS = 30
SHOWN = 10
HELD_KINDS = ("order_mismatches", "duplicates")


@dataclass(frozen=True)
class ReviewCount:
    kind: str
    title: str
    count: int
    items: tuple[ReviewItem, ...]


def _today() -> dt.date:
    return dt.date.today()


def _ours() -> Callable[[str], bool]:
    return company_of(get_settings()).is_us


def _days(default: int = HORIZON_DAYS) -> int:
    days = request.args.get("days", default, type=int)
    return min(max(days if days is not None else default, 0), 3660)


@bp.route("/")
def home() -> str:
    session = get_session()
    today = _today()
    overdue = open_orders(session, today, overdue_only=True)
    quotes = expiring_quotes(session, today, HORIZON_DAYS)
    notices = upcoming(session, today, HORIZON_DAYS)
    held: list[ReviewCount] = []
    waiting: list[ReviewCount] = []
    for source in review_sources(get_settings(), get_wiring().review_sources):
        count = source.count(session)
        shown = tuple(source.items(session, limit=SHOWN)) if count else ()
        row = ReviewCount(source.kind, source.title, count, shown)
        (held if source.kind in HELD_KINDS else waiting).append(row)
    return render_template(
        "desk/home.html",
        today=today,
        horizon=HORIZON_DAYS,
        shown=SHOWN,
        overdue=overdue,
        quotes=quotes,
        notices=notices,
        held=held,
        waiting=waiting,
        held_total=sum(r.count for r in held),
        waiting_total=sum(r.count for r in waiting),
    )


@bp.route("/orders/open")
def orders() -> str:
    only_overdue = request.args.get("overdue") == "1"
    rows = open_orders(get_session(), _today(), overdue_only=only_overdue)
    return render_template("desk/orders.html", rows=rows, overdue=only_overdue, today=_today())


@bp.route("/quotes/expiring")
def quotes() -> str:
    days = _days()
    rows = expiring_quotes(get_session(), _today(), days)
    return render_template("desk/quotes.html", rows=rows, days=days)


@bp.route("/deadlines")
def deadline_list() -> str:
    days = _days()
    rows = deadlines(get_session(), _today(), days, ours=_ours())
    return render_template("desk/deadlines.html", rows=rows, days=days, today=_today())


@bp.route("/calendar.ics")
def calendar() -> Any:
    """The deadlines of the next year as iCalendar, for a session or a feed token."""
    token = request.args.get("token", "")
    if token:
        if user_for_feed_token(get_db(), token) is None:
            abort(403)
    elif not current_user.is_authenticated:
        abort(401)
    items = deadlines(get_session(), _today(), _days(365), ours=_ours())
    root = request.url_root.rstrip("/")

    def link(doc_id: int) -> str:
        return root + url_for("documents.view", doc_id=doc_id)

    body = deadlines_ical(items, now=dt.datetime.now(dt.UTC), link=link)
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="intake-deadlines.ics"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
