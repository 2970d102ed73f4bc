"""``make stress``: mixed load on Wijkplein as deployed, PostgreSQL restarted, a worker killed.

Everything runs on loopback in private processes: a PostgreSQL server of this run alone (in a
temporary folder, so that restarting it disturbs no one), a Redis for the rate limits and the
page cache, an SMTP server (aiosmtpd) that keeps every mail it gets, gunicorn with
gunicorn.conf.py, and ``flask mail send`` every few seconds as its own process, as cron runs it.
``--users`` simulated users (bench/stress/load.py) browse, post as resident and guest, claim,
message, sign up, sign off and register for ``--seconds``. At 35 % of the run PostgreSQL is
stopped, left down 5 s and started again; at 70 % one gunicorn worker is killed (SIGKILL) while
writes are on their way. Afterwards it checks, and prints as a Markdown table:

* no 5xx outside the outage; inside it only 503 (never 500);
* the app answers 200 again within 10 s of PostgreSQL being back, without restarting gunicorn;
* every write that got a success answer is in the database (and the last acknowledged sign-up
  or sign-off of every date is the state the database holds);
* every mail the outbox holds reached the SMTP server exactly once (matched by Message-ID).

Writes bench-results/stress.json and exits 1 when a check fails. See docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import psycopg
import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stress import load  # noqa: E402
from bench.throughput.html import first_link  # noqa: E402
from bench.throughput.scenarios import board_category, login  # noqa: E402
from bench.throughput.server import (  # noqa: E402
    Gunicorn,
    app_environment,
    flask,
    free_port,
)

DATABASE = "wijkplein_stress"
OUTAGE_SECONDS = 5.0
RECOVERY_LIMIT = 10.0
MAIL_EVERY = 5.0
# A request that overlaps the kill (or started within this long after it) may get no answer.
KILL_GRACE = 2.0
# The limits the load would hit, raised for this run (each one says why):
STRESS_SETTINGS = {
    # Every guest and every new account comes from 127.0.0.1: the per-address limits of
    # registration would stop the guests after ten accounts an hour. Logins are not affected
    # (each user logs in once with its own account, and only failed logins count).
    "RESET_LIMIT_PER_ADDRESS": "1000000 per hour",
    # Residents and guests post far more than three (two) questions a day here.
    "HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT": "1000000",
    "HELPBOARD_QUESTIONS_PER_DAY_GUEST": "1000000",
}


def log(message: str) -> None:
    print(f"[stress] {message}", flush=True)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180, help="length of the load (180)")
    parser.add_argument("--users", type=int, default=32, help="simulated users (32)")
    parser.add_argument("--workers", type=int, default=2, help="GUNICORN_WORKERS (default 2)")
    parser.add_argument("--out", default=str(ROOT / "bench-results"), help="output folder")
    return parser.parse_args()


class Private:
    """A server of scripts/pg-test-server or scripts/redis-test-server of this run alone."""

    def __init__(self, script: str, kind: str, folder: Path) -> None:
        self.script = str(ROOT / "scripts" / script)
        self.port = free_port()
        self.env = {
            **os.environ,
            f"WIJKPLEIN_{kind}_PORT": str(self.port),
            f"WIJKPLEIN_{kind}_DIR": str(folder),
        }

    def run(self, action: str) -> str:
        done = subprocess.run(  # noqa: S603
            [self.script, action], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{self.script} {action} failed:\n{done.stdout}{done.stderr}")
        return done.stdout.strip()


class Mailbox:
    """The SMTP server's handler: every mail it accepted (Message-ID, recipient, subject)."""

    def __init__(self) -> None:
        self.mails: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 — aiosmtpd's hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        entry = (str(message["Message-ID"]), str(message["To"]), str(message["Subject"]))
        with self.lock:
            self.mails.append(entry)
        return "250 OK"


@dataclass
class Timeline:
    outage_start: float | None = None
    outage_back: float | None = None  # PostgreSQL accepts connections again
    recovered: float | None = None  # the first 200 after that
    kill: float | None = None
    killed_pid: int | None = None
    writes_in_flight_at_kill: int = 0
    probes: list[tuple[float, int, float]] = field(default_factory=list)  # at, status, seconds
    mail_runs: list[tuple[float, int, float]] = field(default_factory=list)  # at, exit, seconds


def probe(base: str, shared: load.Shared, timeline: Timeline) -> None:
    """Ask /healthz (which asks the database) again and again; keep every answer.

    Recovered: the end of the first 200 to a probe sent after PostgreSQL was back. On a busy
    machine that includes the wait behind the users' requests in gunicorn's queue.
    """
    while not shared.stop.is_set():
        at = shared.now()
        try:
            status = requests.get(base + "/healthz", timeout=60).status_code
        except requests.RequestException:
            status = 0
        end = shared.now()
        timeline.probes.append((round(at, 3), status, round(end - at, 3)))
        back = timeline.outage_back
        if back is not None and timeline.recovered is None and status == 200 and at >= back:
            timeline.recovered = end
        shared.stop.wait(0.2)


def mail_sender(env: dict[str, str], shared: load.Shared, timeline: Timeline, logs: Path) -> None:
    """Run ``flask mail send`` every few seconds as its own process, as cron would."""
    while not shared.stop.wait(MAIL_EVERY):
        at = shared.now()
        code = send_mail(env, logs / f"mail-send-{len(timeline.mail_runs):03d}.log")
        timeline.mail_runs.append((round(at, 3), code, round(shared.now() - at, 1)))


def send_mail(env: dict[str, str], output: Path | None = None) -> int:
    """One ``flask mail send``; its exit code (-1: killed after ten minutes). Output kept if not 0."""
    try:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "flask", "mail", "send"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=False,
            # Long: a busy machine starts a flask process slowly, and a sender killed between
            # handing a mail to the relay and marking it sent would send it twice.
            timeout=600,
        )
    except subprocess.TimeoutExpired as error:
        code, text = -1, (error.stdout or b"") + (error.stderr or b"")
    else:
        code, text = done.returncode, done.stdout + done.stderr
    if code != 0 and output is not None:
        output.write_bytes(text)
    return code


def find_pages(base: str, setup) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Pages to browse, and activities that take sign-ups (found the way a visitor finds them)."""
    kaart = requests.get(base + "/kaart", timeout=60).text
    agenda = requests.get(base + "/agenda", timeout=60).text
    service = first_link(kaart, r"/kaart/\d+-[\w-]+")
    links = list(dict.fromkeys(re.findall(r'href="(/agenda/\d+-[\w-]+)"', agenda)))
    activities = [
        link for link in links[:30] if load.signup_forms(setup.http.get(base + link).text)
    ][:8]
    if service is None or not activities:
        raise SystemExit(f"no service page ({service}) or no activity with sign-up found")
    browse = ["/", "/kaart", service, "/agenda", links[0], "/prikbord", "/api/v1/prikbord"]
    return browse, activities


def restart_postgres(postgres: Private, shared: load.Shared, timeline: Timeline, url: str) -> None:
    """Stop PostgreSQL, wait, start it; "back" is when it first accepts a connection again."""
    log("stopping PostgreSQL")
    timeline.outage_start = shared.now()
    postgres.run("stop")
    time.sleep(OUTAGE_SECONDS)
    starting = threading.Thread(target=postgres.run, args=("start",), daemon=True)
    starting.start()
    while timeline.outage_back is None:
        try:
            psycopg.connect(url, connect_timeout=2).close()
        except psycopg.OperationalError:
            time.sleep(0.1)
        else:
            timeline.outage_back = shared.now()
    starting.join()
    log(f"PostgreSQL is back after {timeline.outage_back - timeline.outage_start:.1f} s")


def kill_worker(server: Gunicorn, shared: load.Shared, timeline: Timeline) -> None:
    deadline = time.monotonic() + 15
    while shared.writing < 2 and time.monotonic() < deadline:
        time.sleep(0.005)
    pid = random.choice(server.worker_pids())  # noqa: S311
    timeline.writes_in_flight_at_kill = shared.writing
    timeline.kill, timeline.killed_pid = shared.now(), pid
    os.kill(pid, signal.SIGKILL)
    log(f"killed worker {pid} with {timeline.writes_in_flight_at_kill} write(s) on their way")


def run_load(
    args: argparse.Namespace,
    shared: load.Shared,
    accounts: list,
    postgres: Private,
    server: Gunicorn,
    env: dict[str, str],
    logs: Path,
    database_url: str,
) -> Timeline:
    timeline = Timeline()
    helpers = [
        threading.Thread(target=probe, args=(server.url, shared, timeline), daemon=True),
        threading.Thread(target=mail_sender, args=(env, shared, timeline, logs), daemon=True),
    ]
    shared.started = time.monotonic()
    for helper in helpers:
        helper.start()
    users = load.start(shared, accounts)
    log(f"{len(users)} users for {args.seconds:.0f} s")
    time.sleep(args.seconds * 0.35)
    restart_postgres(postgres, shared, timeline, database_url)
    # The kill comes after the app is back (a short run would otherwise kill into the outage).
    while timeline.recovered is None and shared.now() < args.seconds * 0.9:
        time.sleep(0.1)
    kill_at = max(args.seconds * 0.7, (timeline.recovered or 0.0) + KILL_GRACE)
    time.sleep(max(0.0, kill_at - shared.now()))
    kill_worker(server, shared, timeline)
    time.sleep(max(0.0, args.seconds - shared.now()))
    shared.stop.set()
    for thread in [*users, *helpers]:
        thread.join(timeout=120)
    return timeline


def drain(env: dict[str, str], url: str) -> int:
    """Run ``flask mail send`` until the outbox holds nothing pending (at most three minutes)."""
    deadline = time.monotonic() + 180
    while True:
        send_mail(env)
        with psycopg.connect(url) as conn:
            pending = conn.execute(
                "SELECT count(*) FROM outbox_mails WHERE status <> 'sent'"
            ).fetchone()
        left = int(pending[0]) if pending else 0
        if left == 0 or time.monotonic() > deadline:
            return left
        time.sleep(1)


def verify_writes(url: str, writes: list[dict]) -> dict[str, dict[str, int]]:
    """Look for every acknowledged write in the database; per kind: acknowledged, missing."""
    with psycopg.connect(url) as conn:
        questions = set(conn.execute("SELECT id, title FROM questions").fetchall())
        messages = set(conn.execute("SELECT question_id, body FROM request_messages").fetchall())
        events = Counter(
            conn.execute(
                "SELECT e.question_id, u.email, e.action FROM request_events e "
                "JOIN users u ON u.id = e.actor_id"
            ).fetchall()
        )
        emails = {row[0] for row in conn.execute("SELECT email FROM users").fetchall()}
        signups = {
            (row[0], row[1], row[2]): row[3]
            for row in conn.execute(
                "SELECT u.email, sl.activity_id, to_char(sl.original_start, "
                "'YYYY-MM-DD\"T\"HH24:MI'), s.status FROM activity_signups s "
                "JOIN activity_slots sl ON sl.id = s.slot_id JOIN users u ON u.id = s.user_id"
            ).fetchall()
        }
    result: dict[str, dict[str, int]] = {}

    def count(kind: str, present: bool) -> None:
        entry = result.setdefault(kind, {"acknowledged": 0, "missing": 0})
        entry["acknowledged"] += 1
        entry["missing"] += 0 if present else 1

    wanted_events: Counter[tuple[int, str, str]] = Counter()
    last_state: dict[tuple[str, int, str], dict] = {}
    for write in writes:
        kind = write["kind"]
        if kind in ("signup", "cancel"):
            last_state[(write["email"], write["activity"], write["occurrence"])] = write
            continue
        if not write["ok"]:
            continue
        if kind in ("question", "guest_question"):
            count(kind, (write["question"], write["title"]) in questions)
        elif kind == "message":
            count(kind, (write["question"], write["body"]) in messages)
        elif kind == "register":
            count(kind, write["email"] in emails)
        elif kind in ("claim", "hand_back"):
            action = "claimed" if kind == "claim" else "handed_back"
            wanted_events[(write["question"], write["email"], action)] += 1
    for key, times in wanted_events.items():
        kind = "claim" if key[2] == "claimed" else "hand_back"
        for n in range(times):
            count(kind, events[key] > n)
    for key, write in last_state.items():
        if not write["ok"]:
            continue  # the last try got no success answer: either state is right
        status = signups.get(key)
        signed_up = status in ("confirmed", "waiting")
        count(write["kind"], signed_up if write["kind"] == "signup" else not signed_up)
    return result


def verify_mail(url: str, box: Mailbox) -> dict[str, int]:
    """Compare the outbox with what the SMTP server got.

    A sent mail keeps its recipient and subject but not its text (app/outbox/operations.py
    empties it), so the match is: every row sent; as many mails received as rows, with the same
    recipients and subjects; no Message-ID received twice (a mail sent again is the stored
    message again, with its Message-ID).
    """
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT status, recipient, subject FROM outbox_mails").fetchall()
    with box.lock:
        received = list(box.mails)
    ids = Counter(mail_id for mail_id, _, _ in received)
    wanted = Counter((recipient, subject) for _, recipient, subject in rows)
    got = Counter((to, subject) for _, to, subject in received)
    return {
        "outbox": len(rows),
        "not_sent": sum(1 for status, _, _ in rows if status != "sent"),
        "received": len(received),
        "never_received": sum((wanted - got).values()),
        "received_twice_or_more": sum(n - 1 for n in ids.values() if n > 1),
        "unknown_received": sum((got - wanted).values()),
    }


def classify(requests_: list[dict], timeline: Timeline) -> dict:
    """Sort every answer into inside / outside the outage (and around the kill)."""
    low = timeline.outage_start or 0.0
    high = timeline.recovered if timeline.recovered is not None else float("inf")
    kill = timeline.kill if timeline.kill is not None else float("inf")
    inside: Counter[int] = Counter()
    outside: Counter[int] = Counter()
    unanswered_outside_kill = 0
    for entry in requests_:
        overlaps_outage = entry["end"] >= low and entry["start"] <= high
        (inside if overlaps_outage else outside)[entry["status"]] += 1
        if entry["status"] == 0 and not (
            entry["start"] <= kill + KILL_GRACE and entry["end"] >= kill
        ):
            unanswered_outside_kill += 1
    return {
        "inside": dict(sorted(inside.items())),
        "outside": dict(sorted(outside.items())),
        "unanswered_outside_kill": unanswered_outside_kill,
    }


def server_log_findings(path: Path | None) -> dict[str, int]:
    text = path.read_text(errors="replace") if path else ""
    return {
        "tracebacks": text.count("Traceback (most recent call last)"),
        "unhandled": text.count("Unhandled error"),
        "worker_exits": len(re.findall(r"was sent SIGKILL|Worker \(pid:\d+\) was sent", text)),
        "booted": len(re.findall(r"Booting worker with pid", text)),
    }


def checks(summary: dict) -> list[dict]:
    answers = summary["answers"]
    outside_5xx = sum(n for s, n in answers["outside"].items() if int(s) >= 500)
    inside_other_5xx = sum(
        n for s, n in answers["inside"].items() if int(s) >= 500 and int(s) != 503
    )
    inside_503 = answers["inside"].get(503, 0)
    recovery = summary["timeline"]["recovery_seconds"]
    writes = summary["writes"]
    missing = sum(w["missing"] for w in writes.values())
    acknowledged = sum(w["acknowledged"] for w in writes.values())
    mail = summary["mail"]
    mail_bad = (
        mail["not_sent"]
        + mail["never_received"]
        + mail["received_twice_or_more"]
        + mail["unknown_received"]
    )
    rows = [
        ("5xx outside the outage", "0", str(outside_5xx), outside_5xx == 0),
        (
            "5xx inside the outage other than 503",
            "0 (and some 503)",
            f"{inside_other_5xx} ({inside_503} × 503)",
            inside_other_5xx == 0 and inside_503 > 0,
        ),
        (
            "recovery after PostgreSQL is back",
            f"< {RECOVERY_LIMIT:.0f} s",
            "never" if recovery is None else f"{recovery:.1f} s",
            recovery is not None and recovery < RECOVERY_LIMIT,
        ),
        (
            "gunicorn master the same process throughout",
            "yes",
            "yes" if summary["app_restarted"] is False else "no",
            summary["app_restarted"] is False,
        ),
        (
            "requests without an answer, away from the kill",
            "0",
            str(answers["unanswered_outside_kill"]),
            answers["unanswered_outside_kill"] == 0,
        ),
        (
            "acknowledged writes missing afterwards",
            "0",
            f"{missing} of {acknowledged}",
            missing == 0 and acknowledged > 0,
        ),
        (
            "mails delivered exactly once",
            "all",
            f"{max(0, mail['outbox'] - mail_bad)} of {mail['outbox']}",
            mail_bad == 0 and mail["outbox"] > 0,
        ),
    ]
    return [
        {"check": name, "target": target, "measured": got, "result": "pass" if ok else "FAIL"}
        for name, target, got, ok in rows
    ]


def markdown(summary: dict) -> str:
    t = summary["timeline"]
    lines = [
        f"`make stress` — {summary['started']}, {summary['machine']}, {summary['users']} users, "
        f"{summary['seconds']:.0f} s, {summary['workers']} gunicorn workers, commit "
        f"{summary['commit']}",
        "",
        "| check | target | measured | result |",
        "|---|---|---|---|",
        *(
            f"| {c['check']} | {c['target']} | {c['measured']} | {c['result']} |"
            for c in summary["checks"]
        ),
        "",
        "| load | value |",
        "|---|---|",
        f"| requests | {summary['requests']} ({summary['requests_per_second']:.1f}/s; median "
        f"answer {summary['median_answer_seconds_before_outage']:.2f} s before the outage) |",
        f"| answers outside the outage | {fmt(summary['answers']['outside'])} |",
        f"| answers overlapping the outage | {fmt(summary['answers']['inside'])} |",
        f"| PostgreSQL down | {t['outage_start']:.1f} s → {t['outage_back']:.1f} s; first 200 "
        f"at {fmt_time(t['recovered'])} |",
        f"| worker killed | at {fmt_time(t['kill'])} with {t['writes_in_flight_at_kill']} "
        "write(s) on their way |",
        *(
            f"| writes: {kind} | {w['acknowledged']} acknowledged, {w['missing']} missing |"
            for kind, w in sorted(summary["writes"].items())
        ),
        f"| mail | {summary['mail']['outbox']} in the outbox, {summary['mail']['received']} "
        f"received; `flask mail send` ran {summary['mail_runs']} times "
        f"({summary['mail_runs_failed']} failed) |",
        f"| server log | {summary['server_log']['tracebacks']} tracebacks, "
        f"{summary['server_log']['booted']} workers booted |",
    ]
    return "\n".join(lines)


def fmt(counts: dict) -> str:
    return ", ".join(f"{n} × {'no answer' if int(s) == 0 else s}" for s, n in counts.items()) or "–"


def fmt_time(value: float | None) -> str:
    return "never" if value is None else f"{value:.1f} s"


def machine() -> str:
    try:
        names = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    except OSError:
        names = []
    return f"{os.cpu_count()} cores" + (f" ({names[0].strip()})" if names else "")


def commit() -> str:
    return subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def main() -> int:  # noqa: PLR0915 — one run, told in order
    args = arguments()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="wijkplein-stress-"))
    folder.chmod(0o755)  # run as root, the server runs as the postgres user, who must enter it
    postgres = Private("pg-test-server", "PG", folder / "pg")
    redis = Private("redis-test-server", "REDIS", folder / "redis")
    box = Mailbox()
    smtp = Controller(box, hostname="127.0.0.1", port=free_port())
    server: Gunicorn | None = None
    summary: dict = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "commit": commit() or "unknown",
        "users": args.users,
        "seconds": args.seconds,
        "workers": args.workers,
    }
    try:
        if not postgres.run("start"):
            raise SystemExit("PostgreSQL is not installed (apt-get install -y postgresql).")
        redis_url = redis.run("start")
        if not redis_url:
            raise SystemExit("redis-server is not installed (apt-get install -y redis-server).")
        subprocess.run(  # noqa: S603
            ["psql", "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres", "-qc",  # noqa: S607
             f"CREATE DATABASE {DATABASE}"],
            check=True,
            capture_output=True,
        )  # fmt: skip
        url = f"postgresql+psycopg://postgres@127.0.0.1:{postgres.port}/{DATABASE}"
        plain_url = url.replace("+psycopg", "")
        smtp.start()
        server = Gunicorn("wsgi:app", {}, workers=args.workers)
        env = app_environment(url, server.url, redis_url) | STRESS_SETTINGS
        env |= {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port)}
        env |= {"MAIL_TIMEOUT": "5"}
        server.env = env
        flask(env, "db", "upgrade")
        flask(env, "demo", "load")
        made = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.stress.accounts", str(args.users + 1)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        accounts = json.loads(made.strip().splitlines()[-1])
        server.start(folder, ready_path="/healthz")
        master = server.process.pid if server.process else None
        log("logging in every user and finding the pages")
        setup = login(server.url, accounts["residents"][args.users])
        setup.capture(server.url)
        category = board_category(server.url, setup)
        browse, activities = find_pages(server.url, setup)
        users = load.log_in(server.url, args.users, accounts)
        for account in users:
            if account:
                account.capture(server.url)
        send_mail(env)  # the setup's own mail goes out before the load
        shared = load.Shared(server.url, category, browse, activities)
        timeline = run_load(args, shared, users, postgres, server, env, folder, plain_url)
        log("load over: delivering the rest of the outbox")
        left = drain(env, plain_url)
        time.sleep(1)
        alive = server.process is not None and server.process.poll() is None
        summary["app_restarted"] = not (alive and server.process and server.process.pid == master)
        summary["outbox_left"] = left
        summary["timeline"] = {
            "outage_start": timeline.outage_start,
            "outage_back": timeline.outage_back,
            "recovered": timeline.recovered,
            "recovery_seconds": (
                None
                if timeline.recovered is None or timeline.outage_back is None
                else timeline.recovered - timeline.outage_back
            ),
            "kill": timeline.kill,
            "killed_pid": timeline.killed_pid,
            "writes_in_flight_at_kill": timeline.writes_in_flight_at_kill,
        }
        summary["requests"] = len(shared.requests)
        summary["requests_per_second"] = len(shared.requests) / args.seconds
        summary["answers"] = classify(shared.requests, timeline)
        before = sorted(
            r["end"] - r["start"]
            for r in shared.requests
            if r["end"] < (timeline.outage_start or 0) and r["status"]
        )
        summary["median_answer_seconds_before_outage"] = before[len(before) // 2] if before else 0
        summary["writes"] = verify_writes(plain_url, shared.writes)
        summary["mail"] = verify_mail(plain_url, box)
        summary["mail_runs"] = len(timeline.mail_runs)
        summary["mail_runs_failed"] = sum(1 for _, code, _ in timeline.mail_runs if code)
        summary["mail_run_list"] = timeline.mail_runs
        summary["five_hundreds"] = [
            r for r in shared.requests if r["status"] >= 500 and r["status"] != 503
        ][:50]
        summary["probes"] = timeline.probes
    finally:
        if server is not None:
            server.stop()
        if smtp.loop.is_running():
            smtp.stop()
        redis.run("stop")
        postgres.run("stop")
    summary["server_log"] = server_log_findings(server.log_path if server else None)
    summary["notes"] = [
        f"server log: {server.log_path if server else '-'}",
        "raised limits: " + ", ".join(f"{k}={v!r}" for k, v in STRESS_SETTINGS.items()),
    ]
    summary["checks"] = checks(summary)
    text = markdown(summary)
    (out / "stress.json").write_text(json.dumps(summary, indent=1, default=str))
    (out / "stress.md").write_text(text + "\n")
    print(text)
    failed = [c for c in summary["checks"] if c["result"] != "pass"]
    if failed:
        log(f"{len(failed)} check(s) failed; logs in {folder}")
        return 1
    shutil.rmtree(folder / "pg", ignore_errors=True)
    log(f"all checks pass; wrote {out / 'stress.json'}")
    return 0


def stop_on_term(signum: int, frame: object) -> None:
    """``timeout`` or Ctrl-C: stop the servers of this run on the way out (the finally block)."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_term)
    raise SystemExit(main())
