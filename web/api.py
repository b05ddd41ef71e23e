"""The JSON API under /api/: search, documents and products, for scripts with a token
(``Authorization: Bearer ...``; see ``intake users token``). Described by /api/openapi.json.

Everything is read-only except making an export and correcting a document (editors): a
POST or PATCH signed by a token needs no CSRF token (a browser never sends the
Authorization header by itself); one riding on a browser session cookie does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, g, jsonify, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.documents.corrections.common import InvalidCorrection
from intake.documents.view import document_json, document_view
from intake.errors import Conflict, IntakeError, NotFound
from intake.export.batches import ExportResult, list_batches, run_export
from intake.filing.catalog import get_product, list_products
from intake.filing.dossier import dossier_json, product_dossier
from intake.learning.feedback import CORRECTABLE, correct_document
from intake.search.engine import search_json
from intake.values import MAX_ID, iso_datetime
from web.auth import role_required
from web.export import EDITORS, batch_download, export_request
from web.openapi import integer_parameters, openapi_document, query_parameters
from web.openapi_schemas import ORDERS, SCHEMAS, SORTS
from web.params import int_arg
from web.search import search_page
from web.state import get_db, get_session, get_settings, get_wiring

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.before_request
def refuse_unknown_parameters() -> None:
    """A query parameter the OpenAPI document does not name is refused (400), so that a
    misspelt one is not silently ignored."""
    rule = request.url_rule
    if rule is None:
        return
    allowed = query_parameters(rule.rule, request.method)
    unknown = sorted(set(request.args) - allowed) if allowed is not None else []
    if unknown:
        abort(400, description=f"unknown parameter: {', '.join(unknown)[:200]}")
    # a whole number given as nothing ("year=") is no whole number: the document says
    # integer (the web UI's forms, which send empty fields, have their own routes)
    empty = sorted(
        name
        for name in integer_parameters(rule.rule, request.method)
        if name in request.args and not request.args[name].strip()
    )
    if empty:
        abort(400, description=f"{', '.join(empty)} must be a whole number.")


@bp.route("/search")
def search() -> tuple[Response, int]:
    # The API holds to its document: a value it does not describe is refused, not ignored.
    int_arg(request.args, "vendor", 0, most=MAX_ID)
    int_arg(request.args, "product", 0, most=MAX_ID)
    int_arg(request.args, "year", 0, most=9999)
    for name, allowed in (("sort", SORTS), ("order", ORDERS)):
        if name in request.args and request.args[name] not in allowed:
            abort(400, description=f"{name} is one of {', '.join(allowed)}.")
    page = search_page(request.args)
    return jsonify(search_json(page)), 400 if page.error else 200


@bp.route("/documents/<int:doc_id>")
def document(doc_id: int) -> Response:
    try:
        return jsonify(document_json(document_view(get_session(), doc_id, get_wiring().sections)))
    except NotFound:
        abort(404)


@bp.route("/documents/<int:doc_id>", methods=["PATCH"])
@role_required(*EDITORS)
def correct(doc_id: int) -> tuple[Response, int]:
    """Correct fields (``{"fields": {"total": "12.50", ...}}``) as the web form does, and
    learn from them; 400 with the reasons, nothing changed, for a bad name or value."""
    if not g.get("login_via_token"):
        from web import csrf

        csrf.protect()
    body = request.get_json(silent=True)
    fields = body.get("fields") if isinstance(body, dict) else None
    if not isinstance(fields, dict) or not fields:
        return jsonify(error='send {"fields": {"name": "value", ...}}', status=400), 400
    values = {str(k): "" if v is None else str(v) for k, v in fields.items()}
    unknown = sorted(set(values) - set(CORRECTABLE))
    session = get_session()
    try:
        if unknown:
            raise InvalidCorrection({name: "not a field that can be corrected" for name in unknown})
        version = body.get("version") if isinstance(body, dict) else None
        changed = correct_document(
            session,
            doc_id,
            values,
            user=current_user.name,
            settings=get_settings(),
            steps=get_wiring().filing_steps,
            version=str(version) if version is not None else None,
        )
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return jsonify(error=str(exc), errors=exc.errors, status=400), 400
    except Conflict as exc:
        session.rollback()
        return jsonify(error=str(exc), status=409), 409
    except NotFound:
        session.rollback()
        abort(404)
    view = document_json(document_view(session, doc_id, get_wiring().sections))
    return jsonify(changed=changed, document=view), 200


def _product_json(p: object) -> dict[str, object]:
    return {k: getattr(p, k) for k in ("id", "sku", "name", "unit", "category")}


@bp.route("/products")
def products() -> Response:
    page = int_arg(request.args, "page", 1)
    per_page = int_arg(request.args, "per_page", 50, most=200)
    total, rows = list_products(
        get_session(),
        q=request.args.get("q", "")[:200],
        limit=per_page,
        offset=(page - 1) * per_page,
    )
    return jsonify(
        total=total,
        page=page,
        products=[{**_product_json(r), "lines": r.lines} for r in rows],
    )


@bp.route("/products/<int:product_id>")
def product(product_id: int) -> Response:
    session = get_session()
    try:
        p = get_product(session, product_id)
        dossier = dossier_json(product_dossier(session, product_id, dt.date.today()))
    except NotFound:
        abort(404)
    keep = ("documents", "price_history", "open_orders", "contracts")
    return jsonify(
        {
            **_product_json(p),
            "aliases": [a.alias for a in p.aliases],
            "dossier": {k: dossier[k] for k in keep},
        }
    )


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


def _skipped(items: Any) -> list[dict[str, Any]]:
    return [
        {"document_id": i.document_id, "label": i.label, "reasons": list(i.reasons)} for i in items
    ]


def _export_json(result: ExportResult) -> dict[str, Any]:
    return {
        "batch_id": result.batch_id,
        "format": result.format,
        "filename": result.filename if result.batch_id else None,
        "download": url_for("api.export_file", batch_id=result.batch_id)
        if result.batch_id
        else None,
        "document_ids": list(result.document_ids),
        "blocked": _skipped(result.blocked),
        "held": _skipped(result.held),
        "warned": _skipped(result.warned),
        "changed": [
            {"document_id": c.document_id, "label": c.label, "batch_id": c.batch_id}
            for c in result.changed
        ],
    }


def _export_body_problem(values: dict[str, Any]) -> str | None:
    """What in a JSON export request is not as the OpenAPI document says (None: nothing)."""
    schema = SCHEMAS["ExportRequest"]["properties"]
    if values.get("format") not in schema["format"]["enum"]:
        return "format is one of " + ", ".join(schema["format"]["enum"])
    if "doc_type" in values and values["doc_type"] not in schema["doc_type"]["enum"]:
        return "doc_type is one of " + ", ".join(schema["doc_type"]["enum"])
    if "lines" in values and not isinstance(values["lines"], bool):
        return "lines is true or false"
    since = values.get("since")
    if since is not None and not isinstance(since, str):
        return "since is a date (YYYY-MM-DD)"
    again = values.get("again")
    whole = isinstance(again, int) or (isinstance(again, float) and again.is_integer())
    if again is not None and (isinstance(again, bool) or not whole):
        return "again is a whole number"
    return None


@bp.route("/exports", methods=["POST"])
@role_required(*EDITORS)
def export() -> tuple[Response, int]:
    """Export what is due (or repeat a batch): the batch's record; its file at ``download``."""
    if not g.get("login_via_token"):
        from web import csrf

        csrf.protect()  # a browser session: the CSRF token is required as on every form
    values = request.get_json(silent=True)
    if values is not None and not (isinstance(values, dict) and values.get("format")):
        return jsonify(error="a JSON request names its format", status=400), 400
    if isinstance(values, dict) and (problem := _export_body_problem(values)):
        return jsonify(error=problem, status=400), 400
    try:
        result = run_export(
            get_db(),
            get_settings(),
            export_request(values if isinstance(values, dict) else request.form),
            current_user.name,
        )
    except NotFound as exc:
        return jsonify(error=str(exc), status=404), 404
    except IntakeError as exc:
        return jsonify(error=str(exc), status=400), 400
    return jsonify(_export_json(result)), 201 if result.batch_id else 200


@bp.route("/exports")
@role_required(*EDITORS)
def exports() -> Response:
    return jsonify(
        batches=[
            {
                "id": b.id,
                "created_at": iso_datetime(b.created_at),
                "format": b.format,
                "user": b.user,
                "documents": b.document_count,
                "again_of": b.again_of_id,
                "filename": b.filename,
                "download": url_for("api.export_file", batch_id=b.id),
            }
            for b in list_batches(get_db())
        ]
    )


@bp.route("/exports/<int:batch_id>/file")
@role_required(*EDITORS)
def export_file(batch_id: int) -> Response:
    """A batch's file by its id, exactly as it was handed out."""
    return batch_download(batch_id)
