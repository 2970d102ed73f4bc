"""'My data' holds all of it: every column that points at a person is in the register and the download."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from app.accounts.operations import log_event
from app.accounts.personal_data import uncovered_references, user_references
from app.activities.operations import record_change as record_activity_change
from app.activities.operations import sign_up
from app.core.privacy import REGISTER
from app.extensions import db
from app.helpboard.models import QuestionEvent
from app.servicemap.operations import record_change as record_service_change
from tests.activities.factories import make_activity
from tests.factories import make_user
from tests.helpboard.factories import make_question
from tests.servicemap.factories import make_service


def test_every_column_that_points_at_a_person_is_exported(app):
    assert uncovered_references() == set()


def test_every_column_that_points_at_a_person_is_in_the_privacy_register(app):
    registered = {column for entry in REGISTER for column in entry.columns}
    assert user_references() - registered == set()
    assert registered - user_references() == set(), "the register names a column that is gone"


def test_the_download_holds_sign_ups_and_the_histories_the_person_made(app, client, login_as):
    person = login_as("professional", name="Ilse")
    other = make_user("resident")
    start = datetime.combine(datetime.now().date() + timedelta(days=3), time(10))
    activity = make_activity("Taalcafé", start=start, registration_enabled=True, capacity=5)
    sign_up(activity, start, person)
    record_activity_change(activity, person, "edited", {"title": ["Taal", "Taalcafé"]})
    log_event(other, "blocked", actor=person, detail="spam")
    question = make_question()
    db.session.add(QuestionEvent(question_id=question.id, actor_id=person.id, action="approved"))
    service = make_service("Formulierenhulp")
    record_service_change(service, person, "edited", {"name": ["Hulp", "Formulierenhulp"]})
    db.session.commit()

    data = json.loads(client.get("/account/mijn-gegevens").get_data(as_text=True))

    [signup] = data["activities"]["signups"]
    assert signup["activity"] == "Taalcafé" and signup["status"] == "confirmed"
    assert data["activities"]["changes"][0]["action"] == "edited"
    assert data["account"]["actions_on_accounts"] == [
        {"when": data["account"]["actions_on_accounts"][0]["when"], "action": "blocked"}
    ]
    assert data["questions"]["question_history"][0]["action"] == "approved"
    assert data["services"]["changes"][0]["service"] == "Formulierenhulp"
    # What they did to others shows the question's number, never who asked it.
    text = json.dumps(data)
    assert question.requester.name not in text and other.name not in text
