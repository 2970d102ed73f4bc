"""Who may do what with a question: one predicate per action."""

from __future__ import annotations

from app.accounts.roles import MODERATOR, PROFESSIONAL, VOLUNTEER
from app.helpboard.models import CLAIMED, CLOSED, DONE, OPEN, Question
from app.helpboard.queries import is_vetted_volunteer


def _logged_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and not getattr(user, "is_blocked", False)


def is_professional(user) -> bool:
    return _logged_in(user) and user.has_any_role(PROFESSIONAL)


def is_requester(user, question: Question) -> bool:
    return (
        _logged_in(user) and question.requester_id is not None and question.requester_id == user.id
    )


def is_helper(user, question: Question) -> bool:
    return _logged_in(user) and question.helper_id is not None and question.helper_id == user.id


def can_claim(user, question: Question) -> bool:
    """A vetted volunteer (or a professional) may claim an open, approved question."""
    if not _logged_in(user) or question.status != OPEN or question.in_triage or question.hidden_at:
        return False
    if is_requester(user, question):
        return False
    if question.category.is_sensitive:
        return is_professional(user)
    return is_professional(user) or (user.has_role(VOLUNTEER) and is_vetted_volunteer(user))


def can_take_part(user, question: Question) -> bool:
    """The requester, the helper and professionals share the question's message thread."""
    if question.hidden_at:
        return False
    if is_professional(user) or is_requester(user, question):
        return True
    return is_helper(user, question) and not question.category.is_sensitive


def can_hand_back(user, question: Question) -> bool:
    return question.status == CLAIMED and (is_helper(user, question) or is_professional(user))


def can_mark_done(user, question: Question) -> bool:
    return question.status == CLAIMED and (
        is_helper(user, question) or is_requester(user, question) or is_professional(user)
    )


def can_close(user, question: Question) -> bool:
    return question.status in (OPEN, CLAIMED) and (
        is_requester(user, question) or is_professional(user)
    )


def can_answer_helped(user, question: Question) -> bool:
    return question.status == DONE and question.helped is None and is_requester(user, question)


def can_report(user, question: Question) -> bool:
    return _logged_in(user) and not question.hidden_at


def can_triage(user) -> bool:
    return is_professional(user)


def can_moderate(user) -> bool:
    return _logged_in(user) and user.has_any_role(MODERATOR, PROFESSIONAL)


def can_refer(user, question: Question) -> bool:
    return question.status not in (CLOSED,) and (is_helper(user, question) or is_professional(user))


def can_edit_profile(user) -> bool:
    return _logged_in(user) and user.has_any_role(VOLUNTEER)
