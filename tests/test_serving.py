"""Served like a modern site: compressed, cacheable by a proxy, no cookie for an anonymous visit."""

from __future__ import annotations

import gzip
import json
import shutil

import brotli
import pytest
from flask import url_for

from app.config import ROOT
from app.core import assets
from app.extensions import db
from tests.activities.factories import make_activity
from tests.conftest import make_test_app
from tests.servicemap.factories import make_service

ANONYMOUS_PAGES = ["/", "/kaart", "/agenda", "/agenda?view=month", "/prikbord", "/privacy"]


@pytest.fixture
def csrf_app(database_url, smtp_server):
    """The app as in production: CSRF tokens on (they live in the session)."""
    _, port = smtp_server
    return make_test_app(database_url, port, WTF_CSRF_ENABLED=True)


@pytest.fixture
def pages(app):
    """The anonymous pages, with a service page and an activity page."""
    service = make_service("Taalcafé")
    activity = make_activity(title="Koffieochtend")
    db.session.commit()
    with app.test_request_context():
        return [
            *ANONYMOUS_PAGES,
            url_for("servicemap.detail", service_id=service.id, slug=service.slug),
            url_for("activities.detail", activity_id=activity.id, slug=activity.slug),
        ]


# --- no session for an anonymous visitor --------------------------------------------------------


def test_an_anonymous_visit_sets_no_cookie_and_may_be_kept_by_a_proxy_for_a_minute(csrf_app, pages):
    client = csrf_app.test_client()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
        assert response.headers["Cache-Control"] == "public, max-age=60", path
        assert {"Accept-Language", "Cookie"} <= set(response.vary), path
        # A page a proxy shares carries no inline script (whose nonce would be shared too).
        assert "<script nonce" not in response.get_data(as_text=True), path


def test_how_long_a_proxy_keeps_a_page_is_a_setting(database_url, smtp_server, pages):
    app = make_test_app(database_url, smtp_server[1], PUBLIC_CACHE_SECONDS=15)
    assert app.test_client().get("/").headers["Cache-Control"] == "public, max-age=15"


def test_a_page_with_a_form_still_gets_its_csrf_token_and_is_not_shared(csrf_app):
    client = csrf_app.test_client()
    response = client.get("/account/inloggen")
    assert "wijkplein_session=" in response.headers["Set-Cookie"]
    assert response.headers["Cache-Control"] == "no-cache"
    assert 'name="csrf_token"' in response.get_data(as_text=True)
    # Without the token the login is refused, as before.
    assert client.post("/account/inloggen", data={"login": "x", "password": "y"}).status_code == 400


def test_the_language_switch_needs_no_session_but_refuses_other_sites(csrf_app):
    client = csrf_app.test_client()
    choose = {"language": "en", "next": "/privacy"}
    response = client.post("/taal", data=choose, headers={"Origin": "http://localhost"})
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("wijkplein_lang=en") for c in cookies)
    assert not any(c.startswith("wijkplein_session=") for c in cookies)
    assert 'lang="en"' in client.get("/privacy").get_data(as_text=True)
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {}):
        assert client.post("/taal", data=choose, headers=headers).status_code == 400


def test_a_logged_in_visitor_s_pages_are_private_and_never_stored(app, client, login_as):
    login_as("resident")
    for path in ["/", "/kaart", "/account/profiel"]:
        response = client.get(path, follow_redirects=True)
        assert response.headers["Cache-Control"] == "private, no-store", path


def test_an_anonymous_visitor_with_a_message_waiting_gets_a_page_nobody_else_gets(client):
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Hallo")]
    response = client.get("/")
    # private: neither a proxy nor the service worker (offline copies) may keep it.
    assert response.headers["Cache-Control"] == "private, no-cache"


# --- compression --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_pages_feeds_and_the_api_are_compressed(app, client, pages, encoding, decompress):
    for path in [*pages, "/agenda.ics", "/api/v1/services", "/api/v1/services.geojson"]:
        plain = client.get(path)
        response = client.get(path, headers={"Accept-Encoding": encoding})
        assert response.status_code == 200, path
        if len(plain.get_data()) < app.config["COMPRESS_MIN_SIZE"]:
            continue
        assert response.headers["Content-Encoding"] == encoding, path
        assert "Accept-Encoding" in response.vary, path
        assert len(decompress(response.get_data())) == len(plain.get_data()), path


# --- static files -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of static/ with its build, so that the test never depends on `make static`."""
    folder = tmp_path_factory.mktemp("static") / "static"
    shutil.copytree(ROOT / "static", folder, ignore=shutil.ignore_patterns("dist"))
    manifest = assets.build(folder)
    return folder, manifest


@pytest.fixture
def built_app(app, built, monkeypatch):
    folder, _ = built
    monkeypatch.setattr(app, "static_folder", str(folder))
    assets.load_manifest(app)
    yield app
    monkeypatch.undo()
    assets.load_manifest(app)


def test_static_files_get_hashed_names_a_year_of_cache_and_precompressed_copies(
    built, built_app, client
):
    folder, manifest = built
    assert json.loads((folder / "dist" / "manifest.json").read_text()) == manifest
    page = client.get("/")
    hashed = manifest["css/wijkplein.css"]
    assert f"/static/{hashed}" in page.get_data(as_text=True)
    assert "/static/css/wijkplein.css" not in page.get_data(as_text=True)
    css = (folder / hashed).read_bytes()  # the source, with url(…) pointing at hashed names
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get(f"/static/{hashed}", headers={"Accept-Encoding": encoding})
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Content-Encoding"] == encoding
        assert response.mimetype == "text/css"
        assert decompress(response.get_data()) == css
    plain = client.get(f"/static/{hashed}")
    assert "Content-Encoding" not in plain.headers and plain.get_data() == css
    # A plain name still works, without the long lifetime (nothing guarantees it is the same).
    assert client.get("/static/css/wijkplein.css").headers["Cache-Control"] == "no-cache"


def test_stylesheets_point_at_the_hashed_images_except_leaflet_s_marker(built):
    folder, manifest = built
    base = (folder / manifest["css/wijkplein.css"]).read_text()
    assert "select-arrow." in base and "select-arrow.svg" not in base
    leaflet = (folder / manifest["vendor/leaflet/leaflet.css"]).read_text()
    assert "images/marker-icon.png" in leaflet  # Leaflet derives its image folder from it
    assert "images/layers.png" not in leaflet


def test_the_list_view_leaves_the_map_s_scripts_and_styles_to_when_the_map_shows(get_page):
    """A phone opens /kaart on the list: Leaflet would only cost it time (Lighthouse's TBT)."""
    page = get_page("/kaart")
    sources = [s["src"] for s in page.find_all("script")]
    assert not [src for src in sources if "leaflet" in src or src.startswith("/kaart/kaart-")]
    scripts = page.find(id="wp-map")["data-scripts"].split()
    assert "leaflet" in scripts[0] and "markercluster" in scripts[1]
    assert scripts[-1].startswith("/kaart/kaart-")
    # The map's stylesheets block no phone's first paint: they apply where the map shows.
    map_css = page.find_all("link", attrs={"data-map-css": True})
    assert len(map_css) == 3
    assert all(link["media"] == "(min-width: 60rem)" for link in map_css)
    # The map view loads all of it with the page, as every map did before.
    page = get_page("/kaart?weergave=kaart")
    assert all(
        not link.get("media") for link in page.find_all("link", attrs={"data-map-css": True})
    )
    sources = [s["src"] for s in page.find_all("script")]
    assert [src for src in sources if "vendor/leaflet/leaflet" in src]


def test_the_map_page_loads_only_deferred_scripts_from_our_origin(app, client, get_page):
    page = get_page("/kaart?weergave=kaart")
    scripts = page.find_all("script")
    assert scripts and all(s.get("src") and s.has_attr("defer") for s in scripts)
    map_script = [s["src"] for s in scripts if s["src"].startswith("/kaart/kaart-")]
    assert len(map_script) == 1
    response = client.get(map_script[0])
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "L.map(" in response.get_data(as_text=True)
    assert client.get("/kaart/kaart-000000000000.js").status_code == 404


# --- one stylesheet per part --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "part"),
    [
        ("/", None),
        ("/privacy", None),
        ("/kaart", "servicemap"),
        ("/agenda", "activities"),
        ("/prikbord", "helpboard"),
        ("/account/inloggen", "accounts"),
    ],
)
def test_a_page_loads_the_base_stylesheet_and_only_its_own_part_s(app, get_page, path, part):
    with app.test_request_context():
        base = assets.static_url("css/wijkplein.css")
        parts = {p: assets.static_url(f"css/{p}.css") for p in ("accounts", "activities")}
        parts |= {p: assets.static_url(f"css/{p}.css") for p in ("helpboard", "servicemap")}
    hrefs = [link["href"] for link in get_page(path).find_all("link", rel="stylesheet")]
    assert hrefs[0] == base
    assert [p for p, href in parts.items() if href in hrefs] == ([part] if part else [])


def test_every_part_stylesheet_is_up_to_date(app):
    from tests.test_static_assets import _build_css_module

    build_css = _build_css_module()
    for path, css in build_css.outputs().items():
        assert path.read_text(encoding="utf-8") == css, f"{path.name}: run scripts/build_css.py"
