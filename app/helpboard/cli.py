"""Jobs that cron runs for the question board: ``flask helpboard escalate|digest``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.core.jobs import one_at_a_time
from app.extensions import db
from app.helpboard import notify
from app.helpboard.operations import escalate_due

helpboard_cli = AppGroup("helpboard", help="Question board (prikbord) jobs.")


@helpboard_cli.command("escalate")
@one_at_a_time("helpboard-escalate")
@click.option("--hours", type=int, default=None, help="Override ESCALATE_AFTER_HOURS.")
def escalate(hours: int | None) -> None:
    """Escalate open questions nobody claimed in time to their neighbourhood's professionals."""
    hours = hours if hours is not None else current_app.config["ESCALATE_AFTER_HOURS"]
    due = escalate_due(hours)
    sent = notify.send_escalations(due)
    db.session.commit()
    click.echo(f"{len(due)} question(s) escalated, {sent} mail(s) sent.")


@helpboard_cli.command("digest")
@one_at_a_time("helpboard-digest")
def digest() -> None:
    """Send volunteers who chose a daily mail their matching open questions."""
    sent = notify.send_digests()
    db.session.commit()
    click.echo(f"{sent} digest mail(s) sent.")


@helpboard_cli.command("retention")
@one_at_a_time("helpboard-retention")
def retention() -> None:
    """Remove personal data of questions finished longer ago than RETENTION_MONTHS."""
    from app.helpboard.privacy import remove_expired

    count = remove_expired(current_app.config["RETENTION_MONTHS"])
    db.session.commit()
    click.echo(f"{count} question(s) anonymised.")
