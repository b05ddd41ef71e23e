"""The deadlines (:func:`intake.filing.desk.deadlines`) as an iCalendar feed (RFC 5545)
for Outlook, Google Calendar or any calendar app that subscribes to a URL.

One all-day VEVENT per deadline. Its UID is made of the kind and the document, so that a
calendar app that fetches the feed again updates an event (a corrected date moves it)
instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from intake.filing.desk import Deadline

__all__ = ["PRODID", "deadline_uid", "deadlines_ical"]

PRODID = "-//Intake//Coordinator's deadlines//EN"
TITLES = {
    "contract_notice": "Notice due",
    "contract_end": "Contract ends",
    "quote_expiry": "Quote expires",
    "delivery_due": "Delivery due",
    "payment_due": "Payment due",
}


def deadline_uid(d: Deadline) -> str:
    return f"{d.kind}-{d.document_id}@intake"


def deadlines_ical(
    items: Iterable[Deadline],
    *,
    now: dt.datetime,
    link: Callable[[int], str] | None = None,
) -> bytes:
    """The feed; ``link`` gives a document's URL (for each event's URL and description)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Intake deadlines")
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    for d in items:
        event = Event()
        event.add("uid", deadline_uid(d))
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + dt.timedelta(days=1))
        who = f" ({d.vendor})" if d.vendor else ""
        event.add("summary", f"{TITLES[d.kind]}: {d.number or f'document {d.document_id}'}{who}")
        description = d.what
        if link is not None:
            url = link(d.document_id)
            event.add("url", url)
            description = f"{description}\n{url}"
        event.add("description", description)
        event.add("categories", [d.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
