"""The calendar's back office at /beheer/agenda: my activities, and proposals to check.

A blueprint of its own, nested in the calendar's (endpoints ``activities.manage.<name>``).
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.activities import mails
from app.activities.forms import RejectForm
from app.activities.models import Activity
from app.activities.operations import approve, reject
from app.activities.permissions import can_moderate
from app.activities.queries import managed_activities, proposals
from app.activities.recurrence import expand
from app.core.access import login_required, roles_required
from app.core.models import utcnow
from app.core.pagination import paginate
from app.extensions import db

bp = Blueprint("manage", __name__)

# Activities per page of one person's list (an organisation has a few dozen).
MANAGED_PER_PAGE = 200


@bp.route("")
@login_required
def index():
    """List the activities this person may change, with their coming dates."""
    page = paginate(managed_activities(current_user), per_page=MANAGED_PER_PAGE)
    now = utcnow()
    upcoming = {a.id: expand(a, now, now + timedelta(days=31))[:6] for a in page.items}
    return render_template(
        "activities/manage.html", page=page, activities=page.items, upcoming=upcoming
    )


@bp.route("/voorstellen")
@roles_required("moderator")
def moderation():
    """List proposed activities for a moderator to approve or reject."""
    items = db.session.scalars(proposals()).all()
    return render_template("activities/moderation.html", items=items, reject_form=RejectForm())


def _load_proposal(activity_id: int) -> Activity:
    """Load an activity the current moderator may still approve or reject, or 404."""
    activity = db.session.get(Activity, activity_id)
    if activity is None or not can_moderate(current_user, activity):
        abort(404)
    return activity


@bp.route("/voorstellen/<int:activity_id>/goedkeuren", methods=["POST"])
@roles_required("moderator")
def approve_proposal(activity_id: int):
    """Publish a proposed activity; the proposer gets a mail."""
    activity = _load_proposal(activity_id)
    approve(activity, current_user)
    if activity.created_by is not None:
        mails.reviewed(activity, activity.created_by, approved=True)
    db.session.commit()
    flash(_("The activity is on the agenda."), "success")
    return redirect(url_for(".moderation"))


@bp.route("/voorstellen/<int:activity_id>/afwijzen", methods=["POST"])
@roles_required("moderator")
def reject_proposal(activity_id: int):
    """Reject a proposed activity with a reason; the proposer gets a mail."""
    activity = _load_proposal(activity_id)
    form = RejectForm()
    if not form.validate_on_submit():
        items = db.session.scalars(proposals()).all()
        return render_template(
            "activities/moderation.html", items=items, reject_form=form, failed_id=activity.id
        ), 400
    reject(activity, current_user, form.reason.data.strip())
    if activity.created_by is not None:
        mails.reviewed(activity, activity.created_by, approved=False)
    db.session.commit()
    flash(_("The activity is rejected; the proposer gets a mail."), "success")
    return redirect(url_for(".moderation"))
