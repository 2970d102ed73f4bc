"""Fixtures for web push: VAPID keys, and a push service on loopback that records what it gets.

The push service is a small HTTP server thread. Each POST is kept with its path, headers and
body; :meth:`Browser.read` decrypts a body with the browser's own private key (RFC 8291,
``http_ece``), as the phone would.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.push.keys import generate_pair


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class PushService:
    """What the loopback push service received, and what it answers per path."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)  # path → status (default 201)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def to(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]


@dataclass
class Browser:
    """A browser's push subscription: its endpoint and its own keys (to decrypt with)."""

    endpoint: str
    path: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    def subscription(self) -> dict:
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": _b64(public), "auth": _b64(self.auth)},
        }

    def read(self, received: Received) -> dict:
        """Decrypt a push as the browser would; return its JSON payload."""
        assert received.headers.get("content-encoding") == "aes128gcm"
        assert received.headers.get("authorization", "").startswith("vapid t=")
        text = http_ece.decrypt(
            received.body,
            private_key=self.private_key,
            auth_secret=self.auth,
            version="aes128gcm",
        )
        return json.loads(text)


@pytest.fixture(scope="session")
def _push_server():
    service = PushService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 — http.server's hook name
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with service.lock:
                status = service.answers.get(self.path, 201)
                service.received.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def push_service(_push_server) -> PushService:
    with _push_server.lock:
        _push_server.received.clear()
        _push_server.answers.clear()
    return _push_server


@pytest.fixture(scope="session")
def vapid_keys() -> dict[str, str]:
    """One VAPID pair for the whole run (what an operator puts in the environment)."""
    public, private = generate_pair()
    return {
        "VAPID_PUBLIC_KEY": public,
        "VAPID_PRIVATE_KEY": private,
        "VAPID_SUBJECT": "mailto:beheer@wijkplein.example",
    }


@pytest.fixture
def vapid(app, vapid_keys):
    """Switch push on for this test (the test app has it off, as when nothing is configured)."""
    app.config.update(vapid_keys)
    yield vapid_keys
    for key in vapid_keys:
        app.config[key] = None


@pytest.fixture
def make_phone(push_service):
    """Return a maker of browsers whose endpoints are on the loopback push service."""

    def _make(port: int | None = None) -> Browser:
        path = f"/push/{secrets.token_urlsafe(12)}"
        endpoint = f"http://127.0.0.1:{port or push_service.port}{path}"
        return Browser(endpoint, path, ec.generate_private_key(ec.SECP256R1()), os.urandom(16))

    return _make
