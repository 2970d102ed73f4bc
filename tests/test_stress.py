"""``make stress``'s own logic: reading the sign-up forms, sorting answers, the checks.

The stress run itself takes minutes (a PostgreSQL server, the demo data, gunicorn: see
docs/reliability.md), over what a suite test may take; these tests keep its parts honest
without running it.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime, timedelta

from app.activities.recurrence import format_key
from bench.stress.load import route, signup_forms
from tests.activities.factories import make_activity
from tests.conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("stress", ROOT / "scripts" / "stress.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stress"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_sign_up_forms_are_read_from_the_real_activity_page(app, client, login_as):
    from app.extensions import db

    start = (datetime.now() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    activity = make_activity(start=start, registration_enabled=True, capacity=5)
    db.session.commit()
    login_as("resident")
    path = f"/agenda/{activity.id}-{activity.slug}"
    forms = signup_forms(client.get(path).text)
    sign_up = (f"/agenda/{activity.id}/aanmelden", format_key(start))
    assert sign_up in forms
    answer = client.post(sign_up[0], data={"occurrence": sign_up[1]})
    assert answer.status_code == 302
    after = signup_forms(client.get(path).text)
    assert (f"/agenda/{activity.id}/afmelden", format_key(start)) in after
    assert sign_up not in after


def test_routes_leave_out_ids_and_query_strings():
    assert route("/prikbord/12/oppakken") == "/prikbord/<id>/oppakken"
    assert route("/agenda/4-koffie-ochtend?x=1") == "/agenda/<id>"
    assert route("/api/v1/prikbord") == "/api/v1/prikbord"


def _summary(script, requests: list[dict], timeline, *, recovered_after: float = 1.5) -> dict:
    return {
        "answers": script.classify(requests, timeline),
        "timeline": {"recovery_seconds": recovered_after},
        "app_restarted": False,
        "writes": {"question": {"acknowledged": 3, "missing": 0}},
        "mail": {
            "outbox": 4,
            "not_sent": 0,
            "received": 4,
            "never_received": 0,
            "received_twice_or_more": 0,
            "unknown_received": 0,
        },
    }


def _request(start: float, end: float, status: int) -> dict:
    return {"start": start, "end": end, "status": status, "method": "GET", "route": "/"}


def test_a_500_fails_inside_the_outage_and_a_503_fails_outside_it():
    script = _script()
    timeline = script.Timeline(outage_start=10.0, outage_back=15.0, recovered=16.0, kill=30.0)
    calm = [_request(1, 2, 200), _request(9, 10.5, 503), _request(12, 13, 503)]
    calm += [_request(30.5, 31, 0), _request(40, 41, 302)]
    checks = script.checks(_summary(script, calm, timeline))
    assert {c["result"] for c in checks} == {"pass"}, checks

    inside_500 = [*calm, _request(15.5, 16.5, 500)]
    failed_checks = [
        c["check"]
        for c in script.checks(_summary(script, inside_500, timeline))
        if c["result"] != "pass"
    ]
    assert failed_checks == ["5xx inside the outage other than 503"]
    outside_503 = [*calm, _request(16.5, 17, 503)]
    failed_checks = [
        c["check"]
        for c in script.checks(_summary(script, outside_503, timeline))
        if c["result"] != "pass"
    ]
    assert failed_checks == ["5xx outside the outage"]


def test_no_answer_away_from_the_kill_and_a_slow_recovery_fail():
    script = _script()
    timeline = script.Timeline(outage_start=10.0, outage_back=15.0, recovered=16.0, kill=30.0)
    requests = [_request(9, 10.5, 503), _request(20, 21, 0)]
    failed = [
        c["check"]
        for c in script.checks(_summary(script, requests, timeline, recovered_after=12.0))
        if c["result"] != "pass"
    ]
    assert failed == [
        "recovery after PostgreSQL is back",
        "requests without an answer, away from the kill",
    ]
