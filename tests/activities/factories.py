"""Factories for the activities tables."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from app.activities.models import Activity
from app.activities.operations import slugify
from app.activities.recurrence import date_span
from app.extensions import db
from app.places.models import Location
from tests.factories import make_neighbourhood, make_organisation

_counter = itertools.count(1)


def make_location(name: str | None = None, **kwargs) -> Location:
    location = Location(
        name=name or f"Buurthuis {next(_counter)}",
        address=kwargs.pop("address", "Crabbehof 1"),
        **kwargs,
    )
    db.session.add(location)
    db.session.flush()
    return location


def make_activity(
    title: str | None = None,
    *,
    start: datetime | None = None,
    hours: float = 2,
    rrule: str | None = None,
    neighbourhood=None,
    organisation=None,
    categories=(),
    **kwargs,
) -> Activity:
    """Make a published activity; ``start`` is local wall time (Europe/Amsterdam)."""
    if neighbourhood is None:
        from app.neighbourhoods.models import Neighbourhood

        neighbourhood = db.session.scalar(db.select(Neighbourhood).limit(1)) or make_neighbourhood()
    if organisation is None and "organiser" not in kwargs and "organiser_id" not in kwargs:
        organisation = make_organisation()
    start = start or (datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=2))
    n = next(_counter)
    title = title or f"Activiteit {n}"
    activity = Activity(
        title=title,
        slug=slugify(title),
        description=kwargs.pop("description", ""),
        start_local=start,
        end_local=start + timedelta(hours=hours),
        rrule=rrule,
        neighbourhood=neighbourhood,
        organisation=organisation,
        status=kwargs.pop("status", "published"),
        **kwargs,
    )
    activity.categories = list(categories)
    activity.first_date, activity.last_date = date_span(activity)
    db.session.add(activity)
    db.session.flush()
    return activity
