"""each category belongs to a pillar of the programme (for the figures)

Revision ID: f1c2a3b4d5e6
Revises: 3f9a7c5e1b24
Create Date: 2026-12-15 10:00:00

The fixed categories get the pillar of app/taxonomy/builtin.py; categories that admins added
stay without one until an admin places them on /beheer/kaart/categorieen.
"""

import sqlalchemy as sa
from alembic import op

revision = "f1c2a3b4d5e6"
down_revision = "3f9a7c5e1b24"
branch_labels = None
depends_on = None

# A copy, not an import: a migration keeps meaning what it meant when it was written.
BUILTIN_PILLARS = {
    "money-and-debt": "work",
    "health-and-care": "health",
    "parenting-and-youth": "learning",
    "language-and-learning": "learning",
    "work-and-day-activities": "work",
    "meeting-people": "health",
    "housing": "housing",
    "safety": "safety",
    "food": "work",
    "sport-and-exercise": "health",
    "forms-and-paperwork": "work",
    "odd-jobs": "housing",
    "company-and-walks": "health",
    "housing-dispute": "housing",
    "litter": "safety",
    "rats-and-pests": "housing",
    "street-lights": "safety",
}


def upgrade():
    with op.batch_alter_table("categories") as batch_op:
        batch_op.add_column(sa.Column("pillar", sa.String(length=20), nullable=True))
    categories = sa.table(
        "categories", sa.column("slug", sa.String), sa.column("pillar", sa.String)
    )
    for slug, pillar in BUILTIN_PILLARS.items():
        op.execute(categories.update().where(categories.c.slug == slug).values(pillar=pillar))


def downgrade():
    with op.batch_alter_table("categories") as batch_op:
        batch_op.drop_column("pillar")
