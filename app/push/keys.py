"""VAPID keys (RFC 8292): made by ``flask push keys`` for the operator, read from the settings.

The public key is what a browser subscribes with (``applicationServerKey``); the private key signs
each push. Both are base64url without padding: the public key as the uncompressed P-256 point
(65 bytes), the private key as its 32-byte number, the forms browsers and py_vapid use. In
development a pair is made once and kept in the instance folder (``instance/vapid.json``).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask, current_app

DEV_KEY_FILE = "vapid.json"
DEV_SUBJECT = "mailto:ontwikkeling@wijkplein.example"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_pair() -> tuple[str, str]:
    """Return a new (public key, private key), both base64url."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    number = private.private_numbers().private_value.to_bytes(32, "big")
    return b64url(public), b64url(number)


def push_enabled() -> bool:
    """Tell whether push is configured (all three VAPID settings); otherwise nothing offers it."""
    config = current_app.config
    return bool(
        config.get("VAPID_PUBLIC_KEY")
        and config.get("VAPID_PRIVATE_KEY")
        and config.get("VAPID_SUBJECT")
    )


def public_key() -> str | None:
    return current_app.config.get("VAPID_PUBLIC_KEY") if push_enabled() else None


def init_push_keys(app: Flask) -> None:
    """In development without configured keys, make a pair once per instance folder."""
    if app.config.get("ENV_NAME") != "development":
        return
    if app.config.get("VAPID_PUBLIC_KEY") or app.config.get("VAPID_PRIVATE_KEY"):
        return
    path = Path(app.instance_path) / DEV_KEY_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        public, private = generate_pair()
        stored = {"public": public, "private": private}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored), encoding="utf-8")
        path.chmod(0o600)
    app.config["VAPID_PUBLIC_KEY"] = stored["public"]
    app.config["VAPID_PRIVATE_KEY"] = stored["private"]
    app.config["VAPID_SUBJECT"] = app.config.get("VAPID_SUBJECT") or DEV_SUBJECT
