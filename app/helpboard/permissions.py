"""Who may do what with a question: one ``can_<verb>(user, question)`` per action.

Built only on :mod:`app.core.access` (``is_active``, ``holds``, ``outranks``) and on the
visibility table of :mod:`app.helpboard.visibility`. Views call these directly; templates call
them as ``can("helpboard.<verb>", question)``.
"""

from __future__ import annotations

from typing import Any

from app.core.access import (
    MODERATOR,
    PROFESSIONAL,
    VOLUNTEER,
    holds,
    is_active,
    outranks,
    register_permissions,
)
from app.helpboard.models import CLAIMED, CLOSED, DONE, OPEN, Question, Report
from app.helpboard.queries import is_vetted_volunteer
from app.helpboard.visibility import READS_DETAILS, is_sensitive, sees, serves


def is_professional(user: Any) -> bool:
    """Tell whether ``user`` holds the professional role (for what no one question decides)."""
    return holds(user, PROFESSIONAL)


def is_staff_for(user: Any, question: Question) -> bool:
    """Tell whether ``user`` acts as a professional on ``question``: one of its neighbourhood.

    A professional of another neighbourhood is, for that question, one more visitor (or, when
    they are a vetted volunteer too, a volunteer).
    """
    return serves(user, question)


def is_requester(user: Any, question: Question) -> bool:
    return (
        is_active(user) and question.requester_id is not None and question.requester_id == user.id
    )


def is_helper(user: Any, question: Question) -> bool:
    return is_active(user) and question.helper_id is not None and question.helper_id == user.id


def can_see(user: Any, question: Question) -> bool:
    """Anyone may see what the visibility table shows them (the SQL follows the same table)."""
    return sees(user, question)


def can_read_details(user: Any, question: Question) -> bool:
    """The requester, the helper and professionals read contact, place and urgency."""
    return sees(user, question, READS_DETAILS)


def can_claim(user: Any, question: Question) -> bool:
    """A vetted volunteer (or a professional) may claim an open, approved question."""
    if not is_active(user) or question.status != OPEN or question.in_triage or question.hidden_at:
        return False
    if is_requester(user, question):
        return False
    if is_sensitive(question):
        return is_staff_for(user, question)
    return is_staff_for(user, question) or (user.has_role(VOLUNTEER) and is_vetted_volunteer(user))


def can_take_part(user: Any, question: Question) -> bool:
    """The requester, the helper and professionals share the question's message thread."""
    if question.hidden_at:
        return False
    if is_staff_for(user, question) or is_requester(user, question):
        return True
    return is_helper(user, question) and not is_sensitive(question)


def can_hand_back(user: Any, question: Question) -> bool:
    return question.status == CLAIMED and (
        is_helper(user, question) or is_staff_for(user, question)
    )


def can_mark_done(user: Any, question: Question) -> bool:
    return question.status == CLAIMED and (
        is_helper(user, question) or is_requester(user, question) or is_staff_for(user, question)
    )


def can_close(user: Any, question: Question) -> bool:
    return question.status in (OPEN, CLAIMED) and (
        is_requester(user, question) or is_staff_for(user, question)
    )


def can_answer_helped(user: Any, question: Question) -> bool:
    return question.status == DONE and question.helped is None and is_requester(user, question)


def can_report(user: Any, question: Question) -> bool:
    return is_active(user) and not question.hidden_at


def can_refer(user: Any, question: Question) -> bool:
    return question.status != CLOSED and (is_helper(user, question) or is_staff_for(user, question))


def can_triage(user: Any) -> bool:
    return is_professional(user)


def can_manage(user: Any, question: Question) -> bool:
    """A professional handles (approves, assigns, notes …) the questions of their neighbourhoods."""
    return is_staff_for(user, question)


def can_moderate(user: Any) -> bool:
    return holds(user, MODERATOR, PROFESSIONAL)


def can_edit_profile(user: Any) -> bool:
    return holds(user, VOLUNTEER)


def reported_author(report: Report) -> Any:
    """Return the account that wrote the reported question or message (None for a guest)."""
    return report.message.author if report.message is not None else report.question.requester


def can_read_report(user: Any, report: Report) -> bool:
    """Moderators read reported text, except in sensitive categories: professionals only."""
    if is_sensitive(report.question):
        return is_staff_for(user, report.question)
    return can_moderate(user)


def can_hide(user: Any, report: Report) -> bool:
    """A moderator hides what a guest or someone of a lower role wrote, never a peer's or higher."""
    author = reported_author(report)
    return can_moderate(user) and (author is None or outranks(user, author))


def can_block(user: Any, report: Report) -> bool:
    """A moderator blocks the account behind a report only when they outrank it."""
    author = reported_author(report)
    return can_moderate(user) and author is not None and outranks(user, author)


register_permissions("helpboard", globals())
