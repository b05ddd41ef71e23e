"""Upload in the browser (editors): several files at once, by drag and drop or the file
picker. Each file is claimed like a dropped one (:mod:`intake.ingest.uploads`) and handed
to the service's workers; the page then follows each file's ledger row until it is filed,
set aside as a duplicate, or quarantined.

The app refuses bodies over 1 MiB; this route alone takes a file up to the size limit
(``max_file_mb``), checked before the body is read. That is why its CSRF token is checked
here, after the limit is raised, and not by the app-wide check that runs before it.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake.db.models import IntakeFile, LedgerState
from intake.errors import InputError
from intake.ingest.uploads import claim_upload
from intake.settings import DOC_TYPE_FOLDERS
from web.auth import editor_required
from web.state import claim_owner, get_db, get_session, get_settings, submit_claim

__all__ = ["bp"]

logger = logging.getLogger(__name__)

bp = Blueprint("upload", __name__, url_prefix="/upload")

#: Room for the form's other fields and the multipart framing around the file(s).
OVERHEAD = 1 << 20
#: At most this many ledger rows are followed in one poll.
MAX_POLL = 200
#: SQLite's integers are 64-bit signed: a larger id names no row.
MAX_ID = (1 << 63) - 1


def _limit() -> int:
    return get_settings().max_file_mb << 20


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _page(results: list[dict[str, Any]], status: int = 200) -> tuple[str, int]:
    return (
        render_template(
            "upload/index.html",
            folders=list(DOC_TYPE_FOLDERS),
            max_mb=get_settings().max_file_mb,
            results=results,
            workers=claim_owner() is not None,
        ),
        status,
    )


@bp.route("")
@editor_required
def index() -> tuple[str, int]:
    return _page([])


@bp.route("", methods=["POST"])
@editor_required
def upload() -> Any:
    request.max_content_length = _limit() + OVERHEAD
    from web import csrf

    csrf.protect()
    folder = request.form.get("folder", "inbox")
    if folder not in DOC_TYPE_FOLDERS:
        folder = "inbox"
    results: list[dict[str, Any]] = []
    for sent in request.files.getlist("files"):
        if not sent.filename:
            continue  # the picker's empty part when no file was chosen
        try:
            done = claim_upload(
                get_settings(),
                get_db(),
                sent.stream,
                sent.filename,
                user=current_user.name,
                folder=folder,
                owner=claim_owner(),
            )
        except InputError as exc:
            results.append(_refused(sent.filename, str(exc)))
            continue
        submit_claim(done.claim)
        results.append(
            {
                "id": done.ledger_id,
                "original_name": done.claim.original_name,
                "state": LedgerState.PROCESSING,
                "error": None,
                "document_id": None,
            }
        )
    status = 200 if results else 400
    if _wants_json():
        return jsonify(files=results), status
    return _page(results, status)


def _refused(name: str, reason: str) -> dict[str, Any]:
    return {
        "id": None,
        "original_name": name,
        "state": "refused",
        "error": reason,
        "document_id": None,
    }


@bp.route("/files.json")
@editor_required
def files() -> Response:
    """Where the files with these ledger ids (``?id=1&id=2``) stand now."""
    ids = [i for i in request.args.getlist("id", type=int) if 0 < i <= MAX_ID][:MAX_POLL]
    rows: list[IntakeFile] = []
    if ids:
        rows = list(get_session().scalars(select(IntakeFile).where(IntakeFile.id.in_(ids))))
    return jsonify(
        files=[
            {
                "id": r.id,
                "original_name": r.original_name,
                "state": r.state,
                "error": r.error,
                "document_id": r.document_id,
            }
            for r in rows
        ]
    )
