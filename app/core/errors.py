"""Error pages in the user's language; an unreachable database answers 503, not 500."""

from __future__ import annotations

import contextlib

from flask import Flask, Response, current_app, g, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
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


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def handle_http_exception(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    if request.path.startswith("/api/"):
        return jsonify(error=error.name, status=error.code), error.code  # type: ignore[return-value]
    detail = None
    if error.code == 429:
        detail = str(getattr(error, "description", "") or "") or None
    return render_error(error.code, detail if error.code != 429 else None)


def database_is_down() -> bool:
    """Tell whether this request already found the database unreachable."""
    return bool(g.get("database_down"))


def handle_database_down(error: Exception) -> Response:
    """Answer 503 while the database is unreachable: branded, in the visitor's language.

    From here on this request asks the database nothing more: the user loader treats the
    visitor as anonymous (their language comes from the cookie or the browser), so the error
    page itself cannot fail. The engine's ``pool_pre_ping`` replaces dead connections, so the
    next request after the database is back simply works.
    """
    g.database_down = True
    current_app.logger.error("The database is unreachable: %s", error)
    try:
        from app.extensions import db

        db.session.rollback()
    except SQLAlchemyError:
        pass
    # The rollback expired every object of the request, the logged-in account too: reading its
    # language for the error page would ask the database again, fail, and answer 500 (found by
    # `make stress`: PostgreSQL stopping under a logged-in request). From here on the visitor is
    # anonymous, as the user loader makes them for the requests that come while it is down.
    g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
    if _wants_json():
        response = jsonify(error="Service Unavailable", status=503)
    else:
        response = make_response(render_error(503)[0])
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response


def handle_unexpected(error: Exception) -> tuple[str, int]:
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_error(500)


def remove_session_safely(error: BaseException | None = None) -> None:
    """End the request's database session; a database that went away meanwhile is no error.

    Runs before Flask-SQLAlchemy's own teardown (teardowns run last registered first). Ending
    the session rolls back on its connection; when PostgreSQL cut that connection after the
    view's last query (``pg_ctl stop``), the rollback raised out of the teardown and gunicorn
    answered 500 to a request whose page was ready (found by `make stress`). The broken session
    is dropped instead, so the next request in this worker starts with a fresh one.
    """
    from app.extensions import db

    try:
        db.session.remove()
    except (OperationalError, InterfaceError) as failure:
        current_app.logger.warning("The database went away at the end of a request: %s", failure)
        with contextlib.suppress(SQLAlchemyError):
            db.session.registry().invalidate()
        db.session.registry.clear()


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(InterfaceError, handle_database_down)
    app.teardown_appcontext(remove_session_safely)
    app.register_error_handler(InternalServerError, lambda e: handle_unexpected(e))
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
