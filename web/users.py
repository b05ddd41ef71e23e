"""User management for admins (``/users``): the same actions as ``intake users``. A new
password or token is shown once, on the page that answers the POST (never in a flash
message: those travel in the session cookie)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from intake.db.models import User
from intake.errors import IntakeError
from intake.users import (
    ROLES,
    add_user,
    issue_token,
    list_users,
    remove_user,
    revoke_token,
    set_password,
    set_role,
)
from web.auth import role_required
from web.state import get_db, get_session

bp = Blueprint("users", __name__, url_prefix="/users")
admin_required = role_required("admin")


def _page(secret: tuple[str, str, str] | None = None, error: str | None = None) -> str:
    """The list; ``secret``: (user, what, value) shown once."""
    return render_template(
        "users/index.html", users=list_users(get_db()), roles=ROLES, secret=secret, error=error
    )


def _name(user_id: int) -> str:
    user = get_session().get(User, user_id)
    if user is None:
        abort(404)
    return user.name


def _done(message: str) -> Response:
    flash(message)
    return redirect(url_for("users.index"))


@bp.route("")
@admin_required
def index() -> str:
    return _page()


@bp.route("", methods=["POST"])
@admin_required
def create() -> tuple[str, int]:
    name = request.form.get("name", "").strip()
    role = request.form.get("role", "viewer")
    try:
        password = add_user(get_db(), name, role, request.form.get("password") or None)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    return _page(secret=(name, f"password ({role})", password)), 201


@bp.route("/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id: int) -> Response | tuple[str, int]:
    name = _name(user_id)
    role = request.form.get("role", "")
    try:
        set_role(get_db(), name, role)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    return _done(f"{name} is now {role}.")


@bp.route("/<int:user_id>/password", methods=["POST"])
@admin_required
def reset_password(user_id: int) -> tuple[str, int]:
    name = _name(user_id)
    try:
        password = set_password(get_db(), name, request.form.get("password") or None)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    return _page(secret=(name, "new password", password)), 200


@bp.route("/<int:user_id>/token", methods=["POST"])
@admin_required
def new_token(user_id: int) -> tuple[str, int]:
    name = _name(user_id)
    return _page(secret=(name, "API token", issue_token(get_db(), name))), 200


@bp.route("/<int:user_id>/token/revoke", methods=["POST"])
@admin_required
def drop_token(user_id: int) -> Response:
    name = _name(user_id)
    had = revoke_token(get_db(), name)
    return _done(f"The API token of {name} was revoked." if had else f"{name} had no token.")


@bp.route("/<int:user_id>/remove", methods=["POST"])
@admin_required
def remove(user_id: int) -> Response | tuple[str, int]:
    name = _name(user_id)
    try:
        remove_user(get_db(), name)
    except IntakeError as exc:
        return _page(error=str(exc)), 400
    return _done(f"{name} was removed.")
