"""Signing up: places, the waiting list, moving up, series, and capacity under load."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.activities.models import CONFIRMED, WAITING, OccurrenceSlot, Signup
from app.activities.operations import (
    SignupError,
    cancel_signup,
    change_occurrence,
    sign_up,
    sign_up_series,
)
from app.activities.recurrence import format_key
from app.extensions import db
from tests.activities.factories import make_activity
from tests.conftest import Mailbox
from tests.factories import make_user


def _next_week_at_ten() -> datetime:
    return (datetime.now() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)


def _statuses(activity, key) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Signup.status, Signup.user_id)
        .join(OccurrenceSlot)
        .where(OccurrenceSlot.activity_id == activity.id, OccurrenceSlot.original_start == key)
        .order_by(Signup.id)
    ).all()
    return [(status, user_id) for status, user_id in rows]


def test_a_full_occurrence_puts_people_on_the_waiting_list(app):
    start = _next_week_at_ten()
    activity = make_activity(start=start, registration_enabled=True, capacity=2)
    people = [make_user() for _ in range(4)]
    results = [sign_up(activity, start, person).status for person in people]
    assert results == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    # Signing up twice changes nothing.
    assert sign_up(activity, start, people[0]).status == CONFIRMED
    assert len(_statuses(activity, start)) == 4


def test_when_a_place_frees_up_the_first_on_the_waiting_list_gets_it(app):
    start = _next_week_at_ten()
    activity = make_activity(start=start, registration_enabled=True, capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    for person in (first, second, third):
        sign_up(activity, start, person)
    promoted = cancel_signup(activity, start, first)
    assert promoted is not None and promoted.user_id == second.id
    statuses = dict((uid, status) for status, uid in _statuses(activity, start))
    assert statuses == {first.id: "cancelled", second.id: CONFIRMED, third.id: WAITING}
    # Cancelling a waiting-list place moves nobody up.
    assert cancel_signup(activity, start, third) is None


def test_nobody_signs_up_for_a_cancelled_or_past_or_made_up_date(app):
    start = _next_week_at_ten()
    activity = make_activity(
        start=start, rrule="FREQ=WEEKLY", registration_enabled=True, capacity=5
    )
    person = make_user()
    change_occurrence(activity, start, user=person, reason="Dicht", cancel=True)
    with pytest.raises(SignupError):
        sign_up(activity, start, person)
    with pytest.raises(SignupError):
        sign_up(activity, start + timedelta(days=1), person)
    past = make_activity(start=start - timedelta(days=30), registration_enabled=True, capacity=5)
    with pytest.raises(SignupError):
        sign_up(past, past.start_local, person)


def test_signing_up_for_the_series_books_every_coming_date(app):
    start = _next_week_at_ten()
    activity = make_activity(
        start=start, rrule="FREQ=WEEKLY;COUNT=4", registration_enabled=True, capacity=3
    )
    person = make_user()
    change_occurrence(
        activity, start + timedelta(days=7), user=person, reason="Vakantie", cancel=True
    )
    signups = sign_up_series(activity, person)
    assert len(signups) == 3
    assert all(s.via_series and s.status == CONFIRMED for s in signups)


def test_a_resident_signs_up_and_signs_off_on_the_page(app, client, login_as, get_page):
    start = _next_week_at_ten()
    activity = make_activity(
        title="Kinderknutselclub", start=start, registration_enabled=True, capacity=1
    )
    db.session.commit()
    resident = login_as("resident")
    page = get_page(f"/agenda/{activity.id}-{activity.slug}")
    assert "Places free: 1" in page.get_text() or "Plekken vrij: 1" in page.get_text()
    response = client.post(
        f"/agenda/{activity.id}/aanmelden", data={"occurrence": format_key(start)}
    )
    assert response.status_code == 302
    assert _statuses(activity, start) == [(CONFIRMED, resident.id)]
    response = client.post(
        f"/agenda/{activity.id}/afmelden", data={"occurrence": format_key(start)}
    )
    assert response.status_code == 302
    assert _statuses(activity, start) == [("cancelled", resident.id)]


def test_the_person_who_moves_up_gets_an_email(app, client, login_as, mailbox):
    start = _next_week_at_ten()
    activity = make_activity(title="Taalcafé", start=start, registration_enabled=True, capacity=1)
    first = make_user(email="eerste@example.org")
    waiting = make_user(email="wachtende@example.org", locale="nl")
    sign_up(activity, start, first)
    sign_up(activity, start, waiting)
    db.session.commit()
    login_as(user=first)
    client.post(f"/agenda/{activity.id}/afmelden", data={"occurrence": format_key(start)})
    messages = mailbox.to("wachtende@example.org")
    assert len(messages) == 1
    assert "Taalcafé" in messages[0]["Subject"]
    assert "Taalcafé" in Mailbox.body(messages[0])
    assert not mailbox.to("eerste@example.org")


@pytest.mark.postgres_only
def test_capacity_holds_when_many_sign_up_at_the_same_moment(app, backend):
    """Twelve people press "sign up" at once for five places: exactly five get one."""
    start = _next_week_at_ten()
    activity = make_activity(start=start, registration_enabled=True, capacity=5)
    people = [make_user() for _ in range(12)]
    db.session.commit()
    activity_id, key = activity.id, format_key(start)
    clients = []
    for person in people:
        c = app.test_client()
        with c.session_transaction() as session:
            session["_user_id"] = person.get_id()
            session["_fresh"] = True
        clients.append(c)
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def press(c) -> None:
        try:
            barrier.wait()
            response = c.post(f"/agenda/{activity_id}/aanmelden", data={"occurrence": key})
            statuses.append(response.status_code)
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)

    threads = [threading.Thread(target=press, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert statuses == [302] * 12
    db.session.expire_all()
    counts = dict(
        db.session.execute(
            select(Signup.status, func.count())
            .join(OccurrenceSlot)
            .where(OccurrenceSlot.activity_id == activity_id)
            .group_by(Signup.status)
        ).all()
    )
    assert counts == {CONFIRMED: 5, WAITING: 7}
