"""A document: its pages with the boxes where fields were read, its fields, lines, chain
and history; the original; and the correction forms (editors)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.documents.corrections.common import InvalidCorrection
from intake.documents.corrections.fields import editable_fields
from intake.documents.corrections.lines import LINE_ATTRIBUTES, add_line, correct_line, delete_line
from intake.documents.pages import WIDTHS, page_image
from intake.documents.view import DocumentView, document_view, field_label, load_document
from intake.errors import Conflict, NotFound
from intake.filing.matching.steps import refresh_document
from intake.ingest.storage import archive_path
from intake.learning.feedback import confirm_and_learn, correct_document
from intake.record import DOC_TYPES
from intake.values import DATE, FIELD_KINDS
from web.auth import editor_required
from web.state import get_session, get_settings, get_wiring

bp = Blueprint("documents", __name__, url_prefix="/documents")

MIME = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "tif": "image/tiff"}


def _view(doc_id: int) -> DocumentView:
    try:
        return document_view(get_session(), doc_id, get_wiring().sections)
    except NotFound:
        abort(404)


@bp.route("/<int:doc_id>")
def view(doc_id: int) -> str:
    return render_template("documents/view.html", doc=_view(doc_id), page_width=WIDTHS[-1])


@bp.route("/<int:doc_id>/original")
def original(doc_id: int) -> Response:
    try:
        doc = load_document(get_session(), doc_id)
    except NotFound:
        abort(404)
    path = archive_path(get_settings().archive_dir, doc.sha256, doc.ext)
    if not path.is_file():
        abort(404)
    return send_file(
        path,
        mimetype=MIME.get(doc.ext, "application/octet-stream"),
        as_attachment=True,
        download_name=doc.original_name,
    )


@bp.route("/<int:doc_id>/pages/<int:page>-<int:width>.png")
def page(doc_id: int, page: int, width: int) -> Response:
    try:
        path = page_image(get_settings(), get_session(), doc_id, page, width)
    except NotFound:
        abort(404)
    response = send_file(path, mimetype="image/png", max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _edit_page(doc_id: int, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    doc = _view(doc_id)
    present = {f.name: f for f in doc.fields}
    names = editable_fields(doc.doc_type, list(present))
    values = request.form if errors else {}

    def shown(name: str) -> str:
        f = present.get(name)
        if f is None:
            return ""
        return "; ".join(map(str, f.data)) if isinstance(f.data, list) else f.value

    rows = [(name, field_label(name), values.get(name, shown(name))) for name in names]
    return (
        render_template(
            "documents/edit.html",
            doc=doc,
            rows=rows,
            errors=errors or {},
            doc_types=DOC_TYPES,
            attributes=LINE_ATTRIBUTES,
            dates={name for name, kind in FIELD_KINDS.items() if kind == DATE},
            page_width=WIDTHS[-1],
        ),
        status,
    )


@bp.route("/<int:doc_id>/edit")
@editor_required
def edit(doc_id: int) -> Any:
    return _edit_page(doc_id)


def _saved(doc_id: int, what: list[str]) -> Response:
    if what:
        flash("Saved: " + ", ".join(field_label(n) for n in what) + ".")
    else:
        flash("Nothing changed.", "info")
    return redirect(url_for("documents.view", doc_id=doc_id))


def _conflict(exc: Conflict) -> Any:
    abort(409, description=str(exc))


@bp.route("/<int:doc_id>/fields", methods=["POST"])
@editor_required
def save_fields(doc_id: int) -> Any:
    form = request.form
    names = set(editable_fields(form.get("doc_type"), [])) | set(form.getlist("field"))
    values = {name: form[name] for name in names if name in form}
    if form.get("doc_type"):
        values["doc_type"] = form["doc_type"]
    session = get_session()
    try:
        changed = correct_document(
            session,
            doc_id,
            values,
            user=current_user.name,
            settings=get_settings(),
            steps=get_wiring().filing_steps,
            version=form.get("version"),
        )
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _edit_page(doc_id, exc.errors, 400)
    except Conflict as exc:
        session.rollback()
        return _conflict(exc)
    except NotFound:
        abort(404)
    return _saved(doc_id, changed)


@bp.route("/<int:doc_id>/confirm", methods=["POST"])
@editor_required
def confirm(doc_id: int) -> Any:
    session = get_session()
    try:
        done = confirm_and_learn(
            session,
            doc_id,
            request.form.getlist("name"),
            user=current_user.name,
            version=request.form.get("version"),
        )
        session.commit()
    except Conflict as exc:
        session.rollback()
        return _conflict(exc)
    except NotFound:
        abort(404)
    flash(f"Confirmed {len(done)} value{'' if len(done) == 1 else 's'}.")
    if request.form.get("back") == "review":
        return redirect(url_for("review.index"))
    return redirect(url_for("documents.view", doc_id=doc_id))


def _line_values() -> dict[str, str]:
    keys = (*LINE_ATTRIBUTES, "product", "confirm")
    return {k: request.form[k] for k in keys if k in request.form}


def _refresh(doc_id: int) -> None:
    """Run filing against products again after a correction (same transaction)."""
    refresh_document(get_session(), doc_id, get_settings(), get_wiring().filing_steps)


@bp.route("/<int:doc_id>/lines/<int:line_id>", methods=["POST"])
@editor_required
def save_line(doc_id: int, line_id: int) -> Any:
    session = get_session()
    user, version = current_user.name, request.form.get("version")
    try:
        if request.form.get("action") == "delete":
            delete_line(session, doc_id, line_id, user=user, version=version)
            changed = ["line deleted"]
        else:
            changed = correct_line(
                session,
                doc_id,
                line_id,
                _line_values(),
                user=user,
                version=version,
                memories=get_wiring().memories,
            )
        _refresh(doc_id)
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _edit_page(doc_id, {f"line-{line_id}-{k}": v for k, v in exc.errors.items()}, 400)
    except Conflict as exc:
        session.rollback()
        return _conflict(exc)
    except NotFound:
        abort(404)
    if request.form.get("back") == "review":
        flash("Saved: " + ", ".join(changed) + "." if changed else "Nothing changed.")
        return redirect(url_for("review.index"))
    return _saved(doc_id, changed)


@bp.route("/<int:doc_id>/lines", methods=["POST"])
@editor_required
def new_line(doc_id: int) -> Any:
    session = get_session()
    try:
        add_line(
            session,
            doc_id,
            _line_values(),
            user=current_user.name,
            version=request.form.get("version"),
            memories=get_wiring().memories,
        )
        _refresh(doc_id)
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _edit_page(doc_id, {f"new-{k}": v for k, v in exc.errors.items()}, 400)
    except Conflict as exc:
        session.rollback()
        return _conflict(exc)
    except NotFound:
        abort(404)
    return _saved(doc_id, ["new line"])
