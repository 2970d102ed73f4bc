"""On the home screen and offline: the manifest, the service worker and the offline page (HTTP).

What the worker does in a browser (offline, private pages, updates) is in
tests/browser/test_offline.py.
"""

from __future__ import annotations

import json
import re
import struct

import pytest

from app.extensions import db
from tests.activities.factories import make_activity

SW_CONFIG = re.compile(r"const CONFIG = (\{.*?\});")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _worker_config(client) -> dict:
    body = client.get("/sw.js").get_data(as_text=True)
    match = SW_CONFIG.search(body)
    assert match, "the worker's settings are filled in"
    return json.loads(match.group(1))


def test_the_manifest_lets_a_phone_put_wijkplein_on_its_home_screen(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)

    assert manifest["name"] and manifest["short_name"] == "Wijkplein"
    assert manifest["start_url"].startswith("/?")
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "nl" and manifest["dir"] == "ltr"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        assert image.mimetype == "image/png"
        width, height = _png_size(image.data)
        assert f"{width}x{height}" == icon["sizes"]


def test_every_page_links_the_manifest_the_touch_icon_and_the_worker_script(get_page):
    page = get_page("/")
    assert page.find("link", rel="manifest")["href"] == "/manifest.webmanifest"
    assert page.find("link", rel="apple-touch-icon")["href"].endswith(".png")
    assert page.find("meta", attrs={"name": "theme-color"})["content"].startswith("#")
    script = page.find("script", src=re.compile(r"/sw-register\b"))
    assert script is not None and script.has_attr("defer")
    assert not script.string  # no inline code: the strict CSP allows only files from 'self'


def test_the_worker_is_served_from_the_root_and_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
    body = response.get_data(as_text=True)
    assert "__CONFIG__" not in body
    assert "skipWaiting" in body and "clients.claim" in body


def test_what_the_worker_keeps_at_install_can_be_fetched(client):
    config = _worker_config(client)
    assert config["offline"] == "/offline"
    for url in [*config["precache"], config["offline"]]:
        assert client.get(url, unchecked="only the status matters").status_code == 200, url


def test_a_new_static_build_gives_a_new_worker_version(app, client, monkeypatch):
    before = _worker_config(client)["version"]
    assert _worker_config(client)["version"] == before  # the same build: the same bytes

    built = dict(app.extensions["wijkplein_assets"])
    built["css/new.css"] = "dist/css/new.0123456789ab.css"
    monkeypatch.setitem(app.extensions, "wijkplein_assets", built)

    assert _worker_config(client)["version"] != before


def test_the_offline_page_is_translated_and_says_its_language(get_page, client):
    page = get_page("/offline", headers={"Accept-Language": "en"})
    assert page.h1.get_text(strip=True) == "No internet"
    assert page.html["lang"] == "en"
    assert client.get("/offline", headers={"Accept-Language": "ar"}).headers[
        "Content-Language"
    ] == ("ar")
    assert client.get("/offline?lang=pl").headers["Content-Language"] == "pl"


@pytest.mark.parametrize("path", ["/", "/agenda", "/kaart", "/offline"])
def test_anonymous_public_pages_may_be_kept(client, path):
    make_activity("Koffieochtend")
    db.session.commit()
    control = client.get(path).headers["Cache-Control"]
    assert "private" not in control and "no-store" not in control


def test_a_page_asked_for_with_a_session_cookie_is_private(client):
    # An anonymous visitor who opened a form has a session; the worker cannot see the cookie,
    # so the server marks the page private and the worker does not keep it.
    with client.session_transaction() as session:
        session["csrf_token"] = "x"
    for path in ["/", "/agenda", "/kaart"]:
        assert client.get(path).headers["Cache-Control"] == "private, no-cache", path


def test_a_logged_in_persons_pages_are_private_and_not_stored(client, login_as):
    login_as("resident")
    for path in ["/", "/agenda", "/prikbord/mijn", "/account/profiel"]:
        response = client.get(path, follow_redirects=True)
        assert response.headers["Cache-Control"] == "private, no-store", path
