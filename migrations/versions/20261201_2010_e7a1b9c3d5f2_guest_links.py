"""guest links are opaque, hashed and can be withdrawn

Revision ID: e7a1b9c3d5f2
Revises: c4d8e2f1a6b3
Create Date: 2026-12-01 20:10:00

``guest_links`` keeps the SHA-256 of each random token in a guest's mail. The signed links of
before (which held the guest's email address or phone number) stop working: a guest gets a new
link with the next mail about their question.
"""

import sqlalchemy as sa
from alembic import op

revision = "e7a1b9c3d5f2"
down_revision = "c4d8e2f1a6b3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "guest_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_reason", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "ended_at IS NULL OR ended_reason IS NOT NULL",
            name=op.f("ck_guest_links_ended_link_has_a_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_guest_links_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guest_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_guest_links_token_hash")),
    )
    with op.batch_alter_table("guest_links") as batch_op:
        batch_op.create_index(batch_op.f("ix_guest_links_question_id"), ["question_id"])


def downgrade():
    with op.batch_alter_table("guest_links") as batch_op:
        batch_op.drop_index(batch_op.f("ix_guest_links_question_id"))
    op.drop_table("guest_links")
