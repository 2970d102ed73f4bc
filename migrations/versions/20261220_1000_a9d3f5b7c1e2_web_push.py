"""web push: push_subscriptions, and pushes in the outbox beside mail

Revision ID: a9d3f5b7c1e2
Revises: f1c2a3b4d5e6
Create Date: 2026-12-20 10:00:00

``push_subscriptions`` keeps each browser that agreed to notifications, for an account or for a
guest's link. The outbox carries pushes as well as mail: ``channel`` ("mail" for every row that
is there already) and the subscription a push is for.
"""

import sqlalchemy as sa
from alembic import op

revision = "a9d3f5b7c1e2"
down_revision = "f1c2a3b4d5e6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("guest_link_id", sa.Integer(), nullable=True),
        sa.Column("endpoint", sa.String(length=1000), nullable=False),
        sa.Column("p256dh", sa.String(length=200), nullable=False),
        sa.Column("auth", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (guest_link_id IS NULL)",
            name=op.f("ck_push_subscriptions_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["guest_link_id"],
            ["guest_links.id"],
            name=op.f("fk_push_subscriptions_guest_link_id_guest_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_push_subscriptions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscriptions")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscriptions_endpoint")),
    )
    with op.batch_alter_table("push_subscriptions") as batch_op:
        batch_op.create_index(batch_op.f("ix_push_subscriptions_user_id"), ["user_id"])
        batch_op.create_index(batch_op.f("ix_push_subscriptions_guest_link_id"), ["guest_link_id"])

    with op.batch_alter_table("outbox_mails") as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=8), server_default="mail", nullable=False)
        )
        batch_op.add_column(sa.Column("push_subscription_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_mails_push_subscription_id_push_subscriptions"),
            "push_subscriptions",
            ["push_subscription_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_mails_push_subscription_id"), ["push_subscription_id"]
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_outbox_mails_known_channel"), "channel IN ('mail', 'push')"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_outbox_mails_a_push_has_a_subscription"),
            "(channel = 'push') = (push_subscription_id IS NOT NULL)",
        )


def downgrade():
    op.execute("DELETE FROM outbox_mails WHERE channel = 'push'")
    with op.batch_alter_table("outbox_mails") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_outbox_mails_a_push_has_a_subscription"), type_="check"
        )
        batch_op.drop_constraint(batch_op.f("ck_outbox_mails_known_channel"), type_="check")
        batch_op.drop_index(batch_op.f("ix_outbox_mails_push_subscription_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_mails_push_subscription_id_push_subscriptions"),
            type_="foreignkey",
        )
        batch_op.drop_column("push_subscription_id")
        batch_op.drop_column("channel")
    with op.batch_alter_table("push_subscriptions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_subscriptions_guest_link_id"))
        batch_op.drop_index(batch_op.f("ix_push_subscriptions_user_id"))
    op.drop_table("push_subscriptions")
