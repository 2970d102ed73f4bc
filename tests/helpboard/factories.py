"""Factories for the question board's tables."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import OPEN, Message, Question, VolunteerProfile
from app.taxonomy.builtin import ensure_builtin_categories
from app.taxonomy.models import Category
from tests.factories import make_neighbourhood, make_user

_counter = itertools.count(1)


def category(slug: str = "forms-and-paperwork") -> Category:
    """Return a built-in category by slug (creating the built-in set when needed)."""
    found = db.session.scalar(select(Category).where(Category.slug == slug))
    if found is None:
        ensure_builtin_categories()
        found = db.session.scalar(select(Category).where(Category.slug == slug))
    assert found is not None, slug
    return found


def neighbourhood():
    from app.neighbourhoods.models import Neighbourhood

    found = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    return found or make_neighbourhood("Crabbehof", is_default=True)


def make_question(
    *,
    slug: str = "forms-and-paperwork",
    requester=None,
    guest: bool = False,
    status: str = OPEN,
    helper=None,
    in_triage: bool = False,
    **kwargs,
) -> Question:
    n = next(_counter)
    if requester is None and not guest:
        requester = make_user(
            "resident",
            name=f"Aanvrager {n}",
            phone=f"+3161234{n:04d}",
            email=f"vrager{n}@example.org",
        )
    values = dict(
        title=f"Hulp met formulier {n}",
        description=f"Geheime omschrijving {n}",
        category_id=category(slug).id,
        neighbourhood_id=neighbourhood().id,
        urgency="this_week",
        parts_of_day=["morning"],
        contact_route="phone",
        language="nl",
        latitude=51.79512,
        longitude=4.66733,
        status=status,
        in_triage=in_triage,
        opened_at=None if in_triage else utcnow(),
        requester_id=requester.id if requester else None,
        guest_name=f"Gast {n}" if guest else None,
        guest_phone=f"+3162000{n:04d}" if guest else None,
        guest_email=f"gast{n}@example.org" if guest else None,
        helper_id=helper.id if helper else None,
        claimed_at=utcnow() if helper else None,
    )
    values.update(kwargs)
    question = Question(**values)
    db.session.add(question)
    db.session.flush()
    return question


def make_volunteer(
    *,
    vetted: bool = True,
    skills: tuple[str, ...] = ("forms-and-paperwork",),
    languages: tuple[str, ...] = ("nl",),
    availability: tuple[str, ...] = ("mon-morning",),
    max_open: int = 3,
    notify_mode: str = "instant",
    vetter=None,
    **user_kwargs,
):
    """Return a volunteer user with a profile (vetted by a professional unless told otherwise)."""
    user = make_user(("volunteer",), **user_kwargs)
    if vetted and vetter is None:
        vetter = make_user("professional")
    profile = VolunteerProfile(
        user_id=user.id,
        languages=list(languages),
        availability=list(availability),
        neighbourhood_id=neighbourhood().id,
        max_open=max_open,
        notify_mode=notify_mode,
        vetted_on=date.today() - timedelta(days=10) if vetted else None,
        vetted_by_id=vetter.id if vetted else None,
    )
    profile.skills = [category(s) for s in skills]
    db.session.add(profile)
    db.session.flush()
    return user


def make_message(question: Question, author=None, body: str = "Hallo, ik kan helpen.") -> Message:
    message = Message(
        question_id=question.id,
        author_id=author.id if author else None,
        from_guest=author is None,
        body=body,
    )
    db.session.add(message)
    db.session.flush()
    return message
