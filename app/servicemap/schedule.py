"""Opening hours: parsing what professionals type, and "open now" in Europe/Amsterdam."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select

if TYPE_CHECKING:
    from app.servicemap.models import ScheduleException, Service

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_PERIOD = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def local_now(moment: datetime | None = None) -> datetime:
    """Return ``moment`` (default: now) in Europe/Amsterdam."""
    return (moment or datetime.now(UTC)).astimezone(AMSTERDAM)


def parse_periods(text: str | None) -> list[tuple[time, time]]:
    """Parse "09:00-12:00, 13:00-17:00" into periods; raise ValueError on anything else."""
    periods: list[tuple[time, time]] = []
    for chunk in (text or "").replace(";", ",").split(","):
        if not chunk.strip():
            continue
        match = _PERIOD.match(chunk)
        if not match:
            raise ValueError(chunk.strip())
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise ValueError(chunk.strip())
        opens = time(h1, m1)
        closes = time(23, 59) if h2 == 24 else time(h2, m2)
        if closes <= opens:
            raise ValueError(chunk.strip())
        periods.append((opens, closes))
    periods.sort()
    for (_a, close1), (open2, _b) in zip(periods, periods[1:], strict=False):
        if open2 < close1:
            raise ValueError(f"{open2:%H:%M}")
    return periods


def format_periods(periods: list[tuple[time, time]]) -> str:
    """Write periods the way ``parse_periods`` reads them."""
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in periods)


@dataclass
class ExceptionLine:
    day: date
    is_closed: bool
    periods: list[tuple[time, time]]
    note: str


def parse_exception_lines(text: str | None) -> list[ExceptionLine]:
    """Parse lines like "2026-12-25 closed Christmas" or "2026-12-24 09:00-12:00 short day".

    Raise ValueError with the line number (1-based) and the line on a line it cannot read.
    """
    result: list[ExceptionLine] = []
    seen: set[date] = set()
    closed_words = {"closed", "gesloten", "dicht", "kapali", "zamkniete", "mughlaq"}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 2)
        try:
            day = date.fromisoformat(parts[0])
            if len(parts) < 2:
                raise ValueError(line)
            if parts[1].casefold() in closed_words:
                entry = ExceptionLine(day, True, [], parts[2].strip() if len(parts) > 2 else "")
            else:
                periods = parse_periods(parts[1])
                if len(periods) != 1:
                    raise ValueError(line)
                entry = ExceptionLine(
                    day, False, periods, parts[2].strip() if len(parts) > 2 else ""
                )
        except (ValueError, IndexError) as exc:
            raise ValueError(f"{number}: {line.strip()}") from exc
        if day in seen:
            raise ValueError(f"{number}: {line.strip()}")
        seen.add(day)
        result.append(entry)
    return result


def format_exception(exception: ScheduleException) -> str:
    if exception.is_closed:
        text = f"{exception.day.isoformat()} closed"
    else:
        text = f"{exception.day.isoformat()} {exception.opens_at:%H:%M}-{exception.closes_at:%H:%M}"
    return f"{text} {exception.note}".strip()


def periods_on(
    service: Service, day: date
) -> tuple[list[tuple[time, time]], ScheduleException | None]:
    """Return the opening periods of ``service`` on ``day`` and the exception that set them."""
    for exception in service.exceptions:
        if exception.day == day:
            if exception.is_closed or exception.opens_at is None or exception.closes_at is None:
                return [], exception
            return [(exception.opens_at, exception.closes_at)], exception
    weekday = day.weekday()
    return [(h.opens_at, h.closes_at) for h in service.hours if h.weekday == weekday], None


@dataclass
class OpenStatus:
    is_open: bool
    closes_at: time | None
    opens_next: datetime | None
    today: list[tuple[time, time]]
    today_exception: ScheduleException | None


def open_status(service: Service, moment: datetime | None = None) -> OpenStatus:
    """Tell whether ``service`` is open at ``moment`` (Amsterdam time), and until when."""
    now = local_now(moment)
    today, exception = periods_on(service, now.date())
    current = now.time().replace(tzinfo=None)
    for opens, closes in today:
        if opens <= current < closes:
            return OpenStatus(True, closes, None, today, exception)
    opens_next = None
    for offset in range(0, 15):
        day = now.date() + timedelta(days=offset)
        periods, _ = periods_on(service, day) if offset else (today, exception)
        later = [p for p in periods if offset or p[0] > current]
        if later:
            opens_next = datetime.combine(day, later[0][0], tzinfo=AMSTERDAM)
            break
    return OpenStatus(False, None, opens_next, today, exception)


def week_table(
    service: Service, moment: datetime | None = None
) -> list[tuple[date, list[tuple[time, time]], ScheduleException | None]]:
    """Return the next seven days, today first, with their periods and exception."""
    start = local_now(moment).date()
    rows = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        periods, exception = periods_on(service, day)
        rows.append((day, periods, exception))
    return rows


def open_now_clause(moment: datetime | None = None) -> ColumnElement[bool]:
    """Return a SQL condition on ``Service`` that holds when it is open at ``moment``."""
    from app.servicemap.models import OpeningHours, ScheduleException, Service

    now = local_now(moment)
    day = now.date()
    current = now.time().replace(tzinfo=None, microsecond=0)
    exception_today = exists(
        select(ScheduleException.id).where(
            ScheduleException.service_id == Service.id, ScheduleException.day == day
        )
    )
    open_by_exception = exists(
        select(ScheduleException.id).where(
            ScheduleException.service_id == Service.id,
            ScheduleException.day == day,
            not_(ScheduleException.is_closed),
            ScheduleException.opens_at <= current,
            ScheduleException.closes_at > current,
        )
    )
    open_by_hours = exists(
        select(OpeningHours.id).where(
            OpeningHours.service_id == Service.id,
            OpeningHours.weekday == day.weekday(),
            OpeningHours.opens_at <= current,
            OpeningHours.closes_at > current,
        )
    )
    return or_(open_by_exception, and_(not_(exception_today), open_by_hours))
