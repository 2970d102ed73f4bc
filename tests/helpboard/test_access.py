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


# The actions issue 10 added: who may take them, and that a refused role changes nothing.
#                       anon   resident vol   pro   mod   admin
ACTION_MATRIX = {
    "gevoelig": (LOGIN, 403, 403, 302, 403, 302),
    "gastlinks-stoppen": (LOGIN, 403, 403, 302, 403, 302),
}
ACTION_FORMS = {"gevoelig": "sensitive", "gastlinks-stoppen": "stoplinks"}


@pytest.mark.parametrize(
    ("action", "role", "status"),
    [(a, role, s[i]) for a, s in ACTION_MATRIX.items() for i, role in enumerate(ROLES)],
)
def test_only_professionals_mark_a_question_sensitive_or_stop_a_guests_links(
    app, client, login_as, action, role, status
):
    from app.helpboard.guest_links import find
    from app.helpboard.notify import guest_token
    from tests.helpboard.factories import make_question

    question = make_question(guest=True)
    token = guest_token(question)
    db.session.commit()
    if role != "anonymous":
        login_as(role)
    response = client.post(
        f"/beheer/prikbord/{question.id}/{action}",
        data={f"{ACTION_FORMS[action]}-submit": "1"},
    )
    assert response.status_code == status, f"{role} {action}: {response.status_code}"
    db.session.expire_all()
    allowed = status == 302 and role != "anonymous"
    if action == "gevoelig":
        assert question.professionals_only is allowed
    else:
        assert (find(token) is None) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_whoever_holds_a_guest_link_may_stop_the_links_and_a_wrong_token_stops_nothing(
    app, client, login_as, role
):
    from app.helpboard.guest_links import find
    from app.helpboard.notify import guest_token
    from tests.helpboard.factories import make_question

    question = make_question(guest=True)
    token, other = guest_token(question), guest_token(question)  # e.g. a mail and a reminder
    db.session.commit()
    if role != "anonymous":
        login_as(role)
    assert client.post("/prikbord/gast/not-a-token/stoppen").status_code == 404
    assert find(token) is not None  # a wrong token stopped nothing
    response = client.post(f"/prikbord/gast/{token}/stoppen", data={"stop-submit": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert find(token) is None and find(other) is None  # every link to the question ends
