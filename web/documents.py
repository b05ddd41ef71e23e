"""A document: its fields with confidence and source, its lines, its original."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_file
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from intake.db import Document, IntakeFile, LineItem
from intake.storage import archive_path
from web.state import get_session, get_settings

bp = Blueprint("documents", __name__, url_prefix="/documents")

MIME = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "tif": "image/tiff"}


def _document(doc_id: int) -> Document:
    doc = get_session().scalar(
        select(Document)
        .where(Document.id == doc_id)
        .options(
            selectinload(Document.vendor),
            selectinload(Document.lines).selectinload(LineItem.product),
        )
    )
    if doc is None:
        abort(404)
    return doc


@bp.route("/<int:doc_id>")
def view(doc_id: int) -> str:
    doc = _document(doc_id)
    intake_rows = list(
        get_session().scalars(
            select(IntakeFile).where(IntakeFile.document_id == doc_id).order_by(IntakeFile.id)
        )
    )
    fields = sorted(doc.fields.items())
    return render_template("documents/view.html", doc=doc, fields=fields, intake_rows=intake_rows)


@bp.route("/<int:doc_id>/original")
def original(doc_id: int) -> Response:
    doc = _document(doc_id)
    path = archive_path(get_settings().archive_dir, doc.sha256, doc.ext)
    if not path.is_file():
        abort(404)
    return send_file(
        path,
        mimetype=MIME.get(doc.ext, "application/octet-stream"),
        as_attachment=True,
        download_name=doc.original_name,
    )
