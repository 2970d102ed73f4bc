"""Signed, expiring, one-time links: setting a new password, confirming a new email address.

A reset token signs the user id and a fingerprint of the current password hash: once the
password has changed, every earlier link stops working, so each link works only once. An email
token signs the user id, the new address and a fingerprint of the current one, likewise.
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


_EMAIL_SALT = "wijkplein-email-change"
EMAIL_CHANGE_HOURS = 48


def _email_fingerprint(user: User) -> str:
    return hashlib.sha256((user.email or "").encode()).hexdigest()[:16]


def make_email_token(user: User, new_email: str) -> str:
    """Return a token that confirms ``new_email`` as ``user``'s address."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_EMAIL_SALT)
    return serializer.dumps({"u": user.id, "e": new_email, "o": _email_fingerprint(user)})


def read_email_token(token: str) -> tuple[User, str] | None:
    """Return the user and the new address of a valid, unexpired and unused token, else None."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_EMAIL_SALT)
    try:
        data = serializer.loads(token, max_age=EMAIL_CHANGE_HOURS * 3600)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or user.is_blocked or data.get("o") != _email_fingerprint(user):
        return None
    return user, data["e"]
