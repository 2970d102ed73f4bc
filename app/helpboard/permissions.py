"""Who may do what with a question: one predicate per action."""

from __future__ import annotations

from app.accounts.roles import MODERATOR, PROFESSIONAL, VOLUNTEER
from app.helpboard.models import CLAIMED, CLOSED, DONE, OPEN, Request
from app.helpboard.queries import is_vetted_volunteer


def _logged_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and not getattr(user, "is_blocked", False)


def is_professional(user) -> bool:
    return _logged_in(user) and user.has_any_role(PROFESSIONAL)


def is_requester(user, req: Request) -> bool:
    return _logged_in(user) and req.requester_id is not None and req.requester_id == user.id


def is_helper(user, req: Request) -> bool:
    return _logged_in(user) and req.helper_id is not None and req.helper_id == user.id


def can_claim(user, req: Request) -> bool:
    """A vetted volunteer (or a professional) may claim an open, approved question."""
    if not _logged_in(user) or req.status != OPEN or req.in_triage or req.hidden_at:
        return False
    if is_requester(user, req):
        return False
    if req.category.is_sensitive:
        return is_professional(user)
    return is_professional(user) or (user.has_role(VOLUNTEER) and is_vetted_volunteer(user))


def can_take_part(user, req: Request) -> bool:
    """The requester, the helper and professionals share the question's message thread."""
    if req.hidden_at:
        return False
    if is_professional(user) or is_requester(user, req):
        return True
    return is_helper(user, req) and not req.category.is_sensitive


def can_hand_back(user, req: Request) -> bool:
    return req.status == CLAIMED and (is_helper(user, req) or is_professional(user))


def can_mark_done(user, req: Request) -> bool:
    return req.status == CLAIMED and (
        is_helper(user, req) or is_requester(user, req) or is_professional(user)
    )


def can_close(user, req: Request) -> bool:
    return req.status in (OPEN, CLAIMED) and (is_requester(user, req) or is_professional(user))


def can_answer_helped(user, req: Request) -> bool:
    return req.status == DONE and req.helped is None and is_requester(user, req)


def can_report(user, req: Request) -> bool:
    return _logged_in(user) and not req.hidden_at


def can_triage(user) -> bool:
    return is_professional(user)


def can_moderate(user) -> bool:
    return _logged_in(user) and user.has_any_role(MODERATOR, PROFESSIONAL)


def can_refer(user, req: Request) -> bool:
    return req.status not in (CLOSED,) and (is_helper(user, req) or is_professional(user))


def can_edit_profile(user) -> bool:
    return _logged_in(user) and user.has_any_role(VOLUNTEER)
