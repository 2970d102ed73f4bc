"""An organisation's logo, kept by its professionals (and admins) under /beheer/kaart."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import ADMIN, PROFESSIONAL, roles_required
from app.extensions import db
from app.media.operations import change_photo
from app.organisations.models import Organisation
from app.servicemap.forms import LogoForm
from app.servicemap.manage import bp
from app.servicemap.permissions import can_edit_organisation


@bp.route("/organisaties/<int:organisation_id>/logo", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def logo(organisation_id: int):
    """Add, change or remove the logo of one's own organisation."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    if not can_edit_organisation(current_user, organisation):
        abort(403)
    form = LogoForm()
    form.current_image = organisation.logo
    if form.validate_on_submit():
        changed = change_photo(organisation, "logo", form.photo_change(), current_user)
        db.session.commit()
        flash(_("The logo is saved.") if changed else _("Nothing changed."), "success")
        return redirect(url_for("servicemap.manage.index"))
    if not form.is_submitted():
        form.load_photo(organisation.logo)
    return render_template("servicemap/manage/logo.html", form=form, organisation=organisation)
