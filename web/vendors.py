"""Vendors: what Intake learned from corrections of their documents (rules, with the
correction that taught each; the signs that recognise them), forgetting a rule, and
merging two vendors that are one (editors)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from intake.db.learning import LearnedRule
from intake.db.models import Document, Vendor
from intake.errors import IntakeError, NotFound
from intake.learning.vendors import forget_rule, learned_rows, merge_vendors, vendor_signs
from web.auth import editor_required
from web.state import get_session

bp = Blueprint("vendors", __name__, url_prefix="/vendors")


@bp.route("")
def index() -> str:
    session = get_session()
    docs = (
        select(Document.vendor_id, func.count().label("n")).group_by(Document.vendor_id).subquery()
    )
    rules = (
        select(LearnedRule.vendor_id, func.count().label("n"))
        .group_by(LearnedRule.vendor_id)
        .subquery()
    )
    rows = session.execute(
        select(Vendor, func.coalesce(docs.c.n, 0), func.coalesce(rules.c.n, 0))
        .outerjoin(docs, docs.c.vendor_id == Vendor.id)
        .outerjoin(rules, rules.c.vendor_id == Vendor.id)
        .order_by(Vendor.name)
        .limit(2000)
    ).all()
    return render_template("vendors/index.html", rows=rows)


def _vendor(vendor_id: int) -> Vendor:
    vendor = get_session().get(Vendor, vendor_id)
    if vendor is None:
        abort(404)
    return vendor


@bp.route("/<int:vendor_id>")
def view(vendor_id: int) -> str:
    session = get_session()
    vendor = _vendor(vendor_id)
    documents = session.scalar(
        select(func.count()).select_from(Document).where(Document.vendor_id == vendor.id)
    )
    others = session.execute(
        select(Vendor.id, Vendor.name).where(Vendor.id != vendor.id).order_by(Vendor.name)
    ).all()
    return render_template(
        "vendors/view.html",
        vendor=vendor,
        documents=documents,
        rules=learned_rows(session, vendor),
        signs=vendor_signs(session, vendor),
        others=others,
    )


@bp.route("/<int:vendor_id>/rules/<int:rule_id>/forget", methods=["POST"])
@editor_required
def forget(vendor_id: int, rule_id: int) -> Response:
    session = get_session()
    rule = session.get(LearnedRule, rule_id)
    if rule is None or rule.vendor_id != vendor_id:
        abort(404)
    try:
        forget_rule(session, rule_id, user=current_user.name)
        session.commit()
    except NotFound:
        session.rollback()
        abort(404)
    flash(f"Forgot rule {rule_id} ({rule.field}).")
    return redirect(url_for("vendors.view", vendor_id=vendor_id))


@bp.route("/<int:vendor_id>/merge", methods=["POST"])
@editor_required
def merge(vendor_id: int) -> Any:
    """Merge this vendor into the one chosen (``into``)."""
    session = get_session()
    source = _vendor(vendor_id)
    into = request.form.get("into", type=int)
    if into is None or session.get(Vendor, into) is None:
        flash("Choose the vendor to merge into.")
        return redirect(url_for("vendors.view", vendor_id=vendor_id))
    name = source.name
    try:
        target = merge_vendors(session, vendor_id, into, user=current_user.name)
        target_id = target.id
        session.commit()
    except IntakeError as exc:
        session.rollback()
        flash(str(exc))
        return redirect(url_for("vendors.view", vendor_id=vendor_id))
    flash(f"Merged {name} into this vendor; its name is now an alias.")
    return redirect(url_for("vendors.view", vendor_id=target_id))
