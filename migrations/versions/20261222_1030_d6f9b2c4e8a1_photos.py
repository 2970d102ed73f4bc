"""photos: images and their copies in the database; services, activities, organisation logos

Revision ID: d6f9b2c4e8a1
Revises: c5e8a1f3d7b9
Create Date: 2026-12-22 10:00:00

The copies are kept in the database so that every app server sees them.
"""

import sqlalchemy as sa
from alembic import op

revision = "d6f9b2c4e8a1"
down_revision = "c5e8a1f3d7b9"
branch_labels = None
depends_on = None

OWNERS = (("services", "image_id"), ("activities", "image_id"), ("organisations", "logo_image_id"))


def upgrade():
    op.create_table(
        "images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("alt_text", sa.String(length=300), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("is_public", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_images_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_images")),
    )
    op.create_index(op.f("ix_images_sha256"), "images", ["sha256"], unique=False)
    op.create_index(op.f("ix_images_created_by_id"), "images", ["created_by_id"], unique=False)
    op.create_table(
        "image_variants",
        sa.Column("image_id", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=4), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "format IN ('webp', 'jpeg')", name=op.f("ck_image_variants_known_format")
        ),
        sa.ForeignKeyConstraint(
            ["image_id"],
            ["images.id"],
            name=op.f("fk_image_variants_image_id_images"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("image_id", "width", "format", name=op.f("pk_image_variants")),
    )
    for table, column in OWNERS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_{column}_images"),
                "images",
                [column],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade():
    for table, column in OWNERS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_{column}_images"), type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
            batch_op.drop_column(column)
    op.drop_table("image_variants")
    op.drop_index(op.f("ix_images_created_by_id"), table_name="images")
    op.drop_index(op.f("ix_images_sha256"), table_name="images")
    op.drop_table("images")
