"""Posting, proposing, moderating and changing activities; who may open what."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.activities.agenda import today
from app.activities.models import Activity, ActivityChange, OccurrenceOverride
from app.activities.operations import sign_up
from app.activities.recurrence import format_key
from app.extensions import db
from tests.activities.factories import make_activity, make_location
from tests.conftest import Mailbox
from tests.factories import make_neighbourhood, make_organisation, make_user


def _form(**changes) -> dict:
    day = today() + timedelta(days=3)
    data = {
        "title": "Buurtlunch",
        "description": "Samen eten",
        "day": day.isoformat(),
        "start_time": "12:00",
        "end_time": "13:30",
        "repeat": "weekly",
        "until": "",
        "custom_rule": "",
        "location_id": "0",
        "address": "Crabbehof 5, Dordrecht",
        "target_group": "everyone",
        "languages": ["nl", "tr"],
        "is_free": "y",
        "cost": "",
        "accessibility": "",
        "capacity": "",
    }
    data.update(changes)
    return data


def test_a_professional_posts_an_activity_for_their_organisation(app, client, login_as):
    neighbourhood = make_neighbourhood("Crabbehof")
    organisation = make_organisation("Buurthuis Crabbehoeve")
    login_as("professional", organisation=organisation)
    response = client.post(
        "/agenda/nieuw",
        data=_form(
            neighbourhood_id=str(neighbourhood.id),
            organisation_id=str(organisation.id),
            registration_enabled="y",
            capacity="12",
        ),
    )
    assert response.status_code == 302
    activity = db.session.scalar(db.select(Activity))
    assert activity.status == "published"
    assert activity.rrule == "FREQ=WEEKLY"
    assert activity.organisation_id == organisation.id
    assert activity.languages == ["nl", "tr"]
    assert activity.capacity == 12 and activity.last_date is None
    history = db.session.scalars(db.select(ActivityChange)).all()
    assert [h.action for h in history] == ["created"]


def test_a_resident_proposes_and_a_moderator_approves(app, client, login_as, mailbox):
    neighbourhood = make_neighbourhood("Crabbehof")
    resident = make_user("resident", email="henk@example.org")
    db.session.commit()
    login_as(user=resident)
    response = client.post(
        "/agenda/nieuw", data=_form(neighbourhood_id=str(neighbourhood.id), organisation_id="0")
    )
    assert response.status_code == 302
    activity = db.session.scalar(db.select(Activity))
    assert activity.status == "proposed" and activity.organiser_id == resident.id
    login_as("moderator")
    page = client.get("/beheer/agenda/voorstellen")
    assert b"Buurtlunch" in page.data
    assert client.post(f"/beheer/agenda/voorstellen/{activity.id}/goedkeuren").status_code == 302
    db.session.refresh(activity)
    assert activity.status == "published"
    mail = mailbox.to("henk@example.org")
    assert len(mail) == 1 and "Buurtlunch" in mail[0]["Subject"]


def test_a_residents_change_to_an_approved_activity_is_checked_again(app, client, login_as):
    neighbourhood = make_neighbourhood("Crabbehof")
    resident = make_user("resident")
    activity = make_activity(
        title="Buurtlunch", organiser=resident, neighbourhood=neighbourhood, organisation=None
    )
    db.session.commit()
    login_as(user=resident)
    data = _form(
        title="Gratis iPhones", neighbourhood_id=str(neighbourhood.id), organisation_id="0"
    )
    response = client.post(f"/agenda/{activity.id}/bewerken", data=data)
    assert response.status_code == 302
    db.session.refresh(activity)
    assert activity.status == "proposed"
    assert b"Gratis iPhones" not in client.get("/agenda").data
    stranger = app.test_client()
    assert stranger.get(f"/agenda/{activity.id}-{activity.slug}").status_code == 404


def test_a_professionals_change_stays_on_the_agenda(app, client, login_as):
    organisation = make_organisation()
    activity = make_activity(title="Taalcafé", organisation=organisation)
    db.session.commit()
    login_as("professional", organisation=organisation)
    data = _form(
        title="Taalcafé (nieuwe tijd)",
        neighbourhood_id=str(activity.neighbourhood_id),
        organisation_id=str(organisation.id),
    )
    assert client.post(f"/agenda/{activity.id}/bewerken", data=data).status_code == 302
    db.session.refresh(activity)
    assert activity.status == "published" and activity.title == "Taalcafé (nieuwe tijd)"


def test_a_moderator_rejects_with_a_reason_the_proposer_reads(
    app, client, login_as, mailbox, post_page
):
    neighbourhood = make_neighbourhood("Crabbehof")
    resident = make_user("volunteer", email="fatma@example.org")
    activity = make_activity(
        title="Feest",
        neighbourhood=neighbourhood,
        organisation=None,
        organiser=resident,
        status="proposed",
        created_by=resident,
    )
    db.session.commit()
    login_as("moderator")
    page = post_page(
        f"/beheer/agenda/voorstellen/{activity.id}/afwijzen", {"reason": ""}, status=400
    )
    assert page.find(id=f"reason-{activity.id}-error") is not None
    response = client.post(
        f"/beheer/agenda/voorstellen/{activity.id}/afwijzen", data={"reason": "Dit is reclame."}
    )
    assert response.status_code == 302
    db.session.refresh(activity)
    assert activity.status == "rejected"
    body = Mailbox.body(mailbox.to("fatma@example.org")[0])
    assert "Dit is reclame." in body


def test_bad_input_comes_back_with_what_was_typed(app, client, login_as, post_page):
    neighbourhood = make_neighbourhood("Crabbehof")
    login_as("resident")
    page = post_page(
        "/agenda/nieuw",
        _form(
            neighbourhood_id=str(neighbourhood.id),
            organisation_id="0",
            end_time="11:00",
            repeat="custom",
            custom_rule="FREQ=NEVER",
            address="",
            registration_enabled="y",
        ),
    )
    assert page.find(id="end_time-error") is not None
    # A resident is not offered a calendar rule: "custom" is no choice for them.
    assert page.find(id="repeat-error") is not None
    assert page.find(id="custom_rule") is None
    assert page.find(id="address-error") is not None
    assert page.find(id="capacity-error") is not None
    assert page.find("input", id="title")["value"] == "Buurtlunch"
    assert db.session.scalar(db.select(db.func.count()).select_from(Activity)) == 0


def test_the_organiser_edits_moves_and_cancels_dates_with_history(app, client, login_as, get_page):
    organisation = make_organisation()
    start = datetime.combine(today() + timedelta(days=2), datetime.min.time()).replace(hour=10)
    activity = make_activity(
        title="Taalcafé",
        start=start,
        rrule="FREQ=WEEKLY",
        organisation=organisation,
        location=make_location(),
    )
    db.session.commit()
    login_as("professional", organisation=organisation)
    page = get_page(f"/agenda/{activity.id}/bewerken")
    assert page.find("input", id="title")["value"] == "Taalcafé"
    key = format_key(start + timedelta(days=7))
    response = client.post(
        f"/agenda/{activity.id}/datum",
        data={
            "occurrence": key,
            "action": "move",
            "new_day": (start + timedelta(days=8)).date().isoformat(),
            "new_start": "14:00",
            "new_end": "16:00",
            "reason": "Zaal bezet",
        },
    )
    assert response.status_code == 302
    override = db.session.scalar(db.select(OccurrenceOverride))
    assert override.new_start == start + timedelta(days=8, hours=4)
    page = get_page(f"/agenda/{activity.id}/geschiedenis")
    assert "Zaal bezet" in page.get_text()
    client.post(f"/agenda/{activity.id}/datum/herstellen", data={"occurrence": key})
    assert db.session.scalar(db.select(db.func.count()).select_from(OccurrenceOverride)) == 0


def test_the_organiser_sees_and_prints_who_comes(app, login_as, get_page):
    organisation = make_organisation()
    start = datetime.combine(today() + timedelta(days=2), datetime.min.time()).replace(hour=10)
    activity = make_activity(
        start=start, organisation=organisation, registration_enabled=True, capacity=1
    )
    sign_up(activity, start, make_user(name="Henk de Vries"))
    sign_up(activity, start, make_user(name="Ayaan"))
    db.session.commit()
    login_as("professional", organisation=organisation)
    page = get_page(f"/agenda/{activity.id}/deelnemers?occurrence={format_key(start)}")
    text = page.get_text()
    assert "Henk de Vries" in text and "Ayaan" in text
    assert page.find("button", attrs={"data-print": True}) is not None


def _someone_elses_activity():
    start = datetime.combine(today() + timedelta(days=2), datetime.min.time()).replace(hour=10)
    return make_activity(start=start, registration_enabled=True, capacity=3), start


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (None, "/agenda/nieuw", 302),
        ("resident", "/agenda/nieuw", 200),
        ("resident", "/agenda/{id}/bewerken", 403),
        ("resident", "/agenda/{id}/deelnemers?occurrence={key}", 403),
        ("resident", "/agenda/{id}/geschiedenis", 403),
        ("resident", "/beheer/agenda/voorstellen", 403),
        ("resident", "/beheer/agenda", 200),
        ("professional", "/agenda/{id}/bewerken", 403),
        ("moderator", "/beheer/agenda/voorstellen", 200),
        ("moderator", "/agenda/{id}/geschiedenis", 200),
        ("admin", "/agenda/{id}/bewerken", 200),
        ("admin", "/agenda/{id}/deelnemers?occurrence={key}", 200),
        ("admin", "/agenda/{id}/datum?occurrence={key}", 200),
        ("admin", "/agenda/{id}/datum?occurrence=2001-01-01T10:00", 404),
    ],
)
def test_who_may_open_what(app, client, login_as, role, path, status):
    make_neighbourhood("Crabbehof")
    activity, start = _someone_elses_activity()
    db.session.commit()
    if role:
        login_as(role)
    url = path.format(id=activity.id, key=format_key(start))
    assert client.get(url).status_code == status


def test_the_reminder_job_mails_tomorrows_people_once(app, runner, mailbox):
    tomorrow = today() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time()).replace(hour=10)
    activity = make_activity(title="Wandelen", start=start, registration_enabled=True, capacity=1)
    other = make_activity(
        title="Overmorgen", start=start + timedelta(days=1), registration_enabled=True, capacity=5
    )
    sign_up(activity, start, make_user(email="komt@example.org"))
    sign_up(activity, start, make_user(email="wacht@example.org"))
    sign_up(other, start + timedelta(days=1), make_user(email="later@example.org"))
    db.session.commit()
    result = runner.invoke(args=["activities", "remind"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    assert [str(m["To"]) for m in mailbox.messages] == ["komt@example.org"]
    assert "Wandelen" in Mailbox.body(mailbox.messages[0])
    mailbox.clear()
    runner.invoke(args=["activities", "remind"])
    assert mailbox.messages == []
    result = runner.invoke(args=["activities", "remind", "--date", "morgen"])
    assert result.exit_code != 0


def test_the_demo_data_has_a_crabbehof_agenda(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    activities = db.session.scalars(db.select(Activity)).all()
    assert len(activities) >= 25
    assert sum(1 for a in activities if a.rrule) > len(activities) / 2
    assert any(a.registration_enabled for a in activities)
    overrides = db.session.scalars(db.select(OccurrenceOverride)).all()
    assert any(o.cancelled and o.reason for o in overrides)
    assert any(not o.cancelled and o.new_start for o in overrides)
    assert all(a.first_date <= today() + timedelta(days=61) for a in activities)
    assert isinstance(activities[0].first_date, date)


def test_people_with_a_place_hear_when_their_date_is_cancelled(app, client, login_as, mailbox):
    organisation = make_organisation()
    start = datetime.combine(today() + timedelta(days=2), datetime.min.time()).replace(hour=10)
    activity = make_activity(
        title="Eettafel",
        start=start,
        rrule="FREQ=WEEKLY",
        organisation=organisation,
        registration_enabled=True,
        capacity=5,
    )
    sign_up(activity, start, make_user(email="gast@example.org"))
    sign_up(activity, start + timedelta(days=7), make_user(email="volgende@example.org"))
    db.session.commit()
    login_as("professional", organisation=organisation)
    response = client.post(
        f"/agenda/{activity.id}/datum",
        data={"occurrence": format_key(start), "action": "cancel", "reason": "Kok is ziek"},
    )
    assert response.status_code == 302
    messages = mailbox.to("gast@example.org")
    assert len(messages) == 1 and "Eettafel" in messages[0]["Subject"]
    assert "Kok is ziek" in Mailbox.body(messages[0])
    assert not mailbox.to("volgende@example.org")
