"""Flask-Login wiring: who is logged in, and when a session ends.

A session names the user *and* their session epoch (``User.get_id``). Logging out, changing the
password or being blocked raises the epoch, which ends every other session of that person at
their next request. Sessions also end after ``PERMANENT_SESSION_LIFETIME`` without a request
(idle timeout), checked on the server and not only by the cookie's expiry.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import logout_user

from app.core.errors import database_is_down
from app.extensions import db, login_manager

LAST_SEEN_KEY = "_last_seen"


def load_user(user_id: str):
    from app.accounts.models import User

    ident, _, epoch = user_id.partition(":")
    if not ident.isdigit() or not epoch.lstrip("-").isdigit():
        return None
    if database_is_down():
        return None  # the 503 page shows; it must not ask the database who this is
    user = db.session.get(User, int(ident))
    if user is None or user.session_epoch != int(epoch) or user.is_blocked:
        return None
    return user


def enforce_idle_timeout() -> None:
    """End the session when it was idle longer than the configured lifetime."""
    now = int(datetime.now(UTC).timestamp())
    last_seen = session.get(LAST_SEEN_KEY)
    limit = current_app.permanent_session_lifetime.total_seconds()
    if "_user_id" in session and isinstance(last_seen, int) and now - last_seen > limit:
        logout_user()
        session.clear()
    if "_user_id" in session:
        session.permanent = True
        # Write at most once a minute, so most requests do not re-issue the cookie.
        if not isinstance(last_seen, int) or now - last_seen > 60:
            session[LAST_SEEN_KEY] = now


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.session_protection = "basic"
    app.before_request(enforce_idle_timeout)
    from app.accounts.twofactor import enforce_two_factor

    app.before_request(enforce_two_factor)
