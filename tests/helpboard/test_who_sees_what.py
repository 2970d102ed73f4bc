"""Who sees what on the question board: every role against every page and the API.

Personal data (name, phone, email) must appear only for the requester, the assigned helper and
professionals; descriptions only for those and vetted volunteers; sensitive questions only for
professionals (and the requester); hidden questions nowhere.
"""

from __future__ import annotations

import pytest

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.queries import ANONYMOUS, public_open_questions, question_select, viewer_for
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer

NAME = "Reinier Vraagsteller"
PHONE = "+31612398765"
EMAIL = "reinier.vraagsteller@example.org"
GUEST_NAME = "Gulsen Gastvrager"


@pytest.fixture
def world(app):
    requester = make_user("resident", name=NAME, phone=PHONE, email=EMAIL)
    helper = make_volunteer(name="Hanneke Helper")
    items = {
        "public": make_question(
            requester=requester, title="PUBLIC-TITLE", description="DESC-PUBLIC"
        ),
        "sensitive": make_question(
            requester=requester,
            slug="money-and-debt",
            title="SENSITIVE-TITLE",
            description="DESC-SENSITIVE",
        ),
        "housing": make_question(
            requester=requester,
            slug="housing",
            title="HOUSING-TITLE Huurachterstand en dreigende uitzetting",
            description="DESC-HOUSING",
        ),
        "private": make_question(
            requester=requester,
            title="PRIVATE-TITLE",
            description="DESC-PRIVATE",
            professionals_only=True,
        ),
        "claimed": make_question(
            requester=requester,
            title="CLAIMED-TITLE",
            description="DESC-CLAIMED",
            status="claimed",
            helper=helper,
        ),
        "triage": make_question(
            guest=True,
            in_triage=True,
            title="TRIAGE-TITLE",
            description="DESC-TRIAGE",
            guest_name=GUEST_NAME,
        ),
        "hidden": make_question(
            requester=requester,
            title="HIDDEN-TITLE",
            description="DESC-HIDDEN",
            hidden_at=utcnow(),
            hidden_reason="spam",
        ),
    }
    people = {
        "anonymous": None,
        "resident": make_user("resident"),
        "unvetted": make_volunteer(vetted=False),
        "vetted": make_volunteer(),
        "helper": helper,
        "requester": requester,
        "professional": make_user("professional"),
        "moderator": make_user("moderator"),
        "admin": make_user("admin"),
    }
    db.session.commit()
    return items, people


# viewer → questions whose page opens (the rest answer 404)
SEES = {
    "anonymous": {"public"},
    "resident": {"public"},
    "unvetted": {"public"},
    "vetted": {"public"},
    "helper": {"public", "claimed"},
    "requester": {"public", "sensitive", "claimed"},
    "professional": {"public", "sensitive", "claimed", "triage"},
    "moderator": {"public"},
    "admin": {"public", "sensitive", "claimed", "triage"},
}
# viewer → questions whose description they read
READS = {
    "anonymous": set(),
    "resident": set(),
    "unvetted": set(),
    "vetted": {"public"},
    "helper": {"public", "claimed"},
    "requester": {"public", "sensitive", "claimed"},
    "professional": {"public", "sensitive", "claimed", "triage"},
    "moderator": set(),
    "admin": {"public", "sensitive", "claimed", "triage"},
}
# viewer → questions whose contact details they see
CONTACT = {
    "helper": {"claimed"},
    "requester": {"public", "sensitive", "claimed"},
    "professional": {"public", "sensitive", "claimed", "triage"},
    "admin": {"public", "sensitive", "claimed", "triage"},
}
PERSONAL = (NAME, PHONE, EMAIL, GUEST_NAME)
# A housing question (rent arrears) and one the resident ticked "only for professionals" are
# seen exactly like a question in a sensitive category.
for _table in (SEES, READS, CONTACT):
    for _seen in _table.values():
        if "sensitive" in _seen:
            _seen |= {"housing", "private"}


def _log_in(client, login_as, user):
    if user is not None:
        login_as(user=user)


@pytest.mark.parametrize("role", list(SEES))
def test_each_role_sees_exactly_what_it_may_on_each_question_page(world, client, login_as, role):
    items, people = world
    _log_in(client, login_as, people[role])
    for key, question in items.items():
        response = client.get(f"/prikbord/{question.id}")
        html = response.get_data(as_text=True)
        if key not in SEES[role]:
            assert response.status_code == 404, (role, key)
            assert question.title not in html
            continue
        assert response.status_code == 200, (role, key)
        assert question.title in html
        assert (f"DESC-{key.upper()}" in html) == (key in READS[role]), (role, key)
        shows_contact = key in CONTACT.get(role, set())
        contact = NAME if key != "triage" else GUEST_NAME
        assert (contact in html) == shows_contact, (role, key)
        if not shows_contact:
            assert not any(p in html for p in PERSONAL), (role, key)


@pytest.mark.parametrize("role", list(SEES))
@pytest.mark.parametrize("url", ["/prikbord", "/api/v1/prikbord", "/prikbord?voor=mij", "/"])
def test_no_list_or_api_shows_personal_data_to_anyone(world, client, login_as, role, url):
    items, people = world
    _log_in(client, login_as, people[role])
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert not any(p in html for p in PERSONAL), (role, url)
    assert "HIDDEN-TITLE" not in html and "TRIAGE-TITLE" not in html
    if role not in ("professional", "admin"):
        assert "SENSITIVE-TITLE" not in html
        assert "DESC-SENSITIVE" not in html
        assert "HOUSING-TITLE" not in html and "PRIVATE-TITLE" not in html


def test_the_public_api_gives_a_rounded_location_and_no_description(world, client):
    items, _people = world
    data = client.get("/api/v1/prikbord").json["questions"]
    assert [q["title"] for q in data] == ["PUBLIC-TITLE"]
    item = data[0]
    assert set(item) == {
        "id",
        "title",
        "category",
        "neighbourhood",
        "created_at",
        "url",
        "location",
    }
    exact = items["public"]
    assert item["location"]["lat"] != exact.latitude
    assert abs(item["location"]["lat"] - exact.latitude) < 0.003
    assert abs(item["location"]["lon"] - exact.longitude) < 0.003


def test_the_helper_and_professionals_get_the_exact_location(world):
    items, people = world
    for role in ("helper", "professional"):
        row = db.session.execute(
            question_select(viewer_for(people[role])).where(
                question_select(ANONYMOUS).selected_columns.id == items["claimed"].id
            )
        ).one()
        assert row.latitude == pytest.approx(items["claimed"].latitude)


def test_public_open_questions_for_the_home_page_carry_no_personal_columns(world):
    items, _people = world
    rows = db.session.execute(public_open_questions(10)).all()
    assert [r.title for r in rows] == ["PUBLIC-TITLE"]
    row = rows[0]
    assert row.description is None and row.contact_name is None
    assert row.contact_phone is None and row.contact_email is None


def test_a_vetted_volunteer_sees_descriptions_on_the_board(world, client, login_as, get_page):
    _items, people = world
    login_as(user=people["vetted"])
    assert "DESC-PUBLIC" in get_page("/prikbord").get_text()
    login_as(user=people["unvetted"])
    assert "DESC-PUBLIC" not in get_page("/prikbord").get_text()


def test_a_guest_sees_their_own_question_through_the_signed_link(world, client):
    from app.helpboard.notify import guest_token

    items, _people = world
    with client.application.test_request_context():
        token = guest_token(items["triage"])
    page = client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
    assert "TRIAGE-TITLE" in page and "DESC-TRIAGE" in page
    assert client.get(f"/prikbord/gast/{token}x").status_code == 404


def test_distances_for_volunteers_come_from_the_rounded_location(app):
    from app.helpboard.matching import Need
    from app.helpboard.suggest import rounded

    need = rounded(Need(category_id=1, latitude=51.79512, longitude=4.66733))
    assert need.latitude != 51.79512
    assert need.latitude * 300 == pytest.approx(round(need.latitude * 300))
