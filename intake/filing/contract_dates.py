"""Contract dates: when a contract ends and the last day to give notice, from the fields
extraction read (effective date, term, renewal term, notice period, expiration date).

* An agreement whose expiration is ``perpetual`` runs until terminated: no end, no
  notice date.
* The first term ends at the printed expiration date, else at the effective date (or the
  agreement date) plus the term.
* A contract that renews itself (a renewal term was read) runs on in renewal periods:
  its current term is the first one not yet over. A renewal read with its kind word
  ("successive 1 year") recurs; one without ("2 year": "for one additional period of two
  years") happens once, and the contract then ends by itself. One that a party may renew by option
  (``renewal_by_option``) ends unless the option is taken: its dates do not roll on, and
  ``notice_by`` is the last day to take the option up.
* Notice must be given the notice period before the end of a term to stop a renewal:
  ``notice_by`` is the last day to do so for the current term (the next term's when today
  is past it). A contract that does not renew ends by itself and needs no notice.

:func:`upcoming` lists what needs action within some days: the last day to give notice,
or the end of a contract that does not renew.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document

__all__ = [
    "PERPETUAL",
    "ContractDates",
    "Deadline",
    "contract_dates",
    "list_contracts",
    "parse_period",
    "upcoming",
]

_PERIOD = re.compile(r"(\d+)\s*(year|month|week|day)s?", re.IGNORECASE)
MAX_RENEWALS = 500
#: a renewal term that recurs, as extraction writes it ("successive 1 year")
_RECURRING = re.compile(r"\s*(?:successive|consecutive|further|additional)\b", re.IGNORECASE)
#: The expiration of an agreement that runs until one party ends it.
PERPETUAL = "perpetual"


def parse_period(text: Any) -> relativedelta | None:
    """``"2 years"``, ``"successive 1 year"``, ``"60 days"`` as a relativedelta."""
    m = _PERIOD.search(str(text or ""))
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    if not 0 < n <= 1200:
        return None
    if unit == "year":
        return relativedelta(years=n)
    if unit == "month":
        return relativedelta(months=n)
    return relativedelta(weeks=n) if unit == "week" else relativedelta(days=n)


def _value(fields: dict[str, Any], name: str) -> Any:
    f = fields.get(name)
    return f.get("value") if isinstance(f, dict) else None


def _source(fields: dict[str, Any], name: str) -> str:
    f = fields.get(name)
    return str(f.get("source") or "") if isinstance(f, dict) else ""


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ContractDates:
    document_id: int
    title: str
    parties: tuple[str, ...]
    effective_date: dt.date | None
    term: str | None
    renewal_term: str | None
    notice_period: str | None
    first_end: dt.date | None  # end of the first term
    end_date: dt.date | None  # end of the current term (the first one not over today)
    notice_by: dt.date | None  # last day to give notice for that term
    renews: bool
    in_force: bool
    explanation: str
    renewal_option: bool = False  # renewed only if a party takes its option


def contract_dates(doc: Document, today: dt.date) -> ContractDates:
    """The dates of contract ``doc`` as of ``today``."""
    fields = doc.fields or {}
    parties = _value(fields, "parties")
    parties = tuple(str(p) for p in parties) if isinstance(parties, list) else ()
    effective = (
        _date(_value(fields, "effective_date"))
        or _date(_value(fields, "agreement_date"))
        or doc.issue_date
    )
    term_text = _value(fields, "term")
    renewal_text = _value(fields, "renewal_term")
    notice_text = _value(fields, "notice_period")
    term, renewal, notice = (parse_period(t) for t in (term_text, renewal_text, notice_text))
    option = renewal is not None and bool(_value(fields, "renewal_by_option"))
    if option:
        renewal = None  # it renews only if the option is taken
    printed = _date(_value(fields, "expiration_date"))
    why: list[str] = []
    first_end: dt.date | None = None
    if printed is not None and _source(fields, "expiration_date") != "computed":
        first_end = printed
        why.append(f"ends {printed} as printed")
    elif effective is not None and term is not None:
        first_end = effective + term
        why.append(f"effective {effective} for {term_text}: ends {first_end}")
    elif printed is not None:
        first_end = printed
        why.append(f"ends {printed}")
    elif _value(fields, "expiration_date") == PERPETUAL:
        why.append("runs until terminated: it has no end date")
    end = first_end
    left = MAX_RENEWALS if _RECURRING.match(str(renewal_text or "")) else 1
    if end is not None and renewal is not None:
        while left and end < today:
            end, left = end + renewal, left - 1
        if end != first_end:
            why.append(f"renewed for {renewal_text} at a time: the current term ends {end}")
        if not left:
            renewal = None  # its one renewal taken: it ends by itself
        elif end == first_end:
            why.append(f"renews for {renewal_text} unless notice is given")
    notice_by = None
    if end is not None and option:
        why.append(f"may be renewed for {renewal_text} by option: ends unless it is taken")
        if notice is not None:
            notice_by = end - notice
            why.append(f"the option is taken {notice_text} before the end: by {notice_by}")
    elif end is not None and renewal is None:
        why.append("ends by itself: no notice is needed to end it")
    elif end is not None and notice is not None:
        notice_by = end - notice
        if notice_by < today and renewal is not None and left == 1:
            # too late to stop its one renewal: the renewed term ends by itself
            why.append(f"too late to stop its one renewal at {end}: it ends {end + renewal}")
            end, notice_by, renewal = end + renewal, None, None
        elif notice_by < today and renewal is not None:
            later = end + renewal
            notice_by = later - notice
            why.append(f"too late to stop the renewal at {end}; next notice date for {later}")
            end = later
        if notice_by is not None:
            why.append(f"notice {notice_text} before the end: by {notice_by}")
    in_force = (effective is None or effective <= today) and (end is None or end >= today)
    title = doc.number or doc.original_name
    return ContractDates(
        doc.id,
        title,
        parties,
        effective,
        str(term_text) if term_text else None,
        str(renewal_text) if renewal_text else None,
        str(notice_text) if notice_text else None,
        first_end,
        end,
        notice_by,
        renewal is not None,
        in_force,
        "; ".join(why) or "no term or end date was read",
        option,
    )


def list_contracts(session: Session, today: dt.date) -> list[ContractDates]:
    docs = session.scalars(
        select(Document).where(Document.doc_type == "contract").order_by(Document.id)
    )
    return [contract_dates(d, today) for d in docs]


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    action: str  # "give notice", "take option" (to renew), "renews" or "ends"
    contract: ContractDates


def upcoming(session: Session, today: dt.date, days: int) -> list[Deadline]:
    """What needs action from ``today`` to ``today + days``, soonest first: the last day to
    give notice before a contract renews (or to take up its option to renew), the end of
    one that does not renew (or whose notice period was not read)."""
    until = today + dt.timedelta(days=days)
    out = []
    for c in list_contracts(session, today):
        if c.notice_by is not None and today <= c.notice_by <= until:
            action = "take option" if c.renewal_option else "give notice"
            out.append(Deadline(c.notice_by, action, c))
        elif c.end_date is not None and today <= c.end_date <= until and c.notice_by is None:
            out.append(Deadline(c.end_date, "renews" if c.renews else "ends", c))
    return sorted(out, key=lambda d: (d.date, d.contract.document_id))
