"""Every route declares who may open it, and every state-changing request needs a CSRF token."""

from __future__ import annotations

import pytest

from app.core.access import access_rule
from tests.conftest import make_test_app

# Endpoints served by Flask itself.
EXEMPT = {"static"}


def _rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint not in EXEMPT]


def test_every_view_declares_an_access_rule(app):
    missing = [
        rule.rule for rule in _rules(app) if access_rule(app.view_functions[rule.endpoint]) is None
    ]
    assert not missing, f"routes without an access decorator from app.core.access: {missing}"


def _example_url(rule) -> str:
    values = {arg: "1" for arg in rule.arguments}
    url = rule.rule
    for arg, value in values.items():
        url = url.replace(f"<{arg}>", value)
        for converter in ("int", "string", "path", "slug"):
            url = url.replace(f"<{converter}:{arg}>", value)
    return url.replace("<", "").replace(">", "")


@pytest.fixture
def csrf_app(database_url, smtp_server):
    _, port = smtp_server
    return make_test_app(database_url, port, WTF_CSRF_ENABLED=True)


def test_every_state_changing_request_without_a_csrf_token_is_refused(csrf_app, app):
    client = csrf_app.test_client()
    checked = 0
    for rule in _rules(csrf_app):
        for method in sorted((rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}):
            response = client.open(_example_url(rule), method=method, data={"x": "1"})
            assert response.status_code == 400, (
                f"{method} {rule.rule} answered {response.status_code}"
            )
            checked += 1
    assert checked > 0
