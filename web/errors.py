"""Error pages: friendly HTML for people, JSON for the API; never a stack trace."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
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
        own = exc.description or ""  # a view's own message, not werkzeug's default one
        if (
            code in (400, 403, 404, 409)
            and own != type(exc).description
            and not isinstance(exc, CSRFError)
        ):
            message = own or message
        if request.blueprint == "api" or request.path.startswith("/api/"):
            response = jsonify(error=message, status=code)
        else:
            response = make_response(render_template("error.html", code=code, message=message))
        response.status_code = code
        # What the exception says in headers: Allow (405), WWW-Authenticate (401) ...
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response
