"""Routes of the accounts part: thin, load → authorise → validate → operate → redirect."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.accounts import bp
from app.accounts.forms import EmptyForm, LoginForm, RegisterForm
from app.accounts.identifiers import split_identifier
from app.accounts.operations import AccountExists, authenticate, create_user, record_login
from app.core.access import anonymous_only, login_required, public
from app.core.i18n import current_language
from app.core.security import is_safe_redirect
from app.extensions import db, limiter


def _login_failed(response) -> bool:
    """Count only failed attempts (a successful login redirects)."""
    return response.status_code != 302


def _account_key() -> str:
    # Flask-Limiter needs the submitted login name as the key of the per-account limit.
    identifier = str(request.form.get("identifier") or "").strip().lower()
    return f"account:{identifier}"


def _after_login_target(candidate: str | None) -> str:
    if candidate and is_safe_redirect(candidate):
        return candidate
    return url_for("pages.home")


def start_session(user) -> None:
    """Log ``user`` in on this device."""
    login_user(user)
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
            from app.accounts.twofactor import begin_second_step

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
        flash(_("You are logged out."), "success")
        return redirect(url_for("pages.home"))
    if not current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    return render_template("accounts/logout.html", form=form)


@bp.route("/")
@login_required
def profile():
    """Show the profile of the person who is logged in."""
    return render_template("accounts/profile.html")


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@anonymous_only
def forgot_password():
    """Send a link to set a new password (placeholder until the reset flow lands)."""
    return render_template("accounts/forgot_password.html")
