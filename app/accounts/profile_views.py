"""Routes for a person's own account: profile, my data, delete the account."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Response, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.accounts import bp
from app.accounts.forms import ConfirmPasswordForm, EmptyForm, ProfileForm
from app.accounts.operations import (
    AccountExists,
    LastAdmin,
    confirm_new_email,
    delete_account,
    update_profile,
)
from app.accounts.passwords import verify_password
from app.accounts.personal_data import collect
from app.accounts.tokens import EMAIL_CHANGE_HOURS, make_email_token, read_email_token
from app.core.access import login_required, public
from app.core.i18n import current_language, language_choices
from app.core.mail import absolute_url, send_template
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import active_neighbourhoods


@bp.route("/account/", methods=["GET", "POST"])
@login_required
def profile():
    """Show and change your name, email address, phone number, language and neighbourhood."""
    user = current_user._get_current_object()
    form = ProfileForm(
        obj=user,
        locale=user.locale or current_language(),
        neighbourhood=user.neighbourhood_id or 0,
    )
    form.locale.choices = language_choices()
    form.neighbourhood.choices = [(0, _("Not chosen"))] + [
        (n.id, n.name) for n in db.session.scalars(active_neighbourhoods())
    ]
    if form.validate_on_submit():
        neighbourhood = (
            db.session.get(Neighbourhood, form.neighbourhood.data)
            if form.neighbourhood.data
            else None
        )
        try:
            new_email = update_profile(
                user,
                name=form.name.data,
                email=form.email.data or None,
                phone=form.phone.data or None,
                locale=form.locale.data,
                neighbourhood=neighbourhood,
            )
        except AccountExists as exists:
            db.session.rollback()
            field = form.email if exists.field == "email" else form.phone
            field.errors.append(_("Another account uses this already."))
        else:
            flash(_("Your details are saved."), "success")
            if new_email:
                send_template(
                    new_email,
                    _("Confirm your new email address"),
                    "mail/email_confirm.txt",
                    user=user,
                    link=absolute_url(
                        "accounts.confirm_email", token=make_email_token(user, new_email)
                    ),
                    hours=EMAIL_CHANGE_HOURS,
                )
                flash(
                    _(
                        "We sent a link to %(email)s. Your email address changes when you open "
                        "it. Until then we use the old one.",
                        email=new_email,
                    ),
                    "info",
                )
            db.session.commit()  # the details and the mail about them, together
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form)


@bp.route("/account/email-bevestigen/<token>", methods=["GET", "POST"])
@public
def confirm_email(token: str):
    """Make a new email address the account's address, with the link mailed to that address."""
    found = read_email_token(token)
    if found is None:
        return render_template("accounts/email_invalid.html"), 410
    user, new_email = found
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            confirm_new_email(user, new_email)
        except AccountExists:
            db.session.rollback()
            flash(_("Another account uses this already."), "error")
        else:
            db.session.commit()
            flash(_("Your details are saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/email_confirm.html", form=form, email=new_email)


@bp.route("/account/mijn-gegevens")
@login_required
def my_data():
    """Download everything Wijkplein holds about you, as a JSON file."""
    user = current_user._get_current_object()
    data = {
        "about": "Wijkplein: all data about you",
        "exported_at": datetime.now(UTC).isoformat(),
        **collect(user),
    }
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="wijkplein-mijn-gegevens.json"'},
    )


@bp.route("/account/verwijderen", methods=["GET", "POST"])
@login_required
def delete():
    """Delete your account and your personal data, after confirming with your password."""
    user = current_user._get_current_object()
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your password."))
        else:
            try:
                delete_account(user)
                db.session.commit()
            except LastAdmin:
                db.session.rollback()
                flash(_("You are the last administrator. Make someone else admin first."), "error")
                return redirect(url_for("accounts.profile"))
            except IntegrityError:
                # Some part still holds rows it cannot let go of: keep everything, say so.
                db.session.rollback()
                current_app.logger.exception("Deleting account %s failed", user.id)
                flash(
                    _("Your account could not be deleted. Please ask the programme office."),
                    "error",
                )
                return redirect(url_for("accounts.profile"))
            logout_user()
            session.clear()
            flash(_("Your account and your personal data are deleted. Goodbye."), "success")
            return redirect(url_for("pages.home"))
    return render_template("accounts/delete.html", form=form)
