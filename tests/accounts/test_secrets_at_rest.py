"""Two-step secrets are encrypted in the database, with keys that can be rotated."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest
from cryptography.fernet import Fernet
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, text

from app import create_app
from app.accounts import twofactor
from app.accounts.encryption import derived_key
from app.extensions import db
from tests.accounts.helpers import totp_code
from tests.factories import make_user

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _stored(user) -> str:
    return db.session.execute(
        text("SELECT totp_secret_encrypted FROM users WHERE id = :id"), {"id": user.id}
    ).scalar_one()


def _with_totp(secret: str):
    user = make_user()
    assert twofactor.enable(user, secret, totp_code(secret)) is not None
    db.session.commit()
    return user


def test_the_secret_is_stored_encrypted_with_a_key_derived_from_the_secret_key(app):
    secret = pyotp.random_base32()
    user = _with_totp(secret)
    stored = _stored(user)
    assert secret not in stored and stored.startswith("gAAAAA")
    key = derived_key(app.config["SECRET_KEY"])
    assert Fernet(key).decrypt(stored.encode()).decode() == secret
    assert user.totp_secret == secret


def test_the_first_key_encrypts_and_every_key_decrypts(app, monkeypatch):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEYS", old_key)
    secret = pyotp.random_base32()
    user = _with_totp(secret)
    monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEYS", f"{new_key}, {old_key}")
    assert user.totp_secret == secret  # the old key still decrypts
    user.totp_secret = secret
    db.session.commit()
    assert Fernet(new_key).decrypt(_stored(user).encode()).decode() == secret


def test_a_malformed_key_stops_the_app_from_starting():
    with pytest.raises(ValueError, match="TOTP_ENCRYPTION_KEYS"):
        create_app({"WIJKPLEIN_ENV": "testing", "TOTP_ENCRYPTION_KEYS": "not-a-key"})


def _drop_everything() -> None:
    reflected = MetaData()
    reflected.reflect(db.engine)
    reflected.drop_all(db.engine)


def test_the_migration_encrypts_the_secrets_that_were_stored_in_clear(app):
    secret = pyotp.random_base32()
    db.session.remove()
    _drop_everything()
    try:
        upgrade(directory=str(MIGRATIONS), revision="861ebfed56e8")
        now = datetime.now(UTC)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (name, email, password_hash, session_epoch, is_blocked, "
                    "created_at, updated_at, totp_secret) VALUES ('Oud', 'oud@example.org', 'x', "
                    "0, false, :now, :now, :secret)"
                ),
                {"now": now, "secret": secret},
            )
        upgrade(directory=str(MIGRATIONS), revision="7a3c51e9d2b4")
        with db.engine.connect() as connection:
            stored = connection.execute(text("SELECT totp_secret_encrypted FROM users")).scalar()
        assert stored.startswith("gAAAAA") and secret not in stored
        assert Fernet(derived_key(app.config["SECRET_KEY"])).decrypt(stored.encode()) == (
            secret.encode()
        )
        downgrade(directory=str(MIGRATIONS), revision="861ebfed56e8")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT totp_secret FROM users")).scalar() == secret
    finally:
        db.session.remove()
        _drop_everything()
        db.create_all()


def test_rotating_the_keys_re_encrypts_every_secret_with_the_new_key(app, runner, monkeypatch):
    secret = pyotp.random_base32()
    user = _with_totp(secret)
    new_key = Fernet.generate_key().decode()
    monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEYS", new_key)
    result = runner.invoke(args=["users", "rotate-totp-keys"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert Fernet(new_key).decrypt(_stored(user).encode()).decode() == secret
