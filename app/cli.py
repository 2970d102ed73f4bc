"""The command line, composed from the parts: each part's command group and ``flask demo load``.

This is where the parts meet (as in ``app/models.py``), so it imports them plainly; app/core
knows no part.
"""

from __future__ import annotations

from collections.abc import Callable

import click
from flask import Flask
from flask.cli import AppGroup

from app.accounts import demo as accounts_demo
from app.accounts.cli import users_cli
from app.activities import demo as activities_demo
from app.activities.cli import activities_cli
from app.core.backup import backup_command, restore_command
from app.core.translations import translate_cli
from app.extensions import db
from app.figures import demo as figures_demo
from app.helpboard import demo as helpboard_demo
from app.helpboard.cli import helpboard_cli
from app.neighbourhoods import demo as neighbourhoods_demo
from app.neighbourhoods.models import Neighbourhood
from app.organisations import demo as organisations_demo
from app.outbox.cli import mail_cli
from app.push.cli import push_cli
from app.servicemap import demo as servicemap_demo
from app.servicemap.cli import map_cli
from app.taxonomy import builtin as taxonomy_builtin

# Each part's demo loader, in the order they depend on each other.
DEMO_LOADERS: tuple[Callable[..., None], ...] = (
    neighbourhoods_demo.load,
    organisations_demo.load,
    taxonomy_builtin.load,
    accounts_demo.load,
    servicemap_demo.load,
    activities_demo.load,
    helpboard_demo.load,
    figures_demo.load,
)

demo_cli = AppGroup("demo", help="Demo data for trying Wijkplein out.")


def demo_is_loaded() -> bool:
    """Tell whether the database holds data already (the demo's neighbourhoods, or real ones)."""
    return db.session.scalar(db.select(db.func.count()).select_from(Neighbourhood)) > 0


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@click.option("--scale", type=click.Choice(["neighbourhood", "city"]), default="neighbourhood")
@click.option(
    "--factor",
    type=click.FloatRange(min=0.0001, max=1.0),
    default=1.0,
    help="Size of the city-scale data as a fraction of a whole city (for tests).",
)
def load_demo(if_empty: bool, scale: str, factor: float) -> None:
    """Load the Crabbehof demo data (with --scale city: a whole city's worth around it)."""
    if demo_is_loaded():
        if if_empty:
            click.echo("The database already has data; demo data not loaded again.")
            return
        raise click.ClickException("The database already has data. Start from an empty database.")
    for load in DEMO_LOADERS:
        load(scale=scale, factor=factor)
        db.session.flush()
    db.session.commit()
    click.echo("Demo data loaded. Demo logins are listed in the README.")


def init_cli(app: Flask) -> None:
    """Add every command group to ``flask``."""
    for command in (
        demo_cli,
        users_cli,
        map_cli,
        helpboard_cli,
        activities_cli,
        mail_cli,
        push_cli,
        backup_command,
        restore_command,
        translate_cli,
    ):
        app.cli.add_command(command)
