"""A fresh gunicorn worker serves at once, and a killed one is replaced at once (issue 9.4).

Tested the way it runs: ``gunicorn -c gunicorn.conf.py wsgi:app`` with the repository's file (two
workers, ``preload_app``, the warm-up of app/core/warmup.py in the master), on loopback, on a
SQLite file with the demo data.

How it is measured, so that it holds on a busy 2-core CI machine:

- Which worker served a request, and how long the request took *inside* it, come from the
  access log (``%(p)s`` and ``%(D)s``, set for this test only: the repository's format has
  neither and must stay without query strings, see the last test). A slow test client or a
  queue in front of the workers does not count against the worker.
- The threshold is the issue's: 2 s for a worker's first request of a page. A warm fork makes
  the first `/kaart` in about 0.1 s on an idle machine; without the warm-up it took about 1 s
  (mappers, statement compilation, templates, catalogues) and, before folium was imported with
  the app, 6 s. So 2 s fails a cold worker under load yet leaves a twentyfold margin for a warm
  one on a busy machine.
- A replacement's "within 2 s of being forked" is counted from the fork (the process's start
  time in /proc) to the moment the access log shows its first `/kaart` answered, less the time
  the replacement spent waiting for a CPU (its run-queue time in /proc/<pid>/schedstat): on an
  idle machine that is nothing, and on a CI machine running other builds it is not the
  worker's doing. Everything else (forking, starting the worker, the request) counts.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from app import create_app
from app.extensions import db
from tests.conftest import ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")
LIMIT_S = 2.0  # the bound for a fresh worker's first request of any page
LOG_FORMAT = "%(p)s %(s)s %(D)s %(U)s"  # pid, status, microseconds in the worker, path
LINE = re.compile(r"^<(\d+)> (\d{3}) (\d+) (\S+)$")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Half of what a cold worker spends on its first /kaart (see the replacement test).
COLD_CPU_S = 0.5


@dataclass
class Server:
    url: str
    master: subprocess.Popen
    access_log: Path

    def served(self) -> list[tuple[int, int, float, str]]:
        """Return every logged request as (pid, status, seconds inside the worker, path)."""
        rows = []
        for line in self.access_log.read_text().splitlines():
            if found := LINE.match(line):
                pid, status, micros, path = found.groups()
                rows.append((int(pid), int(status), int(micros) / 1e6, path))
        return rows

    def workers(self) -> set[int]:
        master = self.master.pid
        return {
            int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo_database(path: Path) -> tuple[str, list[str]]:
    """Load the demo into a SQLite file; return its URL and the pages to ask for first."""
    from app.servicemap.models import Service

    url = f"sqlite:///{path}"
    app = create_app({"WIJKPLEIN_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
        service = db.session.scalars(select(Service).order_by(Service.id.desc()).limit(1)).one()
        # Not the first service: the warm-up renders that one, this one the worker makes itself.
        service_page = f"/kaart/{service.id}-{service.slug}"
        db.engine.dispose()
    return url, ["/", "/kaart", "/agenda", service_page, "/prikbord", "/api/v1/services.geojson"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[str, list[str]]:
    return _demo_database(tmp_path_factory.mktemp("start") / "demo.db")


@pytest.fixture(scope="module")
def server(demo, tmp_path_factory) -> Iterator[Server]:
    """One gunicorn for the module (starting one costs seconds on a busy machine)."""
    database, _ = demo
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("WIJKPLEIN_", "GUNICORN_"))},
        "WIJKPLEIN_ENV": "development",
        "DATABASE_URL": database,
        "MAIL_BACKEND": "console",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
        "PYTHONWARNINGS": "ignore",
    }
    command = [str(GUNICORN), "-c", "gunicorn.conf.py", "--access-logformat", LOG_FORMAT]
    with open(tmp_path / "gunicorn.log", "w") as errors:
        master = subprocess.Popen(
            [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=errors, stderr=errors
        )
    started = Server(f"http://127.0.0.1:{port}", master, tmp_path / "access.log")
    try:
        deadline = time.monotonic() + 240  # a wait, not a measurement: busy machines import slowly
        while len(started.workers()) < 2 or not started.access_log.exists():
            assert master.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start its two workers"
            time.sleep(0.1)
        yield started
    finally:
        master.terminate()
        master.wait(timeout=30)


def _forked_at(pid: int) -> float:
    """Return when ``pid`` was forked, on the CLOCK_BOOTTIME scale (/proc/<pid>/stat field 22)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19]) / CLOCK_TICKS


def _waited_for_a_cpu(pid: int) -> float:
    """Return how long ``pid``'s threads were runnable but not running (/proc/<pid>/schedstat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        total += int((task / "schedstat").read_text().split()[1])  # nanoseconds on a run queue
    return total / 1e9


def _cpu_used(pid: int) -> float:
    """Return the CPU time ``pid`` has used so far (user + system, /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _now() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def _get_twice_at_once(url: str) -> list[int]:
    """GET ``url`` from two threads at the same moment: each sync worker takes one."""
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def get() -> None:
        barrier.wait()
        statuses.append(requests.get(url, timeout=30).status_code)

    threads = [threading.Thread(target=get) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _wait_for_lines(server: Server, count: int) -> list[tuple[int, int, float, str]]:
    deadline = time.monotonic() + 10
    while len(served := server.served()) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return served


@pytest.fixture(scope="module")
def first_requests(server, demo) -> tuple[set[int], list[tuple[int, int, float, str]]]:
    """Ask the fresh server for every page until both workers served each; return the log."""
    _, pages = demo
    workers = server.workers()
    sent = 0
    for path in pages:
        # Two at once, until both workers have served the page (almost always the first round).
        for _ in range(6):
            assert _get_twice_at_once(server.url + path) == [200, 200], path
            sent += 2
            served = _wait_for_lines(server, sent)
            if {pid for pid, _, _, p in served if p == path.split("?")[0]} >= workers:
                break
    return workers, served


def test_each_worker_serves_its_first_request_of_every_page_within_two_seconds(
    first_requests, demo
):
    _, pages = demo
    workers, served = first_requests
    first: dict[tuple[int, str], float] = {}
    for pid, status, seconds, path in served:
        assert status == 200, (pid, path)
        first.setdefault((pid, path), seconds)
    assert {pid for pid, _ in first} == workers
    assert set(first) == {(pid, path) for pid in workers for path in pages}
    slow = {key: round(seconds, 2) for key, seconds in first.items() if seconds >= LIMIT_S}
    assert not slow, f"first requests that took {LIMIT_S} s or more inside the worker: {slow}"


def test_a_killed_worker_is_replaced_by_one_that_serves_the_map_at_once(server, first_requests):
    victim, survivor = sorted(server.workers())
    os.kill(victim, signal.SIGKILL)
    while victim in server.workers():  # reaped by the master, which forks the replacement
        time.sleep(0.01)
    replacement_seen = threading.Event()
    answers: list[tuple[float, float, int]] = []  # (sent, answered, status), CLOCK_BOOTTIME

    def keep_asking() -> None:
        deadline = time.monotonic() + 20
        while not replacement_seen.is_set() and time.monotonic() < deadline:
            sent = _now()
            status = requests.get(server.url + "/kaart", timeout=30).status_code
            answers.append((sent, _now(), status))

    # Two clients keep the survivor busy, so the replacement gets requests as soon as it can.
    clients = [threading.Thread(target=keep_asking) for _ in range(2)]
    for client in clients:
        client.start()
    replacement = None
    answered_at = None
    waited = used = 0.0
    deadline = time.monotonic() + 20
    while answered_at is None and time.monotonic() < deadline:
        new = server.workers() - {survivor}
        if new and replacement is None:
            (replacement,) = new
        if replacement is not None:
            maps = [row for row in server.served() if row[0] == replacement and row[3] == "/kaart"]
            if maps:
                answered_at = _now()
                waited = _waited_for_a_cpu(replacement)
                used = _cpu_used(replacement)
        time.sleep(0.01)
    replacement_seen.set()
    for client in clients:
        client.join()

    assert replacement is not None, "gunicorn forked no replacement"
    assert answered_at is not None, "the replacement served no /kaart within 20 s"
    since_fork = answered_at - _forked_at(replacement)
    # Not counted: the time the replacement was ready to run but another process had the CPU.
    ready_after = since_fork - waited
    assert ready_after < LIMIT_S, (
        f"the replacement's first /kaart came {since_fork:.2f} s after its fork, "
        f"{waited:.2f} s of it waiting for a CPU"
    )
    # What the replacement did itself, from its fork to that answer: a warm fork uses about 0.1 s
    # of CPU; a cold one (mappers, statements, templates, catalogues made in the worker) about
    # 1 s, and 6 s more when folium is imported in the request. CPU time does not grow with a
    # busy machine, so this tells a warm fork from a cold one anywhere.
    assert used < COLD_CPU_S, f"the replacement used {used:.2f} s of CPU for its first /kaart"
    # The other worker never stopped: every request was answered, none waited long.
    assert answers and {status for _, _, status in answers} == {200}
    longest = max(answered - sent for sent, answered, _ in answers)
    assert longest < LIMIT_S, f"a request waited {longest:.2f} s while the worker was replaced"
    survivors = [row for row in server.served() if row[0] == survivor]
    assert survivors and all(status == 200 for _, status, _, _ in survivors)


def test_the_access_log_keeps_neither_query_strings_nor_tokens():
    """Log a request with a token in its query string and a Referer as gunicorn.conf.py says."""
    import runpy
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", settings["access_log_format"])
    secret = "tok3n-SECRET"
    request = SimpleNamespace(
        method="GET",
        path="/account/wachtwoord/nieuw",
        query=f"token={secret}&q=schulden",
        uri=f"/account/wachtwoord/nieuw?token={secret}&q=schulden",
        version=(1, 1),
        headers=[("REFERER", f"https://wijkplein.example/zoek?token={secret}")],
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": request.uri,
        "PATH_INFO": request.path,
        "QUERY_STRING": request.query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": request.headers[0][1],
    }
    atoms = Logger(config).atoms(response, request, environ, timedelta(milliseconds=5))
    line = settings["access_log_format"] % atoms
    assert "/account/wachtwoord/nieuw" in line
    assert secret not in line and "schulden" not in line and "?" not in line


def test_the_benchmarks_hello_world_ceiling_starts_under_the_same_config(tmp_path):
    """``make throughput`` measures bench.hello:app under gunicorn.conf.py: it must start and answer.

    The master's warm-up once took it for Wijkplein (both register SQLAlchemy) and crashed it
    on start (KeyError: 'BABEL_DEFAULT_LOCALE'), so the benchmark had no ceiling.
    """
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("WIJKPLEIN_", "GUNICORN_"))},
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    with open(tmp_path / "gunicorn.log", "w") as errors:
        master = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "bench.hello:app"],
            cwd=ROOT,
            env=env,
            stdout=errors,
            stderr=errors,
        )
    try:
        deadline = time.monotonic() + 120  # a wait, not a measurement
        while True:
            assert master.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/", timeout=5)
            except requests.ConnectionError:
                assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
                continue
            assert answer.status_code == 200 and answer.text == "Hello, world!\n"
            break
    finally:
        master.terminate()
        master.wait(timeout=30)
