"""The period the figures cover (a month, quarter, year or chosen dates) and the one before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.core.params import EARLIEST_DATE, LATEST_DATE

ZONE = ZoneInfo("Europe/Amsterdam")
KINDS = ("month", "quarter", "year", "custom")
# Chosen dates span at most this long, so that a period and the one before stay in range.
LONGEST = timedelta(days=366 * 5)


@dataclass(frozen=True)
class Period:
    """The days ``first`` up to and including ``last``."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> datetime:
        """The aware start of the first day (Europe/Amsterdam)."""
        return datetime.combine(self.first, time(0), tzinfo=ZONE)

    @property
    def end(self) -> datetime:
        """The aware start of the day after the last day."""
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=ZONE)

    def previous(self) -> Period:
        """Return the period of the same length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def _month(day: date) -> Period:
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return Period(first, after - timedelta(days=1))


def period_for(kind: str, day: date, until: date | None = None) -> Period:
    """Return the month, quarter or year around ``day``, or the chosen days ``day``..``until``."""
    day = min(max(day, EARLIEST_DATE + LONGEST), LATEST_DATE - LONGEST)
    if kind == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(first, _month(date(first.year, first.month + 2, 1)).last)
    if kind == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31))
    if kind == "custom" and until is not None:
        last = min(max(until, day), day + LONGEST)
        return Period(day, last)
    return _month(day)
