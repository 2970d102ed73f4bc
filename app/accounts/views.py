"""Routes of the accounts part: thin, load → authorise → validate → operate → redirect."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.accounts import bp
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
    AccountExists,
    authenticate,
    create_user,
    find_user,
    record_login,
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


def _account_key() -> str:
    # Flask-Limiter needs the submitted login name as the key of the per-account limit.
    # Normalised, so that "06 12345678" and "+31612345678" count for the same account.
    email, phone = split_identifier(str(request.form.get("identifier") or ""))
    return f"account:{email or phone or '-'}"


def _after_login_target(candidate: str | None) -> str:
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


@bp.route("/inloggen", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_login_failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_login_failed,
)
def login():
    """Log in with an email address or phone number and a password."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        email, phone = split_identifier(form.identifier.data)
        user = authenticate(email, phone, form.password.data)
        if user is None:
            form.password.errors.append(_("This login name and password do not match."))
        elif user.is_blocked:
            form.identifier.errors.append(
                _("This account is blocked. Contact the programme office.")
            )
        else:
            second_step = begin_second_step(user, _after_login_target(form.next.data))
            if second_step is not None:
                db.session.commit()
                return second_step
            start_session(user)
            db.session.commit()
            return redirect(_after_login_target(form.next.data))
    return render_template("accounts/login.html", form=form)


@bp.route("/registreren", methods=["GET", "POST"])
@anonymous_only
def register():
    """Create a resident account with an email address or a phone number."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.name.data,
                form.password.data,
                email=form.email.data or None,
                phone=form.phone.data or None,
                locale=current_language(),
            )
        except AccountExists as exists:
            field = form.email if exists.field == "email" else form.phone
            field.errors.append(
                _("There is already an account with this. Log in, or reset your password.")
            )
        else:
            start_session(user)
            db.session.commit()
            flash(
                _("Welcome to Wijkplein, %(name)s. Your account is ready.", name=user.name),
                "success",
            )
            return redirect(url_for("pages.home"))
    return render_template("accounts/register.html", form=form)


@bp.route("/uitloggen", methods=["GET", "POST"])
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


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
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


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
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


@bp.route("/wachtwoord", methods=["GET", "POST"])
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
