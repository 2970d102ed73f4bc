"""Neighbourhoods under /beheer/wijken: admins open, edit, close and reopen them; each
neighbourhood's professionals keep its contact point.

The routes live on their own blueprint, nested in the part's (endpoints
``neighbourhoods.manage.<name>``). Each view loads, authorises, validates, operates, commits once
and redirects.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.models import User, UserRole
from app.core.access import ADMIN, PROFESSIONAL, roles_required
from app.core.forms import as_choices
from app.extensions import db
from app.neighbourhoods.manage_forms import ConfirmForm, ContactPointForm, NeighbourhoodForm
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.operations import (
    ContactPointData,
    NeighbourhoodData,
    NeighbourhoodError,
    create_neighbourhood,
    set_active,
    set_contact_point,
    update_neighbourhood,
)
from app.neighbourhoods.permissions import can_edit_contact_point, can_manage
from app.neighbourhoods.queries import all_neighbourhoods

bp = Blueprint("manage", __name__)


def _professionals() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == PROFESSIONAL)
            .order_by(User.name, User.id)
        )
    )


def _form(hood: Neighbourhood | None) -> tuple[NeighbourhoodForm, dict[int, User]]:
    form = NeighbourhoodForm(obj=hood, boundary_required=hood is None)
    pros = {user.id: user for user in _professionals()}
    form.professionals.choices = as_choices(
        (user.id, f"{user.name} ({user.email})" if user.email else user.name)
        for user in pros.values()
    )
    if hood is not None and not form.is_submitted():
        form.professionals.data = [user.id for user in hood.professionals]
    return form, pros


def _data(form: NeighbourhoodForm, pros: dict[int, User]) -> NeighbourhoodData:
    return NeighbourhoodData(
        name=form.name.data or "",
        slug=form.slug.data or "",
        city=form.city.data or "",
        reporting_url=form.reporting_url.data,
        professionals=[pros[i] for i in form.professionals.data or [] if i in pros],
        boundary=form.boundary,
    )


def _load(neighbourhood_id: int) -> Neighbourhood:
    return db.get_or_404(Neighbourhood, neighbourhood_id)


@bp.route("")
@roles_required(ADMIN)
def index():
    """List every neighbourhood, open ones first."""
    return render_template(
        "neighbourhoods/manage/list.html",
        neighbourhoods=db.session.scalars(all_neighbourhoods()).all(),
        confirm=ConfirmForm(),
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@roles_required(ADMIN)
def create():
    """Open a new neighbourhood with its boundary as a GeoJSON upload."""
    form, pros = _form(None)
    if form.validate_on_submit():
        try:
            hood = create_neighbourhood(_data(form, pros))
        except NeighbourhoodError:
            form.slug.errors = [*form.slug.errors, _("Another neighbourhood has this short name.")]
        else:
            db.session.commit()
            flash(_("%(name)s is open.", name=hood.name), "success")
            return redirect(url_for("neighbourhoods.manage.index"))
    return render_template("neighbourhoods/manage/form.html", form=form, neighbourhood=None)


@bp.route("/<int:neighbourhood_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit(neighbourhood_id: int):
    """Change a neighbourhood; a new GeoJSON file replaces the boundary."""
    hood = _load(neighbourhood_id)
    form, pros = _form(hood)
    if form.validate_on_submit():
        try:
            update_neighbourhood(hood, _data(form, pros))
        except NeighbourhoodError:
            form.slug.errors = [*form.slug.errors, _("Another neighbourhood has this short name.")]
        else:
            db.session.commit()
            flash(_("The changes to %(name)s are saved.", name=hood.name), "success")
            return redirect(url_for("neighbourhoods.manage.index"))
    return render_template("neighbourhoods/manage/form.html", form=form, neighbourhood=hood)


def _switch(neighbourhood_id: int, active: bool):
    hood = _load(neighbourhood_id)
    if not can_manage(current_user, hood):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        set_active(hood, active)
    except NeighbourhoodError:
        flash(_("The default neighbourhood cannot be closed."), "error")
        return redirect(url_for("neighbourhoods.manage.index"))
    db.session.commit()
    if active:
        flash(_("%(name)s is open again.", name=hood.name), "success")
    else:
        flash(_("%(name)s is closed.", name=hood.name), "success")
    return redirect(url_for("neighbourhoods.manage.index"))


@bp.route("/<int:neighbourhood_id>/sluiten", methods=["POST"])
@roles_required(ADMIN)
def close(neighbourhood_id: int):
    """Close a neighbourhood: visitors can no longer choose it."""
    return _switch(neighbourhood_id, False)


@bp.route("/<int:neighbourhood_id>/heropenen", methods=["POST"])
@roles_required(ADMIN)
def reopen(neighbourhood_id: int):
    """Open a closed neighbourhood again."""
    return _switch(neighbourhood_id, True)


@bp.route("/aanspreekpunt")
@roles_required(PROFESSIONAL)
def contact_points():
    """List the neighbourhoods whose contact point you keep."""
    if can_manage(current_user):
        hoods = db.session.scalars(all_neighbourhoods()).all()
    else:
        hoods = sorted(current_user.neighbourhoods, key=lambda n: n.name)
    return render_template("neighbourhoods/manage/contact_points.html", neighbourhoods=hoods)


@bp.route("/<int:neighbourhood_id>/aanspreekpunt", methods=["GET", "POST"])
@roles_required(PROFESSIONAL)
def contact_point(neighbourhood_id: int):
    """Keep the neighbourhood's contact point: address, opening hours, phone and team."""
    hood = _load(neighbourhood_id)
    if not can_edit_contact_point(current_user, hood):
        abort(403)
    form = ContactPointForm(
        data={
            "name": hood.contact_name,
            "address": hood.contact_address,
            "opening_hours": hood.contact_opening_hours,
            "phone": hood.contact_phone,
            "team": hood.contact_team,
        }
    )
    if form.validate_on_submit():
        set_contact_point(
            hood,
            ContactPointData(
                name=form.name.data,
                address=form.address.data,
                opening_hours=form.opening_hours.data,
                phone=form.phone.data,
                team=form.team.data,
            ),
        )
        db.session.commit()
        flash(_("The contact point of %(name)s is saved.", name=hood.name), "success")
        return redirect(url_for("neighbourhoods.manage.contact_points"))
    return render_template(
        "neighbourhoods/manage/contact_point.html", form=form, neighbourhood=hood
    )
