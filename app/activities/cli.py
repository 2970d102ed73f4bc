"""``flask activities …``: the jobs cron runs for the calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import click
from flask.cli import AppGroup

from app.activities import mails, occurrences
from app.activities.models import TZID
from app.activities.queries import reminders_due
from app.activities.recurrence import find_occurrence, zone
from app.core import page_cache
from app.core.jobs import single_runner
from app.core.models import utcnow
from app.extensions import db

activities_cli = AppGroup("activities", help="Jobs of the activity calendar.")

# A moved occurrence keeps its original date as key; look this far around tomorrow for it.
MOVE_MARGIN_DAYS = 7


def send_reminders(day: date) -> int:
    """Remind everyone with a place for an occurrence on ``day`` (once, by mail and/or push).

    Return how many were reminded.
    """
    sent = 0
    due = db.session.scalars(
        reminders_due(
            day - timedelta(days=MOVE_MARGIN_DAYS), day + timedelta(days=MOVE_MARGIN_DAYS + 1)
        )
    ).all()
    for signup in due:
        activity = signup.slot.activity
        occurrence = find_occurrence(activity, signup.slot.original_start)
        if occurrence is None or occurrence.cancelled or occurrence.start.date() != day:
            continue
        mailed = mails.reminder(signup, occurrence)
        pushed = mails.push_reminder(signup, occurrence)
        if mailed or pushed:
            signup.reminded_at = utcnow()
            db.session.commit()  # one by one: a crash halfway never mails anyone twice
            sent += 1
    return sent


@activities_cli.command("remind")
@click.option(
    "--date", "day_text", help="Send reminders for this date (YYYY-MM-DD); default tomorrow."
)
def remind(day_text: str | None) -> None:
    """Mail a reminder to everyone who has a place for tomorrow's activities (run daily by cron)."""
    if day_text:
        try:
            day = date.fromisoformat(day_text)
        except ValueError as error:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from error
    else:
        day = datetime.now(zone(TZID)).date() + timedelta(days=1)
    with single_runner("activities-remind") as acquired:
        if not acquired:
            click.echo("Another server is sending the reminders; nothing done.")
            return
        count = send_reminders(day)
    click.echo(f"Reminders sent for {day.isoformat()}: {count}")


@activities_cli.group("occurrences")
def occurrences_cli() -> None:
    """The occurrences kept in the database (app/activities/occurrences.py)."""


@occurrences_cli.command("refresh")
@click.option(
    "--date", "day_text", help="Count the horizon from this date (YYYY-MM-DD); default today."
)
@click.option("--all", "everything", is_flag=True, help="Rewrite every activity (a repair).")
def refresh_occurrences(day_text: str | None, everything: bool) -> None:
    """Extend the stored occurrences to 13 months ahead (run daily by cron; idempotent)."""
    if day_text:
        try:
            day = date.fromisoformat(day_text)
        except ValueError as error:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from error
    else:
        day = datetime.now(zone(TZID)).date()
    with single_runner("activities-occurrences") as acquired:
        if not acquired:
            click.echo("Another server is refreshing the occurrences; nothing done.")
            return
        written = occurrences.refresh(db.session.connection(), day, everything=everything)
        bounds = occurrences.horizon(db.session.connection())
        if written:
            db.session.info[page_cache.CHANGED] = True  # kept pages are made again
        db.session.commit()
    assert bounds is not None
    click.echo(
        f"Occurrences stored from {bounds[0].isoformat()} until {bounds[1].isoformat()}; "
        f"rows written: {written}"
    )
