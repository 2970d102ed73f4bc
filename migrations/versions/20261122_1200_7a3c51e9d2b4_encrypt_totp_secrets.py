"""encrypt two-step secrets at rest

Revision ID: 7a3c51e9d2b4
Revises: 5b1e7c2a9d40
Create Date: 2026-11-22 12:00:00

The clear ``users.totp_secret`` becomes ``users.totp_secret_encrypted`` (wider, for a Fernet
token), and every secret already there is encrypted with the key from the environment
(``TOTP_ENCRYPTION_KEYS``, or the key derived from ``SECRET_KEY``): run it with the same settings
as the app. The downgrade decrypts them again.
"""

import sqlalchemy as sa
from alembic import op

revision = "7a3c51e9d2b4"
down_revision = "5b1e7c2a9d40"
branch_labels = None
depends_on = None

FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, then a timestamp)


def _rewrite(column: str, change) -> None:
    users = sa.table("users", sa.column("id", sa.Integer), sa.column(column, sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c[column]).where(users.c[column].is_not(None)))
    for user_id, value in rows.all():
        new = change(value)
        if new != value:
            bind.execute(users.update().where(users.c.id == user_id).values({column: new}))


def upgrade():
    from app.accounts.encryption import encrypt

    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "totp_secret",
            new_column_name="totp_secret_encrypted",
            existing_type=sa.String(length=64),
            type_=sa.String(length=255),
            existing_nullable=True,
        )
    _rewrite(
        "totp_secret_encrypted",
        lambda value: value if value.startswith(FERNET_PREFIX) else encrypt(value),
    )


def downgrade():
    from app.accounts.encryption import decrypt

    _rewrite(
        "totp_secret_encrypted",
        lambda value: decrypt(value) if value.startswith(FERNET_PREFIX) else value,
    )
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "totp_secret_encrypted",
            new_column_name="totp_secret",
            existing_type=sa.String(length=255),
            type_=sa.String(length=64),
            existing_nullable=True,
        )
