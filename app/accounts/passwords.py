"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=1,
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Tell whether ``password`` matches ``password_hash``."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


def dummy_hash() -> str:
    """Return a hash of a random password made with the configured parameters.

    Verified against when an account does not exist, so that a miss costs exactly as much as a
    wrong password and the response time does not tell whether an account exists. Made once
    per app and parameter set (a fixed value derived from the settings, not data that changes).
    """
    config = current_app.config
    params = (config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"])
    made: dict = current_app.extensions.setdefault("wijkplein_dummy_hash", {})
    if params not in made:
        made[params] = hash_password(secrets.token_urlsafe(24))
    return made[params]
