"""The Origin check: a second line behind the CSRF token on every request that changes
something. A browser names the page a request comes from in ``Origin`` (or, when it
sends none, in ``Referer``); a request named from another origin, or from an opaque one
(``Origin: null``: a sandboxed frame, a ``data:`` page), is refused with 403 whatever
token it carries. A request that names no page at all (a script with an API token) is
left to the CSRF token and the login, as before."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request

__all__ = ["SAFE_METHODS", "init_app", "same_origin"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def same_origin(source: str, host: str) -> bool:
    """Whether the URL (or origin) ``source`` is on ``host`` (the request's Host: name
    and port). The scheme is not compared: behind a proxy that ends TLS the app sees
    http while the browser names https."""
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def init_app(app: Flask) -> None:
    @app.before_request
    def check_origin() -> None:
        if request.method in SAFE_METHODS:
            return
        source = request.headers.get("Origin")
        if source is None:
            source = request.headers.get("Referer")
        if source is not None and not same_origin(source, request.host):
            abort(403, description="This request came from another site and was refused.")
