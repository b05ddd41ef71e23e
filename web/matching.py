"""People's decisions on what filing against products concluded (editors): accept an
invoice that does not match its order, confirm a duplicate or say it is none."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.errors import Conflict, NotFound
from intake.filing.matching.duplicates import CONFIRMED, NOT_DUPLICATE, decide_duplicate
from intake.filing.matching.order_status import accept_order_match
from web.auth import editor_required
from web.state import get_session

bp = Blueprint("matching", __name__, url_prefix="/documents")


def _back(doc_id: int) -> Response:
    if request.form.get("back") == "review":
        return redirect(url_for("review.index"))
    return redirect(url_for("documents.view", doc_id=doc_id))


@bp.route("/<int:doc_id>/order-match/accept", methods=["POST"])
@editor_required
def accept(doc_id: int) -> Response:
    session = get_session()
    try:
        accept_order_match(session, doc_id, user=current_user.name)
        session.commit()
    except NotFound:
        abort(404)
    except Conflict as exc:
        session.rollback()
        abort(409, description=str(exc))
    flash("Accepted: the invoice may be exported although it does not match its order.")
    return _back(doc_id)


@bp.route("/<int:doc_id>/duplicate", methods=["POST"])
@editor_required
def duplicate(doc_id: int) -> Response:
    verdict = request.form.get("verdict", "")
    if verdict not in (CONFIRMED, NOT_DUPLICATE):
        abort(400, description="say duplicate or not_duplicate")
    session = get_session()
    try:
        decide_duplicate(session, doc_id, verdict, user=current_user.name)
        session.commit()
    except NotFound:
        abort(404)
    if verdict == CONFIRMED:
        flash("Confirmed as a duplicate: it stays held back from export.")
    else:
        flash("Not a duplicate: it is filed as a document of its own.")
    return _back(doc_id)
