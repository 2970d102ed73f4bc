"""Which days a page of the agenda shows, and where its previous and next links go."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.activities.agenda import LIST_DAYS, agenda_period, day_group

TODAY = date(2026, 12, 2)  # a Wednesday
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _period(view=None, period=None, day=None):
    return agenda_period(view, period, day, today=TODAY, now=NOW)


def test_the_plain_list_shows_two_weeks_from_today_and_what_began_lately():
    shown = _period()
    assert shown.view == "list"
    assert (shown.first_day, (shown.end_day - shown.first_day).days) == (TODAY, LIST_DAYS)
    assert shown.start == datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # three hours ago
    assert shown.prev_date == date(2026, 11, 25) and shown.next_date == date(2026, 12, 16)


@pytest.mark.parametrize(("period", "days"), [("today", 1), ("week", 7)])
def test_today_and_this_week_narrow_the_list(period, days):
    shown = _period(period=period)
    assert (shown.end_day - shown.first_day).days == days


def test_the_week_runs_from_monday_to_sunday():
    shown = _period("week", day="2026-12-05")
    assert (shown.first_day, shown.last_day) == (date(2026, 11, 30), date(2026, 12, 6))
    assert shown.prev_date == date(2026, 11, 23) and shown.next_date == date(2026, 12, 7)
    assert len(shown.days) == 7


def test_the_month_looks_up_its_whole_grid_of_weeks():
    shown = _period("month", day="2026-12-24")
    assert shown.first_day == date(2026, 12, 1)
    assert (shown.prev_date, shown.next_date) == (date(2026, 11, 1), date(2027, 1, 1))
    assert shown.days[0] == date(2026, 11, 30) and shown.days[-1] == date(2027, 1, 3)
    assert len(shown.days) % 7 == 0


@pytest.mark.parametrize("text", ["", "morgen", "2026-13-01", "2026-02-30", "20261201"])
def test_a_date_that_is_not_one_means_today(text):
    assert _period(day=text).first_day == TODAY


def test_an_unknown_view_is_the_list():
    assert _period("calendar").view == "list"


@pytest.mark.parametrize(
    ("today", "day", "group"),
    [
        (TODAY, date(2026, 12, 1), "earlier"),
        (TODAY, TODAY, "today"),
        (TODAY, date(2026, 12, 3), "tomorrow"),
        (TODAY, date(2026, 12, 6), "this_week"),  # Sunday ends the week
        (TODAY, date(2026, 12, 7), "next_week"),
        (TODAY, date(2026, 12, 13), "next_week"),
        (TODAY, date(2026, 12, 14), "later"),
        (date(2026, 12, 6), date(2026, 12, 7), "tomorrow"),  # Sunday: tomorrow before next week
        (date(2026, 12, 6), date(2026, 12, 8), "next_week"),
        (date(2026, 12, 6), date(2026, 12, 14), "later"),
    ],
)
def test_each_day_of_the_list_falls_in_one_group_seen_from_today(today, day, group):
    assert day_group(day, today) == group


def test_the_month_shows_the_tapped_day_or_today_and_nothing_outside_it():
    assert _period("month").chosen == TODAY
    tapped = agenda_period("month", None, None, today=TODAY, now=NOW, day_text="2027-01-15")
    assert (tapped.first_day, tapped.chosen) == (date(2027, 1, 1), date(2027, 1, 15))
    elsewhere = agenda_period(
        "month", None, "2027-01-01", today=TODAY, now=NOW, day_text="2026-12-24"
    )
    assert (elsewhere.first_day, elsewhere.chosen) == (date(2027, 1, 1), None)
    assert _period("month", day="2027-03-01").chosen is None
    assert _period("week").chosen is None
