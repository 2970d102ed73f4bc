"""occurrences of activities kept in the database, with their horizon

Revision ID: c4e8a1f6d920
Revises: c3e5a7b9d1f4
Create Date: 2026-12-22 10:00:00

Fills the table for every existing activity, 400 days back to 13 months ahead (the horizon of
app/activities/occurrences.py), with the app's own expansion, so the dates are the ones the
pages showed before.
"""

import sqlalchemy as sa
from alembic import op

revision = "c4e8a1f6d920"
down_revision = "c3e5a7b9d1f4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "activity_occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("original_start", sa.DateTime(timezone=False), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_occurrences_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_occurrences")),
        sa.UniqueConstraint(
            "activity_id", "original_start", name="uq_activity_occurrences_occurrence"
        ),
    )
    with op.batch_alter_table("activity_occurrences") as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_occurrences_activity_id"), ["activity_id"])
        batch_op.create_index(batch_op.f("ix_activity_occurrences_starts_at"), ["starts_at"])
        batch_op.create_index(batch_op.f("ix_activity_occurrences_ends_at"), ["ends_at"])
    op.create_table(
        "activity_occurrence_horizon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filled_from", sa.Date(), nullable=False),
        sa.Column("filled_until", sa.Date(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_occurrence_horizon")),
    )
    # The app's expansion, so the stored dates are exactly what the pages expanded before.
    from app.activities.occurrences import ensure_horizon, rewrite_activities

    bind = op.get_bind()
    ensure_horizon(bind)
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM activities"))]
    rewrite_activities(bind, ids)


def downgrade():
    op.drop_table("activity_occurrence_horizon")
    with op.batch_alter_table("activity_occurrences") as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_occurrences_ends_at"))
        batch_op.drop_index(batch_op.f("ix_activity_occurrences_starts_at"))
        batch_op.drop_index(batch_op.f("ix_activity_occurrences_activity_id"))
    op.drop_table("activity_occurrences")
