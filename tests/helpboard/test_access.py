"""Who may open which page of the question board: role × route → status."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.helpboard.factories import neighbourhood

ROLES = ["anonymous", "resident", "volunteer", "professional", "moderator", "admin"]
LOGIN = 302
#        url                               anon   resident vol   pro   mod   admin
MATRIX = {
    "/prikbord": (200, 200, 200, 200, 200, 200),
    "/prikbord/nieuw": (200, 200, 200, 200, 200, 200),
    "/api/v1/prikbord": (200, 200, 200, 200, 200, 200),
    "/prikbord?voor=mij": (200, 200, 200, 200, 200, 200),
    "/prikbord/mijn": (LOGIN, 200, 200, 200, 200, 200),
    "/prikbord/vrijwilliger": (LOGIN, 403, 200, 403, 403, 200),
    "/beheer/prikbord": (LOGIN, 403, 403, 200, 403, 200),
    "/beheer/prikbord/nieuw": (LOGIN, 403, 403, 200, 403, 200),
    "/beheer/prikbord/vrijwilligers": (LOGIN, 403, 403, 200, 403, 200),
    "/beheer/prikbord/meldingen": (LOGIN, 403, 403, 200, 200, 200),
    "/prikbord/999999": (404, 404, 404, 404, 404, 404),
    "/prikbord/gast/not-a-token": (404, 404, 404, 404, 404, 404),
}
CASES = [
    (url, role, statuses[i]) for url, statuses in MATRIX.items() for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("url", "role", "status"), CASES)
def test_each_role_gets_the_right_answer_on_each_page(app, client, login_as, url, role, status):
    neighbourhood()
    db.session.commit()
    if role != "anonymous":
        login_as(role)
    response = client.get(url)
    assert response.status_code == status, f"{role} {url}: {response.status_code}"


@pytest.mark.parametrize(
    "url",
    [
        "/prikbord/1/oppakken",
        "/prikbord/1/klaar",
        "/prikbord/1/bericht",
        "/prikbord/1/melden",
        "/beheer/prikbord/1/goedkeuren",
        "/beheer/prikbord/meldingen/1/blokkeren",
    ],
)
def test_actions_send_anonymous_visitors_to_the_login_page(app, client, url):
    response = client.post(url)
    assert response.status_code == 302 and "/account/inloggen" in response.headers["Location"]
