"""The review queue: low-confidence documents, quarantined files (retry, discard), and
whatever other sources are registered (see :mod:`intake.review`)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.errors import Conflict, NotFound
from intake.review import discard_quarantined, retry_quarantined, review_sources
from web.auth import editor_required
from web.params import int_arg
from web.state import claim_owner, get_db, get_session, get_settings, submit_claim

bp = Blueprint("review", __name__, url_prefix="/review")

PER_SOURCE = 25


@bp.route("")
def index() -> str:
    session = get_session()
    wanted = request.args.get("kind")
    page = int_arg(request.args, "page", 1)
    queues: list[dict[str, Any]] = []
    for source in review_sources(get_settings()):
        count = source.count(session)
        this_page = page if source.kind == wanted else 1
        items = source.items(session, limit=PER_SOURCE, offset=(this_page - 1) * PER_SOURCE)
        queues.append(
            {
                "kind": source.kind,
                "title": source.title,
                "count": count,
                "entries": items,
                "page": this_page,
                "pages": max(1, -(-count // PER_SOURCE)),
            }
        )
    return render_template("review/index.html", queues=queues)


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
