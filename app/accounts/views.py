"""Routes of the accounts part: thin, load → authorise → validate → operate → redirect."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.accounts import bp, throttle
from app.accounts.forms import (
    ChangePasswordForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from app.accounts.identifiers import split_identifier
from app.accounts.operations import (
    authenticate,
    find_user,
    record_login,
    register_resident,
    set_password,
)
from app.accounts.passwords import verify_password
from app.accounts.tokens import make_reset_token, read_reset_token
from app.accounts.twofactor import PENDING_KEY, TWO_FACTOR_OK, begin_second_step
from app.core.access import anonymous_only, login_required, public
from app.core.i18n import current_language
from app.core.mail import absolute_url, send_template
from app.core.security import is_safe_redirect
from app.extensions import db, limiter


def _login_failed(response) -> bool:
    """Count only failed attempts (a successful login redirects)."""
    return response.status_code != 302


def _account_key(email: str | None, phone: str | None) -> str:
    # Normalised, so that "06 12345678" and "+31612345678" count for the same account.
    return f"login:{email or phone or '-'}"


def after_login_target(candidate: str | None) -> str:
    """Return where to go after logging in: ``candidate`` when it is a safe local path."""
    if candidate and is_safe_redirect(candidate):
        return candidate
    return url_for("pages.home")


def start_session(user, *, second_step_done: bool = False) -> None:
    """Log ``user`` in on this device."""
    session.pop(PENDING_KEY, None)
    session.pop(TWO_FACTOR_OK, None)
    login_user(user)
    if second_step_done:
        session[TWO_FACTOR_OK] = True
    record_login(user)


@bp.route("/account/inloggen", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_login_failed,
)
def login():
    """Log in with an email address or phone number and a password."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        email, phone = split_identifier(form.identifier.data)
        account, address = _account_key(email, phone), get_remote_address()
        if throttle.must_wait(account, address):
            abort(429)
        user = authenticate(email, phone, form.password.data)
        if user is None:
            throttle.record_failure(account, address)
            form.password.errors.append(_("This login name and password do not match."))
        elif user.is_blocked:
            form.identifier.errors.append(
                _("This account is blocked. Contact the programme office.")
            )
        else:
            throttle.record_success(account)
            second_step = begin_second_step(user, after_login_target(form.next.data))
            if second_step is not None:
                db.session.commit()
                return second_step
            start_session(user)
            db.session.commit()
            return redirect(after_login_target(form.next.data))
    return render_template("accounts/login.html", form=form)


def _register_key() -> str:
    email, phone = split_identifier(
        str(request.form.get("email") or request.form.get("phone") or "")
    )
    return f"register:{email or phone or '-'}"


def _registered(response) -> bool:
    return response.status_code == 302


@bp.route("/account/registreren", methods=["GET", "POST"])
@anonymous_only
@limiter.limit(
    lambda: current_app.config["RESET_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_registered
)
@limiter.limit(
    lambda: current_app.config["RESET_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_register_key,
    deduct_when=_registered,
)
def register():
    """Create a resident account; the answer never tells whether the email or phone was taken."""
    form = RegisterForm()
    if form.validate_on_submit():
        user, owner = register_resident(
            form.name.data,
            form.password.data,
            email=form.email.data or None,
            phone=form.phone.data or None,
            locale=current_language(),
        )
        if user is not None and user.email:
            send_template(
                user.email,
                _("Welcome to Wijkplein"),
                "mail/register_welcome.txt",
                user=user,
                link=absolute_url("accounts.login"),
            )
        elif owner is not None and not owner.is_blocked:
            send_template(
                owner.email,
                _("Your Wijkplein account"),
                "mail/register_exists.txt",
                locale=owner.locale,
                user=owner,
                link=absolute_url("accounts.reset_password", token=make_reset_token(owner)),
                minutes=current_app.config["PASSWORD_RESET_MINUTES"],
            )
        try:
            db.session.commit()  # the account and its mail together
        except IntegrityError:  # the same address or number registered at the same moment
            db.session.rollback()
        flash(
            _(
                "Thank you. You can now log in with the password you chose. Did you have an "
                "account already? Then your old password stays. If you gave an email address, "
                "we sent you a mail about it. Without email, a neighbourhood professional can "
                "help you."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form)


@bp.route("/account/uitloggen", methods=["GET", "POST"])
@public
def logout():
    """Log out here and on every other device."""
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        if current_user.is_authenticated:
            current_user.end_all_sessions()
            db.session.commit()
        logout_user()
        session.pop(TWO_FACTOR_OK, None)
        flash(_("You are logged out."), "success")
        return redirect(url_for("pages.home"))
    if not current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    return render_template("accounts/logout.html", form=form)


def _forgot_key() -> str:
    return f"forgot:{str(request.form.get('email') or '').strip().lower()}"


@bp.route("/account/wachtwoord-vergeten", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config.get("RESET_LIMIT_PER_ADDRESS", "10 per hour"), methods=["POST"]
)
@limiter.limit(
    lambda: current_app.config.get("RESET_LIMIT_PER_ACCOUNT", "3 per hour"),
    methods=["POST"],
    key_func=_forgot_key,
)
def forgot_password():
    """Mail a link to set a new password; the answer never tells whether an account exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = find_user(email=form.email.data)
        if user is not None and not user.is_blocked:
            send_reset_mail(user)
            db.session.commit()
        return render_template("accounts/forgot_password_sent.html", email=form.email.data)
    return render_template("accounts/forgot_password.html", form=form)


def send_reset_mail(user) -> bool:
    """Mail ``user`` a reset link; a failing mail server is logged, not shown."""
    return send_template(
        user.email,
        _("Set a new password for Wijkplein"),
        "mail/password_reset.txt",
        user=user,
        link=absolute_url("accounts.reset_password", token=make_reset_token(user)),
        minutes=current_app.config["PASSWORD_RESET_MINUTES"],
    )


@bp.route("/account/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    """Set a new password with a link from the mail or from a professional."""
    user = read_reset_token(token)
    if user is None:
        return render_template("accounts/reset_invalid.html"), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.password.data)
        db.session.commit()
        flash(_("Your new password is saved. Log in with it."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, user=user)


def _change_key() -> str:
    return f"change-password:{current_user.get_id().partition(':')[0]}"


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_change_key,
    deduct_when=_login_failed,
)
def change_password():
    """Change the password; every other session of this person ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            set_password(user, form.password.data)
            db.session.commit()
            # The raised epoch ends the other sessions; renew this one with the new epoch.
            login_user(user)
            flash(
                _("Your password is changed. You are logged out on your other devices."), "success"
            )
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)
