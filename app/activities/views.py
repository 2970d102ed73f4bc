"""Public routes of the activities part: the agenda, one activity, sign-up and the poster."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

import segno
from babel.dates import get_day_names
from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from app.activities import bp, mails
from app.activities.forms import LANGUAGE_CODES, FilterForm, SignupForm, as_choices
from app.activities.models import TARGET_GROUPS, TZID, WAITING
from app.activities.operations import (
    SignupError,
    cancel_series,
    cancel_signup,
    sign_up,
    sign_up_series,
)
from app.activities.permissions import can_edit, can_see_attendees, can_sign_up, can_view
from app.activities.queries import (
    Filters,
    activity_for_page,
    attendees,
    occurrences_between,
    signups_of_user,
    slot_counts,
)
from app.activities.recurrence import (
    Occurrence,
    day_bounds,
    expand,
    find_occurrence,
    format_key,
    zone,
)
from app.core.access import login_required, public
from app.core.i18n import LANGUAGE_NAMES
from app.core.mail import absolute_url
from app.core.models import utcnow
from app.core.params import parse_id
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import default_neighbourhood
from app.places.models import Location
from app.taxonomy.models import Category

STATUS_LABELS = {
    "proposed": _l("Waiting for a moderator"),
    "published": _l("On the agenda"),
    "rejected": _l("Not approved"),
}
CHANGE_LABELS = {
    "created": _l("Created"),
    "edited": _l("Edited"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "cancelled_occurrence": _l("Date cancelled"),
    "moved_occurrence": _l("Date moved"),
    "restored_occurrence": _l("Date restored"),
}

LIST_DAYS = 14
LIST_LIMIT = 150
MONTH_CELL_LIMIT = 3


def today() -> date:
    return datetime.now(zone(TZID)).date()


def target_label(code: str) -> str:
    return str(TARGET_GROUPS.get(code, code))


def language_label(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    return {
        "activity_target_label": target_label,
        "activity_language_label": language_label,
        "timedelta_days": lambda n: timedelta(days=n),
        "weekday_names": weekday_names,
        "location_url": location_url,
        "as_local": lambda naive, tzid=TZID: naive.replace(tzinfo=zone(tzid)),
        "status_label": lambda status: str(STATUS_LABELS.get(status, status)),
        "change_label": lambda action: str(CHANGE_LABELS.get(action, action)),
    }


def weekday_names() -> list[str]:
    """Return Monday to Sunday, abbreviated, in the current language."""
    names = get_day_names("abbreviated", locale=get_locale())
    return [names[i] for i in range(7)]


def location_url(location_id: int) -> str:
    """Link to a place on the social map (its own page when the map offers one)."""
    if "servicemap.location" in current_app.view_functions:
        return url_for("servicemap.location", location_id=location_id)
    return url_for("servicemap.index")


def filter_form() -> FilterForm:
    """Build the agenda's filter form from the query string, with its choices."""
    form = FilterForm(request.args)
    categories = db.session.scalars(select(Category).order_by(Category.sort_order)).all()
    form.category.choices = as_choices(
        [("", _("All categories"))]
        + [(c.slug, c.name) for c in categories if "calendar" in (c.scopes or [])]
    )
    form.target.choices = as_choices(
        [("", _("Everyone"))]
        + [(code, str(label)) for code, label in TARGET_GROUPS.items() if code != "everyone"]
    )
    form.language.choices = as_choices(
        [("", _("All languages"))] + [(code, language_label(code)) for code in LANGUAGE_CODES]
    )
    places = db.session.scalars(select(Location).order_by(Location.name)).all()
    form.place.choices = as_choices([("", _("All places"))] + [(str(p.id), p.name) for p in places])
    form.validate()
    return form


def filters_from(form: FilterForm) -> Filters:
    place = form.place.data or ""
    return Filters(
        category=form.category.data or None,
        target_group=form.target.data if form.target.data in TARGET_GROUPS else None,
        language=form.language.data if form.language.data in LANGUAGE_CODES else None,
        free=bool(form.free.data),
        location_id=parse_id(place),
    )


def _query_args(form: FilterForm, **changes: Any) -> dict[str, Any]:
    """Return the current filters as query arguments, with ``changes`` applied."""
    args = {
        "view": form.view.data or "list",
        "period": form.period.data or "",
        "date": form.date.data.isoformat() if form.date.data and not form.date.errors else "",
        "category": form.category.data or "",
        "target": form.target.data or "",
        "language": form.language.data or "",
        "place": form.place.data or "",
        "free": "y" if form.free.data else "",
    }
    args.update(changes)
    return {k: v for k, v in args.items() if v}


def by_day(occurrences: list[Occurrence]) -> OrderedDict[date, list[Occurrence]]:
    days: OrderedDict[date, list[Occurrence]] = OrderedDict()
    for occurrence in occurrences:
        days.setdefault(occurrence.local_date, []).append(occurrence)
    return days


@bp.route("/agenda")
@public
def index():
    """Show the agenda: a list by day (default), a week or a month, with filters."""
    form = filter_form()
    filters = filters_from(form)
    first_day = form.date.data if form.date.data and not form.date.errors else today()
    view = form.view.data if form.view.data in {"list", "week", "month"} else "list"
    context: dict[str, Any] = {
        "poster_neighbourhood": default_neighbourhood(),
        "form": form,
        "view": view,
        "args": lambda **c: _query_args(form, **c),
    }
    if view == "month":
        month_start = first_day.replace(day=1)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        grid_start = month_start - timedelta(days=month_start.weekday())
        grid_end = next_month + timedelta(days=(7 - next_month.weekday()) % 7)
        start, _unused = day_bounds(grid_start, TZID)
        end, _unused = day_bounds(grid_end, TZID)
        found = by_day(occurrences_between(start, end, filters, include_cancelled=False))
        weeks = []
        day = grid_start
        while day < grid_end:
            weeks.append(
                [(d, found.get(d, [])) for d in (day + timedelta(days=i) for i in range(7))]
            )
            day += timedelta(days=7)
        context.update(
            weeks=weeks,
            month=month_start,
            prev_date=(month_start - timedelta(days=1)).replace(day=1),
            next_date=next_month,
            cell_limit=MONTH_CELL_LIMIT,
        )
    else:
        if view == "week":
            first_day = first_day - timedelta(days=first_day.weekday())
            last_day = first_day + timedelta(days=7)
        elif form.period.data == "week":
            # "This week": today and the six days after it, so Saturday still shows a week.
            last_day = first_day + timedelta(days=7)
        elif form.period.data == "today":
            last_day = first_day + timedelta(days=1)
        else:
            last_day = first_day + timedelta(days=LIST_DAYS)
        start, _unused = day_bounds(first_day, TZID)
        end, _unused = day_bounds(last_day, TZID)
        if first_day == today() and view == "list":
            start = max(start, utcnow() - timedelta(hours=3))
        found_list = occurrences_between(start, end, filters)
        truncated = len(found_list) > LIST_LIMIT
        found_list = found_list[:LIST_LIMIT]
        later = found_list[-1].local_date if truncated else last_day
        context.update(
            days=by_day(found_list),
            first_day=first_day,
            last_day=last_day - timedelta(days=1),
            later_date=later if truncated and view == "list" else last_day,
            truncated=truncated,
            list_limit=LIST_LIMIT,
            prev_date=first_day - timedelta(days=7),
        )
    return render_template(f"activities/{view}.html", **context)


def _load_visible(activity_id: int):
    activity = activity_for_page(activity_id)
    if activity is None:
        abort(404)
    if not can_view(current_user, activity):
        abort(404)
    return activity


@bp.route("/agenda/<int:activity_id>")
@public
def detail_short(activity_id: int):
    """Send a link without a slug on to the activity's page."""
    activity = _load_visible(activity_id)
    return redirect(url_for(".detail", activity_id=activity.id, slug=activity.slug), 301)


def share_text(activity, occurrence: Occurrence | None) -> str:
    """Return the WhatsApp message: title, date and link."""
    link = absolute_url("activities.detail", activity_id=activity.id, slug=activity.slug)
    when = format_datetime(occurrence.start, "EEEE d MMMM, HH:mm") if occurrence else ""
    return "\n".join(part for part in (activity.title, when, link) if part)


@bp.route("/agenda/<int:activity_id>-<slug>")
@public
def detail(activity_id: int, slug: str):
    """Show one activity: its next dates, where, who organises it, and sign-up."""
    activity = _load_visible(activity_id)
    if slug != activity.slug:
        return redirect(url_for(".detail", activity_id=activity.id, slug=activity.slug), 301)
    now = utcnow()
    upcoming = expand(activity, now - timedelta(hours=2), now + timedelta(days=120))[:12]
    counts = slot_counts(activity.id) if activity.registration_enabled else {}
    mine: dict[datetime, str] = {}
    if current_user.is_authenticated:
        for signup in db.session.scalars(signups_of_user(activity.id, current_user.id)):
            mine[signup.slot.original_start] = signup.status
    next_one = next((o for o in upcoming if not o.cancelled and o.end > now), None)
    return render_template(
        "activities/detail.html",
        activity=activity,
        upcoming=upcoming,
        counts=counts,
        mine=mine,
        form=SignupForm(),
        can_sign_up=can_sign_up(current_user, activity),
        can_edit=can_edit(current_user, activity),
        can_see_attendees=can_see_attendees(current_user, activity),
        whatsapp_url="https://wa.me/?text=" + quote(share_text(activity, next_one)),
        now=now,
        format_key=format_key,
    )


def _back(activity):
    return redirect(url_for(".detail", activity_id=activity.id, slug=activity.slug))


@bp.route("/agenda/<int:activity_id>/aanmelden", methods=["POST"])
@login_required
def signup(activity_id: int):
    """Sign up for one occurrence or for the whole series."""
    activity = _load_visible(activity_id)
    if not can_sign_up(current_user, activity):
        abort(403)
    form = SignupForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.series.data:
            days = current_app.config["ACTIVITIES_SERIES_SIGNUP_DAYS"]
            results = sign_up_series(activity, current_user, days=days)
            db.session.commit()
            waiting = sum(1 for s in results if s.status == WAITING)
            flash(
                _(
                    "You are signed up for %(count)d dates. On the waiting list: %(waiting)d.",
                    count=len(results) - waiting,
                    waiting=waiting,
                ),
                "success",
            )
            return _back(activity)
        key = form.key()
        if key is None:
            abort(400)
        result = sign_up(activity, key, current_user)
        db.session.commit()
    except SignupError:
        db.session.rollback()
        flash(_("You cannot sign up for this date (any more)."), "error")
        return _back(activity)
    if result.status == WAITING:
        flash(_("This date is full. You are on the waiting list."), "warning")
    else:
        flash(_("You are signed up. See you there!"), "success")
    return _back(activity)


@bp.route("/agenda/<int:activity_id>/afmelden", methods=["POST"])
@login_required
def cancel(activity_id: int):
    """Cancel a place (one date, or all coming dates); the waiting list moves up."""
    activity = _load_visible(activity_id)
    form = SignupForm()
    if not form.validate_on_submit():
        abort(400)
    if form.series.data:
        promoted = cancel_series(activity, current_user)
    else:
        key = form.key()
        if key is None:
            abort(400)
        moved_up = cancel_signup(activity, key, current_user)
        promoted = [moved_up] if moved_up else []
    db.session.commit()
    for signup in promoted:
        mails.promoted(signup)
    flash(_("You are signed off."), "success")
    return _back(activity)


@bp.route("/agenda/<int:activity_id>/deelnemers")
@login_required
def attendee_list(activity_id: int):
    """Show (and print) who signed up for one occurrence."""
    activity = _load_visible(activity_id)
    if not can_see_attendees(current_user, activity):
        abort(403)
    form = SignupForm(request.args, meta={"csrf": False})
    key = form.key()
    occurrence = find_occurrence(activity, key) if key else None
    if occurrence is None:
        abort(404)
    signups = db.session.scalars(attendees(activity.id, occurrence.key)).all()
    return render_template(
        "activities/attendees.html",
        activity=activity,
        occurrence=occurrence,
        confirmed=[s for s in signups if s.status != WAITING],
        waiting=[s for s in signups if s.status == WAITING],
    )


@bp.route("/agenda/poster/<slug>")
@public
def poster(slug: str):
    """Show a printable A4 week poster for a neighbourhood, with a QR code to the agenda."""
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None:
        abort(404)
    form = FilterForm(request.args)
    form.validate()
    day = form.date.data if form.date.data and not form.date.errors else today()
    monday = day - timedelta(days=day.weekday())
    start, _unused = day_bounds(monday, TZID)
    end, _unused = day_bounds(monday + timedelta(days=7), TZID)
    found = occurrences_between(start, end, Filters(neighbourhood_id=neighbourhood.id))
    agenda_url = absolute_url("activities.index")
    qr = segno.make(agenda_url, error="m")
    # segno writes the SVG from our own URL; no user text goes into it.
    svg = Markup(qr.svg_inline(scale=5, title=_("QR code to the agenda"), dark="#000"))  # noqa: S704  # nosec B704
    return render_template(
        "activities/poster.html",
        neighbourhood=neighbourhood,
        days=by_day(found),
        monday=monday,
        sunday=monday + timedelta(days=6),
        prev_date=monday - timedelta(days=7),
        next_date=monday + timedelta(days=7),
        qr_svg=svg,
        agenda_url=agenda_url,
    )
