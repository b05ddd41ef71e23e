"""Error pages: friendly HTML for people, JSON for the API; never a stack trace."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The request could not be used (a form sent without its security token?).",
    403: "Your role does not allow this. Ask an editor or an admin.",
    404: "There is nothing here.",
    405: "This address does not take that kind of request.",
    409: "That change was refused.",
    413: "That is larger than the limit this address accepts.",
    429: "Too many attempts. Wait a minute and try again.",
}


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        message = MESSAGES.get(code, exc.description or "Something went wrong.")
        if code in (404, 409) and exc.description and exc.description != type(exc).description:
            message = exc.description
        if request.blueprint == "api" or request.path.startswith("/api/"):
            return jsonify(error=message, status=code), code
        return render_template("error.html", code=code, message=message), code
