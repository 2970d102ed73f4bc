"""The contact route the resident chose is honoured: a helper reads only what was shared.

Phone only when the resident asked to be called, email only when they asked for an email,
neither for "send me a message on Wijkplein" — on the question page, in mails and in the
helper's own data download. The requester and professionals keep reading everything.
"""

from __future__ import annotations

import json

import pytest

from app.extensions import db
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer

NAME = "Fatima Vrager"
PHONE = "+31612300077"
EMAIL = "fatima.vrager@example.org"
GUEST_PHONE = "+31620000777"
GUEST_EMAIL = "gast.vrager@example.org"

# route → which details the helper reads
SHARED = {"phone": {"phone"}, "email": {"email"}, "message": set()}


def _question(route: str, *, guest: bool = False):
    helper = make_volunteer(name="Hanna Helper")
    if guest:
        question = make_question(
            guest=True,
            guest_name=NAME,
            guest_phone=GUEST_PHONE,
            guest_email=GUEST_EMAIL,
            contact_route=route,
            status="claimed",
            helper=helper,
        )
        phone, email = GUEST_PHONE, GUEST_EMAIL
    else:
        requester = make_user("resident", name=NAME, phone=PHONE, email=EMAIL)
        question = make_question(
            requester=requester, contact_route=route, status="claimed", helper=helper
        )
        phone, email = PHONE, EMAIL
    db.session.commit()
    return question, helper, phone, email


@pytest.mark.parametrize("guest", [False, True], ids=["account", "guest"])
@pytest.mark.parametrize("route", list(SHARED))
def test_the_helper_reads_only_the_contact_the_resident_chose(app, client, login_as, route, guest):
    question, helper, phone, email = _question(route, guest=guest)
    login_as(user=helper)
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert NAME in page
    assert (phone in page) == ("phone" in SHARED[route]), route
    assert (email in page) == ("email" in SHARED[route]), route


@pytest.mark.parametrize("route", list(SHARED))
def test_professionals_and_the_requester_keep_reading_every_contact_detail(
    app, client, login_as, route
):
    question, _helper, phone, email = _question(route)
    for user in (make_user("professional"), question.requester):
        db.session.commit()
        login_as(user=user)
        page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
        assert phone in page and email in page, route
        client.get("/account/uitloggen")


def test_a_professional_who_helps_reads_every_contact_detail(app, client, login_as):
    pro = make_user("professional")
    requester = make_user("resident", name=NAME, phone=PHONE, email=EMAIL)
    question = make_question(
        requester=requester, contact_route="message", status="claimed", helper=pro
    )
    db.session.commit()
    login_as(user=pro)
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert PHONE in page and EMAIL in page


@pytest.mark.parametrize("route", list(SHARED))
def test_the_helpers_data_download_holds_only_the_shared_contact(app, client, login_as, route):
    question, helper, phone, email = _question(route)
    login_as(user=helper)
    response = client.get("/account/mijn-gegevens")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    data = json.loads(body)
    helping = data["questions"]["helping"]
    assert [q["id"] for q in helping] == [question.id]
    assert helping[0]["contact"]["name"] == NAME
    assert (phone in body) == ("phone" in SHARED[route]), route
    assert (email in body) == ("email" in SHARED[route]), route


def test_mails_to_the_helper_carry_no_contact_details(app, client, login_as, mailbox):
    question, helper, phone, email = _question("message")
    login_as(user=question.requester)
    client.post(f"/prikbord/{question.id}/bericht", data={"message-body": "Dank je, tot snel."})
    mails = mailbox.to(helper.email)
    assert mails
    for mail in mails:
        text = mailbox.body(mail) + str(mail["Subject"])
        assert phone not in text and email not in text


def test_a_helper_who_picks_up_a_question_sees_no_email_when_a_message_was_chosen(
    app, client, login_as
):
    requester = make_user("resident", name=NAME, phone=PHONE, email=EMAIL)
    question = make_question(requester=requester, contact_route="message")
    volunteer = make_volunteer()
    db.session.commit()
    login_as(user=volunteer)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 302
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert NAME in page and EMAIL not in page and PHONE not in page
