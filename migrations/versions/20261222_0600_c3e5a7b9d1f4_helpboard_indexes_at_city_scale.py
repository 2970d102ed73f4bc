"""indexes of the question board at a city's scale: volunteers' load, the triage lists

Revision ID: c3e5a7b9d1f4
Revises: a7d3c9e2b410
Create Date: 2026-12-22 06:00:00

``ix_questions_status_helper`` lets the matching count each volunteer's open questions and find
their last help from the index alone; ``ix_questions_active_created`` (open and claimed
questions only) lets the triage lists read their oldest hundred in order instead of sorting
thousands on every visit.
"""

import sqlalchemy as sa
from alembic import op

revision = "c3e5a7b9d1f4"
down_revision = "a7d3c9e2b410"
branch_labels = None
depends_on = None

ACTIVE_WHERE = "status IN ('open', 'claimed')"


def upgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.create_index(
            "ix_questions_status_helper", ["status", "helper_id", "finished_at"], unique=False
        )
        batch_op.create_index(
            "ix_questions_active_created",
            ["created_at"],
            unique=False,
            postgresql_where=sa.text(ACTIVE_WHERE),
            sqlite_where=sa.text(ACTIVE_WHERE),
        )


def downgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_index("ix_questions_active_created")
        batch_op.drop_index("ix_questions_status_helper")
