"""Guest links carry no personal data, are kept hashed and can be withdrawn (through HTTP)."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from datetime import timedelta

from sqlalchemy import select

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import GuestLink, Question
from tests.factories import make_user
from tests.helpboard.factories import category, make_question, make_volunteer, neighbourhood

EMAIL = "ayse.gast@example.org"
PHONE = "+31612345678"
LINK = re.compile(r"/prikbord/gast/([A-Za-z0-9_\-]+)")


def _put_out_as_guest(client) -> tuple[Question, str]:
    neighbourhood()
    data = {
        "category": str(category("forms-and-paperwork").id),
        "title": "Wie helpt mij met een formulier?",
        "urgency": "this_week",
        "contact_route": "email",
        "language": "nl",
        "guest_name": "Ayşe Gast",
        "guest_phone": "06 12345678",
        "guest_email": EMAIL,
        "form_token": "token-guest-links",
    }
    response = client.post("/prikbord/nieuw", data=data)
    assert response.status_code == 302
    sent = client.get(response.headers["Location"]).get_data(as_text=True)
    token = LINK.search(sent).group(1)
    return db.session.scalar(select(Question)), token


def _decodes_to(token: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        return b""


def test_the_link_is_random_and_only_its_hash_is_stored(app, client, mailbox, caplog):
    caplog.set_level(logging.DEBUG)
    question, token = _put_out_as_guest(client)
    mail_token = LINK.search(mailbox.body(mailbox.to(EMAIL)[0])).group(1)
    for value in (token, mail_token):
        assert len(value) >= 40
        for personal in (EMAIL, PHONE, "Ayşe"):
            assert personal not in value
            assert personal.encode() not in _decodes_to(value)
        assert b'"r"' not in _decodes_to(value)  # no readable data such as {"r": 131, ...}
    hashes = set(db.session.scalars(select(GuestLink.token_hash)))
    assert hashlib.sha256(token.encode()).hexdigest() in hashes
    assert hashlib.sha256(mail_token.encode()).hexdigest() in hashes
    assert token not in hashes and mail_token not in hashes
    page = client.get(f"/prikbord/gast/{mail_token}")
    assert page.status_code == 200 and "Wie helpt mij" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # Wijkplein's own log lines (the test's SMTP server logs what it receives: not ours).
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail."))
    assert EMAIL not in ours and PHONE not in ours


def test_the_guest_stops_the_link_and_it_opens_nothing_any_more(app, client, mailbox):
    question, token = _put_out_as_guest(client)
    mail_token = LINK.search(mailbox.body(mailbox.to(EMAIL)[0])).group(1)
    page = client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
    assert f"/prikbord/gast/{token}/stoppen" in page
    response = client.post(f"/prikbord/gast/{token}/stoppen")
    assert response.status_code == 302
    assert client.get(f"/prikbord/gast/{token}").status_code == 404
    assert client.get(f"/prikbord/gast/{mail_token}").status_code == 404
    assert client.post(f"/prikbord/gast/{token}/stoppen").status_code == 404
    reasons = set(db.session.scalars(select(GuestLink.ended_reason)))
    assert reasons == {"guest"}


def test_a_professional_stops_the_guests_links(app, client, login_as, get_page):
    question = make_question(guest=True, in_triage=True)
    with app.test_request_context():
        from app.helpboard.notify import guest_token

        token = guest_token(question)
    db.session.commit()
    assert client.get(f"/prikbord/gast/{token}").status_code == 200
    login_as(user=make_user("professional"))
    action = f"/beheer/prikbord/{question.id}/gastlinks-stoppen"
    assert get_page(f"/beheer/prikbord/{question.id}").find("form", action=action)
    assert client.post(action).status_code == 302
    assert not get_page(f"/beheer/prikbord/{question.id}").find("form", action=action)
    client.get("/account/uitloggen")
    assert client.get(f"/prikbord/gast/{token}").status_code == 404


def test_closing_the_question_ends_its_links(app, client, login_as):
    question = make_question(guest=True, status="claimed", helper=make_volunteer())
    with app.test_request_context():
        from app.helpboard.notify import guest_token

        token = guest_token(question)
    db.session.commit()
    login_as(user=make_user("professional"))
    response = client.post(f"/prikbord/{question.id}/sluiten", data={"close-reason": "no_answer"})
    assert response.status_code == 302
    client.get("/account/uitloggen")
    assert client.get(f"/prikbord/gast/{token}").status_code == 404


def test_an_unknown_or_too_old_link_opens_nothing(app, client):
    question = make_question(guest=True)
    with app.test_request_context():
        from app.helpboard.notify import guest_token

        token = guest_token(question)
    db.session.commit()
    assert client.get(f"/prikbord/gast/{token[:-1]}").status_code == 404
    assert client.get("/prikbord/gast/" + "x" * 300).status_code == 404
    link = db.session.scalar(select(GuestLink))
    link.created_at = utcnow() - timedelta(days=app.config["HELPBOARD_GUEST_LINK_DAYS"] + 1)
    db.session.commit()
    assert client.get(f"/prikbord/gast/{token}").status_code == 404


def test_a_professionals_mail_to_the_guest_carries_a_working_opaque_link(
    app, client, login_as, mailbox
):
    helper = make_volunteer()
    question = make_question(guest=True, status="claimed", helper=helper, guest_email=EMAIL)
    db.session.commit()
    login_as(user=helper)
    client.post(f"/prikbord/{question.id}/bericht", data={"message-body": "Ik bel je morgen."})
    body = mailbox.body(mailbox.to(EMAIL)[0])
    token = LINK.search(body).group(1)
    assert EMAIL.encode() not in _decodes_to(token)
    client.get("/account/uitloggen")
    assert "Ik bel je morgen." in client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
