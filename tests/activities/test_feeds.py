"""Calendar feeds and the events API, read by real iCalendar software."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from app.activities.operations import change_occurrence
from app.activities.queries import occurrences_between
from app.extensions import db
from tests.activities.factories import make_activity
from tests.factories import make_user

AMS = ZoneInfo("Europe/Amsterdam")


def _series_with_changes():
    start = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    activity = make_activity(title="Koffieochtend", start=start, rrule="FREQ=WEEKLY;COUNT=8")
    editor = make_user("professional")
    cancelled_key = start + timedelta(days=7)
    moved_key = start + timedelta(days=14)
    change_occurrence(activity, cancelled_key, user=editor, reason="Buurthuis dicht", cancel=True)
    change_occurrence(
        activity,
        moved_key,
        user=editor,
        reason="Een dag later",
        cancel=False,
        new_start=moved_key + timedelta(days=1, hours=4),
        new_end=moved_key + timedelta(days=1, hours=6),
    )
    db.session.commit()
    return activity, start, cancelled_key, moved_key


def test_a_calendar_app_sees_the_same_dates_as_the_agenda(app, client):
    activity, start, cancelled_key, moved_key = _series_with_changes()
    response = client.get("/agenda.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    zones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["Europe/Amsterdam"]
    events = calendar.walk("VEVENT")
    series = next(e for e in events if "RRULE" in e)
    assert series["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert "EXDATE" in series
    assert any("RECURRENCE-ID" in e for e in events)

    window = (datetime.now(AMS) - timedelta(days=1), datetime.now(AMS) + timedelta(days=70))
    in_calendar = sorted(
        (e["DTSTART"].dt.astimezone(AMS), e["DTEND"].dt.astimezone(AMS))
        for e in recurring_ical_events.of(calendar).between(*window)
    )
    in_app = sorted((o.start, o.end) for o in occurrences_between(*window, include_cancelled=False))
    assert in_calendar == [(s.astimezone(AMS), e.astimezone(AMS)) for s, e in in_app]
    assert len(in_calendar) == 7
    starts = [s for s, _e in in_calendar]
    assert cancelled_key.replace(tzinfo=AMS) not in starts
    assert moved_key.replace(tzinfo=AMS) not in starts
    assert (moved_key + timedelta(days=1, hours=4)).replace(tzinfo=AMS) in starts


def test_one_activity_can_be_added_to_a_phone_calendar(app, client, get_page):
    activity, *_ = _series_with_changes()
    page = get_page(f"/agenda/{activity.id}-{activity.slug}")
    link = page.find("a", href=f"/agenda/{activity.id}.ics")
    assert link is not None
    response = client.get(link["href"])
    calendar = Calendar.from_ical(response.data)
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {"Koffieochtend"}
    assert calendar.walk("VTIMEZONE")


def test_the_feed_takes_the_same_filters_as_the_agenda(app, client):
    make_activity(title="Voor kinderen", target_group="children")
    make_activity(title="Voor senioren", target_group="seniors")
    db.session.commit()
    calendar = Calendar.from_ical(client.get("/agenda.ics?target=children").data)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Voor kinderen"]


def test_a_proposal_is_in_no_feed(app, client):
    proposal = make_activity(title="Nog niet goedgekeurd", status="proposed")
    db.session.commit()
    assert b"Nog niet goedgekeurd" not in client.get("/agenda.ics").data
    assert client.get(f"/agenda/{proposal.id}.ics").status_code == 404


def test_the_api_lists_occurrences_in_a_date_range(app, client):
    activity, start, cancelled_key, moved_key = _series_with_changes()
    first = start.date().isoformat()
    last = (start + timedelta(days=20)).date().isoformat()
    data = client.get(f"/api/v1/events?start={first}&end={last}").get_json()
    assert data["count"] == 3
    statuses = [(e["start"][:16], e["status"]) for e in data["events"]]
    assert statuses[0] == (start.strftime("%Y-%m-%dT%H:%M"), "planned")
    assert statuses[1] == (cancelled_key.strftime("%Y-%m-%dT%H:%M"), "cancelled")
    assert statuses[2][1] == "moved"
    assert data["events"][1]["reason"] == "Buurthuis dicht"
    assert data["events"][0]["url"].endswith(f"/agenda/{activity.id}-{activity.slug}")


def test_the_api_explains_a_bad_range(app, client):
    assert client.get("/api/v1/events").status_code == 400
    assert client.get("/api/v1/events?start=2026-01-10&end=2026-01-01").status_code == 400
    assert client.get("/api/v1/events?start=2026-01-01&end=2027-01-01").status_code == 400
    assert client.get("/api/v1/events?start=nonsense&end=2026-01-01").status_code == 400


def test_the_feed_leaves_out_what_ended_long_ago_and_keeps_a_running_series(app, client):
    long_ago = (datetime.now() - timedelta(days=90)).replace(hour=10, minute=0, microsecond=0)
    make_activity(title="Oude markt", start=long_ago)
    make_activity(title="Elke week", start=long_ago, rrule="FREQ=WEEKLY")
    make_activity(title="Vorige week", start=datetime.now() - timedelta(days=7))
    db.session.commit()
    body = client.get("/agenda.ics").data.decode()
    assert "Oude markt" not in body
    assert "Elke week" in body and "Vorige week" in body


def test_a_feed_is_kept_until_something_changes(app, client):
    from app.core.page_cache import page_store
    from app.core.page_store import MemoryStore
    from tests.core.test_page_cache import counting_queries

    activity = make_activity(title="Taalcafé")
    db.session.commit()
    first = client.get("/agenda.ics")
    assert first.headers["Cache-Control"] == "public, max-age=900"
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert not etag.startswith("W/")
    with counting_queries() as statements:
        again = client.get("/agenda.ics", headers={"If-None-Match": etag})
        since = client.get("/agenda.ics", headers={"If-Modified-Since": modified})
        whole = client.get("/agenda.ics")
    assert statements == []  # none of the three ran the view
    assert again.status_code == since.status_code == 304
    assert whole.status_code == 200 and whole.data == first.data
    assert again.headers["ETag"] == etag and again.headers["Last-Modified"] == modified
    # Kept for FEED_CACHE_SECONDS, far longer than a page...
    assert app.config["FEED_CACHE_SECONDS"] > app.config["PAGE_CACHE_SECONDS"]
    store = page_store(app)
    assert isinstance(store, MemoryStore)  # the tests' store: its expiry times can be read
    longest = max(expires for expires, _value in store._entries.values())
    assert longest - time.monotonic() > app.config["PAGE_CACHE_SECONDS"] + 60
    # ...but a change shows at the next request.
    activity.title = "Taalcafé Plus"
    db.session.commit()
    changed = client.get("/agenda.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"Taalcaf\xc3\xa9 Plus" in changed.data
    assert changed.headers["ETag"] != etag
