"""What the home page shows: the neighbourhood today, in a fixed number of queries.

Every list is cut to :data:`HOME_ITEMS` in SQL (or, for the agenda, after the bounded expansion
of :func:`app.activities.queries.occurrences_between`), so the page stays small and its number
of queries does not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.activities.models import TZID
from app.activities.queries import Filters, occurrences_between
from app.activities.recurrence import Occurrence, day_bounds
from app.extensions import db
from app.helpboard.queries import board_select, categories_by_id
from app.helpboard.visibility import ANONYMOUS
from app.neighbourhoods.models import Neighbourhood
from app.servicemap.models import Service
from app.servicemap.queries import ServiceFilters, filtered_services, list_options
from app.servicemap.schedule import OpenStatus, local_now, open_status
from app.taxonomy.models import Category

# How many activities per day, open questions and open services the home page shows.
HOME_ITEMS = 5


@dataclass
class HomePage:
    """The sections of the home page, each possibly empty."""

    today: date
    tomorrow: date
    activities_today: list[Occurrence] = field(default_factory=list)
    activities_tomorrow: list[Occurrence] = field(default_factory=list)
    questions: list = field(default_factory=list)
    categories: dict[int, Category] = field(default_factory=dict)
    open_services: list[tuple[Service, OpenStatus]] = field(default_factory=list)


def todays_activities(
    neighbourhood: Neighbourhood | None, now: datetime
) -> tuple[list[Occurrence], list[Occurrence]]:
    """Return what is still on today and what is on tomorrow (the first few of each)."""
    today = local_now(now).date()
    start, _unused = day_bounds(today, TZID)
    _unused, end = day_bounds(today + timedelta(days=1), TZID)
    filters = Filters(neighbourhood_id=neighbourhood.id if neighbourhood else None)
    found = occurrences_between(start, end, filters, include_cancelled=False)
    on_today = [o for o in found if o.local_date == today and o.end > now]
    on_tomorrow = [o for o in found if o.local_date == today + timedelta(days=1)]
    return on_today[:HOME_ITEMS], on_tomorrow[:HOME_ITEMS]


def open_questions(neighbourhood: Neighbourhood | None) -> list:
    """Return the newest questions of the public board (no personal data) in the neighbourhood."""
    statement = board_select(
        ANONYMOUS, neighbourhood_id=neighbourhood.id if neighbourhood else None
    )
    return list(db.session.execute(statement.limit(HOME_ITEMS)).all())


def services_open_now(
    neighbourhood: Neighbourhood | None, now: datetime
) -> list[tuple[Service, OpenStatus]]:
    """Return the services open at ``now``, nearest the neighbourhood's centre first."""
    centre = neighbourhood.centre if neighbourhood else None
    statement = filtered_services(ServiceFilters(open_now=True, near=centre), now)
    services = db.session.scalars(statement.options(*list_options()).limit(HOME_ITEMS)).unique()
    return [(service, open_status(service, now)) for service in services]


def home_page(neighbourhood: Neighbourhood | None, now: datetime) -> HomePage:
    """Gather the home page's sections for ``neighbourhood`` at ``now`` (an aware datetime)."""
    activities_today, activities_tomorrow = todays_activities(neighbourhood, now)
    today = local_now(now).date()
    return HomePage(
        today=today,
        tomorrow=today + timedelta(days=1),
        activities_today=activities_today,
        activities_tomorrow=activities_tomorrow,
        questions=open_questions(neighbourhood),
        categories=categories_by_id(),
        open_services=services_open_now(neighbourhood, now),
    )
