"""Expanding activities into occurrences: the one place where RRULEs are read.

A rule is read by dateutil (``rrulestr``) and expanded with its public ``between``. Start
times are local wall time in the activity's TZID (Europe/Amsterdam), as RFC 5545 does with
``DTSTART;TZID=…``: every occurrence is the same wall time on its own date, made
timezone-aware only afterwards. That is what keeps "every Tuesday 10:00" at 10:00 on both
sides of a daylight-saving change.

The common rules ("every Tuesday", "every other Thursday") are counted out directly by
:func:`simple_starts`, many times faster than dateutil for thousands of activities; a
property test (tests/activities/test_recurrence.py) checks it against dateutil on random
rules. A date-only UNTIL means "up to and including that day" on both paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr  # type: ignore[import-untyped]

from app.activities.models import Activity, OccurrenceOverride

# A safety net against rules that would produce millions of dates.
MAX_PER_ACTIVITY = 1000


@lru_cache(maxsize=16)
def zone(tzid: str) -> ZoneInfo:
    return ZoneInfo(tzid)


@dataclass(frozen=True)
class Occurrence:
    """One date of an activity, as the app shows it."""

    activity: Activity
    key: datetime  # the original local start (RECURRENCE-ID); identifies the occurrence
    start: datetime  # aware, in the activity's zone
    end: datetime
    cancelled: bool = False
    moved: bool = False
    reason: str = ""

    @property
    def key_str(self) -> str:
        return format_key(self.key)

    @property
    def local_date(self) -> date:
        return self.start.date()


def format_key(key: datetime) -> str:
    """Return an occurrence key as text for URLs and forms (local time, minutes)."""
    return key.strftime("%Y-%m-%dT%H:%M")


def parse_key(text: str | None) -> datetime | None:
    """Read an occurrence key written by :func:`format_key`; None when it is not one."""
    try:
        return datetime.strptime(text or "", "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def rule_parts(rule: str) -> dict[str, str]:
    """Return the parts of an RRULE as upper-case ``{"FREQ": "WEEKLY", ...}``."""
    text = rule.strip().upper()
    if text.startswith("RRULE:"):
        text = text[6:]
    return dict(part.split("=", 1) for part in text.split(";") if "=" in part)


def _whole_days(rule: str) -> str:
    """Write a date-only UNTIL as the end of that day, so the day itself still counts."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = text.split(";")
    for n, part in enumerate(parts):
        name, _sep, value = part.partition("=")
        if name.strip().upper() == "UNTIL" and len(value.strip()) == 8:
            parts[n] = f"{name}={value.strip()}T235959"
    return ";".join(parts)


def parse_rule(rule: str, start_local: datetime) -> rrule:
    """Parse an RRULE (without DTSTART) from ``start_local``; raise ValueError when invalid."""
    parsed = rrulestr(_whole_days(rule), dtstart=start_local)
    if not isinstance(parsed, rrule):
        raise ValueError("not a single RRULE")
    return parsed


@lru_cache(maxsize=8192)
def _cached_rule(rule: str, start_local: datetime) -> rrule:
    # A pure function of its arguments: safe to keep between requests.
    return parse_rule(rule, start_local)


_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


@dataclass(frozen=True)
class SimpleRule:
    """A daily or weekly rule with INTERVAL, plain BYDAY and a local UNTIL."""

    daily: bool
    interval: int
    weekdays: frozenset[int] | None
    until: datetime | None


@lru_cache(maxsize=4096)
def simple_rule(text: str) -> SimpleRule | None:
    """Recognise the common rules (daily or weekly, INTERVAL, plain BYDAY, local UNTIL).

    Most of the neighbourhood's activities are "every Tuesday" or "every other Thursday";
    these are counted out directly, which is many times faster than dateutil for thousands
    of activities. Anything else (COUNT, BYSETPOS, monthly, UTC UNTIL…) returns None and
    goes through dateutil. A property test checks both ways agree.
    """
    parts = rule_parts(text)
    if not set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"}:
        return None
    if parts.get("FREQ") not in ("DAILY", "WEEKLY") or parts.get("WKST", "MO") != "MO":
        return None
    try:
        interval = int(parts.get("INTERVAL", "1"))
        until = None
        if "UNTIL" in parts:
            value = parts["UNTIL"]
            if value.endswith("Z"):
                return None
            until = datetime.strptime(value, "%Y%m%dT%H%M%S" if "T" in value else "%Y%m%d")
            if "T" not in value:
                until = until.replace(hour=23, minute=59, second=59)
    except ValueError:
        return None
    weekdays = None
    if "BYDAY" in parts:
        codes = parts["BYDAY"].split(",")
        if not all(code in _WEEKDAYS for code in codes):
            return None
        weekdays = frozenset(_WEEKDAYS[code] for code in codes)
    if interval < 1:
        return None
    return SimpleRule(parts["FREQ"] == "DAILY", interval, weekdays, until)


def simple_starts(
    rule: SimpleRule, start: datetime, window_start: datetime, window_end: datetime
) -> list[datetime]:
    """Return the local starts of ``rule`` from ``start`` in ``[window_start, window_end)``."""
    first_day = max(start.date(), window_start.date())
    last_day = window_end.date()
    if rule.until is not None:
        last_day = min(last_day, rule.until.date())
    if first_day > last_day:
        return []
    days: list[date] = []
    if rule.daily:
        offset = (first_day - start.date()).days
        day = first_day + timedelta(days=(-offset) % rule.interval)
        while day <= last_day:
            if rule.weekdays is None or day.weekday() in rule.weekdays:
                days.append(day)
            day += timedelta(days=rule.interval)
    else:
        weekdays = sorted(rule.weekdays or {start.weekday()})
        start_monday = start.date() - timedelta(days=start.weekday())
        monday = first_day - timedelta(days=first_day.weekday())
        behind = ((monday - start_monday).days // 7) % rule.interval
        if behind:
            monday += timedelta(weeks=rule.interval - behind)
        while monday <= last_day:
            days.extend(
                d
                for d in (monday + timedelta(days=w) for w in weekdays)
                if first_day <= d <= last_day
            )
            monday += timedelta(weeks=rule.interval)
    at = start.time()
    found = []
    for day in days:
        candidate = datetime.combine(day, at)
        if (
            start <= candidate
            and window_start <= candidate < window_end
            and (rule.until is None or candidate <= rule.until)
        ):
            found.append(candidate)
    return found[:MAX_PER_ACTIVITY]


def local_starts(
    activity: Activity, window_start: datetime, window_end: datetime
) -> list[datetime]:
    """Return the original local starts of ``activity`` between two naive local times."""
    if not activity.rrule:
        start = activity.start_local
        return [start] if window_start <= start < window_end else []
    simple = simple_rule(activity.rrule)
    if simple is not None:
        return simple_starts(simple, activity.start_local, window_start, window_end)
    rule = _cached_rule(activity.rrule, activity.start_local)
    found = rule.between(window_start, window_end, inc=True)
    return [d for d in found if d < window_end][:MAX_PER_ACTIVITY]


def _aware(local: datetime, tz: ZoneInfo) -> datetime:
    # fold=0: an ambiguous wall time in the autumn hour takes its first (summer-time) meaning.
    return local.replace(tzinfo=tz)


def expand(
    activity: Activity, start: datetime, end: datetime, *, include_cancelled: bool = True
) -> list[Occurrence]:
    """Return the occurrences of ``activity`` that overlap ``[start, end)``, sorted by start.

    ``start`` and ``end`` are timezone-aware. Cancelled occurrences come back with
    ``cancelled=True`` (with their reason) unless ``include_cancelled`` is False; a moved
    occurrence comes back at its new time, with ``moved=True``.
    """
    tz = zone(activity.tzid)
    duration = activity.end_local - activity.start_local
    window_start = start.astimezone(tz).replace(tzinfo=None)
    window_end = end.astimezone(tz).replace(tzinfo=None)
    overrides: dict[datetime, OccurrenceOverride] = {
        o.original_start: o for o in activity.changed_occurrences()
    }
    result: list[Occurrence] = []
    for key in local_starts(activity, window_start - duration, window_end):
        override = overrides.get(key)
        if override is not None and not override.cancelled:
            continue  # moved: placed below at its new time
        occ_start = _aware(key, tz)
        occ_end = _aware(key + duration, tz)
        if occ_end <= start or occ_start >= end:
            continue
        if override is not None:
            if include_cancelled:
                result.append(
                    Occurrence(
                        activity, key, occ_start, occ_end, cancelled=True, reason=override.reason
                    )
                )
            continue
        result.append(Occurrence(activity, key, occ_start, occ_end))
    for override in overrides.values():
        if override.cancelled or override.new_start is None or override.new_end is None:
            continue
        new_start = _aware(override.new_start, tz)
        new_end = _aware(override.new_end, tz)
        if new_end > start and new_start < end and is_occurrence(activity, override.original_start):
            result.append(
                Occurrence(
                    activity,
                    override.original_start,
                    new_start,
                    new_end,
                    moved=True,
                    reason=override.reason,
                )
            )
    result.sort(key=lambda o: o.start)
    return result


def expand_many(
    activities: Iterable[Activity],
    start: datetime,
    end: datetime,
    *,
    include_cancelled: bool = True,
) -> list[Occurrence]:
    """Expand several activities into one list sorted by start (then title)."""
    keyed: list[tuple[float, str, int, Occurrence]] = []
    for activity in activities:
        title, activity_id = activity.title, activity.id
        keyed.extend(
            (occ.start.timestamp(), title, activity_id, occ)
            for occ in expand(activity, start, end, include_cancelled=include_cancelled)
        )
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]


def is_occurrence(activity: Activity, key: datetime) -> bool:
    """Tell whether ``key`` (a local start) is one of the activity's original dates."""
    return key in local_starts(activity, key, key + timedelta(minutes=1))


def find_occurrence(activity: Activity, key: datetime) -> Occurrence | None:
    """Return the occurrence with original start ``key`` as the app shows it, or None."""
    if not is_occurrence(activity, key):
        return None
    tz = zone(activity.tzid)
    duration = activity.end_local - activity.start_local
    for override in activity.changed_occurrences():
        if override.original_start == key:
            if override.cancelled:
                return Occurrence(
                    activity,
                    key,
                    _aware(key, tz),
                    _aware(key + duration, tz),
                    cancelled=True,
                    reason=override.reason,
                )
            assert override.new_start is not None and override.new_end is not None
            return Occurrence(
                activity,
                key,
                _aware(override.new_start, tz),
                _aware(override.new_end, tz),
                moved=True,
                reason=override.reason,
            )
    return Occurrence(activity, key, _aware(key, tz), _aware(key + duration, tz))


def date_span(activity: Activity) -> tuple[date, date | None]:
    """Return the first and last local date the activity can take place (None: no end)."""
    first = activity.start_local.date()
    moved = [o.new_end.date() for o in activity.overrides if o.new_end is not None]
    if not activity.rrule:
        last = (activity.end_local).date()
        return min([first, *[o.new_start.date() for o in activity.overrides if o.new_start]]), max(
            [last, *moved]
        )
    parts = rule_parts(activity.rrule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        return first, None
    starts = list(parse_rule(activity.rrule, activity.start_local))  # bounded: COUNT or UNTIL
    last_start = starts[-1] if starts else None
    duration = activity.end_local - activity.start_local
    last = (last_start + duration).date() if last_start else activity.end_local.date()
    earliest = [o.new_start.date() for o in activity.overrides if o.new_start]
    return min([first, *earliest]), max([last, *moved])


def day_bounds(day: date, tzid: str) -> tuple[datetime, datetime]:
    """Return the aware start of ``day`` and of the next day in ``tzid``."""
    tz = zone(tzid)
    return (
        datetime.combine(day, time(0), tzinfo=tz),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
    )
