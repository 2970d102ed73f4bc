"""What organisers do at /agenda/…: post or propose an activity, edit it, change its dates,
read its history and see who comes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.activities import bp, mails
from app.activities.forms import (
    ActivityForm,
    OccurrenceForm,
    SignupForm,
    as_choices,
    repeat_choice,
)
from app.activities.history import Names, mentioned_ids, shown_changes
from app.activities.labels import LANGUAGE_CODES, LANGUAGE_LABELS
from app.activities.models import PROPOSED, PUBLISHED, WAITING, Activity
from app.activities.operations import change_occurrence, restore_occurrence, save_activity
from app.activities.permissions import (
    can_change_dates,
    can_create,
    can_edit,
    can_publish,
    can_see_attendees,
    can_see_history,
    can_view,
)
from app.activities.queries import activity_for_page, attendees, history, organisations_for
from app.activities.recurrence import find_occurrence, parse_key
from app.core.access import login_required
from app.extensions import db
from app.media.operations import change_photo, publish_image
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import active_neighbourhoods, default_neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category


def _names(model: Any, ids: set[int]) -> dict[int, str]:
    """Return {id: name} of the rows of ``model`` a history mentions."""
    if not ids:
        return {}
    rows: Any = db.session.scalars(select(model).where(model.id.in_(ids)))
    return {row.id: row.name for row in rows}


def _choices(form: ActivityForm, activity: Activity | None = None) -> None:
    """Fill in the choices of the activity form for the current user."""
    # A repeat rule is for professionals; a resident keeps a rule they were given, unseen.
    form.offer_custom = can_publish(current_user) or bool(
        activity is not None
        and activity.rrule
        and repeat_choice(activity.rrule, activity.start_local.date())[0] == "custom"
    )
    if not form.offer_custom:
        form.repeat.choices = [c for c in form.repeat.choices if c.value != "custom"]
    form.neighbourhood_id.choices = as_choices(
        (n.id, n.name) for n in db.session.scalars(active_neighbourhoods())
    )
    form.location_id.choices = as_choices(
        [(0, _("Not on the map (fill in an address)"))]
        + [
            (loc.id, f"{loc.name} – {loc.address}")
            for loc in db.session.scalars(select(Location).order_by(Location.name))
        ]
    )
    orgs = organisations_for(current_user)
    form.organisation_id.choices = as_choices(
        [(0, _("Myself (a resident or volunteer)"))] + [(o.id, o.name) for o in orgs]
    )
    form.categories.choices = as_choices(
        (c.id, c.name)
        for c in db.session.scalars(select(Category).order_by(Category.sort_order))
        if "calendar" in (c.scopes or [])
    )
    form.languages.choices = as_choices((code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES)


def _form_data(form: ActivityForm) -> tuple[dict[str, Any], list[Category]]:
    """Return the activity's fields and its categories as the form gives them."""
    day = form.day.data
    data = {
        "title": form.title.data,
        "description": form.description.data or "",
        "start_local": datetime.combine(day, form.start_time.data),
        "end_local": datetime.combine(day, form.end_time.data),
        "rrule": form.rrule(),
        "neighbourhood_id": form.neighbourhood_id.data,
        "location_id": form.location_id.data or None,
        "address": form.address.data or None,
        "organisation_id": form.organisation_id.data or None,
        "show_organiser_name": bool(form.show_organiser_name.data),
        "target_group": form.target_group.data,
        "languages": list(form.languages.data or []),
        "is_free": bool(form.is_free.data),
        "cost": form.cost.data or None,
        "accessibility": form.accessibility.data or None,
        "registration_enabled": bool(form.registration_enabled.data),
        "capacity": form.capacity.data if form.registration_enabled.data else None,
    }
    ids = form.categories.data or []
    categories = (
        list(db.session.scalars(select(Category).where(Category.id.in_(ids)))) if ids else []
    )
    return data, categories


def _load_editable(activity_id: int, rule: Callable[[Any, Activity], bool] = can_edit) -> Activity:
    """Load an activity or 404; 403 unless ``rule`` lets the current user act on it."""
    activity = activity_for_page(activity_id)
    if activity is None:
        abort(404)
    if not rule(current_user, activity):
        abort(403)
    return activity


def _save_photo(activity: Activity, form: ActivityForm) -> None:
    """Apply the photo part of the form; a proposal's photo is public once it is approved."""
    published = activity.status == PUBLISHED
    change_photo(activity, "image", form.photo_change(), current_user, is_public=published)
    if published:
        publish_image(activity.image)


def _to_page(activity: Activity):
    """Go to the activity's page."""
    return redirect(url_for(".detail", activity_id=activity.id, slug=activity.slug))


@bp.route("/agenda/nieuw", methods=["GET", "POST"])
@login_required
def create():
    """Post an activity (professionals) or propose one (residents and volunteers)."""
    if not can_create(current_user):
        abort(403)
    form = ActivityForm()
    _choices(form)
    if request.method == "GET":
        home = current_user.neighbourhood or default_neighbourhood()
        if home is not None:
            form.neighbourhood_id.data = home.id
        if form.organisation_id.choices[1:]:
            form.organisation_id.data = form.organisation_id.choices[1].value
    if form.validate_on_submit():
        data, categories = _form_data(form)
        publish = can_publish(current_user) and bool(data["organisation_id"])
        activity = save_activity(
            None, data, user=current_user, categories=categories, publish=publish
        )
        _save_photo(activity, form)
        db.session.commit()
        if activity.status == PROPOSED:
            flash(_("Thank you! A moderator checks your activity; you get an email."), "success")
        else:
            flash(_("The activity is on the agenda."), "success")
        return _to_page(activity)
    return render_template("activities/form.html", form=form, activity=None)


@bp.route("/agenda/<int:activity_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(activity_id: int):
    """Change an activity; every change goes into its history."""
    activity = _load_editable(activity_id)
    form = ActivityForm(obj=activity if request.method == "GET" else None)
    form.current_image = activity.image
    _choices(form, activity)
    if request.method == "GET":
        form.load_photo(activity.image)
        form.day.data = activity.start_local.date()
        form.start_time.data = activity.start_local.time()
        form.end_time.data = activity.end_local.time()
        form.repeat.data, until = repeat_choice(activity.rrule, form.day.data)
        if form.repeat.data == "custom":
            form.custom_rule.data = activity.rrule or ""
        elif until is not None:
            form.until.data = until
        form.location_id.data = activity.location_id or 0
        form.organisation_id.data = activity.organisation_id or 0
        form.categories.data = [c.id for c in activity.categories]
        form.languages.data = activity.languages
    if form.validate_on_submit():
        data, categories = _form_data(form)
        allowed = {choice.value for choice in form.organisation_id.choices}
        if data["organisation_id"] and data["organisation_id"] not in allowed:
            abort(403)
        publish = can_publish(current_user) and bool(data["organisation_id"])
        was_published = activity.status == PUBLISHED
        save_activity(activity, data, user=current_user, categories=categories, publish=publish)
        _save_photo(activity, form)
        db.session.commit()
        if was_published and activity.status == PROPOSED:
            flash(
                _("Thank you! A moderator checks your changes before they are on the agenda."),
                "success",
            )
        else:
            flash(_("The changes are saved."), "success")
        return _to_page(activity)
    return render_template("activities/form.html", form=form, activity=activity)


@bp.route("/agenda/<int:activity_id>/datum", methods=["GET", "POST"])
@login_required
def change_date(activity_id: int):
    """Cancel or move one date of an activity, with a reason."""
    activity = _load_editable(activity_id, can_change_dates)
    form = OccurrenceForm()
    key = parse_key(form.occurrence.data or request.args.get("occurrence"))
    occurrence = find_occurrence(activity, key) if key else None
    if occurrence is None:
        abort(404)
    if request.method == "GET":
        form.occurrence.data = occurrence.key_str
        form.new_day.data = occurrence.start.date()
        form.new_start.data = occurrence.start.time().replace(tzinfo=None)
        form.new_end.data = occurrence.end.time().replace(tzinfo=None)
    if form.validate_on_submit():
        cancel = form.action.data == "cancel"
        change_occurrence(
            activity,
            occurrence.key,
            user=current_user,
            reason=form.reason.data,
            cancel=cancel,
            new_start=None if cancel else datetime.combine(form.new_day.data, form.new_start.data),
            new_end=None if cancel else datetime.combine(form.new_day.data, form.new_end.data),
        )
        changed = find_occurrence(activity, occurrence.key)
        if changed is not None:
            for signup in db.session.scalars(attendees(activity.id, occurrence.key)):
                mails.occurrence_changed(signup, changed)
        db.session.commit()
        flash(_("The date is changed."), "success")
        return _to_page(activity)
    return render_template(
        "activities/change_date.html", form=form, activity=activity, occurrence=occurrence
    )


@bp.route("/agenda/<int:activity_id>/datum/herstellen", methods=["POST"])
@login_required
def restore_date(activity_id: int):
    """Let a cancelled or moved date take place as planned again."""
    activity = _load_editable(activity_id, can_change_dates)
    form = OccurrenceForm()
    key = parse_key(form.occurrence.data)
    if key is None:
        abort(400)
    restore_occurrence(activity, key, user=current_user)
    db.session.commit()
    flash(_("The date takes place as planned."), "success")
    return _to_page(activity)


@bp.route("/agenda/<int:activity_id>/geschiedenis")
@login_required
def activity_history(activity_id: int):
    """Show who changed what on an activity."""
    activity = _load_editable(activity_id, can_see_history)
    entries = list(db.session.scalars(history(activity.id)))
    ids = mentioned_ids(entries)
    names = Names(
        locations=_names(Location, ids["location_id"]),
        organisations=_names(Organisation, ids["organisation_id"]),
        neighbourhoods=_names(Neighbourhood, ids["neighbourhood_id"]),
        categories={c.slug: c.name for c in db.session.scalars(select(Category))},
        first_day=activity.start_local.date(),
    )
    changes = [(change, shown_changes(change.changes, names)) for change in entries]
    return render_template("activities/history.html", activity=activity, changes=changes)


@bp.route("/agenda/<int:activity_id>/deelnemers")
@login_required
def attendee_list(activity_id: int):
    """Show (and print) who signed up for one occurrence."""
    activity = activity_for_page(activity_id)
    if activity is None or not can_view(current_user, activity):
        abort(404)
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
