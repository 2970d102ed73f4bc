"""The choices of the question board's forms: categories, neighbourhoods, services, slots."""

from __future__ import annotations

import secrets

from flask_babel import gettext as _
from sqlalchemy import case, exists, select

from app.extensions import db
from app.helpboard.forms import QuestionForm, as_choices
from app.helpboard.labels import WEEKDAY_SHORT
from app.helpboard.models import PARTS_OF_DAY
from app.helpboard.queries import board_categories
from app.neighbourhoods.queries import active_neighbourhoods, current_neighbourhood
from app.servicemap.models import Service, service_categories


def category_choices() -> list:
    """Return the board's categories as form choices, public-space ones last."""
    categories = [c for c in db.session.scalars(board_categories()) if "board" in (c.scopes or [])]
    categories.sort(key=lambda c: (c.is_public_space, c.sort_order, c.id))
    return as_choices((c.id, c.name) for c in categories)


def neighbourhood_choices() -> list[tuple[int, str]]:
    return [(n.id, n.name) for n in db.session.scalars(active_neighbourhoods())]


def profile_form_choices(form) -> None:
    form.skills.choices = as_choices(
        (c.id, c.name)
        for c in db.session.scalars(board_categories())
        if not c.is_sensitive and not c.is_public_space and "board" in (c.scopes or [])
    )
    form.neighbourhood.choices = as_choices([(0, _("Anywhere")), *neighbourhood_choices()])
    labels = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}
    form.availability.choices = as_choices(
        (f"{day}-{part}", f"{WEEKDAY_SHORT[day]} {labels[part]}")
        for day in WEEKDAY_SHORT
        for part in PARTS_OF_DAY
    )


def services_available() -> bool:
    """Tell whether the social map has services to refer to."""
    return db.session.scalar(select(Service.id).limit(1)) is not None


# A referral offers this many services: those of the question's subject first. Every box is a
# form field rendered on each visit of the question page (500 of them cost a second at city scale).
REFERRAL_CHOICES = 60


def service_choices(category_id: int | None = None) -> list:
    """Return the services to refer to: of the category ``category_id`` first, then by name."""
    statement = select(Service.id, Service.name)
    if category_id is not None:
        of_subject = exists().where(
            service_categories.c.service_id == Service.id,
            service_categories.c.category_id == category_id,
        )
        statement = statement.order_by(case((of_subject, 0), else_=1))
    rows = db.session.execute(statement.order_by(Service.name, Service.id).limit(REFERRAL_CHOICES))
    return as_choices((row.id, row.name) for row in rows)


def question_form(form_class: type[QuestionForm] = QuestionForm, *, language: str) -> QuestionForm:
    """Return the form to put out a question, with its categories and a one-time token."""
    form = form_class()
    form.category.choices = category_choices()
    if not form.form_token.data:
        form.form_token.data = secrets.token_urlsafe(24)
    hoods = neighbourhood_choices()
    if hoods:
        form.neighbourhood.choices = as_choices(hoods)
        if not form.is_submitted():
            current = current_neighbourhood()
            form.neighbourhood.data = current.id if current else hoods[0][0]
    else:
        del form.neighbourhood
    if not form.is_submitted():
        form.language.data = language
    return form
