"""full-text search of the map: Dutch stems, accents ignored, indexed on both databases

Revision ID: 3f9a7c5e1b24
Revises: b8e4d2a61c07
Create Date: 2026-12-10 09:10:00

PostgreSQL: the unaccent extension, a text search configuration ``wijkplein_dutch`` (Dutch
Snowball stems after unaccent, no stop words) and a GIN index on ``to_tsvector`` of
``services.search_text``. SQLite: ``services.search_stems`` and the FTS5 table
``service_search`` that three triggers keep in step with it.

The stems of the existing search text are filled in here; run ``flask map reindex`` after the
upgrade so that services are also found by their categories' names and synonyms.

Careful with later SQLite migrations that recreate ``services`` (batch "move and copy"): that
drops the triggers; ``flask map reindex`` puts them back.
"""

import sqlalchemy as sa
import snowballstemmer
from alembic import op

revision = "3f9a7c5e1b24"
down_revision = "b8e4d2a61c07"
branch_labels = None
depends_on = None

# A copy of app/servicemap/search_schema.py as it was at this revision.
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'wijkplein_dutch_stem') THEN
            CREATE TEXT SEARCH DICTIONARY wijkplein_dutch_stem (TEMPLATE = snowball, LANGUAGE = dutch);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'wijkplein_dutch') THEN
            CREATE TEXT SEARCH CONFIGURATION wijkplein_dutch (COPY = dutch);
            ALTER TEXT SEARCH CONFIGURATION wijkplein_dutch
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, wijkplein_dutch_stem;
        END IF;
    END
    $$
    """,
]
SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS service_search USING fts5("
    "stems, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS services_search_insert AFTER INSERT ON services BEGIN "
    "INSERT INTO service_search (rowid, stems) VALUES (new.id, new.search_stems); END",
    "CREATE TRIGGER IF NOT EXISTS services_search_update AFTER UPDATE OF search_stems "
    "ON services BEGIN DELETE FROM service_search WHERE rowid = old.id; "
    "INSERT INTO service_search (rowid, stems) VALUES (new.id, new.search_stems); END",
    "CREATE TRIGGER IF NOT EXISTS services_search_delete AFTER DELETE ON services BEGIN "
    "DELETE FROM service_search WHERE rowid = old.id; END",
]


def _fill_stems(bind) -> None:
    stemmer = snowballstemmer.stemmer("dutch_porter")
    services = sa.table(
        "services", sa.column("id"), sa.column("search_text"), sa.column("search_stems")
    )
    rows = bind.execute(sa.select(services.c.id, services.c.search_text)).all()
    for service_id, search_text in rows:
        stems = " ".join(stemmer.stemWord(w) for w in (search_text or "").split())
        bind.execute(
            services.update().where(services.c.id == service_id).values(search_stems=stems)
        )


def upgrade():
    bind = op.get_bind()
    with op.batch_alter_table("services") as batch_op:
        batch_op.add_column(sa.Column("search_stems", sa.Text(), server_default="", nullable=False))
    if bind.dialect.name == "postgresql":
        for statement in POSTGRES_SETUP:
            op.execute(statement)
        op.create_index(
            "ix_services_search_vector",
            "services",
            [sa.text("to_tsvector('wijkplein_dutch'::regconfig, search_text)")],
            postgresql_using="gin",
        )
    elif bind.dialect.name == "sqlite":
        for statement in SQLITE_SETUP:
            op.execute(statement)
    _fill_stems(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_index("ix_services_search_vector", table_name="services")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS wijkplein_dutch")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS wijkplein_dutch_stem")
    elif bind.dialect.name == "sqlite":
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS services_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS service_search")
    with op.batch_alter_table("services") as batch_op:
        batch_op.drop_column("search_stems")
