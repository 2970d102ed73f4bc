"""Command-line groups shared by every domain: ``flask demo load``."""

from __future__ import annotations

import importlib

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db

# Each part of Wijkplein adds its demo loader here, in the order they depend on each other.
DEMO_LOADERS = [
    "app.neighbourhoods.demo:load",
    "app.organisations.demo:load",
    "app.taxonomy.builtin:load",
    "app.accounts.demo:load",
    "app.servicemap.demo:load",
    "app.activities.demo:load",
    "app.helpboard.demo:load",
]

demo_cli = AppGroup("demo", help="Demo data for trying Wijkplein out.")


def _loader(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def demo_is_loaded() -> bool:
    from app.neighbourhoods.models import Neighbourhood

    return db.session.scalar(db.select(db.func.count()).select_from(Neighbourhood)) > 0


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@click.option("--scale", type=click.Choice(["neighbourhood", "city"]), default="neighbourhood")
def load_demo(if_empty: bool, scale: str) -> None:
    """Load the Crabbehof demo data."""
    if demo_is_loaded():
        if if_empty:
            click.echo("The database already has data; demo data not loaded again.")
            return
        raise click.ClickException("The database already has data. Start from an empty database.")
    for path in DEMO_LOADERS:
        _loader(path)(scale=scale)
        db.session.flush()
    db.session.commit()
    click.echo("Demo data loaded. Demo logins are listed in the README.")


def init_cli(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    app.cli.add_command(importlib.import_module("app.accounts.cli").users_cli)
    app.cli.add_command(importlib.import_module("app.servicemap.cli").map_cli)
    app.cli.add_command(importlib.import_module("app.helpboard.cli").helpboard_cli)
    app.cli.add_command(importlib.import_module("app.activities.cli").activities_cli)
    app.cli.add_command(importlib.import_module("app.outbox.cli").mail_cli)
