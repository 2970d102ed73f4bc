"""Volunteers on the question board: their profile, their vetting, the notices they get.

Operations flush; the caller commits.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.helpboard.models import Notification, Question, VolunteerProfile
from app.helpboard.queries import instant_mails_today
from app.taxonomy.models import Category


def save_profile(
    user: User,
    *,
    skills: list[Category],
    languages: list[str],
    availability: list[str],
    neighbourhood_id: int | None,
    max_open: int,
    notify_mode: str,
) -> VolunteerProfile:
    """Create or update a volunteer's profile (vetting is not touched)."""
    profile = db.session.scalar(select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))
    if profile is None:
        profile = VolunteerProfile(user_id=user.id)
        db.session.add(profile)
    profile.skills = list(skills)
    profile.languages = list(languages)
    profile.availability = list(availability)
    profile.neighbourhood_id = neighbourhood_id
    profile.max_open = max_open
    profile.notify_mode = notify_mode
    db.session.flush()
    return profile


def vet(profile: VolunteerProfile, professional: User, checked_on: date | None) -> None:
    """Record that a professional checked the volunteer's VOG (None withdraws the vetting)."""
    profile.vetted_on = checked_on
    profile.vetted_by_id = professional.id if checked_on else None
    profile.vetted_by_erased = False
    db.session.flush()


def plan_notifications(question: Question, matches) -> list[Notification]:
    """Queue notices to the best matching volunteers who opted in (instant within the cap)."""
    config = current_app.config
    wanted = config["HELPBOARD_NOTIFY_TOP"]
    user_ids = [m.candidate.user_id for m in matches]
    if not user_ids:
        return []
    profiles = {
        p.user_id: p
        for p in db.session.scalars(
            select(VolunteerProfile).where(VolunteerProfile.user_id.in_(user_ids))
        )
    }
    already = set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.question_id == question.id)
        )
    )
    planned: list[Notification] = []
    for match in matches:
        if len(planned) >= wanted:
            break
        uid = match.candidate.user_id
        profile = profiles.get(uid)
        if profile is None or profile.notify_mode == "none" or uid in already:
            continue
        kind = "digest"
        if profile.notify_mode == "instant":
            cap = config["HELPBOARD_MAILS_PER_VOLUNTEER_PER_DAY"]
            kind = "instant" if instant_mails_today(uid) < cap else "digest"
        notice = Notification(user_id=uid, question_id=question.id, kind=kind)
        db.session.add(notice)
        planned.append(notice)
    db.session.flush()
    return planned
