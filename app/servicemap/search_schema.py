"""The full-text index of the map's search, per database (see search.py for how it is used).

It is not a model: PostgreSQL gets a text search configuration (Dutch Snowball stems after
``unaccent``, without a stop-word list so that both databases match the same words) and a GIN
index on ``to_tsvector`` of ``services.search_text`` (declared on the model, PostgreSQL only);
SQLite gets an FTS5 table of ``services.search_stems`` that triggers keep in step. The
migration 20261210_0910 creates the same; ``attach`` makes ``create_all`` do it too.
"""

from __future__ import annotations

from sqlalchemy import DDL, Connection, Table, event, text

# The FTS5 table and the shadow tables SQLite makes for it: no model describes them.
FTS_TABLES = frozenset(
    {
        "service_search",
        "service_search_config",
        "service_search_content",
        "service_search_data",
        "service_search_docsize",
        "service_search_idx",
    }
)

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

SQLITE_TEARDOWN = ["DROP TABLE IF EXISTS service_search"]


def attach(services: Table) -> None:
    """Create the index's pieces with the ``services`` table, on each database its own."""
    for statement in POSTGRES_SETUP:
        event.listen(services, "before_create", DDL(statement).execute_if(dialect="postgresql"))
    for statement in SQLITE_SETUP:
        event.listen(services, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in SQLITE_TEARDOWN:
        event.listen(services, "after_drop", DDL(statement).execute_if(dialect="sqlite"))


def ensure(connection: Connection) -> None:
    """Create what is missing of the index and, on SQLite, refill the full-text table.

    A later SQLite migration that recreates ``services`` loses the triggers; this puts them back.
    """
    if connection.dialect.name == "postgresql":
        statements = POSTGRES_SETUP
    elif connection.dialect.name == "sqlite":
        statements = [
            *SQLITE_SETUP,
            "DELETE FROM service_search",
            "INSERT INTO service_search (rowid, stems) SELECT id, search_stems FROM services",
        ]
    else:
        return
    for statement in statements:
        connection.execute(text(statement))
