"""The database goes away: every page answers 503, branded and translated; it comes back by itself.

A private PostgreSQL server is really stopped and started again under a running app server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from tests.conftest import ROOT, _free_port, make_test_app

PG_SCRIPT = ROOT / "scripts" / "pg-test-server"


def _postgres_installed() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


class PrivatePostgres:
    """A PostgreSQL server of this test alone, which the test may stop and start."""

    def __init__(self, directory: Path) -> None:
        self.env = dict(
            os.environ, WIJKPLEIN_PG_PORT=str(_free_port()), WIJKPLEIN_PG_DIR=str(directory)
        )

    def _script(self, action: str) -> str:
        return subprocess.run(
            [str(PG_SCRIPT), action],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.strip()

    def start(self) -> str:
        return self._script("start")

    def stop(self) -> None:
        self._script("stop")


@pytest.fixture
def postgres(tmp_path_factory) -> Iterator[tuple[PrivatePostgres, str]]:
    if not _postgres_installed():
        pytest.skip("PostgreSQL is not installed")
    directory = Path(os.environ.get("TMPDIR", "/tmp")) / f"wijkplein-outage-{os.getpid()}"
    server = PrivatePostgres(directory)
    url = server.start()
    yield server, url
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


def _get(url: str, *, language: str, cookie: str | None = None) -> tuple[int, str, str]:
    headers = {"Accept-Language": language}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 — loopback
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


TITLES = {"nl": "Wijkplein werkt nu even niet", "en": "Wijkplein is not available right now"}


def test_pages_answer_503_while_the_database_is_down_and_work_again_when_it_is_back(
    postgres, smtp_server
):
    from tests.factories import make_user

    server, database_url = postgres
    _, smtp_port = smtp_server
    app = make_test_app(database_url, smtp_port, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        db.drop_all()
        db.create_all()
        user = make_user("resident", name="Fatma", email="fatma@example.org", locale="en")
        db.session.commit()
        user_id = user.get_id()
        db.session.remove()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
        session["two_factor_ok"] = True
    cookie_jar = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie_jar is not None
    cookie = f"{cookie_jar.key}={cookie_jar.value}"

    http = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{http.server_port}"
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        status, _, body = _get(base + "/account/", language="nl", cookie=cookie)
        assert status == 200 and "Fatma" in body
        assert _get(base + "/healthz", language="nl")[0] == 200

        server.stop()
        for path in ("/", "/prikbord", "/agenda", "/kaart"):
            for language in ("nl", "en"):
                for who in (None, cookie):
                    status, kind, body = _get(base + path, language=language, cookie=who)
                    assert status == 503, (path, language, who, status, body[:300])
                    assert "text/html" in kind and TITLES[language] in body, (path, language)
                    assert f'lang="{language}"' in body
        status, _, body = _get(base + "/account/", language="en", cookie=cookie)
        assert status == 503 and TITLES["en"] in body
        events = "/api/v1/events?start=2026-12-01&end=2026-12-31"
        for path in (events, "/api/v1/services", "/healthz"):
            status, kind, body = _get(base + path, language="nl")
            assert status == 503 and kind.startswith("application/json"), (path, status, body)
            assert json.loads(body)["status"] in (503, "unavailable")

        server.start()
        deadline = time.monotonic() + 10
        while _get(base + "/healthz", language="nl")[0] != 200:
            assert time.monotonic() < deadline, "not back within 10 s of the database"
            time.sleep(0.2)
        status, _, body = _get(base + "/account/", language="nl", cookie=cookie)
        assert status == 200 and "Fatma" in body
        assert _get(base + "/", language="nl")[0] == 200
    finally:
        http.shutdown()
        thread.join(timeout=5)
        http.server_close()
