"""``flask map …``: import and export (HSDS JSON, CSV) and the weekly stale reminder."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.core.jobs import one_at_a_time
from app.extensions import db

map_cli = AppGroup("map", help="The social map: import, export, reminders, search index.")


def _format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    return "csv" if path.suffix.lower() == ".csv" else "json"


@map_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), help="Default: from the file name."
)
def export_command(file: Path, fmt: str | None) -> None:
    """Write every service to FILE (HSDS 3.0 JSON, or the CSV layout of the README)."""
    from app.servicemap.exchange import export_csv, export_hsds_json

    fmt = _format_of(file, fmt)
    # Category names are translated: export them in the default language.
    with current_app.test_request_context("/"):
        text = export_csv() if fmt == "csv" else export_hsds_json()
    file.write_text(text, encoding="utf-8")
    click.echo(f"Exported to {file}.")


@map_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), help="Default: from the file name."
)
def import_command(file: Path, fmt: str | None) -> None:
    """Add or update services from FILE; with any bad row nothing is imported."""
    from app.servicemap.importing import ImportFailed, import_csv, import_hsds_json

    fmt = _format_of(file, fmt)
    text = file.read_text(encoding="utf-8-sig")
    try:
        with current_app.test_request_context("/"):
            count = import_csv(text) if fmt == "csv" else import_hsds_json(text)
    except ImportFailed as failed:
        db.session.rollback()
        for problem in failed.problems:
            click.echo(f"line {problem.line}: {problem.reason}", err=True)
        raise click.ClickException(
            f"{len(failed.problems)} bad row(s) in {file}; nothing was imported."
        ) from failed
    db.session.commit()
    click.echo(f"Imported {count} service(s) from {file}.")


@map_cli.command("remind-stale")
@one_at_a_time("map-remind-stale")
def remind_stale_command() -> None:
    """Mail each organisation's professionals their entries not checked for too long."""
    from app.servicemap.reminders import send_stale_reminders

    sent = send_stale_reminders(current_app.config["STALE_AFTER_DAYS"])
    db.session.commit()
    click.echo(f"Sent {sent} reminder(s).")


@map_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index (after an upgrade, or when categories changed outside the app)."""
    from app.servicemap.search import reindex_services
    from app.servicemap.search_schema import ensure

    ensure(db.session.connection())
    # Category names are taken from every language's catalogue, whatever the request's.
    with current_app.test_request_context("/"):
        count = reindex_services()
    db.session.commit()
    click.echo(f"Reindexed {count} service(s).")
