"""``flask push keys``: a VAPID key pair for the operator's environment file."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.push.keys import generate_pair

push_cli = AppGroup("push", help="Web push notifications.")


@push_cli.command("keys")
def keys() -> None:
    """Print a new VAPID key pair as lines for the environment file (keep the private key secret).

    Changing the keys later ends every subscription: browsers subscribed with the old public key.
    """
    public, private = generate_pair()
    click.echo(f"VAPID_PUBLIC_KEY={public}")
    click.echo(f"VAPID_PRIVATE_KEY={private}")
    click.echo("VAPID_SUBJECT=mailto:<an address the push services may write to>")
