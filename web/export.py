"""The export page: editors export filed invoices to accounting, fetch earlier batches by
id, and keep the accounts and tax codes per vendor and per product category."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.errors import IntakeError, NotFound
from intake.export.batches import ExportRequest, ExportResult, batch_file, list_batches, run_export
from intake.export.formats import FORMATS
from intake.export.rules import RULE_FIELDS, delete_rule, list_rules, list_vendors, set_rule
from intake.values import MAX_ID, parse_id
from web.auth import role_required
from web.state import get_db, get_settings

bp = Blueprint("export", __name__, url_prefix="/export")

EDITORS = ("admin", "editor")
DOC_TYPES = ("invoice", "purchase_order", "estimate")


def _page(result: ExportResult | None = None, error: str | None = None) -> str:
    db = get_db()
    return render_template(
        "export/index.html",
        formats=FORMATS,
        doc_types=DOC_TYPES,
        batches=list_batches(db),
        rules=list_rules(db),
        vendors=list_vendors(db),
        result=result,
        error=error,
    )


def _optional_int(name: str, values: Mapping[str, Any] | None = None) -> int | None:
    given = (request.form if values is None else values).get(name)
    if isinstance(given, float) and given.is_integer():
        given = int(given)  # JSON's 12.0 is the integer 12
    raw = "" if given is None or given == "" else str(given).strip()
    if not raw:
        return None
    value = parse_id(raw)
    if value is None:
        raise IntakeError(f"{name} must be a whole number from 1 to {MAX_ID}")
    return value


def export_request(values: Mapping[str, Any]) -> ExportRequest:
    """What to export, from the page's form or an API request's JSON."""
    fmt = str(values.get("format") or "")
    again = _optional_int("again", values)
    if again is None and fmt not in FORMATS:
        raise IntakeError(f"choose a format: {', '.join(FORMATS)}")
    raw_since = str(values.get("since") or "").strip()
    try:
        since = dt.date.fromisoformat(raw_since) if raw_since else None
    except ValueError as exc:
        raise IntakeError("the date is YYYY-MM-DD") from exc
    doc_type = str(values.get("doc_type") or "invoice")
    if doc_type not in DOC_TYPES:
        raise IntakeError("unknown document type")
    return ExportRequest(
        format=fmt if again is None else "",
        since=since,
        doc_type=doc_type,
        lines=True if values.get("lines") in ("1", 1, True, "true") else None,
        again=again,
    )


@bp.route("/")
@role_required(*EDITORS)
def index() -> str:
    return _page()


@bp.route("/", methods=["POST"])
@role_required(*EDITORS)
def create() -> Any:
    """Make an export (a POST with its CSRF token; nothing changes on a GET)."""
    try:
        result = run_export(
            get_db(), get_settings(), export_request(request.form), current_user.name
        )
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    return _page(result=result)


@bp.route("/batches/<int:batch_id>")
@role_required(*EDITORS)
def download(batch_id: int) -> Response:
    return batch_download(batch_id)


def batch_download(batch_id: int) -> Response:
    """A batch's file by its id, exactly as it was handed out (the page's and the API's)."""
    try:
        name, media_type, content = batch_file(get_db(), batch_id)
    except NotFound:
        abort(404)
    return send_file(
        io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=name
    )


def _target() -> dict[str, Any]:
    vendor_id = _optional_int("vendor_id")
    category = request.form.get("category", "").strip() or None
    if (vendor_id is None) == (category is None):
        raise IntakeError("choose a vendor or name a category")
    return {"vendor": vendor_id, "category": category}


@bp.route("/rules", methods=["POST"])
@role_required(*EDITORS)
def save_rule() -> Any:
    try:
        values = {name: request.form.get(name) or None for name in RULE_FIELDS}
        rule = set_rule(get_db(), **_target(), user=current_user.name, **values)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    flash(f"Saved the accounts of {rule.scope}.")
    return redirect(url_for("export.index"))


@bp.route("/rules/delete", methods=["POST"])
@role_required(*EDITORS)
def remove_rule() -> Any:
    try:
        delete_rule(get_db(), **_target(), user=current_user.name)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    flash("Removed.")
    return redirect(url_for("export.index"))
