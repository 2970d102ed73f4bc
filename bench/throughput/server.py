"""PostgreSQL, the schema, the demo data and gunicorn, as separate processes on loopback."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATABASE = "wijkplein_bench"

# Settings that keep the measurement about Wijkplein itself (see docs/benchmark.md):
BENCH_SETTINGS = {
    # Mail goes to the log, never to a relay.
    "MAIL_BACKEND": "console",
    # No base map: the server would fetch tiles from PDOK; tiles are not measured anyway.
    "TILE_URL": "",
    # The one limit the load would hit: three questions per account per day. Raised, since the
    # benchmark posts hundreds. Logins happen once per account and succeed, so the login limits
    # (which count failed attempts only) never fire. Flask-Limiter's RATELIMIT_ENABLED cannot be
    # set from the environment (app/config.py does not read it).
    "HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT": "1000000",
}


def log(message: str) -> None:
    print(f"[throughput] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Postgres:
    """The private server of scripts/pg-test-server, with a fresh ``wijkplein_bench`` database."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.env = {**os.environ, "WIJKPLEIN_PG_PORT": str(port)}
        self.started_here = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def start(self) -> None:
        self.started_here = not port_open(self.port)
        out = subprocess.run(  # noqa: S603
            [str(ROOT / "scripts" / "pg-test-server"), "start"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        if not out.stdout.strip():
            raise SystemExit("PostgreSQL is not installed (apt-get install -y postgresql).")
        for sql in (
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            f"CREATE DATABASE {DATABASE}",
        ):
            subprocess.run(  # noqa: S603
                ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc", sql],  # noqa: S607
                check=True,
                capture_output=True,
            )

    def stop(self) -> None:
        if self.started_here:
            subprocess.run(  # noqa: S603
                [str(ROOT / "scripts" / "pg-test-server"), "stop"], env=self.env, check=False
            )


class Redis:
    """The private server of scripts/redis-test-server (emptied): rate limits and kept pages."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.env = {**os.environ, "WIJKPLEIN_REDIS_PORT": str(port)}
        self.started_here = False
        self.url = ""

    def start(self) -> str:
        """Start it (if not running) and return its URL; empty when Redis is not installed."""
        self.started_here = not port_open(self.port)
        out = subprocess.run(  # noqa: S603
            [str(ROOT / "scripts" / "redis-test-server"), "start"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        self.url = out.stdout.strip()
        if self.url:
            subprocess.run(  # noqa: S603
                ["redis-cli", "-p", str(self.port), "flushdb"],  # noqa: S607
                check=True,
                capture_output=True,
            )
        return self.url

    def stop(self) -> None:
        if self.started_here:
            subprocess.run(  # noqa: S603
                [str(ROOT / "scripts" / "redis-test-server"), "stop"], env=self.env, check=False
            )


def app_environment(database_url: str, base_url: str, redis_url: str = "") -> dict[str, str]:
    """The environment of production mode, with a fresh secret key (and Redis, as deployed)."""
    env = {
        **os.environ,
        "FLASK_APP": "wsgi",
        "WIJKPLEIN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "PUBLIC_BASE_URL": base_url,
        **BENCH_SETTINGS,
    }
    env.pop("RATELIMIT_STORAGE_URI", None)
    env.pop("PAGE_CACHE_URL", None)
    if redis_url:
        # As deployed: limits counted and pages kept in Redis, shared by the workers.
        env["RATELIMIT_STORAGE_URI"] = redis_url
    return env


def flask(env: dict[str, str], *args: str) -> None:
    """Run ``flask <args>`` the way an operator does, failing loudly."""
    log("flask " + " ".join(args))
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"flask {' '.join(args)} failed ({result.returncode})")
    log(f"  done in {time.monotonic() - started:.0f} s")


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def memory_mb(pid: int) -> dict[str, float] | None:
    """RSS, PSS and USS of a process in MB, from /proc/<pid>/smaps_rollup (Linux 4.14+).

    RSS counts every page the process has in memory, also those it shares with the preloading
    master and the other workers; PSS divides each shared page among the processes sharing it
    (so the PSS of all processes adds up to what the machine spends); USS is what only this
    process holds (what would be freed if it ended). Without smaps_rollup: RSS only.
    """
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    except OSError:
        rss = rss_mb(pid)
        return None if rss is None else {"rss": rss}
    kb = {}
    for line in lines:
        name, _, rest = line.partition(":")
        if rest.split():
            kb[name.strip()] = int(rest.split()[0])
    return {
        "rss": kb.get("Rss", 0) / 1024,
        "pss": kb.get("Pss", 0) / 1024,
        "uss": (kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)) / 1024,
    }


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


@dataclass
class Gunicorn:
    """``gunicorn -c gunicorn.conf.py <module>`` on a free loopback port."""

    module: str
    env: dict[str, str]
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    peak: dict[int, dict[str, float]] = field(default_factory=dict)
    _sampling: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path, ready_path: str = "/", timeout: float = 240) -> None:
        self.log_path = log_dir / f"gunicorn-{self.module.split(':')[0].replace('.', '-')}.log"
        env = {
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(self.workers),
        }
        log(f"gunicorn -c gunicorn.conf.py {self.module} on {self.url} ({self.workers} workers)")
        with self.log_path.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", self.module],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5) as response:  # noqa: S310
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        log(f"  ready after {time.monotonic() - started:.0f} s")
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1)
        self.stop()
        raise SystemExit(f"gunicorn did not answer {ready_path} within {timeout:.0f} s")

    def worker_pids(self) -> list[int]:
        return children(self.process.pid) if self.process else []

    def master_memory(self) -> dict[str, float] | None:
        return memory_mb(self.process.pid) if self.process else None

    def sample_memory(self) -> dict[int, dict[str, float]]:
        """Every worker's memory now; keeps the highest of each figure seen per worker."""
        now = {}
        for pid in self.worker_pids():
            value = memory_mb(pid)
            if value is not None:
                now[pid] = value
                seen = self.peak.setdefault(pid, {})
                for name, mb in value.items():
                    seen[name] = max(mb, seen.get(name, 0.0))
        return now

    def start_sampling(self, every: float = 1.0) -> None:
        """Keep the highest memory of every worker seen (gunicorn recycles them: max_requests)."""

        def loop() -> None:
            while not self._sampling.wait(every):
                self.sample_memory()

        threading.Thread(target=loop, daemon=True).start()

    def stop(self) -> None:
        self._sampling.set()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
