"""The life of a question: triage, claim, hand back, done, close, messages, notes, referrals.

Operations flush; the caller commits. Putting a question out is :mod:`app.helpboard.asking`,
moderation :mod:`app.helpboard.moderation`, volunteers :mod:`app.helpboard.volunteering`.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from app.accounts.models import User
from app.core.models import utcnow
from app.core.operations import OperationError
from app.extensions import db
from app.helpboard import guest_links
from app.helpboard.models import (
    CLAIMED,
    CLOSED,
    DONE,
    OPEN,
    InternalNote,
    Message,
    Question,
    QuestionEvent,
    Referral,
    VolunteerProfile,
)
from app.helpboard.queries import open_load
from app.helpboard.visibility import is_sensitive
from app.taxonomy.models import Category


class HelpboardError(OperationError):
    """An action that cannot happen now; ``code`` says why."""


def record(
    question: Question,
    action: str,
    actor: User | None,
    *,
    before: str | None = None,
    reason: str | None = None,
) -> QuestionEvent:
    """Add a step to the question's history."""
    event = QuestionEvent(
        question_id=question.id,
        actor_id=actor.id if actor else None,
        action=action,
        from_status=before,
        to_status=question.status,
        reason=reason,
    )
    db.session.add(event)
    return event


def approve(question: Question, professional: User) -> None:
    """Let a question out of triage onto the board (or, when sensitive, to professionals)."""
    if not question.in_triage:
        raise HelpboardError("not_in_triage")
    question.in_triage = False
    question.opened_at = utcnow()
    record(question, "approved", professional, before=question.status)
    db.session.flush()


def claim(question: Question, volunteer: User) -> None:
    """Claim an open question; exactly one of several simultaneous claims wins.

    The status check and the change are one conditional UPDATE, so the database decides who was
    first; the loser's UPDATE matches no row.
    """
    if is_sensitive(question) and not volunteer.has_any_role("professional"):
        raise HelpboardError("sensitive")
    profile = db.session.scalar(
        select(VolunteerProfile).where(VolunteerProfile.user_id == volunteer.id)
    )
    if not volunteer.has_any_role("professional"):
        if profile is None or not profile.is_vetted:
            raise HelpboardError("not_vetted")
        if open_load(volunteer.id) >= profile.max_open:
            raise HelpboardError("full")
    now = utcnow()
    result = db.session.execute(
        update(Question)
        .where(
            Question.id == question.id,
            Question.status == OPEN,
            Question.in_triage.is_(False),
            Question.hidden_at.is_(None),
        )
        .values(status=CLAIMED, helper_id=volunteer.id, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.refresh(question)
        raise HelpboardError("taken")
    db.session.refresh(question)
    record(question, "claimed", volunteer, before=OPEN)
    db.session.flush()


def assign(question: Question, helper: User, professional: User) -> None:
    """Give an open question to a helper (a volunteer from the ranked list, or oneself)."""
    if question.status != OPEN:
        raise HelpboardError("taken")
    if is_sensitive(question) and not helper.has_any_role("professional"):
        raise HelpboardError("sensitive")
    before = question.status
    question.status = CLAIMED
    question.helper_id = helper.id
    question.helper = helper
    question.in_triage = False
    question.claimed_at = utcnow()
    if question.opened_at is None:
        question.opened_at = question.claimed_at
    record(question, "assigned", professional, before=before, reason=helper.name)
    db.session.flush()


def hand_back(question: Question, helper: User, reason: str | None = None) -> None:
    """Give a claimed question back to the board."""
    if question.status != CLAIMED:
        raise HelpboardError("not_claimed")
    question.status = OPEN
    question.helper_id = None
    question.helper = None
    question.claimed_at = None
    record(question, "handed_back", helper, before=CLAIMED, reason=reason)
    db.session.flush()


def mark_done(question: Question, actor: User) -> None:
    """Mark a claimed question as done; the resident is then asked whether it helped."""
    if question.status != CLAIMED:
        raise HelpboardError("not_claimed")
    question.status = DONE
    question.finished_at = utcnow()
    record(question, "done", actor, before=CLAIMED)
    db.session.flush()


def close(question: Question, actor: User | None, reason: str, note: str | None = None) -> None:
    """Close a question that is not needed any more or got no answer."""
    if question.status in (DONE, CLOSED):
        raise HelpboardError("finished")
    before = question.status
    question.status = CLOSED
    question.helper_id = question.helper_id  # the helper stays on record
    question.close_reason = reason
    question.finished_at = utcnow()
    guest_links.end_all(question, "closed")
    record(question, "closed", actor, before=before, reason=note or reason)
    db.session.flush()


def answer_helped(question: Question, answer: str, actor: User | None) -> None:
    """Record the resident's answer to "were you helped?"."""
    if question.status != DONE:
        raise HelpboardError("not_done")
    question.helped = answer
    record(question, "helped", actor, before=DONE, reason=answer)
    db.session.flush()


def add_message(question: Question, body: str, author: User | None) -> Message:
    """Add a message to the question's thread (``author`` None: the guest who asked)."""
    message = Message(
        question_id=question.id,
        author_id=author.id if author else None,
        from_guest=author is None,
        body=body.strip(),
    )
    db.session.add(message)
    db.session.flush()
    return message


def add_note(question: Question, body: str, professional: User) -> InternalNote:
    """Add an internal note that only professionals read."""
    note = InternalNote(question_id=question.id, author_id=professional.id, body=body.strip())
    db.session.add(note)
    db.session.flush()
    return note


def change_category(question: Question, category: Category, professional: User) -> None:
    """Move a question to another category (sensitive ones go back to professionals only)."""
    old = question.category
    question.category_id = category.id
    question.category = category
    if is_sensitive(question):
        _only_professionals_help(question, professional, reason="category")
    record(
        question,
        "category_changed",
        professional,
        before=question.status,
        reason=f"{old.slug} → {category.slug}",
    )
    db.session.flush()


def _only_professionals_help(question: Question, professional: User, reason: str) -> None:
    """Hand a question that became sensitive back when a volunteer is helping with it."""
    if question.helper is not None and not question.helper.has_any_role("professional"):
        hand_back(question, professional, reason=reason)


def mark_sensitive(question: Question, professional: User) -> None:
    """Make a question for professionals only: it leaves the board and any volunteer's hands."""
    if question.professionals_only:
        raise HelpboardError("already_sensitive")
    question.professionals_only = True
    _only_professionals_help(question, professional, reason="sensitive")
    record(question, "marked_sensitive", professional, before=question.status)
    db.session.flush()


def stop_guest_links(question: Question, professional: User) -> int:
    """End every link of a guest's question (a professional's decision); return how many."""
    ended = guest_links.end_all(question, "professional")
    record(question, "guest_links_stopped", professional, before=question.status)
    db.session.flush()
    return ended


def add_referral(
    question: Question, service_ids: list[int], note: str | None, author: User
) -> list[Referral]:
    """Answer with one or more services of the social map."""
    referrals = [
        Referral(question_id=question.id, author_id=author.id, service_id=sid, note=note or None)
        for sid in service_ids
    ]
    db.session.add_all(referrals)
    db.session.flush()
    return referrals


def escalate_due(hours: int) -> list[Question]:
    """Mark open questions nobody claimed within ``hours`` as escalated; return them."""
    cutoff = utcnow() - timedelta(hours=hours)
    due = db.session.scalars(
        select(Question).where(
            Question.status == OPEN,
            Question.in_triage.is_(False),
            Question.hidden_at.is_(None),
            Question.escalated_at.is_(None),
            Question.opened_at.is_not(None),
            Question.opened_at <= cutoff,
        )
    ).all()
    for question in due:
        question.escalated_at = utcnow()
        record(question, "escalated", None, before=OPEN, reason=f"{hours} h")
    db.session.flush()
    return list(due)
