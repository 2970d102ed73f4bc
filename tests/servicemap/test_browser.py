"""The issue's journeys in Chromium at 390×844: a resident finds help, a professional keeps it current."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHROMIUM
from tests.browser.crawl import run_axe

# The browser fixtures (live_server, context) come from tests/browser via ./conftest.py.
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium"),
]


def _no_violations(page) -> None:
    violations = run_axe(page)
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_a_resident_on_a_phone_filters_opens_a_service_and_can_tap_to_call(live_server, context):
    page = context.new_page()
    other_origins: list[str] = []
    page.on(
        "request",
        lambda r: (
            other_origins.append(r.url)
            if not r.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    page.goto(f"{live_server.url}/kaart")
    _no_violations(page)
    page.select_option("#category", "money-and-debt")
    page.check("#open_now")
    page.get_by_role("button", name=re.compile("Toon|Show")).click()
    page.wait_for_load_state()
    assert "category=money-and-debt" in page.url and "open_now=y" in page.url
    _no_violations(page)
    cards = page.locator(".wp-smap-cards h3 a")
    if cards.count() == 0:  # nothing open at this hour: the filtered list says so
        assert page.locator(".wp-smap__list p").first.is_visible()
        page.goto(f"{live_server.url}/kaart?category=money-and-debt")
    page.locator(".wp-smap-cards h3 a").first.click()
    page.wait_for_load_state()
    _no_violations(page)
    call = page.locator("a[href^='tel:']").first
    assert call.is_visible()
    assert call.bounding_box()["height"] >= 44
    assert other_origins == []


def test_the_map_shows_markers_from_the_api(live_server, context):
    page = context.new_page()
    scripts_and_styles: list[str] = []
    page.on(
        "request",
        lambda r: (
            scripts_and_styles.append(r.url)
            if r.resource_type in ("script", "stylesheet")
            else None
        ),
    )
    page.goto(f"{live_server.url}/kaart#kaart")
    page.wait_for_selector(".wp-smap-marker, .marker-cluster", timeout=5000)
    assert page.locator(".wp-smap-marker, .marker-cluster").count() > 0
    # folium's defaults are left out: the map needs only Leaflet and MarkerCluster.
    assert scripts_and_styles
    assert not [u for u in scripts_and_styles if "jquery" in u.lower() or "bootstrap" in u.lower()]
    assert page.evaluate("typeof window.jQuery") == "undefined"


def test_a_professional_verifies_a_stale_entry_and_reads_its_history(live_server, context):
    from app.extensions import db
    from app.servicemap.models import Service

    app = live_server.app
    with app.app_context():
        service = db.session.scalars(
            db.select(Service).where(Service.name == "Schuldhulp spreekuur")
        ).one()
        from app.accounts.models import User

        professional = db.session.scalar(
            db.select(User).where(User.email == "professional@wijkplein.example")
        )
        service_id, user_id = service.id, professional.get_id()
        db.session.remove()
    person = type(next(iter(live_server.people.values())))("professional", user_id, "", "")
    context.add_cookies([live_server.session_cookie(person)])
    page = context.new_page()
    page.goto(f"{live_server.url}/beheer/kaart")
    _no_violations(page)
    row = page.locator("tr", has=page.locator(f"a[href^='/kaart/{service_id}-']"))
    assert "wp-smap-stale" in (row.get_attribute("class") or "")
    row.get_by_role("button").click()
    page.wait_for_load_state()
    row = page.locator("tr", has=page.locator(f"a[href^='/kaart/{service_id}-']"))
    assert "wp-smap-stale" not in (row.get_attribute("class") or "")
    page.goto(f"{live_server.url}/beheer/kaart/{service_id}/geschiedenis")
    _no_violations(page)
    assert page.locator(".wp-smap-history li").count() >= 1
    page.goto(f"{live_server.url}/beheer/kaart/{service_id}/bewerken")
    _no_violations(page)


def test_zooming_the_map_breaks_no_rule_of_the_content_security_policy(live_server, context):
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    data_images: list[str] = []
    page.on("request", lambda r: data_images.append(r.url) if r.url.startswith("data:") else None)
    page.goto(f"{live_server.url}/kaart#kaart")
    page.wait_for_selector(".leaflet-tile", state="attached", timeout=5000)
    map_name = page.get_attribute("#wp-map", "data-map")
    for zoom in (17, 12, 16, 11):
        page.evaluate(f"window[{map_name!r}].setZoom({zoom}, {{animate: false}})")
        page.wait_for_timeout(300)
    assert refused == []
    assert data_images == []


def test_a_resident_types_a_word_for_debt_at_360px_and_sees_the_debt_help(live_server, context):
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/kaart")
    page.fill("#q", "borc")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    assert "q=borc" in page.url
    names = page.locator(".wp-smap-cards h3").all_inner_texts()
    assert "Schuldhulp spreekuur" in [n.strip() for n in names]
    assert page.locator(".wp-smap-cards h3").first.is_visible()
    _no_violations(page)
    page.fill("#q", "xylofoon")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    assert page.locator(".wp-smap-contact a").first.is_visible()
    _no_violations(page)
