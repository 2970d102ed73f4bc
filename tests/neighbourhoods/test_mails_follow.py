"""Mails follow the neighbourhood of their question or activity (issue 13).

They used to sign off as "Wijkplein Crabbehof" whatever the neighbourhood, and named no contact
point. Now a resident's mail about a Wielwijk question (confirmation, picked up, advice) and
the reminder of a Wielwijk activity name Wielwijk's contact point and sign off as Wielwijk;
the escalation and digest mails name the question's neighbourhood. Jobs run as cron runs them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.activities.agenda import today
from app.activities.operations import sign_up
from app.core.models import utcnow
from app.extensions import db
from app.helpboard import notify
from app.helpboard.models import Notification
from tests.activities.factories import make_activity
from tests.conftest import Mailbox
from tests.factories import make_neighbourhood, make_user
from tests.helpboard.factories import make_question, make_volunteer
from tests.neighbourhoods.helpers import WIELWIJK_RING


@pytest.fixture
def hoods(app):
    crabbehof = make_neighbourhood(
        "Crabbehof",
        is_default=True,
        contact_name="Wijkpunt Crabbehoeve",
        contact_phone="078 111 1111",
    )
    wielwijk = make_neighbourhood(
        "Wielwijk",
        boundary={"type": "Polygon", "coordinates": [WIELWIJK_RING]},
        contact_name="Wijkpunt De Wielwijker",
        contact_address="Wielwijkplein 1",
        contact_opening_hours="ma-vr 9-17",
        contact_phone="078 222 2222",
    )
    db.session.commit()
    return crabbehof, wielwijk


def _only_body(mailbox, address: str) -> str:
    messages = mailbox.to(address)
    assert len(messages) == 1, [str(m["Subject"]) for m in messages]
    return Mailbox.body(messages[0])


def _says_wielwijk(body: str) -> None:
    assert "Wijkpunt De Wielwijker" in body
    assert "Wielwijkplein 1" in body and "ma-vr 9-17" in body and "078 222 2222" in body
    assert "Wijkplein Wielwijk" in body
    assert "Crabbehoeve" not in body and "Wijkplein Crabbehof" not in body


def test_a_guests_mails_about_a_wielwijk_question_name_wielwijks_contact_point(app, mailbox, hoods):
    _crabbehof, wielwijk = hoods
    question = make_question(
        guest=True, neighbourhood_id=wielwijk.id, guest_email="gast.wielwijk@example.org"
    )
    notify.send_confirmation(question)
    db.session.commit()
    _says_wielwijk(_only_body(mailbox, "gast.wielwijk@example.org"))
    mailbox.clear()
    question.status, question.helper_id = "claimed", make_volunteer().id
    notify.send_status(question, "claimed")
    db.session.commit()
    _says_wielwijk(_only_body(mailbox, "gast.wielwijk@example.org"))


def test_a_crabbehof_question_keeps_crabbehofs_contact_point(app, mailbox, hoods):
    crabbehof, _wielwijk = hoods
    question = make_question(
        guest=True, neighbourhood_id=crabbehof.id, guest_email="gast.crab@example.org"
    )
    notify.send_confirmation(question)
    db.session.commit()
    body = _only_body(mailbox, "gast.crab@example.org")
    assert "Wijkpunt Crabbehoeve" in body and "Wijkplein Crabbehof" in body
    assert "Wielwijk" not in body


def test_a_neighbourhood_without_a_contact_point_mails_none_and_signs_off_plainly(
    app, mailbox, hoods
):
    elsewhere = make_neighbourhood("Oud-Krispijn", boundary=None)
    question = make_question(
        guest=True, neighbourhood_id=elsewhere.id, guest_email="gast.ok@example.org"
    )
    nowhere = make_question(guest=True, neighbourhood_id=None, guest_email="gast.nw@example.org")
    notify.send_confirmation(question)
    notify.send_confirmation(nowhere)
    db.session.commit()
    body = _only_body(mailbox, "gast.ok@example.org")
    assert "Wijkplein Oud-Krispijn" in body and "Wijkpunt" not in body
    plain = _only_body(mailbox, "gast.nw@example.org")
    assert "Wijkpunt" not in plain and "Wijkplein Crabbehof" not in plain


def test_the_reminder_of_a_wielwijk_activity_names_wielwijks_contact_point(
    app, runner, mailbox, hoods
):
    _crabbehof, wielwijk = hoods
    start = datetime.combine(today() + timedelta(days=1), datetime.min.time()).replace(hour=10)
    activity = make_activity(
        "Breien", start=start, neighbourhood=wielwijk, registration_enabled=True, capacity=5
    )
    sign_up(activity, start, make_user(email="breier@example.org"))
    db.session.commit()
    result = runner.invoke(args=["activities", "remind"])
    assert result.exit_code == 0, result.output
    _says_wielwijk(_only_body(mailbox, "breier@example.org"))


def test_the_escalation_mail_names_the_questions_neighbourhood(app, runner, mailbox, hoods):
    _crabbehof, wielwijk = hoods
    pro = make_user("professional", email="esra@example.org", neighbourhoods=[wielwijk])
    question = make_question(neighbourhood_id=wielwijk.id, title="Lamp ophangen")
    question.opened_at = question.created_at = utcnow() - timedelta(hours=100)
    db.session.commit()
    result = runner.invoke(args=["helpboard", "escalate"])
    assert result.exit_code == 0, result.output
    body = _only_body(mailbox, pro.email)
    assert "Lamp ophangen" in body and "Wielwijk" in body


def test_the_digest_names_each_questions_neighbourhood(app, runner, mailbox, hoods):
    _crabbehof, wielwijk = hoods
    volunteer = make_volunteer(email="dagmail@example.org", notify_mode="digest")
    question = make_question(neighbourhood_id=wielwijk.id, title="Formulier invullen")
    db.session.add(Notification(user_id=volunteer.id, question_id=question.id, kind="digest"))
    db.session.commit()
    result = runner.invoke(args=["helpboard", "digest"])
    assert result.exit_code == 0, result.output
    body = _only_body(mailbox, "dagmail@example.org")
    assert "Formulier invullen (" in body and ", Wielwijk)" in body
