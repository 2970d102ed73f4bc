"""Every route, every role, hostile values in every query parameter and form field: never a 500.

The test walks ``app.url_map``. It fills each path with the ids of a small world (a service,
an activity, questions in several states, a report, the users), reads the forms off every page
each role can open (BeautifulSoup) and adds the query parameters the views read
(``QUERY_PARAMETERS``, kept in step with ``request.args`` in app/). Then it sends:

1. a sweep: each form and address (once per endpoint), every field at once a huge number,
   NaN, a far date, control characters, or two values, as a role that sees it;
2. a few hundred hypothesis examples: a role, a target, and per field either a real value
   (so the form gets past its other checks) or a hostile one: huge and negative integers,
   NaN and infinity, dates far away, control characters, line breaks, empty strings,
   several values for one name.

The test client lets an unhandled error through as an exception (``TESTING``), so a 500 fails
with its traceback; a response with status 500 fails too. ``derandomize`` keeps CI stable.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import current_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.accounts.models import User
from app.activities.models import PROPOSED
from app.extensions import db
from app.helpboard.models import CLAIMED, Report
from app.helpboard.notify import guest_token
from app.outbox.models import OutboxMail
from app.servicemap.mapview import shell
from app.taxonomy.builtin import ensure_builtin_categories
from tests.activities.factories import make_activity
from tests.factories import make_organisation, make_user
from tests.helpboard.factories import make_message, make_question, make_volunteer, neighbourhood
from tests.servicemap.factories import make_service

ROLES = (None, "resident", "volunteer", "moderator", "professional", "admin")
# Pages read as these roles to find the forms (an admin sees every staff form; the requester
# and the helper of a question see theirs).
DISCOVERY_ROLES = ("admin", "resident", "volunteer", None)

# static serves files; the tile proxy needs an upstream and answers 502 without one
# (tests/servicemap/test_api.py covers it).
SKIPPED_ENDPOINTS = {"static", "servicemap.tile"}

_AGENDA = ("view", "period", "date", "category", "target", "language", "place", "free")
_MAP = ("q", "search", "category", "language", "open_now", "lat", "lon", "page", "per_page")
# What the views read from request.args (grep -rn "request.args" app/); every GET route also
# gets ?page= and ?pagina= (app/core/pagination.py).
QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "helpboard.index": ("voor", "categorie"),
    "activities.index": _AGENDA,
    "activities.poster": _AGENDA,
    "activities.feed": _AGENDA,
    "activities.api_events": ("start", "end", *_AGENDA),
    "activities.attendee_list": ("occurrence", "series"),
    "activities.change_date": ("occurrence",),
    "servicemap.index": _MAP,
    "servicemap.api_services": _MAP,
    "servicemap.geojson": _MAP,
    "accounts.manage.users": ("q", "role"),
    "accounts.manage.residents": ("phone",),
    "accounts.login": ("next",),
}

HUGE = "99999999999999999999999"
SAMPLES = (
    HUGE,
    "",
    "-" + HUGE,
    "NaN",
    "9999-12-31",
    "a\r\nBcc: x@example.org",
    "\x00",
    "2147483648",
    "inf",
    "0001-01-01",
    " ",
    "-1",
    "0",
    "1e309",
    "2026-02-30",
    "25:61",
    "\u202e\u0663\ufeff",
    "x" * 3000,
    "<script>alert(1)</script>",
    "FREQ=SECONDLY;INTERVAL=0;COUNT=" + HUGE,
    "null",
    "[]",
    "../../etc/passwd",
    "%",
    "-inf",
    "10000-01-01",
    "00:00-24:00",
)
# The sweep's kinds of value, each sent to every field of a form at once.
SWEEP = ([HUGE], ["NaN"], ["9999-12-31"], ["a\r\n\x00b"], ["", "-" + HUGE])
HOSTILE = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(max_size=20),
    st.integers().map(str),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.floats().map(str),
)


@dataclass
class Target:
    """An address to send values to: GET parameters or a POSTed form."""

    method: str
    path: str
    endpoint: str
    roles: list[str | None] = field(default_factory=list)
    # field name -> real values seen on the page (options of a select, a hidden field's value)
    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.path


@dataclass
class World:
    users: dict[str, User]
    paths: dict[str, list[str]]


def _world() -> World:
    ensure_builtin_categories()
    crabbehof = neighbourhood()
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    users = {
        "resident": make_user("resident", email="bewoner@example.org", phone="0611111111"),
        "volunteer": make_volunteer(email="vrijwilliger@example.org"),
        "moderator": make_user("moderator", email="moderator@example.org"),
        "professional": make_user(
            "professional", email="professional@example.org", organisation=organisation
        ),
        "admin": make_user("admin", email="admin@example.org"),
    }
    service = make_service("Taalcafé", organisation=organisation)
    start = date.today() + timedelta(days=2)
    activity = make_activity(
        "Koffieochtend",
        start=datetime.combine(start, time(10)),
        rrule="FREQ=WEEKLY",
        organisation=organisation,
        location=service.location,
        registration_enabled=True,
        capacity=5,
    )
    proposal = make_activity(
        "Buurtfeest",
        organisation=None,
        organiser=users["resident"],
        created_by=users["resident"],
        status=PROPOSED,
    )
    asked = make_question(requester=users["resident"])
    claimed = make_question(requester=users["resident"], status=CLAIMED, helper=users["volunteer"])
    message = make_message(claimed, users["volunteer"])
    guest = make_question(guest=True, in_triage=True)
    report = Report(
        question_id=claimed.id,
        message_id=message.id,
        reporter_id=users["resident"].id,
        reason="Onaardig",
    )
    db.session.add(report)
    mail = OutboxMail(recipient="h@example.org", subject="Hallo", template="t", message="m")
    db.session.add(mail)
    db.session.commit()
    ints = {
        "mail_id": [mail.id],
        "activity_id": [activity.id, proposal.id],
        "service_id": [service.id],
        "location_id": [service.location_id],
        "question_id": [claimed.id, asked.id, guest.id],
        "report_id": [report.id],
        "user_id": [users["resident"].id, users["volunteer"].id],
        "neighbourhood_id": [crabbehof.id],
        "organisation_id": [organisation.id],
    }
    paths = {name: [str(v) for v in values] for name, values in ints.items()}
    paths.update(
        slug=[activity.slug, "crabbehof"],
        service_uuid=[service.uuid, "not-a-uuid"],
        token=[guest_token(guest), "x.y.z"],
        digest=[_map_digest(), "0" * 12],
        table=["questions", "no-such-table"],
        name=["0" * 64 + "-320.jpg", "x-1.webp", "..%2F..%2Fetc"],  # a photo's copy (/media)
    )
    return World(users=users, paths=paths)


def _map_digest() -> str:
    """Return the map script's digest (the shell links to static files, so it needs a request)."""
    with current_app.test_request_context():
        return shell().digest


def _fill(rule, world: World, choice: int = 0) -> str | None:
    """Return the rule's path with the world's values (the ``choice``-th of each), or None."""
    values = {}
    for name in rule.arguments:
        options = world.paths.get(name)
        if not options:
            return None
        values[name] = options[choice % len(options)]
    try:
        return rule.build(values, append_unknown=False)[1]
    except Exception:  # noqa: BLE001 — a rule the world cannot fill is left out
        return None


def _client_as(app, world: World, role: str | None):
    client = app.test_client()
    if role is not None:
        user = db.session.get(User, world.users[role].id)
        if user.is_blocked:  # an example may have blocked them; the next one needs them back
            user.is_blocked = False
            db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["two_factor_ok"] = True
    return client


def _forms(html: str, page_path: str):
    """Yield (method, path, base args, {name: [values]}) for each form on the page."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        method = (form.get("method") or "get").upper()
        action = urlsplit(form.get("action") or page_path)
        if action.netloc:
            continue
        fields: dict[str, list[str]] = {}
        for element in form.find_all(["input", "select", "textarea", "button"]):
            name = element.get("name")
            if not name:
                continue
            values = fields.setdefault(name, [])
            if element.name == "select":
                values.extend(o.get("value", o.get_text()) for o in element.find_all("option"))
            elif element.name == "textarea":
                values.append(element.get_text())
            elif element.get("value") is not None:
                values.append(element["value"])
        yield method, action.path or page_path, dict(parse_qsl(action.query)), fields


def _targets(app, world: World) -> list[Target]:
    adapter = app.url_map.bind("localhost")
    targets: dict[tuple[str, str], Target] = {}

    def add(method: str, path: str, role: str | None | bool, fields: dict[str, list[str]]) -> None:
        """Note the target; ``role`` is who saw it on a page (False: found in the url_map)."""
        try:
            endpoint = adapter.match(path, method=method)[0]
        except Exception:  # noqa: BLE001 — a form pointing nowhere is the page's problem
            return
        if endpoint in SKIPPED_ENDPOINTS:
            return
        target = targets.setdefault((method, path), Target(method, path, endpoint))
        if role is not False and role not in target.roles:
            target.roles.append(role)
        for name, values in fields.items():
            known = target.fields.setdefault(name, [])
            known.extend(v for v in values if v not in known)

    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in SKIPPED_ENDPOINTS]
    for rule in rules:
        for choice in range(3):
            path = _fill(rule, world, choice)
            if path is None:
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                params = QUERY_PARAMETERS.get(rule.endpoint, ())
                get_fields = {name: [] for name in (*params, "page", "pagina")}
                add(method, path, False, get_fields if method == "GET" else {})
    for role in DISCOVERY_ROLES:
        for path in [p for m, p in targets if m == "GET"]:
            response = _client_as(app, world, role).get(path)
            assert response.status_code != 500, (role, path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            add("GET", path, role, {})
            for form_method, form_path, base, fields in _forms(
                response.get_data(as_text=True), path
            ):
                add(form_method, form_path, role, {**{k: [v] for k, v in base.items()}, **fields})
    return sorted(targets.values(), key=lambda t: t.key)


def _send(app, world: World, target: Target, role: str | None, values: dict[str, list[str]]):
    client = _client_as(app, world, role)
    if target.method == "GET":
        response = client.get(target.path, query_string=values)
    else:
        response = client.open(target.path, method=target.method, data=values)
    assert response.status_code < 500, (target.method, target.path, role, values)
    db.session.rollback()


@pytest.fixture
def fuzz_world(app):
    """The world, with the geocoder on a closed port (no request leaves this machine)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    saved = {k: app.config[k] for k in ("TILE_URL", "GEOCODER_URL")}
    app.config["TILE_URL"] = f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
    app.config["GEOCODER_URL"] = f"http://127.0.0.1:{port}/free"
    app.extensions.pop("servicemap_tiles", None)
    world = _world()
    yield world, _targets(app, world)
    app.config.update(saved)
    app.extensions.pop("servicemap_tiles", None)


def test_no_input_gives_a_500(fuzz_world, app):
    world, targets = fuzz_world
    # The walk found every route, and read the forms off the pages with their fields.
    endpoints = {t.endpoint for t in targets}
    missing = {r.endpoint for r in app.url_map.iter_rules()} - endpoints - SKIPPED_ENDPOINTS
    assert not missing
    assert len([t for t in targets if t.method == "POST" and t.fields]) > 30

    # The sweep: each form and address, every field at once one kind of hostile value.
    widest: dict[tuple[str, str], Target] = {}
    for target in targets:
        key = (target.method, target.endpoint)
        if key not in widest or len(target.fields) > len(widest[key].fields):
            widest[key] = target
    for target in widest.values():
        names = list(target.fields) or ["id"]
        role = target.roles[0] if target.roles else "admin"
        for value in SWEEP:
            _send(app, world, target, role, dict.fromkeys(names, value))

    # Hypothesis: a role, a target, and per field a real value or hostile ones.
    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data) -> None:
        target = data.draw(st.sampled_from(targets), label="target")
        role = data.draw(st.sampled_from([*target.roles, *ROLES]), label="role")
        values: dict[str, list[str]] = {}
        for name, real in target.fields.items():
            choice = data.draw(
                st.one_of(
                    st.sampled_from(real or [""]).map(lambda v: [v]),
                    HOSTILE.map(lambda v: [v]),
                    st.lists(HOSTILE, min_size=2, max_size=3),
                    st.just([]),
                ),
                label=name,
            )
            if choice:
                values[name] = choice
        _send(app, world, target, role, values)

    fuzz()
