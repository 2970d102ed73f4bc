"""Signed, expiring, one-time links for setting a new password.

A token signs the user id and a fingerprint of the current password hash: once the password has
changed, every earlier link stops working, so each link works only once.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import User
from app.extensions import db

_SALT = "wijkplein-password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User, *, assisted: bool = False) -> str:
    """Return a token for a password reset link (``assisted``: issued by a professional)."""
    return _serializer().dumps({"u": user.id, "p": _fingerprint(user), "a": assisted})


def read_reset_token(token: str) -> User | None:
    """Return the user a valid, unexpired and unused token belongs to, else None."""
    config = current_app.config
    try:
        data = _serializer().loads(token, max_age=config["ASSISTED_RESET_HOURS"] * 3600)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    if not data.get("a"):
        # Links mailed to the person themselves expire sooner than links a professional hands out.
        try:
            _serializer().loads(token, max_age=config["PASSWORD_RESET_MINUTES"] * 60)
        except (BadSignature, SignatureExpired):
            return None
    user = db.session.get(User, data.get("u"))
    if user is None or user.is_blocked or data.get("p") != _fingerprint(user):
        return None
    return user
