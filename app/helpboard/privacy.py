"""Personal data on the question board: the download, account deletion and retention."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update

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
    Notification,
    Question,
    QuestionEvent,
    Referral,
    Report,
    VolunteerProfile,
)
from app.helpboard.visibility import shared_contact

REMOVED_TITLE = "–"


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export_questions(user: User) -> dict[str, Any]:
    """Return the person's questions, messages and volunteer profile for the download."""
    asked = db.session.scalars(
        select(Question).where(Question.requester_id == user.id).order_by(Question.id)
    ).all()
    messages = db.session.scalars(
        select(Message).where(Message.author_id == user.id).order_by(Message.id)
    ).all()
    profile = db.session.scalar(select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))
    helping = db.session.scalars(
        select(Question).where(Question.helper_id == user.id).order_by(Question.id)
    ).all()
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
            {"question": m.question_id, "text": m.body, "sent_at": _when(m.created_at)}
            for m in messages
        ],
        # The questions the person helps or helped with; of the resident's contact only what
        # the resident chose to share with a helper (as on the question page).
        "helping": [
            {
                "id": q.id,
                "title": q.title,
                "status": q.status,
                "claimed_at": _when(q.claimed_at),
                "contact": shared_contact(user, q),
            }
            for q in helping
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
        **_acted(user),
    }


def _rows(model, column, user: User) -> list:
    return list(db.session.scalars(select(model).where(column == user.id).order_by(model.id)))


def _acted(user: User) -> dict[str, Any]:
    """What the person did on other people's questions: the question's number, never its asker."""
    return {
        "helped_with": [
            {
                "question": q.id,
                "title": q.title,
                "status": q.status,
                "claimed_at": _when(q.claimed_at),
            }
            for q in _rows(Question, Question.helper_id, user)
        ],
        "asked_on_behalf_of_someone": [
            {"question": q.id, "title": q.title, "created_at": _when(q.created_at)}
            for q in _rows(Question, Question.on_behalf_by_id, user)
        ],
        "question_history": [
            {
                "question": e.question_id,
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                "when": _when(e.created_at),
            }
            for e in _rows(QuestionEvent, QuestionEvent.actor_id, user)
        ],
        "internal_notes": [
            {"question": n.question_id, "text": n.body, "when": _when(n.created_at)}
            for n in _rows(InternalNote, InternalNote.author_id, user)
        ],
        "referrals": [
            {"question": r.question_id, "service": r.service_id, "note": r.note}
            for r in _rows(Referral, Referral.author_id, user)
        ],
        "reports_made": [
            {"question": r.question_id, "reason": r.reason, "when": _when(r.created_at)}
            for r in _rows(Report, Report.reporter_id, user)
        ],
        "reports_handled": [
            {"question": r.question_id, "outcome": r.outcome, "when": _when(r.handled_at)}
            for r in _rows(Report, Report.handled_by_id, user)
        ],
        "notices": [
            {"question": n.question_id, "kind": n.kind, "sent_at": _when(n.sent_at)}
            for n in _rows(Notification, Notification.user_id, user)
        ],
        "volunteers_vetted": [
            {"volunteer": p.user_id, "vog_checked_on": _when(p.vetted_on)}
            for p in _rows(VolunteerProfile, VolunteerProfile.vetted_by_id, user)
        ],
    }


def anonymise(question: Question) -> None:
    """Remove the personal data of a question; keep what the figures count."""
    from app.helpboard.guest_links import working_link_ids
    from app.push.operations import remove_for_guest_links

    remove_for_guest_links(working_link_ids(question))  # a guest's phones
    question.requester_id = None
    question.requester = None
    question.guest_name = question.guest_phone = question.guest_email = None
    question.title = REMOVED_TITLE
    question.description = ""
    question.latitude = question.longitude = None
    question.form_token = None
    question.anonymised_at = utcnow()
    if question.status in (OPEN, CLAIMED):
        question.status = CLOSED
        question.close_reason = "other"
        question.finished_at = utcnow()
    db.session.execute(delete(Message).where(Message.question_id == question.id))
    db.session.execute(delete(InternalNote).where(InternalNote.question_id == question.id))


def erase_questions(user: User) -> None:
    """Before an account is deleted: anonymise its questions, drop its messages, free its claims.

    The volunteers this person vetted stay vetted (the fact and the date), and the reports they
    handled stay handled, but neither names them any more ("a former professional").
    """
    db.session.execute(
        update(VolunteerProfile)
        .where(VolunteerProfile.vetted_by_id == user.id)
        .values(vetted_by_id=None, vetted_by_erased=True)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(
        update(Report)
        .where(Report.handled_by_id == user.id)
        .values(handled_by_id=None, handled_by_erased=True)
        .execution_options(synchronize_session="fetch")
    )
    for question in db.session.scalars(select(Question).where(Question.requester_id == user.id)):
        anonymise(question)
    db.session.execute(delete(Message).where(Message.author_id == user.id))
    for question in db.session.scalars(
        select(Question).where(Question.helper_id == user.id, Question.status == CLAIMED)
    ):
        question.status = OPEN
        question.helper_id = None
        question.claimed_at = None
        db.session.add(
            QuestionEvent(
                question_id=question.id,
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
        select(Question).where(
            Question.status.in_((DONE, CLOSED)),
            Question.anonymised_at.is_(None),
            Question.finished_at.is_not(None),
            Question.finished_at < cutoff,
        )
    ).all()
    for question in due:
        anonymise(question)
    db.session.flush()
    return len(due)


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "questions",
            export=export_questions,
            erase=erase_questions,
            covers=(
                "questions.requester_id",
                "questions.helper_id",
                "questions.on_behalf_by_id",
                "request_messages.author_id",
                "volunteer_profiles.user_id",
                "volunteer_profiles.vetted_by_id",
                "request_events.actor_id",
                "request_notes.author_id",
                "request_referrals.author_id",
                "request_reports.reporter_id",
                "request_reports.handled_by_id",
                "request_notifications.user_id",
            ),
        )
    )
