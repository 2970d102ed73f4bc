"""A question goes to the neighbourhood that holds its location, and reaches its professionals.

The done-means of issue 13, end to end through HTTP: an admin opens Wielwijk with a GeoJSON
upload, a resident puts out a question with a location inside it, and Wielwijk's professional
(not Crabbehof's) finds it in triage and gets the mail.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Question
from app.neighbourhoods.models import Neighbourhood
from tests.factories import make_user
from tests.helpboard.factories import category, neighbourhood
from tests.neighbourhoods.helpers import IN_CRABBEHOF, IN_WIELWIJK, form

WIELWIJK_PRO = "esra.wielwijk@example.org"
CRABBEHOF_PRO = "mirjam.crabbehof@example.org"


def _question_form(title: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "category": str(category("forms-and-paperwork").id),
        "title": title,
        "urgency": "this_week",
        "contact_route": "phone",
        "language": "nl",
        "guest_name": "Ayşe",
        "guest_phone": "06 12345678",
        "form_token": f"token-{title}",
    }
    data.update(changes)
    return data


@pytest.fixture
def professionals():
    crabbehof = neighbourhood()
    crabbehof.is_default = True
    wielwijk_pro = make_user("professional", name="Esra", email=WIELWIJK_PRO)
    crabbehof_pro = make_user(
        "professional", name="Mirjam", email=CRABBEHOF_PRO, neighbourhoods=[crabbehof]
    )
    db.session.commit()
    return wielwijk_pro, crabbehof_pro


def _open_wielwijk(app, pro) -> Neighbourhood:
    """Open Wielwijk as an admin would: the form with the GeoJSON file."""
    admin = make_user("admin")
    db.session.commit()
    response = _client_of(app, admin).post(
        "/beheer/wijken/nieuw",
        data=form(professionals=[str(pro.id)]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    hood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "wielwijk"))
    assert hood is not None
    return hood


def _client_of(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["two_factor_ok"] = True
    return client


def test_a_question_located_in_wielwijk_reaches_wielwijks_professional_only(
    app, client, mailbox, professionals
):
    wielwijk_pro, crabbehof_pro = professionals
    wielwijk = _open_wielwijk(app, wielwijk_pro)
    crabbehof = neighbourhood()
    mailbox.clear()

    # A resident without an account, who looks at Crabbehof, shares a location in Wielwijk.
    lat, lon = IN_WIELWIJK
    response = client.post(
        "/prikbord/nieuw",
        data=_question_form(
            "Hulp bij een brief", neighbourhood=str(crabbehof.id), latitude=lat, longitude=lon
        ),
    )
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.title == "Hulp bij een brief"))
    assert question.neighbourhood_id == wielwijk.id
    assert (question.latitude, question.longitude) == (lat, lon)
    assert question.in_triage

    # Wielwijk's professional gets the mail at the SMTP server; Crabbehof's does not.
    mails = mailbox.to(WIELWIJK_PRO)
    assert len(mails) == 1
    assert "/beheer/prikbord/" in mailbox.body(mails[0])
    assert mailbox.to(CRABBEHOF_PRO) == []

    # Wielwijk's professional sees it in triage; Crabbehof's does not.
    triage = _client_of(app, wielwijk_pro).get("/beheer/prikbord").get_data(as_text=True)
    assert "Hulp bij een brief" in triage
    triage = _client_of(app, crabbehof_pro).get("/beheer/prikbord").get_data(as_text=True)
    assert "Hulp bij een brief" not in triage


def test_without_a_location_the_chosen_neighbourhood_counts(app, client, mailbox, professionals):
    wielwijk_pro, _ = professionals
    wielwijk = _open_wielwijk(app, wielwijk_pro)
    mailbox.clear()
    response = client.post(
        "/prikbord/nieuw", data=_question_form("Boodschappen", neighbourhood=str(wielwijk.id))
    )
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.title == "Boodschappen"))
    assert question.neighbourhood_id == wielwijk.id
    assert len(mailbox.to(WIELWIJK_PRO)) == 1
    assert mailbox.to(CRABBEHOF_PRO) == []


def test_a_location_in_crabbehof_goes_to_crabbehof_whatever_was_chosen(
    app, client, mailbox, professionals
):
    wielwijk_pro, _ = professionals
    wielwijk = _open_wielwijk(app, wielwijk_pro)
    mailbox.clear()
    lat, lon = IN_CRABBEHOF
    client.post(
        "/prikbord/nieuw",
        data=_question_form(
            "Taalmaatje", neighbourhood=str(wielwijk.id), latitude=lat, longitude=lon
        ),
    )
    question = db.session.scalar(select(Question).where(Question.title == "Taalmaatje"))
    assert question.neighbourhood_id == neighbourhood().id
    assert len(mailbox.to(CRABBEHOF_PRO)) == 1
    assert mailbox.to(WIELWIJK_PRO) == []


def test_a_location_outside_every_neighbourhood_keeps_the_chosen_one(app, client, professionals):
    wielwijk_pro, _ = professionals
    wielwijk = _open_wielwijk(app, wielwijk_pro)
    client.post(
        "/prikbord/nieuw",
        data=_question_form(
            "Ver weg", neighbourhood=str(wielwijk.id), latitude=52.37, longitude=4.89
        ),
    )
    question = db.session.scalar(select(Question).where(Question.title == "Ver weg"))
    assert question.neighbourhood_id == wielwijk.id


def test_the_question_form_offers_the_chosen_neighbourhood(app, client, professionals):
    wielwijk = Neighbourhood(name="Wielwijk", slug="wielwijk", boundary=None)
    db.session.add(wielwijk)
    db.session.commit()
    client.set_cookie("wijk", "wielwijk")
    page = client.get("/prikbord/nieuw").page
    chosen = page.find(id="neighbourhood").find("option", selected=True)
    assert chosen["value"] == str(wielwijk.id)
