"""Login: every page but the login page and /healthz needs a signed-in user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intake.db.models import User
from intake.users import check_password, end_sessions, user_for_token
from web.state import get_db, get_session

__all__ = ["bp", "editor_required", "init_app", "role_required"]

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"
login_manager.login_message_category = "info"

#: ``desk.calendar`` checks its own feed token (calendar apps cannot log in).
PUBLIC_ENDPOINTS = {"auth.login", "health.healthz", "static", "favicon", "desk.calendar"}
#: Failed logins allowed per client address (successful ones are not counted).
LOGIN_LIMIT = "5 per minute;30 per hour"
F = TypeVar("F", bound=Callable[..., Any])


class WebUser(UserMixin):  # type: ignore[misc]
    def __init__(self, user: User) -> None:
        self.id = f"{user.id}:{user.session_version}"
        self.user_id = user.id
        self.name = user.name
        self.role = user.role

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "editor")


@login_manager.user_loader  # type: ignore[untyped-decorator]
def load_user(key: str) -> WebUser | None:
    user_id, _, version = key.partition(":")
    if not user_id.isdigit():
        return None
    user = get_session().get(User, int(user_id))
    if user is None or str(user.session_version) != version:
        return None
    return WebUser(user)


@login_manager.request_loader  # type: ignore[untyped-decorator]
def load_from_token(req: Any) -> WebUser | None:
    scheme, _, token = req.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":  # auth schemes are case-insensitive (RFC 9110, 11.1)
        return None
    user = user_for_token(get_db(), token.strip())
    if user is None:
        return None
    g.login_via_token = True
    return WebUser(user)


class TokenAwareSessions(SecureCookieSessionInterface):
    """No session cookie for requests signed in by an API token: a script's cookie jar
    must not turn its next request into a (half) browser session."""

    def should_set_cookie(self, app: Flask, session: Any) -> bool:
        if g.get("login_via_token"):
            return False
        return bool(super().should_set_cookie(app, session))

    def save_session(self, app: Flask, session: Any, response: Any) -> None:
        if g.get("login_via_token"):
            return
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.session_interface = TokenAwareSessions()
    # One limiter per app, in memory: failed logins are counted per client address.
    # Its headers give a refused client Retry-After (and the X-RateLimit-* counts).
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")
    limited: Any = limiter.limit(
        LOGIN_LIMIT, methods=["POST"], deduct_when=lambda r: r.status_code != 302
    )
    app.view_functions["auth.login"] = limited(app.view_functions["auth.login"])

    @app.before_request
    def require_login() -> Any:
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            if request.blueprint == "api":
                response = jsonify(error="authentication required: send Authorization: Bearer")
                response.status_code = 401
                response.headers["WWW-Authenticate"] = "Bearer"
                return response
            return login_manager.unauthorized()
        return None


def role_required(*roles: str) -> Callable[[F], F]:
    def wrap(view: F) -> F:
        @functools.wraps(view)
        def inner(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return inner  # type: ignore[return-value]

    return wrap


def editor_required(view: F) -> F:
    """Only editors (and admins) may do this: correct, review, edit the catalog, export."""
    return role_required("admin", "editor")(view)


def _safe_next(target: str | None) -> str:
    if not target:
        return url_for("desk.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("desk.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    if request.method == "POST":
        name = request.form.get("username", "")
        password = request.form.get("password", "")
        user = check_password(get_db(), name, password)
        if user is not None:
            login_user(WebUser(user))
            return redirect(_safe_next(request.args.get("next")))
        flash("Wrong user name or password.", "error")
    return render_template("auth/login.html")


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out: the user's session version moves on, so that a copy of the session
    cookie (taken before, or still in another tab) no longer signs anyone in."""
    if current_user.is_authenticated:
        end_sessions(get_db(), current_user.user_id)
    logout_user()
    return redirect(url_for("auth.login"))


def user_named(name: str) -> User | None:
    return get_session().scalar(select(User).where(User.name == name))
