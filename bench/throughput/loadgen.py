"""The load generator: locust as a library, in its own process (gevent patches everything).

    python -m bench.throughput.loadgen PLAN.json RESULTS.json

PLAN: ``{"host", "duration", "warmup", "workers", "users", "scenarios": [...]}`` as written by
``scripts/throughput.py``. For every scenario and user count ("cell") it starts that many locust
users that send requests back to back (no think time), lets them run ``warmup`` seconds, resets
the statistics, measures for ``duration`` seconds (longer for slow pages: at least
MIN_REQUESTS answers) and writes requests per second, the median and
95th percentile (locust's own percentiles) and the failures.
"""

from __future__ import annotations

# isort: off
import locust  # noqa: F401  (first: locust patches the standard library for gevent)

# isort: on
import contextlib
import itertools
import json
import re
import secrets
import sys
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent
from gevent.queue import Queue
from locust import FastHttpUser, constant, task
from locust.env import Environment

# A cell lasts ``duration`` seconds, longer when fewer than MIN_REQUESTS came back by then (slow
# pages on a busy machine), but never more than MAX_STRETCH × duration or MIN_CAP_SECONDS.
MIN_REQUESTS = 20
MAX_STRETCH = 4
MIN_CAP_SECONDS = 20
NO_COOKIES = DefaultCookiePolicy(allowed_domains=[])
HIDDEN = re.compile(r'<input[^>]*name="(csrf_token|form_token)"[^>]*value="([^"]*)"')


def base_user(scenario: dict) -> type[FastHttpUser]:
    class Base(FastHttpUser):
        abstract = True
        wait_time = constant(0)
        # Sync gunicorn workers close every connection: no keep-alive to reuse.
        network_timeout = 60.0
        connection_timeout = 60.0

        def on_start(self) -> None:
            # Every request carries exactly the cookie of the scenario's login (or none).
            self.client.cookiejar.set_policy(NO_COOKIES)

        def headers(self, cookie: str) -> dict[str, str]:
            return {"Cookie": cookie} if cookie else {}

    return Base


def get_user(scenario: dict) -> type[FastHttpUser]:
    path, name = scenario["path"], scenario["name"]
    headers = {"Cookie": scenario["cookie"]} if scenario.get("cookie") else {}

    class Get(base_user(scenario)):  # type: ignore[misc]
        @task
        def get(self) -> None:
            with self.client.get(
                path, headers=headers, name=name, allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")

    return Get


def post_question_user(scenario: dict) -> type[FastHttpUser]:
    headers = {"Cookie": scenario["cookie"]}
    category, name = scenario["category"], scenario["name"]

    class PostQuestion(base_user(scenario)):  # type: ignore[misc]
        @task
        def post(self) -> None:
            form = self.client.get("/prikbord/nieuw", headers=headers, name="(question form)")
            fields = dict(HIDDEN.findall(form.text or ""))
            data = {
                "csrf_token": fields.get("csrf_token", ""),
                "form_token": fields.get("form_token") or secrets.token_urlsafe(24),
                "category": category,
                "title": "Benchmark: wie helpt mij even?",
                "description": "Een vraag van de doorvoermeting.",
                "urgency": "this_week",
                "contact_route": "message",
                "language": "nl",
            }
            with self.client.post(
                "/prikbord/nieuw",
                data=data,
                headers=headers,
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                location = response.headers.get("Location", "") if response.headers else ""
                if response.status_code != 302 or not location.endswith("/verstuurd"):
                    response.failure(f"status {response.status_code}, not sent")

    return PostQuestion


class ClaimPool:
    """Open questions and free volunteer places: each claim holds one of each until handed back."""

    def __init__(self, scenario: dict) -> None:
        self.questions: Queue = Queue()
        self.places: Queue = Queue()
        for question in scenario["pool"]:
            self.questions.put(question)
        for volunteer in scenario["volunteers"]:
            for _ in range(volunteer["slots"]):
                self.places.put(volunteer)
        self.held: dict[int, dict] = {}


def claim_user(scenario: dict, pool: ClaimPool) -> type[FastHttpUser]:
    name = scenario["name"]

    class Claim(base_user(scenario)):  # type: ignore[misc]
        @task
        def claim(self) -> None:
            volunteer, question = pool.places.get(), pool.questions.get()
            pool.held[question] = volunteer
            headers = {"Cookie": volunteer["cookie"]}
            with self.client.post(
                f"/prikbord/{question}/oppakken",
                data={"claim-csrf_token": volunteer["csrf"]},
                headers=headers,
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"status {response.status_code}")
            with self.client.post(
                f"/prikbord/{question}/teruggeven",
                data={"handback-csrf_token": volunteer["csrf"], "handback-reason": ""},
                headers=headers,
                name="(hand back)",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                # A hand back that is refused means the claim before it did not take hold.
                if response.status_code != 302:
                    response.failure(f"status {response.status_code}: the claim failed")
            # Only now is the question free again (a user stopped before this is release()d).
            pool.held.pop(question, None)
            pool.questions.put(question)
            pool.places.put(volunteer)

    return Claim


def release(host: str, pool: ClaimPool) -> None:
    """Hand back what users stopped in the middle of a claim still hold."""
    import urllib.parse
    import urllib.request

    for question, volunteer in list(pool.held.items()):
        body = urllib.parse.urlencode({"handback-csrf_token": volunteer["csrf"]}).encode()
        request = urllib.request.Request(  # noqa: S310
            f"{host}/prikbord/{question}/teruggeven",
            data=body,
            headers={"Cookie": volunteer["cookie"]},
        )
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
        pool.held.pop(question, None)
        pool.questions.put(question)
        pool.places.put(volunteer)


def drain(host: str, path: str, workers: int) -> None:
    """Wait until the server has worked off what stopped users left in its queue.

    Sync workers finish every request they accepted, also when the client has gone; without
    this, the next cell would wait behind the previous cell's backlog.
    """
    import urllib.request

    def one() -> None:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(host + path, timeout=300).close()  # noqa: S310

    for _ in range(2):
        gevent.joinall([gevent.spawn(one) for _ in range(workers)], timeout=300)


def run_cell(plan: dict, scenario: dict, users: int, pool: ClaimPool | None) -> dict:
    if scenario["kind"] == "get":
        user_class = get_user(scenario)
    elif scenario["kind"] == "post_question":
        user_class = post_question_user(scenario)
    else:
        assert pool is not None
        user_class = claim_user(scenario, pool)
    env = Environment(user_classes=[user_class], host=scenario.get("host") or plan["host"])
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=min(users * 10, 100))
    if runner.spawning_greenlet is not None:
        runner.spawning_greenlet.join()
    gevent.sleep(plan["warmup"])
    env.stats.reset_all()
    started = time.monotonic()
    duration = plan["duration"]
    longest = max(MAX_STRETCH * duration, MIN_CAP_SECONDS)
    while True:
        gevent.sleep(0.25)
        elapsed = time.monotonic() - started
        done = sum(
            e.num_requests for (n, _m), e in env.stats.entries.items() if n == scenario["name"]
        )
        if elapsed >= longest or (elapsed >= duration and done >= MIN_REQUESTS):
            break
    rows = {}
    for (name, method), entry in env.stats.entries.items():
        rows[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.num_requests / elapsed,
            "p50_ms": entry.get_response_time_percentile(0.5) if entry.num_requests else None,
            "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
            "avg_ms": entry.avg_response_time if entry.num_requests else None,
        }
    errors = [f"{e.name}: {e.error} ({e.occurrences}x)" for e in env.stats.errors.values()]
    runner.quit()
    host = scenario.get("host") or plan["host"]
    drain(host, scenario.get("drain_path", "/healthz"), plan.get("workers", 2))
    if pool is not None:
        release(host, pool)
    main = rows.get(scenario["name"]) or {"requests": 0, "failures": 0, "rps": 0.0}
    return {
        "scenario": scenario["name"],
        "group": scenario["group"],
        "users": users,
        "seconds": round(elapsed, 2),
        **main,
        "other_rows": {k: v for k, v in rows.items() if k != scenario["name"]},
        "errors": errors[:5],
    }


def main(plan_path: str, results_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text())
    results = []
    for scenario, users in itertools.product(plan["scenarios"], plan["users"]):
        pool = ClaimPool(scenario) if scenario["kind"] == "claim" else None
        result = run_cell(plan, scenario, users, pool)
        results.append(result)
        print(
            f"[loadgen] {scenario['name']:<28} {users:>3} users {result['rps']:8.1f} req/s "
            f"p50 {result.get('p50_ms')} p95 {result.get('p95_ms')} ms "
            f"failures {result['failures']}",
            flush=True,
        )
        Path(results_path).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
