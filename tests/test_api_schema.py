"""The open-data API keeps to its OpenAPI description (app/pages/openapi.json): schemathesis.

Schemathesis reads the description the app serves, generates requests for each operation
(valid and invalid parameters) and checks every answer: no 5xx, a documented status code and
content type, and a body that fits the response schema. ``derandomize`` keeps CI stable.

Schemathesis' own pytest loader (``schemathesis.pytest.from_fixture``) sets ``node._nodeid``,
which pytest 9 no longer has; so each operation's cases come from ``as_strategy`` under a plain
hypothesis ``@given``, inside a test that has the ``app`` fixture (both databases).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.extensions import db
from tests.activities.factories import make_activity
from tests.servicemap.factories import make_service, open_always

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(app):
    """The served description, against the app, with a service and an activity to find."""
    service = make_service(
        "Taalcafé", hours=open_always(), phone="078 123 40 02", email="taal@example.org"
    )
    make_activity(
        "Koffieochtend",
        start=datetime.combine(date.today() + timedelta(days=1), time(10)),
        rrule="FREQ=WEEKLY",
        location=service.location,
    )
    db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_described(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 4
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not operation.query:
            continue  # a path string has no invalid value: every text is a (missing) service id

        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def answers_as_described(case) -> None:
            # schemathesis asks for gzip like `requests` does but reads the body undecoded; the
            # compression itself is tested in tests/core (Flask-Compress).
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
            db.session.rollback()

        answers_as_described()


def test_the_description_is_served_to_anyone(client, app):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    described = set(response.get_json()["paths"])
    routes = {
        rule.rule.replace("<string:service_uuid>", "{service_uuid}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint.split(".")[0] != "helpboard"
    }
    assert routes - {"/api/v1/openapi.json"} == described
