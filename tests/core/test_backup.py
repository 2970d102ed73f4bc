"""An operator backs up the database, something changes, and the restore brings back every row.

``flask backup`` and ``flask restore`` run as their own processes, as an operator or cron runs
them, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, text

from app.accounts.models import User
from app.extensions import db
from tests.factories import make_neighbourhood, make_organisation, make_user

ROOT = Path(__file__).resolve().parents[2]


def flask(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run ``flask …`` as its own process with the environment a server has."""
    env = {
        **os.environ,
        "FLASK_APP": "wsgi",
        "WIJKPLEIN_ENV": "production",
        "SECRET_KEY": "backup-test-" + "x" * 40,
        "DATABASE_URL": database_url,
        # As on a server (the command itself never counts requests, so never connects to it).
        "RATELIMIT_STORAGE_URI": os.environ.get(
            "WIJKPLEIN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"
        ),
    }
    flask_bin = Path(sys.executable).with_name("flask")
    return subprocess.run(
        [str(flask_bin), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def every_row() -> dict[str, list[tuple]]:
    """Return every row of every table, in a stable order."""
    rows = {}
    for table in db.metadata.sorted_tables:
        result = db.session.execute(table.select().order_by(*table.primary_key.columns or table.c))
        rows[table.name] = [tuple(str(value) for value in row) for row in result]
    return rows


def test_a_restore_brings_back_every_row_as_it_was_at_the_backup(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    neighbourhood = make_neighbourhood()
    organisation = make_organisation("Buurthuis De Ark")
    make_user("professional", name="Petra", organisation=organisation)
    make_user("resident", name="Ahmet", neighbourhood=neighbourhood)
    db.session.commit()
    before = every_row()
    assert sum(len(rows) for rows in before.values()) >= 5

    backup = tmp_path / "wijkplein.backup"
    made = flask("backup", str(backup), database_url=url)
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0

    # After the backup: one account is deleted, another is added, a name is changed.
    db.session.delete(db.session.scalar(select(User).where(User.name == "Ahmet")))
    make_user("resident", name="Nieuw")
    db.session.scalar(select(User).where(User.name == "Petra")).name = "Petra V."
    db.session.commit()
    assert every_row() != before

    db.session.remove()
    db.engine.dispose()
    restored = flask("restore", "--yes", str(backup), database_url=url)
    assert restored.returncode == 0, restored.stderr

    assert every_row() == before
    # The database still works as a database: new rows get fresh ids.
    newcomer = make_user("resident", name="Na de restore")
    db.session.commit()
    assert newcomer.id > max(int(row[0]) for row in before["users"])


def test_restore_refuses_a_file_that_does_not_exist(app, tmp_path):
    result = flask(
        "restore",
        "--yes",
        str(tmp_path / "missing"),
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
    )
    assert result.returncode != 0
    assert "does not exist" in result.stderr
    assert db.session.scalar(text("SELECT 1")) == 1
