"""When the throttling store (Redis) is down, people can still log in: no 500, only no brake."""

from __future__ import annotations

import socket

import pytest

from app.extensions import db, limiter
from tests.accounts.helpers import is_logged_in, log_in
from tests.conftest import make_test_app
from tests.factories import make_user


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def restore_limiter(app):
    """Flask-Limiter keeps one storage per limiter, not per app: give it back to the suite's app."""
    yield
    limiter.init_app(app)


def test_a_resident_logs_in_while_redis_is_unreachable(app, smtp_server, restore_limiter):
    _, smtp_port = smtp_server
    outage = make_test_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        smtp_port,
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{_closed_port()}/0",
    )
    with outage.app_context():
        make_user(email="petra@example.org")
        db.session.commit()
        client = outage.test_client()
        wrong = log_in(client, "petra@example.org", "not her password")
        assert wrong.status_code == 200  # the form again, with its message: no 500
        assert log_in(client, "petra@example.org").status_code == 302
        assert is_logged_in(client)
        db.session.remove()
