"""The agenda's periods: which days a list, a week or a month shows, and what it holds.

:func:`agenda_period` turns what a visitor asked for (``?view=``, ``?period=``, ``?date=``)
into a :class:`Period` — its days, its bounds in time and the dates the previous and next
links go to — and :func:`load_agenda` fills it with occurrences. Neither reads the request, so
the home page, the poster and the tests ask them the same way.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from app.activities.labels import WEEKDAY_CODES
from app.activities.models import TZID
from app.activities.queries import Filters, occurrences_between
from app.activities.recurrence import Occurrence, day_bounds, zone
from app.core.params import sensible_date

VIEWS = ("list", "week", "month")
# How many days the plain list shows, and how many occurrences at most.
LIST_DAYS = 14
LIST_LIMIT = 150
MONTH_CELL_LIMIT = 3
# The week poster prints on one A4: at most this many activities a day (the rest: "n more").
POSTER_DAY_LIMIT = 3
# The list of today still shows what began up to this long ago.
STILL_ON = timedelta(hours=3)
# The groups of the list, seen from today: each day is a section of its own; today and tomorrow
# say so in their heading, the days after them come under "this week", "next week" and "later".
EARLIER, TODAY, TOMORROW, THIS_WEEK, NEXT_WEEK, LATER = (
    "earlier",
    "today",
    "tomorrow",
    "this_week",
    "next_week",
    "later",
)


def today(now: datetime | None = None) -> date:
    """Return today's date in the neighbourhood's time zone (at ``now``, an aware moment)."""
    return (now or datetime.now(UTC)).astimezone(zone(TZID)).date()


def parse_day(text: str | None) -> date | None:
    """Read a ``?date=`` value (YYYY-MM-DD, as the date field sends it); None when it is not one."""
    try:
        day = datetime.strptime(text or "", "%Y-%m-%d").date()
    except ValueError:
        return None
    return day if sensible_date(day) else None  # no calendar needs 1066 or 9999


@dataclass(frozen=True)
class Period:
    """The days one page of the agenda shows."""

    view: str  # "list", "week" or "month"
    first_day: date  # the first day shown (a month: its first day)
    end_day: date  # the day after the last day shown
    prev_date: date  # where "previous" goes
    next_date: date  # where "next" goes (a list that was cut short: see AgendaPage)
    start: datetime  # aware bounds of what is looked up
    end: datetime
    chosen: date | None = None  # the month view: the day whose list shows below the grid

    @property
    def last_day(self) -> date:
        return self.end_day - timedelta(days=1)

    @property
    def days(self) -> list[date]:
        """Every day of the period (a month: the weeks of its grid, Monday to Sunday)."""
        first = self.start.date()
        return [first + timedelta(days=n) for n in range((self.end.date() - first).days)]


def agenda_period(
    view: str | None,
    period: str | None,
    date_text: str | None,
    *,
    today: date,
    now: datetime,
    day_text: str | None = None,
) -> Period:
    """Return the period a visitor asked for; anything unknown falls back to the plain list.

    :param period: ``"today"`` or ``"week"`` (the next seven days) narrow the list.
    :param date_text: the ``?date=`` value; a date that is not one means ``today``.
    :param day_text: the month view's ``?dag=`` value: the day tapped in the grid. Without a
        ``?date=`` it also picks the month; a day outside the month shown is ignored, and without
        one the month of today shows today.
    """
    if view == "month":
        return chosen_month(parse_day(date_text), parse_day(day_text), today)
    chosen = parse_day(date_text) or today
    if view == "week":
        return week_period(chosen)
    if period == "week":
        # "This week": today and the six days after it, so Saturday still shows a week.
        length = 7
    elif period == "today":
        length = 1
    else:
        length = LIST_DAYS
    start, _unused = day_bounds(chosen, TZID)
    end, _unused = day_bounds(chosen + timedelta(days=length), TZID)
    if chosen == today:
        start = max(start, now - STILL_ON)
    after = chosen + timedelta(days=length)
    return Period("list", chosen, after, chosen - timedelta(days=7), after, start, end)


def week_period(day: date) -> Period:
    """Return the week (Monday to Sunday) that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    after = monday + timedelta(days=7)
    start, _unused = day_bounds(monday, TZID)
    end, _unused = day_bounds(after, TZID)
    return Period("week", monday, after, monday - timedelta(days=7), after, start, end)


def month_period(day: date) -> Period:
    """Return the month that holds ``day``, looked up for its whole grid of weeks."""
    month_start = day.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    grid_start = month_start - timedelta(days=month_start.weekday())
    grid_end = next_month + timedelta(days=(7 - next_month.weekday()) % 7)
    start, _unused = day_bounds(grid_start, TZID)
    end, _unused = day_bounds(grid_end, TZID)
    previous_month = (month_start - timedelta(days=1)).replace(day=1)
    return Period("month", month_start, next_month, previous_month, next_month, start, end)


def chosen_month(asked: date | None, tapped: date | None, today: date) -> Period:
    """Return the month to show and the day whose activities show below its grid."""
    month = month_period(asked or tapped or today)
    if tapped is None:
        tapped = today
    in_month = month.first_day <= tapped < month.end_day
    return replace(month, chosen=tapped if in_month else None)


def by_day(occurrences: list[Occurrence]) -> OrderedDict[date, list[Occurrence]]:
    """Group occurrences (sorted by start) by their local date."""
    days: OrderedDict[date, list[Occurrence]] = OrderedDict()
    for occurrence in occurrences:
        days.setdefault(occurrence.local_date, []).append(occurrence)
    return days


def day_group(day: date, today: date) -> str:
    """Return the group of the list that ``day`` belongs to, seen from ``today``."""
    if day < today:
        return EARLIER
    if day == today:
        return TODAY
    if day == today + timedelta(days=1):
        return TOMORROW
    next_monday = today + timedelta(days=7 - today.weekday())
    if day < next_monday:
        return THIS_WEEK
    if day < next_monday + timedelta(days=7):
        return NEXT_WEEK
    return LATER


@dataclass(frozen=True)
class DayGroup:
    """Days of the list under one heading ("this week"), or today or tomorrow alone."""

    key: str
    days: list[tuple[date, list[Occurrence]]]


@dataclass(frozen=True)
class PosterDay:
    """One day of the week poster: what it shows, and how many more the agenda has."""

    items: list[Occurrence]
    more: int = 0


def poster_days(occurrences: list[Occurrence]) -> OrderedDict[date, PosterDay]:
    """Group a week's occurrences by day for the poster, at most POSTER_DAY_LIMIT a day.

    Cancelled dates go last, so that what does take place is what fits on the paper.
    """
    days: OrderedDict[date, PosterDay] = OrderedDict()
    for day, items in by_day(occurrences).items():
        ordered = sorted(items, key=lambda occ: occ.cancelled)  # stable: by start otherwise
        shown = ordered[:POSTER_DAY_LIMIT]
        days[day] = PosterDay(sorted(shown, key=lambda occ: occ.start), len(ordered) - len(shown))
    return days


@dataclass(frozen=True)
class AgendaPage:
    """What one page of the agenda shows."""

    period: Period
    days: OrderedDict[date, list[Occurrence]]
    today: date  # what "today", "tomorrow" and "this week" are seen from
    now: datetime  # what has ended
    truncated: bool = False  # more than LIST_LIMIT occurrences: only the first are shown
    later_date: date | None = None  # where "later" / "next week" goes
    weekday_codes: tuple[str, ...] = WEEKDAY_CODES  # the columns of the month grid
    list_limit: int = LIST_LIMIT
    cell_limit: int = MONTH_CELL_LIMIT  # occurrences shown in one day of the month grid

    @property
    def weeks(self) -> list[list[tuple[date, list[Occurrence]]]]:
        """The month grid: rows of seven (day, occurrences) pairs."""
        cells = [(day, self.days.get(day, [])) for day in self.period.days]
        return [cells[i : i + 7] for i in range(0, len(cells), 7)]

    @property
    def groups(self) -> list[DayGroup]:
        """The list's days in their groups, in order (a group only when it has a day)."""
        groups: list[DayGroup] = []
        for day, items in self.days.items():
            key = day_group(day, self.today)
            if not groups or groups[-1].key != key:
                groups.append(DayGroup(key, []))
            groups[-1].days.append((day, items))
        return groups

    def relative(self, day: date) -> str | None:
        """Return ``"today"`` or ``"tomorrow"`` for those two days, None for any other."""
        group = day_group(day, self.today)
        return group if group in (TODAY, TOMORROW) else None

    def ended(self, occurrence: Occurrence) -> bool:
        """Tell whether ``occurrence`` is over (its end has passed)."""
        return occurrence.end <= self.now

    @property
    def chosen_items(self) -> list[Occurrence]:
        """The month view: what is on the day tapped in the grid (none chosen: nothing)."""
        return self.days.get(self.period.chosen, []) if self.period.chosen else []


def load_agenda(period: Period, filters: Filters, *, today: date, now: datetime) -> AgendaPage:
    """Look up the published occurrences of ``period`` that match ``filters``.

    :param today: the day "today" and "tomorrow" are seen from.
    :param now: the moment before which an occurrence that ended counts as over.
    """
    if period.view == "month":
        found = occurrences_between(period.start, period.end, filters, include_cancelled=False)
        return AgendaPage(period, by_day(found), today, now)
    found = occurrences_between(period.start, period.end, filters)
    truncated = len(found) > LIST_LIMIT
    found = found[:LIST_LIMIT]
    later = period.next_date
    if truncated and period.view == "list":
        later = found[-1].local_date
    return AgendaPage(period, by_day(found), today, now, truncated, later)
