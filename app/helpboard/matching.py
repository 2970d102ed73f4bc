"""Matching volunteers and questions: one ranking function, with reasons people can read.

The score adds up, in this order of weight: the volunteer knows the category (skill), speaks the
resident's language, is free at a part of the day that suits the resident, lives close by, has
room next to the questions they already help with, and has not helped for a while (so the work
is shared). Volunteers at their maximum load are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext

from app.core.i18n import language_name
from app.helpboard.models import PARTS_OF_DAY, WEEKDAYS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

W_SKILL = 40.0
W_LANGUAGE = 20.0
W_AVAILABILITY = 15.0
W_DISTANCE = 15.0
W_LOAD = 10.0
W_RECENCY = 5.0
NEAR_ENOUGH_M = 3000.0  # beyond this distance the distance adds nothing
RECENCY_DAYS = 60.0

# Lower case in Dutch inside a sentence ("vrij maandag ochtenden"), unlike the map's opening hours.
WEEKDAY_LABELS = {
    "mon": lazy_pgettext("in a sentence", "Monday"),
    "tue": lazy_pgettext("in a sentence", "Tuesday"),
    "wed": lazy_pgettext("in a sentence", "Wednesday"),
    "thu": lazy_pgettext("in a sentence", "Thursday"),
    "fri": lazy_pgettext("in a sentence", "Friday"),
    "sat": lazy_pgettext("in a sentence", "Saturday"),
    "sun": lazy_pgettext("in a sentence", "Sunday"),
}
PART_LABELS = {
    "morning": _l("mornings"),
    "afternoon": _l("afternoons"),
    "evening": _l("evenings"),
}


@dataclass(frozen=True)
class Need:
    """What a question asks for."""

    category_id: int
    language: str = "nl"
    parts_of_day: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Candidate:
    """What matters about one vetted volunteer."""

    user_id: int
    name: str
    skills: frozenset[int] = frozenset()
    languages: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    open_count: int = 0
    max_open: int = 3
    last_helped_at: datetime | None = None


@dataclass
class Match:
    candidate: Candidate
    need: Need
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        return ", ".join(self.reasons)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in metres."""
    r = 6371000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _next_free_slot(need: Need, candidate: Candidate, now: datetime) -> str | None:
    """Return the volunteer's first free slot from today that suits the resident."""
    parts = need.parts_of_day or PARTS_OF_DAY
    today = now.astimezone(AMSTERDAM).weekday()
    for offset in range(7):
        day = WEEKDAYS[(today + offset) % 7]
        for part in PARTS_OF_DAY:
            if part in parts and f"{day}-{part}" in candidate.availability:
                return f"{day}-{part}"
    return None


def points(need: Need, candidate: Candidate, now: datetime) -> float | None:
    """Return the score of one volunteer for one question; None when they cannot take it.

    Numbers only: ranking thousands of volunteers must not build thousands of translated
    reasons (:func:`score` adds them for the few that are shown).
    """
    if candidate.open_count >= candidate.max_open:
        return None
    total = 0.0
    if need.category_id in candidate.skills:
        total += W_SKILL
    if need.language in candidate.languages:
        total += W_LANGUAGE
    if _next_free_slot(need, candidate, now):
        total += W_AVAILABILITY
    if None not in (need.latitude, need.longitude, candidate.latitude, candidate.longitude):
        metres = distance_m(need.latitude, need.longitude, candidate.latitude, candidate.longitude)  # type: ignore[arg-type]
        total += W_DISTANCE * max(0.0, 1 - metres / NEAR_ENOUGH_M)
    total += W_LOAD * (1 - candidate.open_count / candidate.max_open)
    if candidate.last_helped_at is None:
        total += W_RECENCY
    else:
        days = max(0.0, (now - candidate.last_helped_at).total_seconds() / 86400)
        total += W_RECENCY * min(days, RECENCY_DAYS) / RECENCY_DAYS
    return round(total, 3)


def reasons_for(need: Need, candidate: Candidate, now: datetime) -> list[str]:
    """Return why ``candidate`` fits ``need``, in words, in the order of the weights."""
    reasons: list[str] = []
    if need.category_id in candidate.skills:
        reasons.append(_("knows this subject"))
    if need.language in candidate.languages:
        reasons.append(_("speaks %(language)s", language=language_name(need.language)))
    slot = _next_free_slot(need, candidate, now)
    if slot:
        day, part = slot.split("-")
        reasons.append(_("free %(day)s %(part)s", day=WEEKDAY_LABELS[day], part=PART_LABELS[part]))
    if None not in (need.latitude, need.longitude, candidate.latitude, candidate.longitude):
        metres = distance_m(need.latitude, need.longitude, candidate.latitude, candidate.longitude)  # type: ignore[arg-type]
        reasons.append(_("%(metres)d m away", metres=int(round(metres, -2))))
    if candidate.open_count == 0:
        reasons.append(_("no other questions now"))
    else:
        reasons.append(
            ngettext(
                "helps with %(num)d other question",
                "helps with %(num)d other questions",
                candidate.open_count,
            )
        )
    if candidate.last_helped_at is None:
        reasons.append(_("has not helped yet"))
    else:
        calendar_days = (
            now.astimezone(AMSTERDAM).date() - candidate.last_helped_at.astimezone(AMSTERDAM).date()
        ).days
        reasons.append(last_helped_words(calendar_days))
    return reasons


def score(need: Need, candidate: Candidate, now: datetime) -> Match | None:
    """Score one volunteer for one question; None when they cannot take it (full load)."""
    total = points(need, candidate, now)
    if total is None:
        return None
    return Match(
        candidate=candidate, need=need, score=total, reasons=reasons_for(need, candidate, now)
    )


def last_helped_words(days: int) -> str:
    """Say when a volunteer last helped, ``days`` calendar days ago: today, yesterday, n days."""
    if days < 1:
        return _("last helped today")
    if days < 2:
        return _("last helped yesterday")
    return ngettext("last helped %(num)d day ago", "last helped %(num)d days ago", days)


def rank_volunteers(
    need: Need, candidates: Iterable[Candidate], now: datetime, limit: int | None = None
) -> list[Match]:
    """Return the volunteers who can take ``need``, best first (ties: lowest user id first).

    Scores every candidate as a number, then words the reasons of the ``limit`` best only.
    """
    scored = [(total, c) for c in candidates if (total := points(need, c, now)) is not None]
    scored.sort(key=lambda pair: (-pair[0], pair[1].user_id))
    chosen = scored[:limit] if limit is not None else scored
    return [
        Match(candidate=c, need=need, score=total, reasons=reasons_for(need, c, now))
        for total, c in chosen
    ]


def rank_questions(
    candidate: Candidate, needs: Iterable[tuple[int, Need]], now: datetime, limit: int | None = None
) -> list[tuple[int, Match]]:
    """Return (question id, match) for the questions that fit ``candidate`` best, best first."""
    scored = [
        (total, qid, need)
        for qid, need in needs
        if (total := points(need, candidate, now)) is not None
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen = scored[:limit] if limit is not None else scored
    return [
        (
            qid,
            Match(
                candidate=candidate,
                need=need,
                score=total,
                reasons=reasons_for(need, candidate, now),
            ),
        )
        for total, qid, need in chosen
    ]
