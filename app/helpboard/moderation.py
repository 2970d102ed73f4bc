"""Moderation of the question board: reports, hiding questions and messages, blocking accounts.

Operations flush; the caller commits.
"""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import Message, Question, Report
from app.helpboard.operations import record


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
