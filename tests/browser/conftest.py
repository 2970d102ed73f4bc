"""Browser tests: Debian's Chromium through Playwright, against Wijkplein served on loopback.

The app runs once (SQLite, demo data, CSRF on, mail to the loopback SMTP server) in a
werkzeug server thread; the tests reach it at ``live_server.url``. Without /usr/bin/chromium
every test here skips with one line (and ``tests/conftest.py`` turns that into a failure in CI).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import WSGIRequestHandler, make_server

from app.extensions import db
from tests.conftest import make_test_app

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000  # a page on loopback that takes longer than this is broken
expect.set_options(timeout=TIMEOUT_MS)

# People the tests log in as; the password is the factories' default.
ROLES = ("resident", "volunteer", "professional", "admin")
# Roles that must pass the two-step login, so their session is written directly.
TWO_STEP_ROLES = ("professional", "admin")
HERE = Path(__file__).resolve().parent
# ``pytestmark`` of a browser test outside this folder (the folder itself is skipped below).
IN_CHROMIUM = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)",
    ),
]


def pytest_collection_modifyitems(config, items) -> None:
    """Skip this folder with one line when Chromium is missing (before any browser starts)."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args() -> dict:
    return {"viewport": PHONE, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


@pytest.fixture(scope="session")
def desktop_context_args() -> dict:
    return {"viewport": DESKTOP, "is_mobile": False, "has_touch": False, "locale": "nl-NL"}


@pytest.fixture
def context(new_context):
    """pytest-playwright's context, failing fast instead of waiting 30 s."""
    context = new_context()
    context.set_default_timeout(TIMEOUT_MS)
    return context


@dataclass
class Person:
    role: str
    user_id: str  # Flask-Login's id (user id and session epoch)
    login: str
    password: str


@dataclass
class LiveServer:
    """Wijkplein served on loopback for the browser."""

    app: Flask
    url: str
    people: dict[str, Person] = field(default_factory=dict)

    def session_cookie(self, person: Person) -> dict:
        """A signed session cookie that counts as a finished (two-step) login of ``person``."""
        serializer = self.app.session_interface.get_signing_serializer(self.app)  # type: ignore[attr-defined]
        value = serializer.dumps(
            {"_user_id": person.user_id, "_fresh": True, "two_factor_ok": True}
        )
        return {"name": self.app.config["SESSION_COOKIE_NAME"], "value": value, "url": self.url}


def _load_demo_data(app: Flask) -> None:
    """Load the demo data exactly as ``flask demo load`` does."""
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    if result.exit_code != 0:
        raise RuntimeError(f"flask demo load failed: {result.output}") from result.exception


def _add_people(app: Flask) -> dict[str, Person]:
    from tests.factories import PASSWORD, make_organisation, make_user

    people = {}
    with app.app_context():
        for role in ROLES:
            roles = ("volunteer", "resident") if role == "volunteer" else (role,)
            organisation = make_organisation() if role == "professional" else None
            user = make_user(
                role=roles,
                name=f"Test {role}",
                email=f"browser-{role}@example.org",
                organisation=organisation,
            )
            db.session.commit()
            people[role] = Person(role, user.get_id(), user.email, PASSWORD)
        db.session.remove()
    return people


def _closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(WSGIRequestHandler):
    """Log errors only, so a failure's output shows the failure and not every request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code).startswith("5"):
            super().log_request(code, size)


def browser_app(database: Path, smtp_port: int) -> Flask:
    """Wijkplein as the browser tests serve it: SQLite at ``database`` with the demo data."""
    app = make_test_app(
        f"sqlite:///{database}",
        smtp_port,
        # The test config turns CSRF off; the browser submits real forms, so it is on here.
        WTF_CSRF_ENABLED=True,
        # No tile server in tests: the tile proxy gets "connection refused" at once.
        TILE_URL=f"http://127.0.0.1:{_closed_port()}/{{z}}/{{x}}/{{y}}.png",
        # No cron here: a thread of the server delivers the outbox, as under `make run`.
        MAIL_SEND_IN_PROCESS=True,
    )
    with app.app_context():
        db.create_all()
        db.session.remove()
    _load_demo_data(app)
    return app


@contextmanager
def serving(app: Flask, people: dict[str, Person] | None = None) -> Iterator[LiveServer]:
    """Serve ``app`` on a loopback port in a thread for as long as the block runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = url  # links in mail point at this server
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url, people or {})
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@pytest.fixture(scope="session")
def live_server(smtp_server, tmp_path_factory) -> Iterator[LiveServer]:
    _, smtp_port = smtp_server
    app = browser_app(tmp_path_factory.mktemp("browser") / "wijkplein.db", smtp_port)
    with serving(app, _add_people(app)) as server:
        yield server
