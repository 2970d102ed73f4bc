"""Routes for two-step login: the code step after the password, setting it up, switching it off."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.accounts import bp, throttle, twofactor
from app.accounts.forms import ConfirmPasswordForm, TwoFactorCodeForm, TwoFactorSetupForm
from app.accounts.passwords import verify_password
from app.accounts.views import after_login_target, start_session
from app.core.access import login_required, public
from app.core.security import is_safe_redirect
from app.extensions import db, limiter


def _code_failed(response) -> bool:
    return response.status_code != 302


@bp.route("/account/tweestaps/code", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_code_failed,
)
def twofactor_code():
    """Ask for the code from the authenticator app (or a recovery code) after the password."""
    user, next_url = twofactor.pending_user()
    if user is None:
        flash(_("Please log in again."), "info")
        return redirect(url_for("accounts.login"))
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        account, address = f"second-step:{user.id}", get_remote_address()
        if throttle.must_wait(account, address):
            abort(429)
        if twofactor.verify_second_step(user, form.code.data):
            throttle.record_success(account)
            start_session(user, second_step_done=True)
            db.session.commit()
            return redirect(after_login_target(next_url))
        throttle.record_failure(account, address)
        form.code.errors.append(_("This code is not right, or it was used already. Try again."))
    return render_template("accounts/twofactor_code.html", form=form)


@bp.route("/account/tweestaps")
@login_required
def twofactor_status():
    """Show whether two-step login is on, and let people switch it on or off."""
    return render_template(
        "accounts/twofactor_status.html",
        codes_left=twofactor.recovery_codes_left(current_user),
        disable_form=ConfirmPasswordForm(),
        codes_form=ConfirmPasswordForm(prefix="codes"),
    )


@bp.route("/account/tweestaps/instellen", methods=["GET", "POST"])
@login_required
def twofactor_setup():
    """Switch two-step login on: scan the QR code, type the code, keep the recovery codes."""
    user = current_user._get_current_object()
    if user.two_factor_enabled:
        return redirect(url_for("accounts.twofactor_status"))
    secret = session.get(twofactor.SETUP_SECRET_KEY)
    if not isinstance(secret, str) or len(secret) != 32:
        secret = twofactor.new_secret()
        session[twofactor.SETUP_SECRET_KEY] = secret
    form = TwoFactorSetupForm()
    if form.validate_on_submit():
        codes = twofactor.enable(user, secret, form.code.data)
        if codes is not None:
            session.pop(twofactor.SETUP_SECRET_KEY, None)
            session[twofactor.TWO_FACTOR_OK] = True
            db.session.commit()
            next_url = session.pop(twofactor.NEXT_KEY, None)
            return render_template(
                "accounts/recovery_codes.html",
                codes=codes,
                next_url=next_url if is_safe_redirect(next_url) else url_for("accounts.profile"),
            )
        form.code.errors.append(
            _("This code is not right. Check the time on your phone and try again.")
        )
    uri = twofactor.provisioning_uri(user, secret)
    return render_template(
        "accounts/twofactor_setup.html",
        form=form,
        qr=twofactor.qr_svg(uri, _("QR code for your authenticator app")),
        secret=twofactor.format_secret(secret),
        required=user.two_factor_required,
    )


@bp.route("/account/tweestaps/herstelcodes", methods=["POST"])
@login_required
def twofactor_new_codes():
    """Make ten new recovery codes (the old ones stop working)."""
    user = current_user._get_current_object()
    form = ConfirmPasswordForm(prefix="codes")
    if not user.two_factor_enabled:
        return redirect(url_for("accounts.twofactor_status"))
    if form.validate_on_submit() and verify_password(user.password_hash, form.password.data):
        codes = twofactor.new_recovery_codes(user)
        db.session.commit()
        return render_template(
            "accounts/recovery_codes.html",
            codes=codes,
            next_url=url_for("accounts.twofactor_status"),
        )
    flash(_("Your password was not right. Nothing has changed."), "error")
    return redirect(url_for("accounts.twofactor_status"))


@bp.route("/account/tweestaps/uitzetten", methods=["POST"])
@login_required
def twofactor_disable():
    """Switch two-step login off (not possible for roles that must use it)."""
    user = current_user._get_current_object()
    form = ConfirmPasswordForm()
    if user.two_factor_required:
        flash(_("With your role, two-step login must stay on."), "error")
        return redirect(url_for("accounts.twofactor_status"))
    if form.validate_on_submit() and verify_password(user.password_hash, form.password.data):
        twofactor.disable(user)
        db.session.commit()
        flash(_("Two-step login is off."), "success")
        return redirect(url_for("accounts.twofactor_status"))
    flash(_("Your password was not right. Nothing has changed."), "error")
    return redirect(url_for("accounts.twofactor_status"))
