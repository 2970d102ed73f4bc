"""``flask mail send``: deliver the outbox (cron runs it every minute)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.outbox.sender import deliver_pending

mail_cli = AppGroup("mail", help="The outbox of mail.")


@mail_cli.command("send")
@click.option("--limit", type=int, default=500, help="Send at most this many mails this run.")
def send(limit: int) -> None:
    """Send the mails and web pushes that are due; retry later what did not go through.

    Safe to run on several servers at once: each mail or push is claimed by one sender only.
    """
    result = deliver_pending(limit=limit)
    click.echo(f"{result.sent} mail(s) sent, {result.failed} attempt(s) failed.")
    if result.pushed or result.push_failed or result.gone:
        click.echo(
            f"{result.pushed} push(es) sent, {result.push_failed} attempt(s) failed, "
            f"{result.gone} subscription(s) gone."
        )
