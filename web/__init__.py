"""The web UI: a Flask application factory and one blueprint per concern."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

from intake.db.engine import open_database
from intake.filing.wiring import Wiring
from intake.index.store import SearchIndex
from intake.ingest.ledger import Claim
from intake.ingest.storage import write_once
from intake.settings import Settings, load_settings
from web.params import IdConverter

__all__ = ["create_app"]

csrf = CSRFProtect()

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _secret_key(settings: Settings) -> str:
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    return write_once(path, secrets.token_hex(32).encode()).decode().strip()


def create_app(
    test_config: dict[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    wiring: Wiring | None = None,
    submit: Callable[[Claim], None] | None = None,
    owner: str | None = None,
) -> Flask:
    """Build the app on ``settings`` (read from the environment when not given) and
    ``wiring`` (the composition: :meth:`Wiring.default` when not given).

    ``submit`` hands a claimed file to the service's workers (a retried quarantined file),
    claimed for ``owner`` (:mod:`intake.ingest.owners`); without it such a file waits in
    ``processing/`` until the service adopts it.
    """
    settings = settings or load_settings()
    settings.ensure_dirs()
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=_secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        MAX_CONTENT_LENGTH=1 << 20,
        WTF_CSRF_TIME_LIMIT=None,
    )
    if settings.secure_cookies:
        # Served over HTTPS: the __Host- prefix pins the cookie to this host and path.
        app.config.update(SESSION_COOKIE_NAME="__Host-session", PREFERRED_URL_SCHEME="https")
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["intake"] = {
        "settings": settings,
        "db": open_database(settings.db_url, busy_timeout=settings.db_busy_timeout),
        "index": SearchIndex(settings.index_dir),
        "wiring": wiring if wiring is not None else Wiring.default(),
        "submit": submit,
        "owner": owner,
    }
    csrf.init_app(app)
    # Before any route is added: every <int:...> is an id a database can hold.
    app.url_map.converters["int"] = IdConverter

    from web import (
        api,
        auth,
        contracts,
        desk,
        documents,
        errors,
        export,
        health,
        matching,
        origin,
        products,
        review,
        search,
        status,
        upload,
        users,
        vendors,
    )

    for blueprint in (
        auth.bp,
        desk.bp,
        search.bp,
        documents.bp,
        review.bp,
        products.bp,
        status.bp,
        api.bp,
        export.bp,
        health.bp,
        matching.bp,
        contracts.bp,
        upload.bp,
        vendors.bp,
        users.bp,
    ):
        app.register_blueprint(blueprint)
    # A POST signed by an API token needs no CSRF token; the view itself checks the CSRF
    # token of a POST that rides on a browser session.
    csrf.exempt(api.export)
    # An upload's body may exceed the app's limit: its view raises the limit, then checks.
    csrf.exempt(upload.upload)
    csrf.exempt(api.correct)
    origin.init_app(app)
    auth.init_app(app)
    errors.init_app(app)

    @app.route("/favicon.ico")
    def favicon() -> Response:
        return app.send_static_file("favicon.ico")

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if settings.secure_cookies:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
            response.vary.add("Cookie")
        return response

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    @app.context_processor
    def globals_() -> dict[str, Any]:
        return {"query": request.args.get("q", ""), "low_below": settings.review_confidence}

    return app
