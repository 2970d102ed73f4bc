"""Fixtures: the app on SQLite and on PostgreSQL, a real SMTP server, logins and page checks.

Every test that uses ``app`` (directly or through ``client``) runs twice: on SQLite and on
PostgreSQL. PostgreSQL comes from ``WIJKPLEIN_TEST_POSTGRES_URL`` (``make test`` starts a private
server when PostgreSQL is installed). Outside CI a missing PostgreSQL or Chromium skips those
tests with a one-line reason; with ``CI=true`` any skip fails the run.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import MetaData, text

from app import create_app
from app.core.page_cache import page_store
from app.extensions import db, limiter

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("WIJKPLEIN_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("WIJKPLEIN_TEST_REDIS_URL")

pytest_plugins = ["tests.pages_helper"]


# --- CI: nothing may skip ---------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {report.longrepr}"


def pytest_collection_modifyitems(config, items):
    """Run tests marked ``postgres_only`` (real parallel writes) on PostgreSQL only.

    SQLite has one writer at a time, so those tests prove nothing there; they are deselected
    for SQLite rather than skipped, because in CI a skip fails the run.
    """
    keep, drop = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.get_closest_marker("postgres_only") and params.get("database_url") == "sqlite":
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# --- mail: a real SMTP server on loopback -----------------------------------------------------


class Mailbox:
    """Collects what the loopback SMTP server received.

    Mail waits in the outbox until a sender delivers it. The ``mailbox`` fixture sets
    ``deliver`` to run the sender (in-process, in an app context of its own) before every look
    into the mailbox, so a test sees what `flask mail send` would have delivered by then;
    tests/test_jobs_as_processes.py runs the real command.
    """

    def __init__(self) -> None:
        self._messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        self.deliver: Callable[[], object] | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self._messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def smtp_handler(self) -> object:
        """Return the handler for aiosmtpd, which inspects every member of its handler.

        (Given the mailbox itself, it would read ``messages`` and so run the sender on each
        connection, from the server's own thread.)
        """
        return _SmtpHandler(self)

    @property
    def messages(self) -> list[EmailMessage]:
        if self.deliver is not None:
            self.deliver()
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        if self.deliver is not None:
            self.deliver()
        with self._lock:
            self._messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""


class _SmtpHandler:
    def __init__(self, mailbox: Mailbox) -> None:
        self._mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        return await self._mailbox.handle_DATA(server, session, envelope)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox.smtp_handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def deliver_outbox(app) -> None:
    """Run the outbox sender once, as `flask mail send` would, in an app context of its own."""
    from app.outbox.sender import deliver_pending

    with app.app_context():
        try:
            deliver_pending()
        finally:
            db.session.remove()


@pytest.fixture
def mailbox(smtp_server, request) -> Iterator[Mailbox]:
    box, _ = smtp_server
    box.deliver = None
    box.clear()
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        box.deliver = lambda: deliver_outbox(app)
    yield box
    box.deliver = None


# --- the app, once per database backend -------------------------------------------------------


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    if not POSTGRES_URL:
        pytest.skip(
            "PostgreSQL not available (set WIJKPLEIN_TEST_POSTGRES_URL; make test starts one)"
        )
    return POSTGRES_URL


def make_test_app(database_url: str, smtp_port: int, **overrides):
    from tests.pages_helper import CheckingClient  # a plugin: imported after pytest rewrote it

    settings = {
        "WIJKPLEIN_ENV": "testing",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_PORT": smtp_port,
        # A test app is one process, so memory:// counters are right even in production mode.
        "WIJKPLEIN_SINGLE_PROCESS": True,
    }
    settings.update(overrides)
    app = create_app(settings)
    app.test_client_class = CheckingClient
    return app


@pytest.fixture(scope="session")
def _session_app(database_url, smtp_server):
    _, port = smtp_server
    app = make_test_app(database_url, port)
    with app.app_context():
        # Tests may build the schema directly; test_migrations.py proves the migrations match.
        # Drop what the database holds, not what the models describe: a table renamed since the
        # last run (requests → questions) would otherwise block dropping the tables it points at.
        reflected = MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        db.create_all()
    return app


def _empty_all_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(_session_app):
    """The app with an empty database, in an app context for the test's own work.

    Requests through ``client`` run in app contexts of their own (see ``CheckingClient``).
    """
    with _session_app.app_context():
        limiter.reset()
        store = page_store(_session_app)
        if store is not None:
            store.clear()  # each test starts without pages kept by the one before
        yield _session_app
        db.session.rollback()
        db.session.remove()
        _empty_all_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def backend(app) -> str:
    """The name of the database backend this test runs on ("sqlite" or "postgresql")."""
    return db.engine.dialect.name


# --- logins -----------------------------------------------------------------------------------


@pytest.fixture
def login_as(client):
    """Log ``client`` in as a new user with ``role`` (or as a given user); return the user."""
    from tests.factories import make_user

    def _login(role: str = "resident", user=None, **kwargs):
        if user is None:
            user = make_user(role=role, **kwargs)
            db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            # Two-step login counts as done for the fixture's user.
            session["two_factor_ok"] = True
        return user

    return _login


ROOT = Path(__file__).resolve().parent.parent


# --- Redis: a real one for what several processes share ----------------------------------------


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The URL of the test Redis (``make test`` and ``.ci/run`` start one); fails in CI if absent."""
    if not REDIS_URL:
        reason = "Redis not available (set WIJKPLEIN_TEST_REDIS_URL; make test starts one)"
        if IN_CI:
            pytest.fail(f"in CI nothing may skip: {reason}")
        pytest.skip(reason)
    return REDIS_URL
