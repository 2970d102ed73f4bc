"""The throughput benchmark's own logic: reading forms, checking targets, the ceiling app.

The benchmark itself (``make throughput``) runs servers for minutes; these tests keep its pure
parts honest without running it.
"""

from __future__ import annotations

from bench.hello import app as hello_app
from bench.throughput import report
from bench.throughput.html import csrf_token, first_link, hidden_fields, radio_values

PAGE = """
<form method="post" action="/taal"><input type="hidden" name="csrf_token" value="T1">
<input type="hidden" name="next" value="/account/inloggen"></form>
<form method="post" action="/account/inloggen"><input id="next" name="next" type="hidden" value="">
<input name="csrf_token" type="hidden" value="T1"><input type="radio" name="category" value="3">
<input type="radio" name="category" value="5"></form>
<a href="/kaart">map</a> <a href="/kaart/20-apotheek-crabbehof">one</a>
"""


def test_form_fields_come_from_the_form_named() -> None:
    assert hidden_fields(PAGE, "/account/inloggen") == {"next": "", "csrf_token": "T1"}
    assert hidden_fields(PAGE)["next"] == "/account/inloggen"
    assert radio_values(PAGE, "category", "/account/inloggen") == ["3", "5"]
    assert csrf_token(PAGE) == "T1"
    assert first_link(PAGE, r"/kaart/\d+-[\w-]+") == "/kaart/20-apotheek-crabbehof"


def _summary(rps: float, p95: float, kb: float, score: int | None, pss: float) -> dict:
    rows = [
        {"scenario": report.CEILING, "group": "ceiling", "users": 8, "rps": 100.0},
        {"scenario": "/", "group": "anonymous", "users": 8, "rps": rps, "p95_ms": p95},
        {"scenario": "POST claim", "group": "logged-in", "users": 8, "rps": 6.0, "p95_ms": 50},
        {"scenario": "/", "group": "anonymous", "users": 1, "rps": 1.0, "p95_ms": 900},
    ]
    report.add_fractions(rows)
    lighthouse = {"/": {"score": score, "lcp_s": 1.2} if score else {"error": "not measured: x"}}
    visit = {"gzip_bytes": 1, "encodings": ["identity"], "requests": 3}
    return {
        "throughput": rows,
        "first_visit": {path: {**visit, "bytes": int(kb * 1000)} for path in ("/", "/agenda")}
        | {"/kaart": {**visit, "bytes": 100_000}},
        "lighthouse": lighthouse,
        "workers": {
            "peak_mb": {
                1: {"rss": 150.0, "pss": pss, "uss": 40.0},
                2: {"rss": 150.0, "pss": pss - 1, "uss": 40.0},
            }
        },
    }


def test_targets_pass_when_met_at_eight_users() -> None:
    checks = report.check(_summary(rps=40, p95=80, kb=49, score=96, pss=99))
    assert {c["result"] for c in checks} == {"pass"}
    # Only the 8-user rows are checked; the ceiling is not a page.
    assert not any("ceiling (" in c["target"] or "at 1 users" in c["target"] for c in checks)


def test_each_missed_target_fails_on_its_own_line() -> None:
    checks = {c["target"]: c["result"] for c in report.check(_summary(29, 100, 50, 94, 100))}
    assert checks["/: req/s over ceiling at 8 users (anonymous)"] == "FAIL"
    assert checks["/: p95 at 8 users"] == "FAIL"
    assert checks["POST claim: req/s over ceiling at 8 users (logged-in)"] == "pass"
    assert checks["first visit /: bytes as served"] == "FAIL"
    assert checks["first visit /kaart: bytes as served"] == "pass"
    assert checks["Lighthouse /: mobile performance"] == "FAIL"
    # Judged on PSS (RSS counts the master's shared pages in full): 100 MB fails, RSS 150 not.
    assert checks["gunicorn worker PSS (highest seen)"] == "FAIL"


def test_a_run_of_some_steps_checks_only_those_and_reports_memory_three_ways() -> None:
    summary = _summary(40, 80, 49, 96, 70)
    for step in ("throughput", "first_visit", "lighthouse"):
        del summary[step]
    checks = report.check(summary)
    assert [c["target"] for c in checks] == ["gunicorn worker PSS (highest seen)"]
    assert checks[0]["result"] == "pass"
    assert "RSS 150.0 MB, USS 40.0 MB" in checks[0]["note"]
    summary["workers"] |= {
        "after": "after 300 requests at 8 users",
        "master_mb": {"rss": 160.0, "pss": 60.0, "uss": 20.0},
        "after_mb": {1: {"rss": 149.0, "pss": 69.0, "uss": 39.0}},
        "crashes": 0,
    }
    text = report.markdown(
        summary
        | {
            "checks": checks,
            "machine": {"commit": "c", "nproc": 2, "cpu": "x", "load_start": "1", "load_end": "1"},
            "started": "now",
            "mode": "quick",
            "data": "demo",
            "duration": 2,
            "warmup": 0.5,
            "workers_count": 2,
            "notes": [],
        }
    )
    assert "## Throughput" not in text and "## Lighthouse" not in text
    assert "| worker 1 | 149.0 | 69.0 | 39.0 | 150.0 | 70.0 | 40.0 |" in text
    assert "| master | 160.0 | 60.0 | 20.0 |" in text


def test_what_was_not_measured_is_said_so_and_never_passes() -> None:
    checks = {c["target"]: c for c in report.check(_summary(40, 80, 49, None, 99))}
    line = checks["Lighthouse /: mobile performance"]
    assert line["result"] == "NOT MEASURED"
    assert line["measured"] is None
    assert line["note"] == "not measured: x"
    assert "NOT MEASURED" in report.markdown(
        {
            **_summary(40, 80, 49, None, 99),
            "checks": list(checks.values()),
            "machine": {"commit": "c", "nproc": 2, "cpu": "x", "load_start": "1", "load_end": "1"},
            "started": "now",
            "mode": "quick",
            "data": "demo",
            "duration": 2,
            "warmup": 0.5,
            "lighthouse_load": "1",
            "notes": [],
        }
        | {
            "workers_count": 2,
            "workers": {
                "peak_mb": {1: {"rss": 99.0, "pss": 60.0, "uss": 30.0}},
                "after_mb": {1: {"rss": 98.0}},
                "crashes": 0,
            },
        }
    )


def test_the_ceiling_says_hello() -> None:
    answer = hello_app.test_client().get("/")
    assert answer.status_code == 200
    assert answer.data == b"Hello, world!\n"
