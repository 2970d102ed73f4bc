"""Public routes of the activities part: the agenda, one activity, sign-up and the poster."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from app.activities import bp, mails
from app.activities.agenda import (
    agenda_period,
    load_agenda,
    parse_day,
    poster_days,
    today,
    week_period,
)
from app.activities.filters import filter_form, filters_from, offer_places, query_args
from app.activities.forms import SignupForm
from app.activities.models import WAITING, Activity
from app.activities.operations import (
    SignupError,
    cancel_series,
    cancel_signup,
    sign_up,
    sign_up_series,
)
from app.activities.permissions import can_sign_off, can_sign_up, can_view
from app.activities.queries import (
    Filters,
    activity_for_page,
    occurrences_between,
    signups_of_user,
    slot_counts,
    upcoming_occurrences,
)
from app.activities.recurrence import Occurrence
from app.core.access import login_required, public
from app.core.caching import cacheable
from app.core.mail import absolute_url
from app.core.models import utcnow
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import contact_point, current_neighbourhood


@bp.route("/agenda")
@public
@cacheable
def index():
    """Show the agenda: a list by day (default), a week or a month, with filters."""
    form = filter_form()
    now = utcnow()
    this_day = today(now)
    period = agenda_period(
        form.view.data,
        form.period.data,
        request.args.get("date"),
        today=this_day,
        now=now,
        day_text=request.args.get("dag"),
    )
    # The agenda follows the chosen neighbourhood: only its activities, as on the home page
    # and the week poster whose QR code opens this page (see docs/architecture.md).
    neighbourhood = current_neighbourhood()
    hood_id = neighbourhood.id if neighbourhood else None
    offer_places(form, period.first_day, period.end_day - timedelta(days=1), hood_id)
    return render_template(
        f"activities/{period.view}.html",
        agenda=load_agenda(period, filters_from(form, hood_id), today=this_day, now=now),
        period=period,
        view=period.view,
        form=form,
        args=lambda **changes: query_args(form, **changes),
        poster_neighbourhood=neighbourhood,
    )


def _load_visible(activity_id: int) -> Activity:
    """Load an activity the current user may see, or 404."""
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


def share_text(activity: Activity, occurrence: Occurrence | None) -> str:
    """Return the WhatsApp message: title, date and link."""
    link = absolute_url("activities.detail", activity_id=activity.id, slug=activity.slug)
    when = format_datetime(occurrence.start, "EEEE d MMMM, HH:mm") if occurrence else ""
    return "\n".join(part for part in (activity.title, when, link) if part)


@bp.route("/agenda/<int:activity_id>-<slug>")
@public
@cacheable
def detail(activity_id: int, slug: str):
    """Show one activity: its next dates, where, who organises it, and sign-up."""
    activity = _load_visible(activity_id)
    if slug != activity.slug:
        return redirect(url_for(".detail", activity_id=activity.id, slug=activity.slug), 301)
    now = utcnow()
    upcoming = upcoming_occurrences(
        activity, now - timedelta(hours=2), now + timedelta(days=120), 12
    )
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
        whatsapp_url="https://wa.me/?text=" + quote(share_text(activity, next_one)),
        now=now,
    )


def _back(activity: Activity):
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
    series = bool(form.series.data)
    key = form.key()
    if not series and key is None:
        abort(400)
    try:
        if series:
            days = current_app.config["ACTIVITIES_SERIES_SIGNUP_DAYS"]
            results = sign_up_series(activity, current_user, days=days)
        else:
            results = [sign_up(activity, key, current_user)]
    except SignupError:
        db.session.rollback()
        flash(_("You cannot sign up for this date (any more)."), "error")
        return _back(activity)
    db.session.commit()
    waiting = sum(1 for s in results if s.status == WAITING)
    if series:
        flash(
            _(
                "You are signed up for %(count)d dates. On the waiting list: %(waiting)d.",
                count=len(results) - waiting,
                waiting=waiting,
            ),
            "success",
        )
    elif waiting:
        flash(_("This date is full. You are on the waiting list."), "warning")
    else:
        flash(_("You are signed up. See you there!"), "success")
    return _back(activity)


@bp.route("/agenda/<int:activity_id>/afmelden", methods=["POST"])
@login_required
def cancel(activity_id: int):
    """Cancel a place (one date, or all coming dates); the waiting list moves up."""
    activity = _load_visible(activity_id)
    if not can_sign_off(current_user, activity):
        abort(403)
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
    for signup in promoted:
        mails.promoted(signup)
    db.session.commit()
    flash(_("You are signed off."), "success")
    return _back(activity)


@bp.route("/agenda/poster/<slug>")
@public
def poster(slug: str):
    """Show a printable A4 week poster for a neighbourhood, with a QR code to the agenda."""
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None:
        abort(404)
    week = week_period(parse_day(request.args.get("date")) or today())
    found = occurrences_between(week.start, week.end, Filters(neighbourhood_id=neighbourhood.id))
    # The link names the neighbourhood, so a scan opens the agenda of this one.
    agenda_url = absolute_url("activities.index", wijk=neighbourhood.slug)
    qr = segno.make(agenda_url, error="m")
    # segno writes the SVG from our own URL; no user text goes into it.
    svg = Markup(qr.svg_inline(scale=5, title=_("QR code to the agenda"), dark="#000"))  # noqa: S704  # nosec B704
    return render_template(
        "activities/poster.html",
        neighbourhood=neighbourhood,
        days=poster_days(found),
        week=week,
        qr_svg=svg,
        agenda_url=agenda_url,
        contact=contact_point(neighbourhood),
    )
