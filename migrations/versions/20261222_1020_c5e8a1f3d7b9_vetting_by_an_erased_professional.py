"""a volunteer stays vetted when the professional who vetted deletes their account

Revision ID: c5e8a1f3d7b9
Revises: c4e8a1f6d920
Create Date: 2026-12-22 10:00:00

``volunteer_profiles.vetted_by_erased``: the professional who checked the VOG has deleted their
account. The vetting keeps its date, the link to the erased person goes ("vetted by a former
professional"). Likewise ``request_reports.handled_by_erased`` for a report they handled. The
check constraints that a vetting and a handled report name who did it allow that case; before,
such a professional could not delete their account.
"""

import sqlalchemy as sa
from alembic import op

revision = "c5e8a1f3d7b9"
down_revision = "c4e8a1f6d920"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("volunteer_profiles") as batch_op:
        batch_op.add_column(
            sa.Column("vetted_by_erased", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.drop_constraint(
            batch_op.f("ck_volunteer_profiles_vetting_names_who_vetted"), type_="check"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_volunteer_profiles_vetting_names_who_vetted_unless_erased"),
            "vetted_on IS NULL OR vetted_by_id IS NOT NULL OR vetted_by_erased",
        )
    with op.batch_alter_table("request_reports") as batch_op:
        batch_op.add_column(
            sa.Column("handled_by_erased", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.drop_constraint(batch_op.f("ck_request_reports_handled_names_who"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_request_reports_handled_names_who_unless_erased"),
            "handled_at IS NULL OR handled_by_id IS NOT NULL OR handled_by_erased",
        )


def downgrade():
    # A vetting whose professional is gone cannot name them again: it is withdrawn.
    op.execute(
        "UPDATE volunteer_profiles SET vetted_on = NULL "
        "WHERE vetted_by_id IS NULL AND vetted_on IS NOT NULL"
    )
    op.execute(
        "UPDATE request_reports SET handled_at = NULL "
        "WHERE handled_by_id IS NULL AND handled_at IS NOT NULL"
    )
    with op.batch_alter_table("request_reports") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_request_reports_handled_names_who_unless_erased"), type_="check"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_request_reports_handled_names_who"),
            "handled_at IS NULL OR handled_by_id IS NOT NULL",
        )
        batch_op.drop_column("handled_by_erased")
    with op.batch_alter_table("volunteer_profiles") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_volunteer_profiles_vetting_names_who_vetted_unless_erased"),
            type_="check",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_volunteer_profiles_vetting_names_who_vetted"),
            "vetted_on IS NULL OR vetted_by_id IS NOT NULL",
        )
        batch_op.drop_column("vetted_by_erased")
