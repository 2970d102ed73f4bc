"""Who sees which question, written once: a table from which the SQL and the Python check follow.

A viewer stands in one or more *relations* to a question: anyone, its requester, its helper, a
professional. Each relation has a :class:`Rule` saying which questions it shows. A question is
visible when it is not hidden and one of the viewer's relations has a rule the question meets.
:func:`visible_sql` turns the table into a WHERE clause (used by ``queries.question_select``)
and :func:`sees` into a Python answer (used by ``permissions.can_see``); a test walks every role
× state and checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from app.core.access import PROFESSIONAL, holds, is_active
from app.helpboard.models import OPEN, Question
from app.neighbourhoods.queries import served_neighbourhood_ids
from app.taxonomy.models import Category

ANYONE = "anyone"
REQUESTER = "requester"
HELPER = "helper"
STAFF = "professional"


@dataclass(frozen=True)
class Rule:
    """Which questions a relation shows; ``None`` means "any"."""

    statuses: tuple[str, ...] | None = None
    in_triage: bool | None = None
    sensitive: bool | None = None


# THE visibility table. Hidden questions show to nobody (moderators read them through reports).
VISIBLE_TO: dict[str, Rule] = {
    # Open, approved questions outside the sensitive categories: the public board.
    ANYONE: Rule(statuses=(OPEN,), in_triage=False, sensitive=False),
    # The requester (or the guest with the signed link) always sees their own question.
    REQUESTER: Rule(),
    # The helper sees the question they help with, never a sensitive one.
    HELPER: Rule(sensitive=False),
    # Professionals see everything of the questions of their own neighbourhoods (and of those
    # in no neighbourhood), triage and sensitive questions included; of another neighbourhood
    # they see only what anyone sees. Admins, and professionals who work in no neighbourhood
    # (the programme office's), serve every neighbourhood (``served_neighbourhood_ids``).
    STAFF: Rule(),
}
# Relations that read everything of a question they see (contact, exact place, urgency …).
READS_DETAILS = (REQUESTER, HELPER, STAFF)
# The requester and professionals read every contact detail; the helper reads the name and only
# what the resident chose to share: the phone number for a call, the address for an email,
# neither for "send me a message on Wijkplein".
READS_ALL_CONTACT = (REQUESTER, STAFF)
HELPER_READS_CONTACT: dict[str, tuple[str, ...]] = {
    "phone": ("phone",),
    "email": ("email",),
    "message": (),
}


@dataclass(frozen=True)
class Viewer:
    """Who is looking, reduced to what decides visibility."""

    user_id: int | None = None
    is_professional: bool = False
    # The neighbourhoods a professional serves; None: every neighbourhood.
    served_neighbourhood_ids: tuple[int, ...] | None = None
    is_vetted: bool = False
    is_moderator: bool = False
    # A guest who opened their own question through the signed link in a mail.
    guest_question_id: int | None = None


ANONYMOUS = Viewer()


def is_sensitive(question: Question) -> bool:
    """Tell whether ``question`` is for professionals only (THE definition, with the SQL below).

    Sensitive: its category is (money and debt, health and care, safety, housing, problems with
    the landlord …), or the resident ticked "only for professionals", or a professional marked it.
    """
    return bool(question.category.is_sensitive or question.professionals_only)


def sensitive_sql() -> ColumnElement[bool]:
    """Return the SQL of :func:`is_sensitive` (the query joins Category)."""
    return or_(Category.is_sensitive.is_(True), Question.professionals_only.is_(True))


def _rule_sql(rule: Rule) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if rule.statuses is not None:
        conditions.append(Question.status.in_(rule.statuses))
    if rule.in_triage is not None:
        conditions.append(Question.in_triage.is_(rule.in_triage))
    if rule.sensitive is not None:
        conditions.append(sensitive_sql() if rule.sensitive else ~sensitive_sql())
    return and_(true(), *conditions)


def relation_sql(viewer: Viewer, relation: str) -> ColumnElement[bool]:
    """Return the SQL condition "``viewer`` stands in ``relation`` to the question"."""
    if relation == ANYONE:
        return true()
    if relation == STAFF:
        if not viewer.is_professional:
            return false()
        if viewer.served_neighbourhood_ids is None:
            return true()
        return or_(
            Question.neighbourhood_id.in_(viewer.served_neighbourhood_ids),
            Question.neighbourhood_id.is_(None),
        )
    if relation == REQUESTER:
        if viewer.user_id is not None:
            return Question.requester_id == viewer.user_id
        if viewer.guest_question_id:
            return Question.id == viewer.guest_question_id
        return false()
    if relation == HELPER:
        return Question.helper_id == viewer.user_id if viewer.user_id is not None else false()
    raise ValueError(relation)


def seen_through_sql(viewer: Viewer, relations: tuple[str, ...]) -> ColumnElement[bool]:
    """Return "the question is seen through one of ``relations``" (hidden ones aside)."""
    return or_(
        false(),
        *(and_(relation_sql(viewer, r), _rule_sql(VISIBLE_TO[r])) for r in relations),
    )


def reads_contact_sql(viewer: Viewer, detail: str) -> ColumnElement[bool]:
    """Return "``viewer`` reads the ``detail`` ("phone" or "email") of the resident's contact"."""
    routes = [route for route, shared in HELPER_READS_CONTACT.items() if detail in shared]
    return or_(
        seen_through_sql(viewer, READS_ALL_CONTACT),
        and_(seen_through_sql(viewer, (HELPER,)), Question.contact_route.in_(routes)),
    )


def visible_sql(viewer: Viewer) -> ColumnElement[bool]:
    """Return the WHERE clause of the questions ``viewer`` may see (joined with Category)."""
    return and_(Question.hidden_at.is_(None), seen_through_sql(viewer, tuple(VISIBLE_TO)))


def _meets(rule: Rule, question: Question) -> bool:
    return (
        (rule.statuses is None or question.status in rule.statuses)
        and (rule.in_triage is None or bool(question.in_triage) == rule.in_triage)
        and (rule.sensitive is None or is_sensitive(question) == rule.sensitive)
    )


def serves(user: Any, question: Question) -> bool:
    """Tell whether ``user`` is a professional of ``question``'s neighbourhood (THE definition).

    The Python side of the STAFF relation: a professional serves the questions of their own
    neighbourhoods and those of no neighbourhood; admins and professionals who work in no
    neighbourhood serve them all.
    """
    if not holds(user, PROFESSIONAL):
        return False
    served = served_neighbourhood_ids(user)
    return (
        served is None or question.neighbourhood_id is None or question.neighbourhood_id in served
    )


def relations(user: Any, question: Question) -> set[str]:
    """Return the relations ``user`` stands in to ``question``."""
    found = {ANYONE}
    if is_active(user):
        if question.requester_id is not None and question.requester_id == user.id:
            found.add(REQUESTER)
        if question.helper_id is not None and question.helper_id == user.id:
            found.add(HELPER)
        if serves(user, question):
            found.add(STAFF)
    return found


def sees(user: Any, question: Question, through: tuple[str, ...] = tuple(VISIBLE_TO)) -> bool:
    """Tell whether ``user`` sees ``question`` through one of the relations ``through``."""
    if question.hidden_at is not None:
        return False
    return any(_meets(VISIBLE_TO[r], question) for r in relations(user, question) if r in through)


def reads_contact(user: Any, question: Question, detail: str) -> bool:
    """Tell whether ``user`` reads the ``detail`` ("phone" or "email") of the resident's contact."""
    if sees(user, question, READS_ALL_CONTACT):
        return True
    shared = HELPER_READS_CONTACT.get(question.contact_route, ())
    return detail in shared and sees(user, question, (HELPER,))


def shared_contact(user: Any, question: Question) -> dict[str, str | None]:
    """Return the resident's contact details as ``user`` may read them (None where not)."""
    if not sees(user, question, READS_DETAILS):
        return {"name": None, "phone": None, "email": None}
    return {
        "name": question.contact_name or None,
        "phone": question.contact_phone if reads_contact(user, question, "phone") else None,
        "email": question.contact_email if reads_contact(user, question, "email") else None,
    }
