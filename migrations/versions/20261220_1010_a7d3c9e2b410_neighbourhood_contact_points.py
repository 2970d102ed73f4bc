"""neighbourhoods get their professionals, a reporting link and a contact point

Revision ID: a7d3c9e2b410
Revises: a9d3f5b7c1e2
Create Date: 2026-12-20 10:00:00

Professionals who had a neighbourhood on their profile become professionals of it, so the
questions of that neighbourhood keep reaching them.
"""

import sqlalchemy as sa
from alembic import op

revision = "a7d3c9e2b410"
down_revision = "a9d3f5b7c1e2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("neighbourhoods") as batch_op:
        batch_op.add_column(sa.Column("reporting_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("contact_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("contact_address", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("contact_opening_hours", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("contact_team", sa.Text(), nullable=True))
    op.create_table(
        "neighbourhood_professionals",
        sa.Column("neighbourhood_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighbourhood_id"],
            ["neighbourhoods.id"],
            name=op.f("fk_neighbourhood_professionals_neighbourhood_id_neighbourhoods"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_neighbourhood_professionals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "neighbourhood_id", "user_id", name=op.f("pk_neighbourhood_professionals")
        ),
    )
    op.execute(
        "INSERT INTO neighbourhood_professionals (neighbourhood_id, user_id) "
        "SELECT users.neighbourhood_id, users.id FROM users "
        "JOIN user_roles ON user_roles.user_id = users.id "
        "WHERE user_roles.role = 'professional' AND users.neighbourhood_id IS NOT NULL"
    )


def downgrade():
    op.drop_table("neighbourhood_professionals")
    with op.batch_alter_table("neighbourhoods") as batch_op:
        batch_op.drop_column("contact_team")
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("contact_opening_hours")
        batch_op.drop_column("contact_address")
        batch_op.drop_column("contact_name")
        batch_op.drop_column("reporting_url")
