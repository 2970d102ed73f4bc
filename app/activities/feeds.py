"""Calendar feeds (iCalendar) and the JSON events API."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import Response, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from icalendar import Calendar, Event, vRecur

from app.activities import bp
from app.activities.agenda import today
from app.activities.filters import filter_form, filters_from
from app.activities.models import Activity
from app.activities.occurrences import HORIZON_DAYS
from app.activities.permissions import can_view
from app.activities.queries import (
    activity_for_page,
    load_activities,
    occurrences_between,
    published_activities,
)
from app.activities.recurrence import zone
from app.core.access import public
from app.core.caching import kept_until_changed
from app.core.mail import absolute_url
from app.core.params import parse_date

API_MAX_DAYS = 93
# /agenda.ics holds the activities with a date in this window around today (calendar apps look
# back a month and ahead a year); the stored occurrences reach as far ahead.
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = HORIZON_DAYS


def _uid(activity: Activity) -> str:
    host = current_app.config["PUBLIC_BASE_URL"].split("://")[-1].split("/")[0].split(":")[0]
    return f"activity-{activity.id}@{host}"


def _where(activity: Activity) -> str:
    if activity.location is not None:
        return f"{activity.location.name}, {activity.location.address}, {activity.location.city}"
    return activity.address or ""


def _rrule(activity: Activity) -> vRecur:
    """Return the RRULE for iCalendar; a local UNTIL becomes UTC as RFC 5545 asks with a TZID."""
    rule = vRecur.from_ical(activity.rrule or "")
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if isinstance(value, datetime) and value.tzinfo is None:
            rule["UNTIL"] = [value.replace(tzinfo=zone(activity.tzid)).astimezone(UTC)]
        elif isinstance(value, date) and not isinstance(value, datetime):
            local_end = datetime.combine(value, time(23, 59, 59), tzinfo=zone(activity.tzid))
            rule["UNTIL"] = [local_end.astimezone(UTC)]
    return rule


def activity_events(activity: Activity) -> list[Event]:
    """Return the VEVENTs of one activity: the series, plus one per moved occurrence."""
    tz = zone(activity.tzid)
    url = absolute_url("activities.detail", activity_id=activity.id, slug=activity.slug)
    stamp = (activity.updated_at or activity.created_at or datetime.now(UTC)).astimezone(UTC)

    def base(event: Event) -> Event:
        event.add("uid", _uid(activity))
        event.add("dtstamp", stamp)
        event.add("summary", activity.title)
        # No ORGANIZER: phone calendars would treat the event as a meeting invitation.
        text = activity.description or ""
        organiser = activity.organiser_label()
        event.add("description", f"{text}\n\n{organiser}".strip())
        event.add("url", url)
        where = _where(activity)
        if where:
            event.add("location", where)
        return event

    main = base(Event())
    start, end = activity.start_local, activity.end_local
    if not activity.rrule:
        for override in activity.changed_occurrences():
            if not override.cancelled and override.new_start and override.new_end:
                start, end = override.new_start, override.new_end
    main.add("dtstart", start.replace(tzinfo=tz))
    main.add("dtend", end.replace(tzinfo=tz))
    events = [main]
    if activity.rrule:
        main.add("rrule", _rrule(activity))
        cancelled = [o for o in activity.changed_occurrences() if o.cancelled]
        if cancelled:
            main.add("exdate", [o.original_start.replace(tzinfo=tz) for o in cancelled])
        for override in activity.changed_occurrences():
            if override.cancelled or override.new_start is None or override.new_end is None:
                continue
            moved = base(Event())
            moved.add("recurrence-id", override.original_start.replace(tzinfo=tz))
            moved.add("dtstart", override.new_start.replace(tzinfo=tz))
            moved.add("dtend", override.new_end.replace(tzinfo=tz))
            if override.reason:
                moved.add("comment", override.reason)
            events.append(moved)
    else:
        for override in activity.changed_occurrences():
            if override.cancelled:
                main.add("status", "CANCELLED")
                if override.reason:
                    main.add("comment", override.reason)
            elif override.reason:
                main.add("comment", override.reason)
    return events


def calendar_for(activities: list[Activity], name: str) -> bytes:
    """Return a VCALENDAR with the activities and the VTIMEZONE of Europe/Amsterdam."""
    cal = Calendar()
    cal.add("prodid", "-//Wijkplein//Activiteitenkalender//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for activity in activities:
        for event in activity_events(activity):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    # Calendar apps poll feeds; a short shared cache spares the database.
    response.headers["Cache-Control"] = "public, max-age=900"
    return response


@bp.route("/agenda.ics")
@public
@kept_until_changed
def feed():
    """Serve the published activities (filtered like the agenda) as an iCalendar feed.

    Only the activities with a date from FEED_DAYS_BACK ago to FEED_DAYS_AHEAD ahead: what a
    calendar app shows. A series that runs on comes whole (its RRULE), so nothing is cut off.
    """
    filters = filters_from(filter_form())
    day = today()
    first, last = day - timedelta(days=FEED_DAYS_BACK), day + timedelta(days=FEED_DAYS_AHEAD)
    activities = load_activities(published_activities(filters, first, last))
    return _ics_response(calendar_for(activities, _("Wijkplein agenda")), "agenda.ics")


@bp.route("/agenda/<int:activity_id>.ics")
@public
@kept_until_changed
def activity_feed(activity_id: int):
    """Serve one activity as iCalendar ("add to my calendar")."""
    activity = activity_for_page(activity_id)
    if activity is None or not can_view(current_user, activity) or not activity.is_published:
        abort(404)
    return _ics_response(calendar_for([activity], activity.title), f"{activity.slug}.ics")


@bp.route("/api/v1/events")
@public
@kept_until_changed
def api_events():
    """Return the occurrences between ``start`` and ``end`` (ISO dates) as JSON."""
    tz = zone("Europe/Amsterdam")
    first = parse_date(request.args.get("start"))
    last = parse_date(request.args.get("end"))
    if first is None or last is None or last < first:
        return jsonify(error="Give start and end as dates: ?start=2026-12-01&end=2026-12-31"), 400
    if (last - first).days > API_MAX_DAYS:
        return jsonify(error=f"The range may be at most {API_MAX_DAYS} days."), 400
    filters = filters_from(filter_form())
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    items = []
    for occ in occurrences_between(start, end, filters, with_categories=True):
        activity = occ.activity
        items.append(
            {
                "id": f"{activity.id}/{occ.key_str}",
                "activity_id": activity.id,
                "title": activity.title,
                "start": occ.start.isoformat(),
                "end": occ.end.isoformat(),
                "status": "cancelled" if occ.cancelled else ("moved" if occ.moved else "planned"),
                "reason": occ.reason or None,
                "url": absolute_url(
                    "activities.detail", activity_id=activity.id, slug=activity.slug
                ),
                "location": (
                    {
                        "id": activity.location.id,
                        "name": activity.location.name,
                        "address": activity.location.address,
                    }
                    if activity.location
                    else None
                ),
                "address": activity.address,
                "organiser": activity.organiser_label(),
                "categories": [c.slug for c in activity.categories],
                "target_group": activity.target_group,
                "languages": activity.languages,
                "free": activity.is_free,
                "cost": activity.cost,
                "registration": activity.registration_enabled,
                "capacity": activity.capacity,
            }
        )
    return jsonify(start=first.isoformat(), end=last.isoformat(), count=len(items), events=items)
