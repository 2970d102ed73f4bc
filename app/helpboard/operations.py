"""State changes of the question board. Operations flush; the caller commits."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

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
from app.helpboard.queries import instant_mails_today, open_load, questions_today
from app.taxonomy.models import Category


class HelpboardError(Exception):
    """An action that cannot happen now; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


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


def daily_limit_reached(user: User | None, contact: str | None) -> bool:
    """Tell whether an account or a guest contact put out their questions for today already."""
    config = current_app.config
    if user is not None:
        return questions_today(user_id=user.id) >= config["HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT"]
    return questions_today(contact=contact) >= config["HELPBOARD_QUESTIONS_PER_DAY_GUEST"]


def find_by_form_token(token: str | None) -> Question | None:
    if not token:
        return None
    return db.session.scalar(select(Question).where(Question.form_token == token))


def create_question(
    *,
    category: Category,
    title: str,
    description: str,
    urgency: str,
    parts_of_day: list[str],
    contact_route: str,
    language: str,
    neighbourhood_id: int | None,
    requester: User | None = None,
    guest_name: str | None = None,
    guest_phone: str | None = None,
    guest_email: str | None = None,
    form_token: str | None = None,
    on_behalf_by: User | None = None,
) -> tuple[Question, bool]:
    """Put out a question; return (question, created). A resent form returns the first one.

    Guest questions and sensitive questions wait in triage for a professional; a question a
    professional puts out for a resident (``on_behalf_by``, with consent) opens at once.
    """
    existing = find_by_form_token(form_token)
    if existing is not None:
        return existing, False
    if category.is_public_space:
        raise HelpboardError("public_space")
    in_triage = requester is None and on_behalf_by is None
    now = utcnow()
    question = Question(
        title=title.strip(),
        description=(description or "").strip(),
        category_id=category.id,
        urgency=urgency,
        parts_of_day=list(parts_of_day),
        contact_route=contact_route,
        language=language,
        neighbourhood_id=neighbourhood_id,
        requester_id=requester.id if requester else None,
        guest_name=(guest_name or "").strip() or None,
        guest_phone=guest_phone or None,
        guest_email=(guest_email or "").strip().lower() or None,
        form_token=form_token,
        status=OPEN,
        in_triage=in_triage or category.is_sensitive,
        opened_at=None if in_triage else now,
        on_behalf_by_id=on_behalf_by.id if on_behalf_by else None,
        consent_at=now if on_behalf_by else None,
    )
    question.category = category
    # A double submit racing past the lookup above hits the unique token: keep the first.
    try:
        with db.session.begin_nested():
            db.session.add(question)
            db.session.flush()
    except IntegrityError:
        existing = find_by_form_token(form_token)
        if existing is None:
            raise
        return existing, False
    record(question, "created", requester or on_behalf_by)
    db.session.flush()
    return question, True


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
    if question.category.is_sensitive and not volunteer.has_any_role("professional"):
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
    if question.category.is_sensitive and not helper.has_any_role("professional"):
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
    if (
        category.is_sensitive
        and question.helper is not None
        and not question.helper.has_any_role("professional")
    ):
        hand_back(question, professional, reason="category")
    record(
        question,
        "category_changed",
        professional,
        before=question.status,
        reason=f"{old.slug} → {category.slug}",
    )
    db.session.flush()


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


def report(
    question: Question, reporter: User, reason: str, message: Message | None = None
) -> Report:
    """Flag a question or one of its messages for the moderators."""
    item = Report(
        question_id=question.id,
        message_id=message.id if message else None,
        reporter_id=reporter.id,
        reason=reason.strip(),
    )
    db.session.add(item)
    db.session.flush()
    return item


def _handle_reports(
    question_id: int, message_id: int | None, moderator: User, outcome: str
) -> None:
    statement = select(Report).where(Report.question_id == question_id, Report.handled_at.is_(None))
    if message_id is not None:
        statement = statement.where(Report.message_id == message_id)
    for item in db.session.scalars(statement):
        item.handled_at = utcnow()
        item.handled_by_id = moderator.id
        item.outcome = outcome


def hide_question(question: Question, moderator: User, reason: str) -> None:
    """Hide a question everywhere, with a reason."""
    question.hidden_at = utcnow()
    question.hidden_reason = reason.strip()
    record(question, "hidden", moderator, before=question.status, reason=reason)
    _handle_reports(question.id, None, moderator, "hidden")
    db.session.flush()


def hide_message(message: Message, moderator: User, reason: str) -> None:
    """Hide a message everywhere, with a reason."""
    message.hidden_at = utcnow()
    message.hidden_reason = reason.strip()
    _handle_reports(message.question_id, message.id, moderator, "hidden")
    db.session.flush()


def dismiss_report(item: Report, moderator: User) -> None:
    """Close a report without action."""
    item.handled_at = utcnow()
    item.handled_by_id = moderator.id
    item.outcome = "dismissed"
    db.session.flush()


def block_user(user: User, moderator: User, reason: str) -> None:
    """Block an account and end all of its sessions (logged in the account's history)."""
    from app.accounts.operations import block_user as block_account

    block_account(user, reason, actor=moderator)
    db.session.flush()


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
