"""Demo agenda for Crabbehof: about thirty activities over the coming two months."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.activities import demo_city
from app.activities.demo_data import ACTIVITIES, PLACES
from app.activities.models import TZID, Activity
from app.activities.operations import change_occurrence, record_change, sign_up, slugify
from app.activities.recurrence import date_span, expand, zone
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category


def _places(crabbehof: Neighbourhood) -> list[Location]:
    """Use the social map's places in Crabbehof when they exist; add the missing ones."""
    found = []
    for name, address, postcode, lat, lon in PLACES:
        place = db.session.scalar(select(Location).where(Location.name == name))
        if place is None:
            place = Location(
                name=name,
                address=address,
                postcode=postcode,
                latitude=lat,
                longitude=lon,
                neighbourhood_id=crabbehof.id,
            )
            db.session.add(place)
        found.append(place)
    db.session.flush()
    return found


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add the Crabbehof agenda, with a cancelled and a moved date and a few sign-ups.

    At city scale a city's agenda follows (app/activities/demo_city.py), ``factor`` times 2,000.
    """
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    if crabbehof is None:
        return
    places = _places(crabbehof)
    organisations = {o.name: o for o in db.session.scalars(select(Organisation))}
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    today = datetime.now(zone(TZID)).date()
    created: dict[str, Activity] = {}
    for index, row in enumerate(ACTIVITIES):
        (title, weekday, at, hours, rule, place, org, target, cats, langs, cost, capacity, text) = (
            row
        )
        # Repeating activities started a few weeks ago; one-off ones fall in the coming weeks.
        first = _first_on_or_after(today - timedelta(days=21), weekday)
        if rule is None:
            first = _first_on_or_after(today + timedelta(days=3 + 5 * (index % 8)), weekday)
        elif "COUNT" in rule:
            first = _first_on_or_after(today + timedelta(days=2), weekday)
        hour, minute = (int(part) for part in at.split(":"))
        start = datetime.combine(first, datetime.min.time()).replace(hour=hour, minute=minute)
        organisation = organisations.get(org) or next(iter(organisations.values()), None)
        activity = Activity(
            title=title,
            slug=slugify(title),
            description=text,
            neighbourhood_id=crabbehof.id,
            start_local=start,
            end_local=start + timedelta(hours=hours),
            rrule=rule,
            location_id=places[place].id,
            organisation_id=organisation.id if organisation else None,
            target_group=target,
            is_free=cost is None,
            cost=cost,
            registration_enabled=capacity is not None,
            capacity=capacity,
        )
        activity.languages = langs
        activity.categories = [categories[slug] for slug in cats if slug in categories]
        activity.first_date, activity.last_date = date_span(activity)
        db.session.add(activity)
        db.session.flush()
        record_change(activity, None, "created", {"title": [None, title]})
        created[title] = activity
    _changes_and_signups(created)
    if scale == "city":
        demo_city.load(factor)


def _next_occurrence_key(activity: Activity, after_days: int) -> datetime:
    tz = zone(activity.tzid)
    start = datetime.now(tz) + timedelta(days=after_days)
    return expand(activity, start, start + timedelta(days=40), include_cancelled=False)[0].key


def _changes_and_signups(created: dict[str, Activity]) -> None:
    """Cancel one date, move another and give the sewing workshop a few sign-ups."""
    coffee = created["Koffieochtend"]
    change_occurrence(
        coffee,
        _next_occurrence_key(coffee, 1),
        user=None,
        reason="Het buurthuis is dicht voor onderhoud.",
        cancel=True,
    )
    language = created["Taalcafé"]
    key = _next_occurrence_key(language, 1)
    change_occurrence(
        language,
        key,
        user=None,
        reason="Verplaatst naar vrijdag, want op donderdag is de zaal bezet.",
        cancel=False,
        new_start=key + timedelta(days=1),
        new_end=key + timedelta(days=1, hours=1, minutes=30),
    )
    people = db.session.scalars(select(User).order_by(User.id)).all()
    sewing = created["Naaiatelier"]
    first = _next_occurrence_key(sewing, 1)
    for person in people[:4]:
        sign_up(sewing, first, person)
    db.session.flush()
