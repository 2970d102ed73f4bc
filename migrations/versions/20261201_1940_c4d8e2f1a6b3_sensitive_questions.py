"""sensitive questions stay with professionals

Revision ID: c4d8e2f1a6b3
Revises: 5c1e7a9b3d20
Create Date: 2026-12-01 19:40:00

``questions.professionals_only``: the resident ticked "only for professionals", or a
professional marked the question sensitive. And the built-in category "housing" (rent arrears,
eviction, problems with the landlord) becomes sensitive in databases made before.
"""

import sqlalchemy as sa
from alembic import op

revision = "c4d8e2f1a6b3"
down_revision = "5c1e7a9b3d20"
branch_labels = None
depends_on = None

categories = sa.table(
    "categories",
    sa.column("slug", sa.String),
    sa.column("is_builtin", sa.Boolean),
    sa.column("is_sensitive", sa.Boolean),
)


def _housing_sensitive(value: bool) -> None:
    op.execute(
        categories.update()
        .where(categories.c.slug == "housing", categories.c.is_builtin.is_(True))
        .values(is_sensitive=value)
    )


def upgrade():
    with op.batch_alter_table("questions") as batch_op:
        batch_op.add_column(
            sa.Column(
                "professionals_only", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    _housing_sensitive(True)


def downgrade():
    _housing_sensitive(False)
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_column("professionals_only")
