"""Putting out a question: ONE operation for the resident's form and the professional's.

:func:`put_out` normalises what was typed, picks the neighbourhood (:func:`neighbourhood_for`), applies the daily limit,
decides whether the question waits in triage and plans the notices to volunteers. The resident's
view (``views.new``) and the professional's (``manage.on_behalf``) both call it; they only differ
in who asks (``requester`` or ``on_behalf_by``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.accounts.identifiers import normalise_email, normalise_phone
from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import OPEN, Notification, Question
from app.helpboard.operations import HelpboardError, record
from app.helpboard.queries import questions_today
from app.helpboard.suggest import suggested_volunteers
from app.helpboard.volunteering import plan_notifications
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import default_neighbourhood, neighbourhood_at
from app.taxonomy.models import Category


@dataclass(frozen=True)
class QuestionInput:
    """What someone typed to put out a question (guest fields only when nobody is logged in)."""

    category: Category
    title: str
    description: str = ""
    urgency: str = "this_week"
    parts_of_day: list[str] = field(default_factory=list)
    contact_route: str = "message"
    language: str = "nl"
    guest_name: str | None = None
    guest_phone: str | None = None
    guest_email: str | None = None
    form_token: str | None = None
    # The resident ticked "only for professionals".
    professionals_only: bool = False
    # The neighbourhood the resident chose, and the location their phone shared (if any).
    neighbourhood_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def phone(self) -> str | None:
        """The guest's phone number in E.164 form (None when empty or invalid)."""
        return normalise_phone(self.guest_phone) if self.guest_phone else None

    @property
    def email(self) -> str | None:
        return normalise_email(self.guest_email) if self.guest_email else None

    @property
    def contact(self) -> str | None:
        """The guest's contact that counts for the daily limit: phone first, else email."""
        return self.phone or self.email


@dataclass
class PutOut:
    """The result of :func:`put_out`: the question, whether it is new, the planned notices."""

    question: Question
    created: bool
    notices: list[Notification] = field(default_factory=list)


def daily_limit_reached(user: User | None, contact: str | None) -> bool:
    """Tell whether an account or a guest contact put out their questions for today already."""
    config = current_app.config
    if user is not None:
        return questions_today(user_id=user.id) >= config["HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT"]
    return questions_today(contact=contact) >= config["HELPBOARD_QUESTIONS_PER_DAY_GUEST"]


def find_by_form_token(token: str | None) -> Question | None:
    """Return the question an earlier submit of the same form created, if any."""
    if not token:
        return None
    return db.session.scalar(select(Question).where(Question.form_token == token))


def neighbourhood_for(data: QuestionInput, asker: User | None) -> Neighbourhood | None:
    """Return the neighbourhood a question belongs to, whose professionals it reaches.

    The one whose boundary holds the location the resident gave; else the one they chose;
    else the asker's own; else the default neighbourhood.
    """
    if data.latitude is not None and data.longitude is not None:
        found = neighbourhood_at(data.latitude, data.longitude)
        if found is not None:
            return found
    if data.neighbourhood_id:
        chosen = db.session.get(Neighbourhood, data.neighbourhood_id)
        if chosen is not None and chosen.is_active:
            return chosen
    own = asker.neighbourhood if asker else None
    return own if own is not None and own.is_active else default_neighbourhood()


def put_out(
    data: QuestionInput, *, requester: User | None = None, on_behalf_by: User | None = None
) -> PutOut:
    """Put out a question; a resent form returns the first one (``created`` False).

    :param requester: the resident with an account; None for a guest or for ``on_behalf_by``.
    :param on_behalf_by: a professional putting the question out for a resident who agreed;
        the daily limit does not apply to them.
    :raises HelpboardError: ``"limit"`` when the resident or guest reached today's limit,
        ``"public_space"`` for a matter of the municipality.
    """
    existing = find_by_form_token(data.form_token)
    if existing is not None:
        return PutOut(existing, created=False)
    if on_behalf_by is None and daily_limit_reached(requester, data.contact):
        raise HelpboardError("limit")
    neighbourhood = neighbourhood_for(data, requester or on_behalf_by)
    question, created = create_question(
        category=data.category,
        title=data.title,
        description=data.description,
        urgency=data.urgency,
        parts_of_day=data.parts_of_day,
        contact_route=data.contact_route,
        language=data.language,
        neighbourhood_id=neighbourhood.id if neighbourhood else None,
        requester=requester,
        guest_name=data.guest_name if requester is None else None,
        guest_phone=data.phone if requester is None else None,
        guest_email=data.email if requester is None else None,
        form_token=data.form_token,
        on_behalf_by=on_behalf_by,
        professionals_only=data.professionals_only,
        latitude=data.latitude,
        longitude=data.longitude,
    )
    notices: list[Notification] = []
    if created and not question.in_triage:
        notices = plan_notifications(question, suggested_volunteers(question))
    return PutOut(question, created, notices)


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
    professionals_only: bool = False,
    latitude: float | None = None,
    longitude: float | None = None,
) -> tuple[Question, bool]:
    """Create the question row; return (question, created). A resent form returns the first one.

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
        latitude=latitude if longitude is not None else None,
        longitude=longitude if latitude is not None else None,
        requester_id=requester.id if requester else None,
        guest_name=(guest_name or "").strip() or None,
        guest_phone=guest_phone or None,
        guest_email=(guest_email or "").strip().lower() or None,
        form_token=form_token,
        status=OPEN,
        in_triage=in_triage or category.is_sensitive or professionals_only,
        professionals_only=professionals_only,
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
