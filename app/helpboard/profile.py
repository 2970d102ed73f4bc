"""The volunteer's profile: what, when, where and in which languages they help."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.core.access import roles_required
from app.extensions import db
from app.helpboard import bp
from app.helpboard.choices import neighbourhood_choices, profile_form_choices
from app.helpboard.forms import ProfileForm
from app.helpboard.models import VolunteerProfile
from app.helpboard.volunteering import save_profile
from app.taxonomy.models import Category


@bp.route("/prikbord/vrijwilliger", methods=["GET", "POST"])
@roles_required("volunteer")
def profile():
    """Let a volunteer say what, when, where and in which languages they help."""
    existing = db.session.scalar(
        select(VolunteerProfile).where(VolunteerProfile.user_id == current_user.id)
    )
    form = ProfileForm(obj=None)
    profile_form_choices(form)
    if request.method == "GET" and existing is not None:
        form.skills.data = [c.id for c in existing.skills]
        form.languages.data = existing.languages
        form.availability.data = existing.availability
        form.neighbourhood.data = existing.neighbourhood_id or 0
        form.max_open.data = existing.max_open
        form.notify_mode.data = existing.notify_mode
    if form.validate_on_submit():
        skills = list(
            db.session.scalars(select(Category).where(Category.id.in_(form.skills.data or [])))
        )
        save_profile(
            current_user,
            skills=skills,
            languages=form.languages.data or [],
            availability=form.availability.data or [],
            neighbourhood_id=form.neighbourhood.data or None,
            max_open=form.max_open.data,
            notify_mode=form.notify_mode.data,
        )
        db.session.commit()
        flash(_("Your volunteer profile is saved."), "success")
        return redirect(url_for("helpboard.profile"))
    return render_template(
        "helpboard/profile.html",
        form=form,
        profile=existing,
        neighbourhoods=neighbourhood_choices(),
    )
