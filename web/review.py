"""The review queue: low-confidence documents, quarantined files (retry, discard), and
whatever other sources are registered (see :mod:`intake.documents.review`).

The page shows a few items of each section, or one section with its own filter and pages
(``?kind=…&q=…&page=…``). Editors act on one item, or on many at once: confirm every
low-confidence document or weak product link shown, link the selected lines to one
product, discard the selected quarantined files. A bulk action runs the single actions,
each checked and audited as when done one by one; confirming and linking run in one
transaction (all of them happen, or none), discarding file by file, saying which could not be.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake.db.models import LineItem
from intake.documents.corrections.common import InvalidCorrection
from intake.documents.corrections.fields import confirm_document
from intake.documents.corrections.lines import correct_line
from intake.documents.review import discard_quarantined, retry_quarantined, review_sources
from intake.errors import Conflict, NotFound
from intake.filing.matching.steps import refresh_document
from web.auth import editor_required
from web.params import int_arg
from web.state import (
    claim_owner,
    get_db,
    get_session,
    get_settings,
    get_wiring,
    submit_claim,
)

bp = Blueprint("review", __name__, url_prefix="/review")

#: Items of one section on a page of its own, and of each section on the overview.
PER_PAGE = 25
PREVIEW = 5
#: At most this many items are acted on by one bulk action.
MAX_BULK = 200
MAX_ID = (1 << 63) - 1
MAX_TEXT = 200
#: What each section's filter looks in.
FILTER_HINTS = {
    "low_confidence": "number, file or vendor",
    "quarantined": "file name or reason",
    "unlinked_lines": "description, code, number or vendor",
    "weak_links": "description, code, number or vendor",
    "order_mismatches": "number, order number or vendor",
    "duplicates": "number, file or vendor",
}


@bp.route("")
def index() -> str:
    session = get_session()
    sources = review_sources(get_settings(), get_wiring().review_sources)
    focus = request.args.get("kind")
    if focus not in {s.kind for s in sources}:
        focus = None
    text = request.args.get("q", "")[:MAX_TEXT].strip() if focus else ""
    page = int_arg(request.args, "page", 1)
    queues: list[dict[str, Any]] = []
    for source in sources:
        focused = source.kind == focus
        total = source.count(session)
        queue: dict[str, Any] = {
            "kind": source.kind,
            "title": source.title,
            "total": total,
            "count": total,
            "text": text if focused else "",
            "hint": FILTER_HINTS.get(source.kind, "text"),
            "focused": focused,
            "shown": focus is None or focused,
            "entries": [],
            "page": 1,
            "pages": 1,
        }
        if queue["shown"]:
            per = PER_PAGE if focused else PREVIEW
            if queue["text"]:
                queue["count"] = source.count(session, text=queue["text"])
            pages = max(1, -(-queue["count"] // per))
            this_page = min(page, pages) if focused else 1
            queue["entries"] = source.items(
                session, limit=per, offset=(this_page - 1) * per, text=queue["text"]
            )
            queue.update(page=this_page, pages=pages)
        queues.append(queue)
    return render_template("review/index.html", queues=queues, focus=focus, per_page=PER_PAGE)


@bp.route("/quarantined/<int:ledger_id>/retry", methods=["POST"])
@editor_required
def retry(ledger_id: int) -> Response:
    try:
        claim = retry_quarantined(
            get_settings(), get_db(), ledger_id, user=current_user.name, owner=claim_owner()
        )
    except NotFound:
        abort(404)
    except Conflict as exc:
        abort(409, description=str(exc))
    if submit_claim(claim):
        flash(f"{claim.original_name} is being processed again; watch it on the intake page.")
    else:
        flash(f"{claim.original_name} was claimed again; the service processes it when it runs.")
    return redirect(url_for("status.index"))


@bp.route("/quarantined/<int:ledger_id>/discard", methods=["POST"])
@editor_required
def discard(ledger_id: int) -> Response:
    try:
        discard_quarantined(get_db(), ledger_id, user=current_user.name)
    except NotFound:
        abort(404)
    except Conflict as exc:
        abort(409, description=str(exc))
    flash("Discarded; the file stays in the quarantine folder.")
    return redirect(url_for("review.index"))


# Bulk actions -------------------------------------------------------------------------


def _ids(name: str = "id") -> list[int]:
    """The ids a bulk form sent (distinct, in order, at most MAX_BULK); junk is ignored."""
    ids = [int(v) for v in request.form.getlist(name) if v.isdigit() and 0 < int(v) <= MAX_ID]
    return list(dict.fromkeys(ids))[:MAX_BULK]


def _back() -> Response:
    """Back to the review page as it was shown (section, filter, page)."""
    kind = request.form.get("view_kind", "")
    if kind not in {s.kind for s in review_sources(get_settings(), get_wiring().review_sources)}:
        return redirect(url_for("review.index"))
    page = request.form.get("view_page", 1, type=int) or 1
    return redirect(
        url_for(
            "review.index",
            kind=kind,
            q=request.form.get("view_q", "")[:MAX_TEXT] or None,
            page=page if 1 < page <= 1_000_000 else None,
            _anchor=kind,
        )
    )


def _nothing() -> Response:
    flash("Nothing was selected.", "warning")
    return _back()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@bp.route("/low_confidence/confirm", methods=["POST"])
@editor_required
def confirm_shown() -> Response:
    """Confirm, on every document shown, the values that were shown as read uncertainly."""
    docs = _ids("doc")
    if not docs:
        return _nothing()
    session = get_session()
    confirmed = 0
    try:
        for doc_id in docs:
            names = request.form.getlist(f"name-{doc_id}")[:100]
            confirmed += len(confirm_document(session, doc_id, names, user=current_user.name))
        session.commit()
    except NotFound as exc:
        session.rollback()
        flash(f"Nothing was confirmed: {exc}.", "error")
        return _back()
    flash(f"Confirmed {_plural(confirmed, 'value')} on {_plural(len(docs), 'document')}.")
    return _back()


def _correct_lines(line_ids: list[int], values_of: Any, failed: str) -> bool:
    """Correct each line with ``values_of(line_id)`` and refile their documents, in one
    transaction: all of them or none (False, with ``failed`` and the reason flashed)."""
    session = get_session()
    owners = dict(
        session.execute(
            select(LineItem.id, LineItem.document_id).where(LineItem.id.in_(line_ids))
        ).all()
    )
    wiring = get_wiring()
    try:
        for line_id in line_ids:
            if line_id not in owners:
                raise NotFound(f"line {line_id} is gone")
            correct_line(
                session,
                owners[line_id],
                line_id,
                values_of(line_id),
                user=current_user.name,
                memories=wiring.memories,
            )
        for doc_id in sorted(set(owners.values())):
            refresh_document(session, doc_id, get_settings(), wiring.filing_steps)
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        flash(f"{failed}: {'; '.join(exc.errors.values())}.", "error")
        return False
    except (NotFound, Conflict) as exc:
        session.rollback()
        flash(f"{failed}: {exc}.", "error")
        return False
    return True


@bp.route("/lines/link", methods=["POST"])
@editor_required
def link_lines() -> Response:
    """Link every selected line to one product (a person's link, as on the document)."""
    line_ids = _ids()
    sku = request.form.get("product", "").strip()
    if not line_ids:
        return _nothing()
    if not sku:
        flash("Say which product (its SKU) the selected lines are.", "warning")
        return _back()
    if _correct_lines(line_ids, lambda _line: {"product": sku}, "No line was linked"):
        flash(f"Linked {_plural(len(line_ids), 'line')} to {sku}.")
    return _back()


@bp.route("/lines/confirm", methods=["POST"])
@editor_required
def confirm_links() -> Response:
    """Confirm every weak link shown, as shown (``sku-<line id>``): each becomes a person's
    link and feeds the matching memory, as the single "Confirm" does."""
    line_ids = _ids("line")
    if not line_ids:
        return _nothing()

    def shown(line_id: int) -> dict[str, str]:
        sku = request.form.get(f"sku-{line_id}", "").strip()
        if not sku:
            raise NotFound(f"no product was shown for line {line_id}")
        return {"product": sku, "confirm": "1"}

    if _correct_lines(line_ids, shown, "No link was confirmed"):
        flash(f"Confirmed {_plural(len(line_ids), 'product link')}.")
    return _back()


@bp.route("/quarantined/discard", methods=["POST"])
@editor_required
def discard_selected() -> Response:
    """Discard every selected quarantined file (the files stay in the quarantine folder)."""
    ledger_ids = _ids()
    if not ledger_ids:
        return _nothing()
    discarded, refused = 0, []
    for ledger_id in ledger_ids:
        try:
            discard_quarantined(get_db(), ledger_id, user=current_user.name)
            discarded += 1
        except (NotFound, Conflict) as exc:
            refused.append(str(exc))
    flash(f"Discarded {_plural(discarded, 'file')}; the files stay in the quarantine folder.")
    if refused:
        flash(f"Not discarded: {'; '.join(refused)}.", "warning")
    return _back()
