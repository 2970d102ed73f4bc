"""a resident's name shows as organiser only when they agree

Revision ID: 5c1e7a9b3d20
Revises: 53f61dbc27fa
Create Date: 2026-12-01 19:00:00

Existing activities get False: a resident who organised one never agreed to be named.
"""

import sqlalchemy as sa
from alembic import op

revision = "5c1e7a9b3d20"
down_revision = "53f61dbc27fa"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activities") as batch_op:
        batch_op.add_column(
            sa.Column(
                "show_organiser_name", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table("activities") as batch_op:
        batch_op.drop_column("show_organiser_name")
