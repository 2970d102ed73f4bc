"""``make throughput``: Wijkplein as deployed (gunicorn, PostgreSQL), measured with locust.

Starts a private PostgreSQL (scripts/pg-test-server, database ``wijkplein_bench``, rebuilt every
run), builds the schema with ``flask db upgrade``, loads ``flask demo load`` (``--scale city``
with ``--scale city``), serves Wijkplein and a hello-world ceiling with ``gunicorn -c
gunicorn.conf.py`` on loopback, and measures each main page at 1, 8 and 32 concurrent users,
a phone's first visit, Lighthouse, and the workers' memory. Writes bench-results/throughput.json
and .md and exits 1 when a target of issue 11 fails (``--no-targets``: report only).
See docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throughput import browser, report  # noqa: E402
from bench.throughput.scenarios import discover  # noqa: E402
from bench.throughput.server import (  # noqa: E402
    BENCH_SETTINGS,
    Gunicorn,
    Postgres,
    Redis,
    app_environment,
    flask,
    log,
)

FIRST_VISIT_PAGES = ["/", "/kaart", "/agenda"]
# The steps of a run, in order (--only picks some: a quick check of one thing).
STEPS = ("load", "first-visit", "lighthouse", "memory")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s per cell instead of 8")
    parser.add_argument("--duration", type=float, help="seconds measured per page and user count")
    parser.add_argument("--users", default="1,8,32", help="concurrent users, comma-separated")
    parser.add_argument(
        "--scale", choices=["neighbourhood", "city"], help="flask demo load --scale"
    )
    parser.add_argument("--workers", type=int, default=2, help="GUNICORN_WORKERS (default 2)")
    parser.add_argument("--no-targets", action="store_true", help="report only, never fail")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium and Lighthouse")
    parser.add_argument(
        "--only",
        default=",".join(STEPS),
        help="the steps to run, comma-separated, of " + ", ".join(STEPS) + " (default: all); "
        "memory without load first runs every page briefly at 8 users (not reported)",
    )
    parser.add_argument("--out", default=str(ROOT / "bench-results"), help="output folder")
    return parser.parse_args()


def machine() -> dict:
    cpu = "unknown CPU"
    try:
        names = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    commit = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "commit": commit or "unknown",
        "load_start": load(),
    }


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run_load(plan: dict, out: Path) -> list[dict]:
    plan_path, results_path = out / "throughput-plan.json", out / "throughput-cells.json"
    plan_path.write_text(json.dumps(plan))
    cells = len(plan["scenarios"]) * len(plan["users"])
    log(f"locust: {cells} cells of {plan['duration']} s")
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.throughput.loadgen", str(plan_path), str(results_path)],
        cwd=ROOT,
        check=True,
        timeout=cells * (max(4 * plan["duration"], 20) + plan["warmup"] + 60) + 120,
    )
    plan_path.unlink()  # it holds session cookies
    return json.loads(results_path.read_text())


def data_description(base: str, scale: str | None) -> str:
    services = requests.get(base + "/api/v1/services", timeout=60).json().get("total_items")
    return f"flask demo load{' --scale ' + scale if scale else ''} ({services} services)"


def main() -> int:
    args = arguments()
    steps = {step.strip() for step in args.only.split(",") if step.strip()}
    if steps - set(STEPS):
        raise SystemExit(f"--only: unknown step(s) {', '.join(sorted(steps - set(STEPS)))}")
    if args.no_browser:
        steps -= {"first-visit", "lighthouse"}
    duration = args.duration or (2.0 if args.quick else 8.0)
    warmup = 0.5 if args.quick else 1.0
    users = [int(n) for n in args.users.split(",")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    logs = Path(tempfile.mkdtemp(prefix="wijkplein-throughput-"))
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    summary: dict = {
        "started": started,
        "machine": machine(),
        "mode": "quick" if args.quick else "full",
        "duration": duration,
        "warmup": warmup,
        "targets": report.TARGETS,
        "steps": [step for step in STEPS if step in steps],
        "workers_count": args.workers,
        "notes": [],
    }
    postgres = Postgres(int(os.environ.get("WIJKPLEIN_PG_PORT", "55432")))
    redis = Redis(int(os.environ.get("WIJKPLEIN_REDIS_PORT", "56379")))
    servers: list[Gunicorn] = []
    try:
        postgres.start()
        redis_url = redis.start()
        summary["notes"].append(
            f"Redis {redis_url} holds the rate limits and the page cache (app/core/page_cache.py)"
            if redis_url
            else "Redis is not installed: no page cache (production refuses memory:// across "
            "workers)"
        )
        wijkplein = Gunicorn("wsgi:app", {}, workers=args.workers)
        env = app_environment(postgres.url, wijkplein.url, redis_url)
        wijkplein.env = env
        flask(env, "db", "upgrade")
        flask(env, "demo", "load", *(["--scale", args.scale] if args.scale else []))
        hello = Gunicorn("bench.hello:app", env, workers=args.workers)
        servers += [wijkplein, hello]
        wijkplein.start(logs, ready_path="/healthz")
        if "load" in steps:  # the ceiling: only the load step compares with it
            hello.start(logs)
        summary["data"] = data_description(wijkplein.url, args.scale)
        log("logging in and finding the demo pages")
        found = discover(wijkplein.url)
        summary["notes"] += found.notes

        if "first-visit" in steps:
            log("Chromium: a phone's first visit to " + ", ".join(FIRST_VISIT_PAGES))
            summary["first_visit"] = browser.first_visits(wijkplein.url, FIRST_VISIT_PAGES)
        if "lighthouse" in steps:
            log("Lighthouse (mobile) on " + ", ".join(FIRST_VISIT_PAGES))
            summary["lighthouse_load"] = load()
            summary["lighthouse"] = browser.lighthouse(wijkplein.url, FIRST_VISIT_PAGES, out)

        ceiling = {
            "name": report.CEILING, "kind": "get", "path": "/", "group": "ceiling",
            "cookie": "", "host": hello.url, "drain_path": "/",
        }  # fmt: skip
        plan = {
            "host": wijkplein.url,
            "duration": duration,
            "warmup": warmup,
            "workers": args.workers,
            "users": users,
            "scenarios": [ceiling, *found.pages, ceiling],
        }
        wijkplein.start_sampling()
        after = ""
        if "load" in steps:
            summary["throughput"] = run_load(plan, out)
            after = "after the run"
        elif "memory" in steps:
            # A short pass over every page, so that the workers hold what serving them takes.
            quick = {**plan, "duration": args.duration or 1.0, "warmup": 0.2, "users": [8]}
            quick["scenarios"] = found.pages
            cells = run_load(quick, out)
            after = f"after {sum(c.get('requests', 0) for c in cells):,} requests at 8 users"
        if "memory" in steps:
            summary["workers"] = {
                "after": after,
                "master_mb": wijkplein.master_memory(),
                "after_mb": wijkplein.sample_memory(),
                "peak_mb": {pid: dict(peak) for pid, peak in wijkplein.peak.items()},
            }
    finally:
        for server in servers:
            server.stop()
        postgres.stop()
        redis.stop()
    server_log = (wijkplein.log_path or Path("/dev/null")).read_text(errors="replace")
    crashes = len(re.findall(r"was sent SIG\w+|WORKER TIMEOUT", server_log))
    if "workers" in summary:
        summary["workers"]["crashes"] = crashes
    summary["machine"]["load_end"] = load()
    summary["notes"] += [
        "ceiling: a hello-world Flask route (bench/hello.py) under the same gunicorn.conf.py, "
        "measured before and after the pages; fractions use the mean of both (so the ceiling's own "
        "rows show how far the machine drifted during the run)",
        "anonymous requests carry no cookie (a first visit each time); logged-in requests carry "
        "the session of one login per account",
        "rate limits: Flask-Limiter's RATELIMIT_ENABLED is not read from the environment "
        "(app/config.py), so limits stay on; logins happen once per account and succeed (only "
        "failed attempts count); the questions-per-day limit is raised: "
        + ", ".join(f"{k}={v!r}" for k, v in BENCH_SETTINGS.items()),
        "first visit: bytes of every response body as it came over the wire (gunicorn does not "
        "compress; nginx would, see the gzip column); Lighthouse uses its default simulated "
        "mobile throttling",
        f"server logs of this run: {logs}",
    ]
    if crashes:
        summary["notes"].append(f"the Wijkplein server log shows {crashes} worker crash(es)")
    if "throughput" in summary:
        report.add_fractions(summary["throughput"])
    summary["checks"] = report.check(summary)
    summary["targets_enforced"] = not args.no_targets
    data, text = report.write(summary, out)
    print(text.read_text())
    log(f"wrote {data} and {text}")
    failed = [c for c in summary["checks"] if c["result"] != "pass"]
    if failed and not args.no_targets:
        log(f"{len(failed)} of {len(summary['checks'])} targets not met (see the table above)")
        return 1
    return 0


if __name__ == "__main__":
    started = time.monotonic()
    status = main()
    log(f"finished in {(time.monotonic() - started) / 60:.1f} min")
    raise SystemExit(status)
