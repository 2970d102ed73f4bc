"""``flask users …``: account commands for the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.accounts.forms import MIN_PASSWORD
from app.accounts.identifiers import normalise_email
from app.accounts.operations import AccountExists, LastAdmin, create_user, set_roles
from app.accounts.roles import ADMIN
from app.extensions import db

users_cli = AppGroup(
    "users", help="Accounts: create or remove an administrator, rotate two-step keys."
)


def _check_password(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value is not None and len(value) < MIN_PASSWORD:
        raise click.BadParameter(f"use at least {MIN_PASSWORD} characters")
    return value


def _check_email(ctx: click.Context, param: click.Parameter, value: str) -> str:
    value = normalise_email(value or "")
    local, _, domain = value.partition("@")
    if not local or "." not in domain:
        raise click.BadParameter("this is not an email address")
    return value


@users_cli.command("create-admin")
@click.option("--name", prompt="Name", help="The administrator's name.")
@click.option("--email", prompt="Email address", callback=_check_email, help="Login name.")
@click.option(
    "--password",
    prompt="Password",
    hide_input=True,
    confirmation_prompt=True,
    callback=_check_password,
    help=f"At least {MIN_PASSWORD} characters (asked for when left out).",
)
def create_admin(name: str, email: str, password: str) -> None:
    """Create an administrator account (who sets up two-step login at the first login)."""
    try:
        create_user(name, password, email=email, roles=(ADMIN,))
    except AccountExists as exists:
        raise click.ClickException(
            f"There is already an account with this {exists.field}."
        ) from None
    db.session.commit()
    click.echo(f"Administrator {email} created. Two-step login is set up at the first login.")


@users_cli.command("remove-admin")
@click.argument("email", callback=_check_email)
def remove_admin(email: str) -> None:
    """Take the administrator role away from the account with EMAIL (its other roles stay).

    The web pages let nobody act on an equal or higher role, so this is how the programme office
    demotes an administrator. The last administrator keeps the role.
    """
    from app.accounts.models import User

    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is None or not user.has_role(ADMIN):
        raise click.ClickException(f"No administrator has the address {email}.")
    try:
        set_roles(user, sorted(user.roles - {ADMIN}), list(user.organisations), actor=None)
    except LastAdmin:
        raise click.ClickException(
            "This is the last administrator; create another first."
        ) from None
    db.session.commit()
    click.echo(f"{email} is no longer an administrator.")


@users_cli.command("rotate-totp-keys")
def rotate_totp_keys() -> None:
    """Re-encrypt every two-step secret with the first key of TOTP_ENCRYPTION_KEYS."""
    from app.accounts.encryption import rotate
    from app.accounts.models import User

    count = 0
    for user in db.session.scalars(db.select(User).where(User.totp_secret_encrypted.is_not(None))):
        user.totp_secret_encrypted = rotate(user.totp_secret_encrypted or "")
        count += 1
    db.session.commit()
    click.echo(f"{count} two-step secrets encrypted with the first key.")
