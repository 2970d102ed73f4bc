"""search words that professionals and admins add to a category

Revision ID: b8e4d2a61c07
Revises: e7a1b9c3d5f2
Create Date: 2026-12-10 09:00:00

NULL: no words added (the built-in categories keep their built-in words, app/taxonomy/synonyms.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "b8e4d2a61c07"
down_revision = "e7a1b9c3d5f2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("categories") as batch_op:
        batch_op.add_column(sa.Column("synonyms", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("categories") as batch_op:
        batch_op.drop_column("synonyms")
