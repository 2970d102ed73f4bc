"""No input gives a 500: each address and form field the review found, one test each.

The test client lets an unhandled error through as an exception (``TESTING``), so a test that
reaches a 500 fails with its traceback. ``test_fuzz_routes.py`` feeds every route hostile values.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.activities.models import Activity
from app.extensions import db
from app.helpboard.models import Report
from app.servicemap.models import Service
from tests.activities.factories import make_activity
from tests.factories import make_neighbourhood, make_organisation, make_user
from tests.helpboard.factories import make_message, make_question, make_volunteer
from tests.pages_helper import field_errors
from tests.servicemap.factories import category

HUGE = "99999999999999999999999"
FAR = "9999-12-31"


def test_a_huge_category_on_the_board_shows_the_board(client, app):
    assert client.get(f"/prikbord?categorie={HUGE}").status_code == 200
    assert client.get(f"/prikbord?categorie=-{HUGE}").status_code == 200


def test_a_huge_page_number_on_the_board_shows_a_page(client, app):
    assert client.get(f"/prikbord?pagina={HUGE}").status_code == 200
    assert client.get(f"/prikbord?page={HUGE}").status_code == 200


def test_a_huge_id_in_an_address_is_not_found(client, login_as):
    login_as("admin")
    for url in (
        f"/agenda/{HUGE}",
        f"/agenda/{HUGE}-feest",
        f"/kaart/{HUGE}",
        f"/kaart/plek/{HUGE}",
        f"/prikbord/{HUGE}",
        f"/beheer/gebruikers/{HUGE}",
        f"/beheer/kaart/{HUGE}/bewerken",
    ):
        assert client.get(url).status_code == 404, url


def test_a_nul_character_anywhere_is_refused(client, login_as):
    login_as("resident")
    assert client.get("/agenda?category=a%00b").status_code == 400
    assert client.get("/agenda/poster/a%00b").status_code == 400
    response = client.post("/account/", data={"name": "Henk\x00", "email": "h@example.org"})
    assert response.status_code == 400


def test_a_huge_place_on_the_agenda_and_its_feeds_is_ignored(client, app):
    make_activity(title="Taalcafé", start=_soon())
    db.session.commit()
    for url in (
        f"/agenda?place={HUGE}",
        f"/agenda.ics?place={HUGE}",
        f"/api/v1/events?start=2026-12-01&end=2026-12-20&place={HUGE}",
    ):
        assert client.get(url).status_code == 200, url


def test_a_huge_page_number_in_user_management_shows_a_page(client, login_as):
    login_as("admin")
    assert client.get(f"/beheer/gebruikers?page={HUGE}").status_code == 200


def test_reporting_a_message_with_a_huge_id_is_refused(client, login_as):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper)
    make_message(question, helper)
    db.session.commit()
    login_as(user=question.requester)
    response = client.post(
        f"/prikbord/{question.id}/melden",
        data={"report-reason": "Onaardig", "report-message_id": HUGE},
    )
    assert response.status_code in {400, 404}
    assert db.session.scalar(select(Report)) is None


def test_a_far_date_on_the_agenda_and_the_poster_shows_a_page(client, app):
    make_neighbourhood("Crabbehof")
    db.session.commit()
    for url in (
        f"/agenda?date={FAR}",
        f"/agenda?date={FAR}&view=week",
        f"/agenda?date={FAR}&view=month",
        f"/agenda?date={FAR}&period=week",
        "/agenda?date=0001-01-01&view=month",
        "/agenda?date=0001-01-01&view=week",
        f"/agenda/poster/crabbehof?date={FAR}",
        "/agenda/poster/crabbehof?date=0001-01-01",
    ):
        assert client.get(url).status_code in {200, 400}, url


def test_not_a_number_as_coordinates_is_refused_next_to_the_field(app, login_as, post_page):
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    login_as(user=make_user("professional", organisation=organisation))
    db.session.commit()
    data = {
        "name": "Taalcafé",
        "organisation": str(organisation.id),
        "description": "Oefen Nederlands.",
        "categories": [str(category("language-and-learning").id)],
        "access": "walk_in",
        "location_name": "Buurthuis",
        "address": "Karel Doormanweg 2",
        "postcode": "3317 JA",
        "city": "Dordrecht",
    }
    for latitude, longitude in (("51.79", "NaN"), ("NaN", "4.66"), ("51.79", "inf")):
        page = post_page(
            "/beheer/kaart/nieuw", {**data, "latitude": latitude, "longitude": longitude}
        )
        field = "longitude" if latitude == "51.79" else "latitude"
        assert field_errors(page, field), (latitude, longitude)
    assert db.session.scalar(select(Service)) is None


def test_a_phone_only_account_saving_a_blank_phone_is_told_to_fill_one_in(
    app, client, login_as, post_page
):
    user = login_as("resident", phone="0644444444")
    page = post_page(
        "/account/",
        {"name": user.name, "email": "", "phone": " ", "locale": "nl", "neighbourhood": "0"},
    )
    assert field_errors(page, "email")
    db.session.refresh(user)
    assert user.phone == "+31644444444"


def test_rejecting_a_proposal_whose_title_has_a_line_break_mails_the_proposer(
    app, client, login_as, mailbox
):
    proposer = make_user("resident", email="fatma@example.org")
    activity = make_activity(
        title="Feest\r\nBcc: iedereen@example.org",
        organisation=None,
        organiser=proposer,
        status="proposed",
        created_by=proposer,
    )
    db.session.commit()
    login_as("moderator")
    response = client.post(
        f"/beheer/agenda/voorstellen/{activity.id}/afwijzen", data={"reason": "Dit is reclame."}
    )
    assert response.status_code == 302
    assert db.session.get(Activity, activity.id).status == "rejected"
    [mail] = mailbox.to("fatma@example.org")
    assert "\n" not in mail["Subject"] and "\r" not in mail["Subject"]
    assert mail["Bcc"] is None


def _soon() -> datetime:
    return datetime.combine(date.today() + timedelta(days=1), time(10))
