"""``flask backup FILE`` and ``flask restore FILE``: a consistent copy of the whole database.

SQLite is copied with its online backup API (a consistent snapshot while the app keeps
serving); PostgreSQL with ``pg_dump --format=custom`` and put back with ``pg_restore --clean``,
the tools of the PostgreSQL client package. A restore replaces everything in the database with
what the file holds.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess  # noqa: S404 — runs PostgreSQL's own client tools, with an argument list
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from app.extensions import db


def _database_url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _libpq_url() -> str:
    """Return the database URL as PostgreSQL's own tools want it (no ``+psycopg`` driver)."""
    return _database_url().set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise click.ClickException(
            f"{name} is not installed. Install the PostgreSQL client tools (Debian: "
            "postgresql-client) of the same major version as the server."
        )
    return path


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` page by page into ``target`` (SQLite's backup API)."""
    origin = sqlite3.connect(source)
    copy = sqlite3.connect(target)
    try:
        with copy:
            origin.backup(copy)
    finally:
        copy.close()
        origin.close()


def backup_to(target: Path) -> None:
    """Write a consistent copy of the database to ``target``."""
    url = _database_url()
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        db.session.remove()
        _sqlite_copy(Path(url.database), target)
        return
    subprocess.run(  # noqa: S603 — fixed tool, arguments as a list
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", _libpq_url()],
        check=True,
    )


def restore_from(source: Path) -> None:
    """Replace everything in the database with the copy in ``source``."""
    if not source.is_file():
        raise click.ClickException(f"{source} does not exist.")
    url = _database_url()
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(source, Path(url.database))
        return
    subprocess.run(  # noqa: S603 — fixed tool, arguments as a list
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq_url()}",
            str(source),
        ],
        check=True,
    )


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Write a consistent copy of the whole database to TARGET."""
    backup_to(target)
    click.echo(f"Backup written to {target}.")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Replace everything in the database with the backup in SOURCE."""
    if not yes:
        click.confirm("This replaces all data in the database. Go on?", abort=True)
    restore_from(source)
    click.echo(f"Database restored from {source}.")
