"""The login throttle holds across app servers: two gunicorn processes share one Redis.

Tested the way it runs: ``gunicorn wsgi:app`` twice (one worker each, two loopback ports), both
with ``RATELIMIT_STORAGE_URI`` on the same real Redis and one shared SQLite file. Failed logins
spread over both servers are counted together.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from app import create_app
from app.extensions import db
from tests.conftest import ROOT
from tests.factories import PASSWORD, make_user

GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn stopped with {process.returncode}")
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still importing the app
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not come up within {timeout} s")


@pytest.fixture
def two_servers(redis_url, tmp_path) -> Iterator[tuple[str, str]]:
    """Start two gunicorn servers on one Redis and one database; yield their base URLs."""
    redis.Redis.from_url(redis_url).flushdb()
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    app = create_app({"WIJKPLEIN_ENV": "testing", "SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        db.create_all()
        make_user(email="shared@example.org")
        db.session.commit()
        db.engine.dispose()
    env = {
        **os.environ,
        "WIJKPLEIN_ENV": "development",
        "SECRET_KEY": "two-servers-one-secret",
        "DATABASE_URL": database,
        "RATELIMIT_STORAGE_URI": redis_url,
        "LOGIN_LIMIT_PER_ACCOUNT": "3 per 10 minutes",
        "LOGIN_LIMIT_PER_ADDRESS": "6 per 10 minutes",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "1024",
        "MAIL_BACKEND": "console",
    }
    urls, processes = [], []
    try:
        for _ in range(2):
            port = _free_port()
            command = [str(GUNICORN), "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"]
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=open(tmp_path / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            _wait_until_up(url, process)
        yield urls[0], urls[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _log_in(base_url: str, identifier: str, password: str) -> int:
    """Log in through the real form (with its CSRF token); return the status of the POST."""
    browser = requests.Session()
    page = browser.get(base_url + "/account/inloggen", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    token = token or re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    response = browser.post(
        base_url + "/account/inloggen",
        data={"csrf_token": token.group(1), "identifier": identifier, "password": password},
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code


def test_failed_logins_spread_over_two_servers_are_counted_together(two_servers):
    one, two = two_servers
    # Three failures for one account, spread over both servers: the account is held now.
    assert [_log_in(url, "shared@example.org", "wrong") for url in (one, two, one)] == [200] * 3
    # Server two saw one failure only, yet it holds the account (and this address) too.
    assert _log_in(two, "shared@example.org", PASSWORD) == 429
    # The per-address limit (six failures) also counts what both servers saw.
    assert _log_in(one, "nobody1@example.org", "wrong") == 200
    assert _log_in(two, "nobody2@example.org", "wrong") == 200
    assert _log_in(one, "nobody3@example.org", "wrong") == 429


def _production(**settings):
    return create_app({"WIJKPLEIN_ENV": "production", "SECRET_KEY": "x" * 40, **settings})


def test_production_refuses_counters_in_one_workers_memory():
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        _production(RATELIMIT_STORAGE_URI="memory://", WIJKPLEIN_SINGLE_PROCESS=False)


def test_production_starts_with_redis_or_when_it_says_it_is_one_process():
    assert _production(
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0", WIJKPLEIN_SINGLE_PROCESS=False
    )
    assert _production(RATELIMIT_STORAGE_URI="memory://", WIJKPLEIN_SINGLE_PROCESS=True)
