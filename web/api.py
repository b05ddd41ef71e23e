"""The JSON API under /api/: search, documents and products, for scripts with a token
(``Authorization: Bearer ...``; see ``intake users token``). Described by /api/openapi.json.
Read-only: nothing here changes state."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, jsonify, request
from werkzeug.wrappers import Response

from intake.catalog import get_product, list_products
from intake.documents import document_json, document_view
from intake.dossier import dossier_json, product_dossier
from intake.errors import NotFound
from intake.search import search_json
from web.openapi import openapi_document
from web.search import search_page
from web.state import get_session

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.route("/search")
def search() -> tuple[Response, int]:
    page = search_page(request.args)
    return jsonify(search_json(page)), 400 if page.error else 200


@bp.route("/documents/<int:doc_id>")
def document(doc_id: int) -> Response:
    try:
        return jsonify(document_json(document_view(get_session(), doc_id)))
    except NotFound:
        abort(404)


def _product_json(p: object) -> dict[str, object]:
    return {k: getattr(p, k) for k in ("id", "sku", "name", "unit", "category")}


@bp.route("/products")
def products() -> Response:
    page = max(1, request.args.get("page", 1, type=int) or 1)
    per_page = min(max(1, request.args.get("per_page", 50, type=int) or 50), 200)
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
