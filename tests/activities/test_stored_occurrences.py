"""Occurrences kept in the database (app/activities/occurrences.py): written with every change."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select, update

from app.activities import occurrences
from app.activities.agenda import today
from app.activities.models import OccurrenceHorizon, StoredOccurrence
from app.activities.operations import change_occurrence, restore_occurrence, save_activity
from app.activities.queries import Filters, occurrences_between, published_activities
from app.activities.queries import load_activities as load
from app.activities.recurrence import day_bounds, expand_many
from app.extensions import db
from tests.activities.factories import make_activity
from tests.factories import make_user


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _monday_in(weeks: int) -> date:
    return today() - timedelta(days=today().weekday()) + timedelta(weeks=weeks)


def _stored(activity_id: int) -> list[StoredOccurrence]:
    return list(
        db.session.scalars(
            select(StoredOccurrence)
            .where(StoredOccurrence.activity_id == activity_id)
            .order_by(StoredOccurrence.starts_at)
        )
    )


def _event_days(client, first: date, last: date, activity_id: int) -> list[tuple[str, str]]:
    body = client.get(f"/api/v1/events?start={first}&end={last}").get_json()
    return [
        (event["start"][:16], event["status"])
        for event in body["events"]
        if event["activity_id"] == activity_id
    ]


def test_the_stored_dates_are_the_expanded_ones(app):
    monday = _monday_in(1)
    weekly = make_activity(title="Koffie", start=_at(monday, 10), rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    make_activity(title="Eenmalig", start=_at(monday + timedelta(days=2), 19))
    make_activity(title="Maandelijks", start=_at(monday, 14), rrule="FREQ=MONTHLY;BYDAY=2WE")
    change_occurrence(
        weekly, _at(monday + timedelta(days=3), 10), user=None, reason="Dicht", cancel=True
    )
    change_occurrence(
        weekly,
        _at(monday + timedelta(days=7), 10),
        user=None,
        reason="Later",
        cancel=False,
        new_start=_at(monday + timedelta(days=8), 13),
        new_end=_at(monday + timedelta(days=8), 15),
    )
    db.session.commit()
    start, _ = day_bounds(monday - timedelta(days=7), "Europe/Amsterdam")
    end, _ = day_bounds(monday + timedelta(days=120), "Europe/Amsterdam")
    assert occurrences.covers(occurrences.horizon(db.session.connection()), start, end)
    expanded = expand_many(load(published_activities(Filters())), start, end)
    from_table = occurrences_between(start, end)
    shape = [
        (o.activity.id, o.key, o.start, o.end, o.cancelled, o.moved, o.reason) for o in from_table
    ]
    assert shape == [
        (o.activity.id, o.key, o.start, o.end, o.cancelled, o.moved, o.reason) for o in expanded
    ]
    assert len(from_table) > 30
    assert any(o.cancelled and o.reason == "Dicht" for o in from_table)
    assert any(o.moved and o.start.hour == 13 for o in from_table)


def test_a_changed_recurrence_shows_its_new_dates_at_once(app, client):
    monday = _monday_in(1)
    user = make_user()
    activity = make_activity(title="Taalcafé", start=_at(monday, 10), rrule="FREQ=WEEKLY;BYDAY=MO")
    db.session.commit()
    week_after = monday + timedelta(days=6)
    assert _event_days(client, monday, week_after, activity.id) == [(f"{monday}T10:00", "planned")]
    data = {"rrule": "FREQ=WEEKLY;BYDAY=TU,TH", "start_local": _at(monday + timedelta(days=1), 11)}
    data["end_local"] = data["start_local"] + timedelta(hours=2)
    save_activity(activity, data, user=user, categories=[], publish=True)
    db.session.commit()
    assert _event_days(client, monday, week_after, activity.id) == [
        (f"{monday + timedelta(days=1)}T11:00", "planned"),
        (f"{monday + timedelta(days=3)}T11:00", "planned"),
    ]
    rows = _stored(activity.id)
    assert rows and all(row.original_start.weekday() in (1, 3) for row in rows)
    # The week view shows the new days too.
    page = client.get(f"/agenda?view=week&date={monday}").get_data(as_text=True)
    assert "Taalcafé" in page


def test_a_cancelled_date_is_marked_and_a_restored_one_is_planned_again(app, client):
    monday = _monday_in(2)
    activity = make_activity(title="Eettafel", start=_at(monday, 18), rrule="FREQ=WEEKLY")
    db.session.commit()
    key = _at(monday + timedelta(days=7), 18)
    change_occurrence(activity, key, user=None, reason="Feestdag", cancel=True)
    db.session.commit()
    (row,) = [r for r in _stored(activity.id) if r.original_start == key]
    assert row.cancelled and row.reason == "Feestdag"
    days = _event_days(client, monday, monday + timedelta(days=13), activity.id)
    assert days == [(f"{monday}T18:00", "planned"), (f"{key.date()}T18:00", "cancelled")]
    restore_occurrence(activity, key, user=None)
    db.session.commit()
    days = _event_days(client, monday, monday + timedelta(days=13), activity.id)
    assert days == [(f"{monday}T18:00", "planned"), (f"{key.date()}T18:00", "planned")]


def test_a_rollback_leaves_the_stored_dates_as_they_were(app):
    activity = make_activity(title="Yoga", start=_at(_monday_in(1), 9), rrule="FREQ=DAILY")
    db.session.commit()
    before = len(_stored(activity.id))
    activity.rrule = "FREQ=WEEKLY"
    db.session.flush()
    assert len(_stored(activity.id)) < before
    db.session.rollback()
    assert len(_stored(activity.id)) == before


def test_a_deleted_activity_leaves_no_dates(app):
    activity = make_activity(title="Weg", start=_at(_monday_in(1), 9), rrule="FREQ=WEEKLY")
    db.session.commit()
    activity_id = activity.id
    db.session.delete(activity)
    db.session.commit()
    assert _stored(activity_id) == []


def test_refresh_extends_the_horizon_once_a_day(app):
    activity = make_activity(title="Elke week", start=_at(_monday_in(0), 10), rrule="FREQ=WEEKLY")
    db.session.commit()
    connection = db.session.connection()
    first, until = occurrences.horizon(connection)
    assert until == today() + timedelta(days=occurrences.HORIZON_DAYS)
    later = today() + timedelta(days=30)
    assert occurrences.refresh(connection, later) > 0
    assert occurrences.horizon(connection) == (
        first,
        later + timedelta(days=occurrences.HORIZON_DAYS),
    )
    last = max(row.original_start for row in _stored(activity.id)).date()
    assert last > until
    assert occurrences.refresh(connection, later) == 0  # the same day again: nothing more


def test_outside_the_horizon_the_dates_are_expanded(app, client):
    monday = _monday_in(1)
    activity = make_activity(title="Altijd", start=_at(monday, 10), rrule="FREQ=WEEKLY;BYDAY=MO")
    db.session.commit()
    far = monday + timedelta(weeks=occurrences.HORIZON_DAYS // 7 + 4)
    assert _event_days(client, far, far + timedelta(days=6), activity.id) == [
        (f"{far}T10:00", "planned")
    ]
    stored_far = db.session.scalar(
        select(func.count())
        .select_from(StoredOccurrence)
        .where(StoredOccurrence.original_start >= _at(far, 0))
    )
    assert stored_far == 0


def test_a_horizon_moved_back_is_respected(app, client):
    monday = _monday_in(1)
    activity = make_activity(title="Kort", start=_at(monday, 10), rrule="FREQ=WEEKLY;BYDAY=MO")
    db.session.commit()
    # A table that reaches only until tomorrow (and holds nothing): next week is expanded.
    db.session.execute(update(OccurrenceHorizon).values(filled_until=today() + timedelta(days=1)))
    db.session.execute(delete(StoredOccurrence))
    db.session.commit()
    assert _event_days(client, monday, monday + timedelta(days=6), activity.id) == [
        (f"{monday}T10:00", "planned")
    ]
