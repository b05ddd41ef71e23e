"""Intake status: the latest files and their state, polled by a small script so that a
drop can be watched as it is processed."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from werkzeug.wrappers import Response

from intake.ingest.status import intake_status, status_json
from web.state import get_session

bp = Blueprint("status", __name__, url_prefix="/intake")

LIMIT = 50


@bp.route("")
def index() -> str:
    return render_template("status/index.html", status=intake_status(get_session(), limit=LIMIT))


@bp.route("/status.json")
def poll() -> Response:
    return jsonify(status_json(intake_status(get_session(), limit=LIMIT)))
