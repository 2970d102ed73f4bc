"""The agenda with 2,000 repeating activities: bounded SQL, and a month well under a second."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import inspect

from app.activities.models import Activity, OccurrenceOverride
from app.activities.recurrence import date_span
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location

RULES = [
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=MONTHLY;BYDAY=1SA",
    "FREQ=WEEKLY;UNTIL=20991231T235959",
]


def _fill(count: int, start_index: int) -> None:
    neighbourhood = db.session.scalar(db.select(Neighbourhood).limit(1))
    if neighbourhood is None:
        neighbourhood = Neighbourhood(name="Crabbehof", slug="crabbehof", is_default=True)
        organisation = Organisation(name="Buurthuis Crabbehoeve")
        place = Location(name="Buurthuis Crabbehoeve", address="Crabbehof 40")
        db.session.add_all([neighbourhood, organisation, place])
        db.session.flush()
    organisation = db.session.scalar(db.select(Organisation).limit(1))
    place = db.session.scalar(db.select(Location).limit(1))
    assert organisation is not None and place is not None
    base = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=60)
    for i in range(start_index, start_index + count):
        start = base + timedelta(days=i % 14, hours=i % 10)
        activity = Activity(
            title=f"Activiteit {i}",
            slug=f"activiteit-{i}",
            start_local=start,
            end_local=start + timedelta(hours=2),
            rrule=RULES[i % len(RULES)],
            neighbourhood_id=neighbourhood.id,
            organisation_id=organisation.id,
            location_id=place.id,
            target_group="everyone",
        )
        if i % 10 == 0:
            activity.overrides.append(
                OccurrenceOverride(
                    original_start=start + timedelta(days=70), cancelled=True, reason="Dicht"
                )
            )
        activity.first_date, activity.last_date = date_span(activity)
        db.session.add(activity)
    db.session.commit()


def _schema_lag() -> list[str]:
    """Return "table.column" for every mapped column the database does not have (yet)."""
    inspector = inspect(db.engine)
    missing = []
    for table in db.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in present]
    return missing


def run(bench) -> None:
    with bench.app.app_context():
        # New tables come from create_all until their migration exists; changed tables cannot.
        db.create_all()
        lag = _schema_lag()
        assert not lag, f"the migrations lag behind the models ({', '.join(lag[:5])}): skipped"
        _fill(20, 0)
    pages = [("month", "/agenda?view=month"), ("week", "/agenda?view=week"), ("list", "/agenda")]
    small = {name: bench.measure(f"agenda {name} (20 activities)", url) for name, url in pages}
    with bench.app.app_context():
        _fill(1980, 20)
    large = {
        name: bench.measure(f"agenda {name} (2,000 activities)", url, repeat=3)
        for name, url in pages
    }
    for name, _url in pages:
        assert large[name].status == 200, f"{name}: {large[name].status}"
        assert large[name].queries == small[name].queries, (
            f"{name}: {small[name].queries} queries with 20 activities, "
            f"{large[name].queries} with 2,000"
        )
    assert large["month"].ms < 1000, f"month view took {large['month'].ms:.0f} ms"
    # The place filter lists the places with activities in the shown period, not every address.
    with bench.app.app_context():
        db.session.add_all(Location(name=f"Adres {n}", address=f"Straat {n}") for n in range(2000))
        db.session.commit()
    html = bench.client().get("/agenda?view=week").get_data(as_text=True)
    options = html.split('name="place"', 1)[1].split("</select>", 1)[0].count("<option")
    assert options <= 10, f"the place filter offers {options} places (2,000 addresses in all)"
    feed = bench.measure("agenda.ics (2,000 activities)", "/agenda.ics", repeat=1)
    assert feed.status == 200
