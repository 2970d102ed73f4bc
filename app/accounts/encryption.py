"""Two-step (TOTP) secrets at rest: encrypted with Fernet (AES-128-CBC with HMAC-SHA256).

The keys come from ``TOTP_ENCRYPTION_KEYS``, a comma-separated list of Fernet keys: the first
encrypts, all of them decrypt, so a key is rotated by putting a new one in front (and running
``flask users rotate-totp-keys`` to re-encrypt). When the setting is absent, the key is derived
from ``SECRET_KEY`` with HKDF-SHA256: nothing extra to set up. Keys derived from ``SECRET_KEY``
(and from Flask's ``SECRET_KEY_FALLBACKS``) always decrypt too, so an operator who sets explicit
keys later loses nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

__all__ = ["InvalidToken", "check_keys", "decrypt", "derived_key", "encrypt", "rotate"]


def derived_key(secret_key: str) -> bytes:
    """Return the Fernet key derived from ``secret_key`` (HKDF-SHA256, own purpose label)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"wijkplein totp secrets")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


def _keys(config: Mapping[str, Any]) -> list[bytes]:
    explicit = str(config.get("TOTP_ENCRYPTION_KEYS") or "")
    keys = [key.strip().encode() for key in explicit.split(",") if key.strip()]
    secret_keys = [config.get("SECRET_KEY"), *(config.get("SECRET_KEY_FALLBACKS") or [])]
    return keys + [derived_key(str(key)) for key in secret_keys if key]


def check_keys(config: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` at start-up when a key in ``TOTP_ENCRYPTION_KEYS`` is not valid."""
    try:
        for key in _keys(config):
            Fernet(key)
    except ValueError as error:
        raise ValueError(
            "TOTP_ENCRYPTION_KEYS holds a key that is not a Fernet key (32 url-safe base64 "
            "bytes): make one with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`"
        ) from error


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys(current_app.config)])


def encrypt(value: str) -> str:
    """Return ``value`` encrypted with the first key."""
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """Return the clear text of ``token``; raise :class:`InvalidToken` when no key fits."""
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """Return ``token`` encrypted anew with the first key."""
    return _fernet().rotate(token.encode()).decode()
