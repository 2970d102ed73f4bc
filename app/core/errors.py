"""Error pages in the user's language."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

ERROR_TEXTS = {
    400: (_l("Something went wrong with your request"), _l("Please go back and try again.")),
    403: (
        _l("You may not open this page"),
        _l("Log in with an account that has access, or go back."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist (any more). Check the address or start at the home page."),
    ),
    405: (_l("This does not work here"), _l("Please go back and try again.")),
    413: (_l("That is too big"), _l("What you sent is too big. Please send something smaller.")),
    429: (
        _l("Too many attempts"),
        _l("You tried this too often. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("We have been notified. Please try again later."),
    ),
    503: (_l("Wijkplein is not available right now"), _l("Please try again in a few minutes.")),
}


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    """Render the error page for ``code``."""
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render_template(
        "errors/error.html", code=code, title=title, text=text, detail=detail
    ), code


def handle_http_exception(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    if request.path.startswith("/api/"):
        from flask import jsonify

        return jsonify(error=error.name, status=error.code), error.code  # type: ignore[return-value]
    detail = None
    if error.code == 429:
        detail = str(getattr(error, "description", "") or "") or None
    return render_error(error.code, detail if error.code != 429 else None)


def handle_unexpected(error: Exception) -> tuple[str, int]:
    from flask import current_app

    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_error(500)


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, lambda e: handle_unexpected(e))
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
