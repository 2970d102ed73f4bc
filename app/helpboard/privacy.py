"""Personal data on the question board: the download, account deletion and retention."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select

from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import (
    CLAIMED,
    CLOSED,
    DONE,
    OPEN,
    InternalNote,
    Message,
    Request,
    RequestEvent,
    VolunteerProfile,
)

REMOVED_TITLE = "–"


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export_questions(user: User) -> dict[str, Any]:
    """Return the person's questions, messages and volunteer profile for the download."""
    asked = db.session.scalars(
        select(Request).where(Request.requester_id == user.id).order_by(Request.id)
    ).all()
    messages = db.session.scalars(
        select(Message).where(Message.author_id == user.id).order_by(Message.id)
    ).all()
    profile = db.session.scalar(select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))
    return {
        "questions": [
            {
                "id": r.id,
                "title": r.title,
                "description": r.description,
                "category": r.category.slug,
                "status": r.status,
                "created_at": _when(r.created_at),
                "helped": r.helped,
            }
            for r in asked
        ],
        "messages": [
            {"question": m.request_id, "text": m.body, "sent_at": _when(m.created_at)}
            for m in messages
        ],
        "volunteer_profile": None
        if profile is None
        else {
            "skills": [c.slug for c in profile.skills],
            "languages": profile.languages,
            "availability": profile.availability,
            "max_open": profile.max_open,
            "vog_checked_on": _when(profile.vetted_on),
        },
    }


def anonymise(req: Request) -> None:
    """Remove the personal data of a question; keep what the figures count."""
    req.requester_id = None
    req.requester = None
    req.guest_name = req.guest_phone = req.guest_email = None
    req.title = REMOVED_TITLE
    req.description = ""
    req.latitude = req.longitude = None
    req.form_token = None
    req.anonymised_at = utcnow()
    if req.status in (OPEN, CLAIMED):
        req.status = CLOSED
        req.close_reason = "other"
        req.finished_at = utcnow()
    db.session.execute(delete(Message).where(Message.request_id == req.id))
    db.session.execute(delete(InternalNote).where(InternalNote.request_id == req.id))


def erase_questions(user: User) -> None:
    """Before an account is deleted: anonymise its questions, drop its messages, free its claims."""
    for req in db.session.scalars(select(Request).where(Request.requester_id == user.id)):
        anonymise(req)
    db.session.execute(delete(Message).where(Message.author_id == user.id))
    for req in db.session.scalars(
        select(Request).where(Request.helper_id == user.id, Request.status == CLAIMED)
    ):
        req.status = OPEN
        req.helper_id = None
        req.claimed_at = None
        db.session.add(
            RequestEvent(
                request_id=req.id,
                action="handed_back",
                from_status=CLAIMED,
                to_status=OPEN,
                reason="account deleted",
            )
        )
    db.session.flush()


def remove_expired(months: int) -> int:
    """Anonymise done and closed questions finished more than ``months`` months ago."""
    cutoff = utcnow() - timedelta(days=months * 30)
    due = db.session.scalars(
        select(Request).where(
            Request.status.in_((DONE, CLOSED)),
            Request.anonymised_at.is_(None),
            Request.finished_at.is_not(None),
            Request.finished_at < cutoff,
        )
    ).all()
    for req in due:
        anonymise(req)
    db.session.flush()
    return len(due)


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(PersonalDataPart("questions", export=export_questions, erase=erase_questions))
