"""Fakes on loopback for the social map: a tile server and a PDOK-like geocoder."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

# The browser suite's fixtures, for this folder's journeys in Chromium (test_browser.py).
from tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    context,
    live_server,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class FakeServer:
    """Records requests; answers with what the test configured."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.geocode_docs: list[dict] = []
        self.status = 200
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"


def _handler(fake: FakeServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 — http.server's hook name
            parts = urlsplit(self.path)
            fake.requests.append(
                {"path": parts.path, "query": parse_qs(parts.query), "headers": dict(self.headers)}
            )
            if fake.status != 200:
                self.send_response(fake.status)
                self.end_headers()
                return
            if parts.path.startswith("/tiles/"):
                body, kind = PNG, "image/png"
            else:
                body = json.dumps(
                    {"response": {"numFound": len(fake.geocode_docs), "docs": fake.geocode_docs}}
                ).encode()
                kind = "application/json"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Set-Cookie", "tracker=1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def fake_upstream(app, monkeypatch) -> Iterator[FakeServer]:
    """A tile server and geocoder on loopback, wired into the app's configuration."""
    fake = FakeServer()
    fake.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setitem(app.config, "TILE_URL", fake.base + "/tiles/{z}/{x}/{y}.png")
    monkeypatch.setitem(app.config, "GEOCODER_URL", fake.base + "/locatieserver/free")
    app.extensions.pop("servicemap_tiles", None)
    yield fake
    app.extensions.pop("servicemap_tiles", None)
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def unreachable_upstream(app, monkeypatch) -> Iterator[None]:
    """Point the tile server and geocoder at a closed port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setitem(
        app.config, "TILE_URL", f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
    )
    monkeypatch.setitem(app.config, "GEOCODER_URL", f"http://127.0.0.1:{port}/free")
    app.extensions.pop("servicemap_tiles", None)
    yield
    app.extensions.pop("servicemap_tiles", None)


@pytest.fixture(autouse=True)
def _english_pages(request) -> None:
    """Read the pages in English (the source text), whatever the default language is."""
    if "client" in request.fixturenames:
        request.getfixturevalue("client").set_cookie("wijkplein_lang", "en")
