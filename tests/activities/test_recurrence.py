"""Expanding repeating activities: wall time holds across daylight saving, overrides apply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.activities.models import Activity, OccurrenceOverride
from app.activities.recurrence import (
    _simple_rule,
    _simple_starts,
    date_span,
    expand,
    find_occurrence,
    is_occurrence,
    parse_rule,
)

AMS = ZoneInfo("Europe/Amsterdam")


def _activity(start: datetime, rrule: str | None, hours: int = 2, overrides=()) -> Activity:
    activity = Activity(
        title="Koffieochtend",
        start_local=start,
        end_local=start + timedelta(hours=hours),
        rrule=rrule,
        tzid="Europe/Amsterdam",
    )
    activity.overrides = list(overrides)
    return activity


def test_every_tuesday_at_ten_stays_at_ten_across_the_spring_change():
    # Summer time starts on Sunday 29 March 2026 (last Sunday of March).
    activity = _activity(datetime(2026, 3, 17, 10, 0), "FREQ=WEEKLY;BYDAY=TU")
    found = expand(activity, datetime(2026, 3, 16, tzinfo=AMS), datetime(2026, 4, 8, tzinfo=AMS))
    assert [o.start.strftime("%Y-%m-%d %H:%M") for o in found] == [
        "2026-03-17 10:00",
        "2026-03-24 10:00",
        "2026-03-31 10:00",
        "2026-04-07 10:00",
    ]
    # The same wall time means a different UTC time on either side of the change.
    assert found[1].start.astimezone(UTC).hour == 9
    assert found[2].start.astimezone(UTC).hour == 8


def test_every_tuesday_at_ten_stays_at_ten_across_the_autumn_change():
    # Winter time starts on Sunday 25 October 2026 (last Sunday of October).
    activity = _activity(datetime(2026, 10, 13, 10, 0), "FREQ=WEEKLY;BYDAY=TU")
    found = expand(activity, datetime(2026, 10, 19, tzinfo=AMS), datetime(2026, 11, 1, tzinfo=AMS))
    assert [(o.start.day, o.start.hour, o.end.hour) for o in found] == [(20, 10, 12), (27, 10, 12)]
    assert found[0].start.astimezone(UTC).hour == 8
    assert found[1].start.astimezone(UTC).hour == 9


def test_an_occurrence_on_the_night_of_the_change_keeps_its_length():
    # A Saturday-night activity that runs over the autumn change: 22:00 to 04:00 wall time.
    activity = _activity(datetime(2026, 10, 17, 22, 0), "FREQ=WEEKLY;BYDAY=SA", hours=6)
    found = expand(
        activity, datetime(2026, 10, 24, tzinfo=AMS), datetime(2026, 10, 25, 12, tzinfo=AMS)
    )
    assert len(found) == 1
    assert found[0].start.hour == 22 and found[0].end.hour == 4


def test_a_cancelled_occurrence_comes_back_marked_with_its_reason():
    cancelled = OccurrenceOverride(
        original_start=datetime(2026, 3, 24, 10, 0), cancelled=True, reason="Buurthuis dicht"
    )
    activity = _activity(
        datetime(2026, 3, 17, 10, 0), "FREQ=WEEKLY;BYDAY=TU", overrides=[cancelled]
    )
    window = (datetime(2026, 3, 16, tzinfo=AMS), datetime(2026, 4, 1, tzinfo=AMS))
    found = expand(activity, *window)
    assert [(o.start.day, o.cancelled, o.reason) for o in found] == [
        (17, False, ""),
        (24, True, "Buurthuis dicht"),
        (31, False, ""),
    ]
    assert [o.start.day for o in expand(activity, *window, include_cancelled=False)] == [17, 31]


def test_a_moved_occurrence_shows_at_its_new_time_only():
    moved = OccurrenceOverride(
        original_start=datetime(2026, 3, 24, 10, 0),
        cancelled=False,
        new_start=datetime(2026, 3, 26, 14, 0),
        new_end=datetime(2026, 3, 26, 16, 0),
        reason="Verplaatst naar donderdag",
    )
    activity = _activity(datetime(2026, 3, 17, 10, 0), "FREQ=WEEKLY;BYDAY=TU", overrides=[moved])
    found = expand(activity, datetime(2026, 3, 16, tzinfo=AMS), datetime(2026, 4, 1, tzinfo=AMS))
    assert [(o.start.day, o.start.hour, o.moved) for o in found] == [
        (17, 10, False),
        (26, 14, True),
        (31, 10, False),
    ]
    assert found[1].key == datetime(2026, 3, 24, 10, 0)
    again = find_occurrence(activity, datetime(2026, 3, 24, 10, 0))
    assert again is not None and again.moved and again.start.day == 26


def test_only_real_dates_of_the_rule_are_occurrences():
    activity = _activity(datetime(2026, 3, 17, 10, 0), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    assert is_occurrence(activity, datetime(2026, 3, 31, 10, 0))
    assert not is_occurrence(activity, datetime(2026, 3, 24, 10, 0))
    assert not is_occurrence(activity, datetime(2026, 3, 31, 11, 0))
    assert find_occurrence(activity, datetime(2026, 3, 24, 10, 0)) is None


def test_the_date_span_follows_count_until_and_open_ended_rules():
    start = datetime(2026, 3, 17, 10, 0)
    assert date_span(_activity(start, None)) == (start.date(), start.date())
    assert date_span(_activity(start, "FREQ=WEEKLY"))[1] is None
    assert date_span(_activity(start, "FREQ=WEEKLY;COUNT=3"))[1] == datetime(2026, 3, 31).date()
    until = "FREQ=WEEKLY;UNTIL=20260415T235959"
    assert date_span(_activity(start, until))[1] == datetime(2026, 4, 14).date()


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270115T235959",
        "FREQ=WEEKLY;BYDAY=SU",
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=DAILY;BYDAY=SA,SU;UNTIL=20261231",
        "FREQ=WEEKLY;UNTIL=20261201T090000",
    ],
)
@pytest.mark.parametrize("start", [datetime(2026, 3, 18, 10, 0), datetime(2025, 12, 30, 19, 30)])
def test_the_fast_path_for_common_rules_agrees_with_dateutil(rule, start):
    simple = _simple_rule(rule)
    assert simple is not None
    window = (datetime(2026, 9, 20), datetime(2027, 2, 3))
    expected = [d for d in parse_rule(rule, start).between(*window, inc=True) if d < window[1]]
    assert _simple_starts(simple, start, *window) == expected


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;BYDAY=1SA", "FREQ=WEEKLY;COUNT=4", "FREQ=WEEKLY;UNTIL=20270101T000000Z"]
)
def test_other_rules_go_through_dateutil(rule):
    assert _simple_rule(rule) is None
