"""The product catalog: list, view, create and edit products and their aliases.

``/products/<id>`` is the product's page and its dossier: the documents touching it, its
price history per vendor (a chart drawn as inline SVG), open purchase orders, contracts in
force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intake.documents.corrections.common import InvalidCorrection
from intake.documents.listing import quantity_text
from intake.errors import Conflict, NotFound
from intake.filing.catalog import (
    add_alias,
    create_product,
    get_product,
    list_products,
    remove_alias,
    update_product,
)
from intake.filing.charts import price_charts
from intake.filing.costs import product_costs
from intake.filing.dossier import product_dossier
from web.auth import editor_required
from web.params import int_arg
from web.state import get_session

bp = Blueprint("products", __name__, url_prefix="/products")


@bp.app_template_filter("quantity")
def quantity(value: Decimal | None) -> str:
    """``2.00`` -> ``2``, ``2.50`` -> ``2.5``; nothing for no value."""
    return quantity_text(value) or ""


PAGE_SIZE = 50
FIELDS = ("sku", "name", "unit", "category")


@bp.route("")
def index() -> str:
    q = request.args.get("q", "")[:200]
    page = int_arg(request.args, "page", 1)
    total, rows = list_products(get_session(), q=q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "products/index.html", rows=rows, total=total, q=q, page=page, pages=pages
    )


def _form_page(product: Any, errors: dict[str, str], status: int) -> Any:
    dossier = None
    if product is not None:
        dossier = product_dossier(get_session(), product.id, dt.date.today())
    return render_template(
        "products/view.html",
        product=product,
        dossier=dossier,
        charts=price_charts(dossier.price_history) if dossier else [],
        costs=product_costs(get_session(), product.id) if product is not None else [],
        errors=errors,
        form=request.form,
    ), status


@bp.route("/new")
@editor_required
def new() -> Any:
    return _form_page(None, {}, 200)


@bp.route("", methods=["POST"])
@editor_required
def create() -> Any:
    session = get_session()
    try:
        product_id = create_product(
            session, {k: request.form.get(k, "") for k in FIELDS}, user=current_user.name
        )
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _form_page(None, exc.errors, 400)
    flash("Product added.")
    return redirect(url_for("products.view", product_id=product_id))


def _product(product_id: int) -> Any:
    try:
        return get_product(get_session(), product_id)
    except NotFound:
        abort(404)


@bp.route("/<int:product_id>")
def view(product_id: int) -> Any:
    return _form_page(_product(product_id), {}, 200)


@bp.route("/<int:product_id>", methods=["POST"])
@editor_required
def update(product_id: int) -> Any:
    session = get_session()
    values = {k: request.form[k] for k in FIELDS if k in request.form}
    try:
        changed = update_product(session, product_id, values, user=current_user.name)
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _form_page(_product(product_id), exc.errors, 400)
    except NotFound:
        abort(404)
    flash("Saved: " + ", ".join(changed) + "." if changed else "Nothing changed.")
    return redirect(url_for("products.view", product_id=product_id))


@bp.route("/<int:product_id>/aliases", methods=["POST"])
@editor_required
def new_alias(product_id: int) -> Any:
    session = get_session()
    try:
        add_alias(session, product_id, request.form.get("alias", ""), user=current_user.name)
        session.commit()
    except InvalidCorrection as exc:
        session.rollback()
        return _form_page(_product(product_id), exc.errors, 400)
    except Conflict as exc:
        session.rollback()
        abort(409, description=str(exc))
    except NotFound:
        abort(404)
    flash("Alias added.")
    return redirect(url_for("products.view", product_id=product_id))


@bp.route("/<int:product_id>/aliases/<int:alias_id>/delete", methods=["POST"])
@editor_required
def delete_alias(product_id: int, alias_id: int) -> Response:
    session = get_session()
    try:
        remove_alias(session, product_id, alias_id, user=current_user.name)
        session.commit()
    except NotFound:
        abort(404)
    flash("Alias removed.")
    return redirect(url_for("products.view", product_id=product_id))
