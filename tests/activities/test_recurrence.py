"""Expanding repeating activities: wall time holds across daylight saving, overrides apply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.models  # noqa: F401  (every model known, so the mappers configure)
from app.activities.models import Activity, OccurrenceOverride
from app.activities.recurrence import (
    MAX_PER_ACTIVITY,
    date_span,
    expand,
    find_occurrence,
    is_occurrence,
    parse_rule,
    simple_rule,
    simple_starts,
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
    simple = simple_rule(rule)
    assert simple is not None
    window = (datetime(2026, 9, 20), datetime(2027, 2, 3))
    expected = [d for d in parse_rule(rule, start).between(*window, inc=True) if d < window[1]]
    assert simple_starts(simple, start, *window) == expected


@pytest.mark.parametrize(
    "rule", ["FREQ=MONTHLY;BYDAY=1SA", "FREQ=WEEKLY;COUNT=4", "FREQ=WEEKLY;UNTIL=20270101T000000Z"]
)
def test_other_rules_go_through_dateutil(rule):
    assert simple_rule(rule) is None


def _dateutil_starts(rule: str, start: datetime, window: tuple[datetime, datetime]) -> list:
    found = parse_rule(rule, start).between(*window, inc=True)
    return [d for d in found if d < window[1]][:MAX_PER_ACTIVITY]


@st.composite
def common_rules(draw) -> str:
    """Draw a daily or weekly rule of the kind the fast path counts out itself."""
    parts = [f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY']))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    if draw(st.booleans()):
        days = draw(
            st.lists(
                st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
                min_size=1,
                max_size=7,
                unique=True,
            )
        )
        parts.append("BYDAY=" + ",".join(days))
    until = draw(st.none() | st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)))
    if until is not None:
        if draw(st.booleans()):
            parts.append(f"UNTIL={until:%Y%m%d}")
        else:
            parts.append(f"UNTIL={until.replace(second=0, microsecond=0):%Y%m%dT%H%M%S}")
    if draw(st.booleans()):
        parts.append("WKST=MO")
    shuffled = draw(st.permutations(parts))
    return ";".join(shuffled)


quarter_hours = st.builds(
    lambda day, minutes: datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes),
    st.dates(datetime(2024, 1, 1).date(), datetime(2028, 6, 30).date()),
    st.integers(0, 24 * 4 - 1).map(lambda n: n * 15),
)


@settings(max_examples=300, deadline=None)
@given(
    rule=common_rules(), start=quarter_hours, window_start=quarter_hours, days=st.integers(0, 120)
)
def test_the_fast_path_agrees_with_dateutil_on_random_rules(rule, start, window_start, days):
    simple = simple_rule(rule)
    assert simple is not None, rule
    window = (window_start, window_start + timedelta(days=days, hours=1))
    assert simple_starts(simple, start, *window) == _dateutil_starts(rule, start, window)


def test_a_date_only_until_includes_its_own_day_on_both_paths():
    start = datetime(2026, 12, 3, 10, 0)  # a Thursday
    rule = "FREQ=WEEKLY;UNTIL=20261231"  # also a Thursday
    window = (datetime(2026, 12, 1), datetime(2027, 1, 31))
    expected = [datetime(2026, 12, d, 10, 0) for d in (3, 10, 17, 24, 31)]
    assert _dateutil_starts(rule, start, window) == expected
    simple = simple_rule(rule)
    assert simple is not None and simple_starts(simple, start, *window) == expected
    assert date_span(_activity(start, rule))[1] == datetime(2026, 12, 31).date()
