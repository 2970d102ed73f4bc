"""questions are called questions: table requests → questions, request_id → question_id

Revision ID: 5b1e7c2a9d40
Revises: 861ebfed56e8
Create Date: 2026-11-22 10:00:00

The model was called ``Request``, a word Flask already uses for the HTTP request. The table,
the foreign-key columns of the tables that hang off it and every named constraint and index
follow the new name, so a migrated database has exactly the names a fresh one gets.

PostgreSQL renames in place. SQLite cannot rename constraints, so the question table is
rebuilt from its definition below (batch mode with ``copy_from``) and the dependent tables are
rebuilt by batch mode.
"""

import sqlalchemy as sa
from alembic import op

revision = "5b1e7c2a9d40"
down_revision = "861ebfed56e8"
branch_labels = None
depends_on = None

# The naming convention of app/extensions.py, frozen here as the migration was written.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CHECKS = {
    "known_status": "status IN ('open', 'claimed', 'done', 'closed')",
    "known_urgency": "urgency IN ('today', 'this_week', 'no_hurry')",
    "known_contact_route": "contact_route IN ('phone', 'email', 'message')",
    "known_helped_answer": "helped IS NULL OR helped IN ('yes', 'partly', 'no')",
    "claimed_question_has_helper": "status <> 'claimed' OR helper_id IS NOT NULL",
    "open_question_has_no_helper": "status <> 'open' OR helper_id IS NULL",
    "question_has_a_requester": (
        "requester_id IS NOT NULL OR anonymised_at IS NOT NULL OR (guest_name IS NOT NULL "
        "AND (guest_phone IS NOT NULL OR guest_email IS NOT NULL))"
    ),
    "on_behalf_needs_consent": "on_behalf_by_id IS NULL OR consent_at IS NOT NULL",
    "hidden_has_a_reason": "hidden_at IS NULL OR hidden_reason IS NOT NULL",
    "helped_only_when_done": "helped IS NULL OR status = 'done'",
}
FOREIGN_KEYS = {  # column: (referred table, ON DELETE)
    "category_id": ("categories", None),
    "neighbourhood_id": ("neighbourhoods", None),
    "requester_id": ("users", "SET NULL"),
    "helper_id": ("users", "SET NULL"),
    "on_behalf_by_id": ("users", "SET NULL"),
}
INDEXED = ("category_id", "neighbourhood_id", "status", "requester_id", "helper_id")

# Tables that point at a question: their column is renamed; those with True have an index on it.
DEPENDENTS = {
    "request_events": True,
    "request_messages": True,
    "request_notifications": False,
    "request_reports": True,
    "request_notes": True,
    "request_referrals": True,
}


def _question_table(name: str) -> sa.Table:
    """Return the question table as it stands in this revision, under table name ``name``."""
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    stamp = sa.DateTime(timezone=True)
    indexed = set(INDEXED)

    def fk_column(column: str) -> sa.Column:
        table, ondelete = FOREIGN_KEYS[column]
        return sa.Column(
            column,
            sa.Integer(),
            sa.ForeignKey(f"{table}.id", ondelete=ondelete),
            nullable=column != "category_id",
            index=column in indexed,
        )

    for referred in {t for t, _ in FOREIGN_KEYS.values()}:
        sa.Table(referred, metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        fk_column("category_id"),
        fk_column("neighbourhood_id"),
        sa.Column("urgency", sa.String(length=20), nullable=False),
        sa.Column("parts_of_day", sa.JSON(), nullable=False),
        sa.Column("contact_route", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False, index=True),
        sa.Column("in_triage", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", stamp, nullable=True),
        sa.Column("opened_at", stamp, nullable=True),
        sa.Column("claimed_at", stamp, nullable=True),
        sa.Column("finished_at", stamp, nullable=True),
        sa.Column("close_reason", sa.String(length=20), nullable=True),
        sa.Column("helped", sa.String(length=10), nullable=True),
        fk_column("requester_id"),
        sa.Column("guest_name", sa.String(length=120), nullable=True),
        sa.Column("guest_phone", sa.String(length=30), nullable=True),
        sa.Column("guest_email", sa.String(length=254), nullable=True),
        fk_column("helper_id"),
        fk_column("on_behalf_by_id"),
        sa.Column("consent_at", stamp, nullable=True),
        sa.Column("form_token", sa.String(length=64), nullable=True, unique=True),
        sa.Column("hidden_at", stamp, nullable=True),
        sa.Column("hidden_reason", sa.Text(), nullable=True),
        sa.Column("anonymised_at", stamp, nullable=True),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("updated_at", stamp, nullable=False),
        *(sa.CheckConstraint(text, name=check) for check, text in CHECKS.items()),
    )


def _rename_question_table(old: str, new: str) -> None:
    """Rename the question table with its constraints, indexes and id sequence."""
    op.rename_table(old, new)
    if op.get_bind().dialect.name == "sqlite":
        # Rebuild from the definition: every constraint and index gets the new table's name.
        # Its indexes go with the old table; batch mode does not copy them from ``copy_from``.
        with op.batch_alter_table(new, recreate="always", copy_from=_question_table(new)):
            pass
        for column in INDEXED:
            op.create_index(f"ix_{new}_{column}", new, [column], unique=False)
        return
    renames = ["pk_{}", "uq_{}_form_token"]
    renames += [f"ck_{{}}_{check}" for check in CHECKS]
    renames += [f"fk_{{}}_{col}_{table}" for col, (table, _) in FOREIGN_KEYS.items()]
    for name in renames:
        op.execute(
            f"ALTER TABLE {new} RENAME CONSTRAINT {name.format(old)} TO {name.format(new)}"
        )
    for column in INDEXED:
        op.execute(f"ALTER INDEX ix_{old}_{column} RENAME TO ix_{new}_{column}")
    op.execute(f"ALTER SEQUENCE {old}_id_seq RENAME TO {new}_id_seq")


def _point_dependents(old_table: str, new_table: str, old_col: str, new_col: str) -> None:
    """Rename the question column of every dependent table, with its foreign key and index."""
    for table, indexed in DEPENDENTS.items():
        with op.batch_alter_table(table, recreate="auto") as batch_op:
            batch_op.drop_constraint(f"fk_{table}_{old_col}_{old_table}", type_="foreignkey")
            if indexed:
                batch_op.drop_index(f"ix_{table}_{old_col}")
            batch_op.alter_column(old_col, new_column_name=new_col)
        # A second pass: batch mode resolves new constraints against the columns as they were.
        with op.batch_alter_table(table, recreate="auto") as batch_op:
            batch_op.create_foreign_key(
                f"fk_{table}_{new_col}_{new_table}",
                new_table,
                [new_col],
                ["id"],
                ondelete="CASCADE",
            )
            if indexed:
                batch_op.create_index(f"ix_{table}_{new_col}", [new_col], unique=False)


def upgrade():
    _rename_question_table("requests", "questions")
    _point_dependents("requests", "questions", "request_id", "question_id")


def downgrade():
    _rename_question_table("questions", "requests")
    _point_dependents("questions", "requests", "question_id", "request_id")
