"""The schema comes from the migrations: one head, and they build exactly what the models say."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData

from app.extensions import db
from app.servicemap.search_schema import FTS_TABLES

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def test_the_migrations_have_a_single_head():
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"


def _drop_everything() -> None:
    reflected = MetaData()
    reflected.reflect(db.engine)
    reflected.drop_all(db.engine)


def _modelled(name, type_, parent_names) -> bool:
    """Leave out SQLite's full-text table: DDL, not a model, makes it (search_schema.py)."""
    return not (type_ == "table" and name in FTS_TABLES)


def test_the_migrations_build_the_schema_the_models_describe(app):
    db.session.remove()
    _drop_everything()
    try:
        upgrade(directory=str(MIGRATIONS))
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_name": _modelled,
                },
            )
            with warnings.catch_warnings():
                # SQLite cannot reflect expression indexes; the one it skips is PostgreSQL's.
                warnings.filterwarnings(
                    "ignore", "autogenerate skipping .* 'ix_services_search_vector'"
                )
                diff = compare_metadata(context, db.metadata)
        assert not diff, f"models and migrations differ (flask db migrate): {diff}"
        downgrade(directory=str(MIGRATIONS), revision="base")
    finally:
        _drop_everything()
        db.create_all()
