"""On a small phone (360 × 740) the screen belongs to the content: a header row and a tab bar of
at most 120 px together, nothing wider than the screen, tap targets of 44 px, the map one tap
from the list, and WCAG 2.2's target size clean (axe-core)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.actions import log_in
from tests.browser.conftest import TIMEOUT_MS, LiveServer
from tests.browser.crawl import AXE_TAGS, run_axe

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
HEADER_AND_MENU_MAX = 120  # px, the banner, the header row and the tab bar together
TAP_TARGET_MIN = 44  # px
PAGES = ["/", "/kaart", "/agenda", "/prikbord", "/prikbord/nieuw", "/account/inloggen"]

# What the page gives to its chrome: everything above the content (demo line, header row) and
# the menu bar fixed at the bottom, if the menu is one.
CHROME = """() => {
  window.scrollTo(0, 0);
  const main = document.querySelector('main').getBoundingClientRect();
  const nav = document.querySelector('nav.wp-nav').getBoundingClientRect();
  const fixed = getComputedStyle(document.querySelector('nav.wp-nav')).position === 'fixed';
  return {above: main.top, below: fixed ? window.innerHeight - nav.top : 0,
          scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""
TARGETS = """() => [...document.querySelectorAll(
    'header a, header button, header summary, nav.wp-nav a, .wp-smap-views a')]
  .filter(e => e.checkVisibility())
  .map(e => { const r = e.getBoundingClientRect();
              return {what: e.outerHTML.slice(0, 80), width: r.width, height: r.height}; })"""
# WCAG 2.2 AA on top of the 2.1 rules, with target-size (off by default in axe-core) switched on.
AXE_22 = (
    "async tags => {"
    " const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
    " rules: {'target-size': {enabled: true}}});"
    " return result.violations.map(v => ({id: v.id, help: v.help,"
    " nodes: v.nodes.map(n => n.target.join(' '))}));"
    "}"
)


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**{**browser_context_args, "viewport": SMALL_PHONE})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def phone_without_javascript(browser: Browser, browser_context_args: dict):
    context = browser.new_context(
        **{**browser_context_args, "viewport": SMALL_PHONE, "java_script_enabled": False}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def a_service_page(page: Page, base_url: str) -> str:
    page.goto(base_url + "/kaart")
    href = page.locator(".wp-smap-cards h3 a").first.get_attribute("href")
    assert href
    return href


def axe_22_violations(page: Page) -> list[dict]:
    run_axe(page)  # loads axe-core into the page
    return page.evaluate(AXE_22, [*AXE_TAGS, "wcag22a", "wcag22aa"])


def assert_the_content_has_the_screen(page: Page) -> None:
    chrome = page.evaluate(CHROME)
    used = chrome["above"] + chrome["below"]
    assert used <= HEADER_AND_MENU_MAX, f"{page.url}: header and menu take {used:.0f} px: {chrome}"
    # A page wider than the phone widens the layout viewport too: compare with the phone.
    assert chrome["scrollWidth"] <= SMALL_PHONE["width"], f"{page.url} is wider than the phone"
    assert chrome["width"] == SMALL_PHONE["width"], f"{page.url} is wider than the phone"
    small = [
        t
        for t in page.evaluate(TARGETS)
        if t["width"] < TAP_TARGET_MIN or t["height"] < TAP_TARGET_MIN
    ]
    assert not small, f"{page.url}: tap targets under {TAP_TARGET_MIN} px: {small}"
    violations = axe_22_violations(page)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.parametrize("path", [*PAGES, "service"])
def test_a_phone_gives_the_screen_to_the_content(phone, live_server: LiveServer, path):
    page = phone.new_page()
    if path == "service":
        path = a_service_page(page, live_server.url)
    page.goto(live_server.url + path)
    assert_the_content_has_the_screen(page)


@pytest.mark.parametrize("language", ["ar", "pl"])
def test_the_phone_layout_holds_in_a_right_to_left_and_a_long_worded_language(
    phone, live_server: LiveServer, language
):
    page = phone.new_page()
    for path in ["/", "/kaart", f"/prikbord/nieuw?lang={language}"][::-1]:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        chrome = page.evaluate(CHROME)
        assert chrome["scrollWidth"] <= SMALL_PHONE["width"], f"{page.url} is wider than the phone"
        assert chrome["width"] == SMALL_PHONE["width"], f"{page.url} is wider than the phone"
        assert not axe_22_violations(page)


def test_a_logged_in_resident_has_the_same_room_and_can_log_out(phone, live_server: LiveServer):
    person = live_server.people["resident"]
    page = phone.new_page()
    log_in(page, live_server.url, person.login, person.password)
    for path in ["/", "/prikbord"]:
        page.goto(live_server.url + path)
        assert_the_content_has_the_screen(page)
    expect(page.locator('nav.wp-nav a[href="/account/"]')).to_be_visible()
    page.locator('header form[action$="/account/uitloggen"] button[type=submit]').tap()
    expect(page.locator('nav.wp-nav a[href$="/account/inloggen"]')).to_be_visible()


def test_the_menu_is_a_bar_of_tabs_at_the_bottom_that_marks_where_you_are(
    phone, live_server: LiveServer
):
    page = phone.new_page()
    page.goto(live_server.url + "/agenda")
    bar = page.locator("nav.wp-nav")
    box = bar.bounding_box()
    assert box and box["y"] + box["height"] == pytest.approx(SMALL_PHONE["height"], abs=1)
    tabs = bar.locator("a")
    assert tabs.count() == 4  # map, what is on, question board, log in
    expect(bar.locator('a[aria-current="page"]')).to_have_attribute("href", "/agenda")
    for svg in bar.locator("svg").all():  # icons beside words: hidden from screen readers
        expect(svg).to_have_attribute("aria-hidden", "true")
    bar.locator('a[href="/prikbord"]').tap()
    expect(page).to_have_url(live_server.url + "/prikbord")
    # The bar does not hide the end of the page.
    page.locator("footer").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = page.locator("footer p").last.bounding_box()
    bar_top = page.locator("nav.wp-nav").bounding_box()
    assert last and bar_top and last["y"] + last["height"] <= bar_top["y"]


def _visible_links_to(page: Page, url: str) -> int:
    return page.evaluate(
        "url => [...document.querySelectorAll('a')]"
        ".filter(a => a.getAttribute('href') === url && a.checkVisibility()).length",
        url,
    )


def test_the_way_to_fixi_shows_once_before_and_after_choosing_a_street_matter(
    phone, phone_without_javascript, live_server: LiveServer
):
    fixi = live_server.app.config["FIXI_URL"]
    plain = phone_without_javascript.new_page()
    plain.goto(live_server.url + "/prikbord/nieuw")
    assert _visible_links_to(plain, fixi) == 1
    page = phone.new_page()
    page.goto(live_server.url + "/prikbord/nieuw")
    assert _visible_links_to(page, fixi) == 1
    street = page.locator("input[data-public-space]").first
    page.locator(f'label[for="{street.get_attribute("id")}"]').tap()
    expect(page.locator("#street-note")).to_be_visible()  # beside the choice, not twice
    assert _visible_links_to(page, fixi) == 1
    other = page.locator("input[name=category]:not([data-public-space])").first
    page.locator(f'label[for="{other.get_attribute("id")}"]').tap()
    expect(page.locator("#street-note")).to_be_hidden()
    assert _visible_links_to(page, fixi) == 1


def _map_in_sight(page: Page) -> None:
    box = page.locator("#wp-map").bounding_box()
    bar = page.locator("nav.wp-nav").bounding_box()
    assert box and bar
    assert box["y"] >= 0 and box["y"] + box["height"] <= bar["y"] + 1, (box, bar)


def test_the_map_is_one_tap_from_the_list(phone, live_server: LiveServer):
    page = phone.new_page()
    page.goto(live_server.url + "/kaart")
    expect(page.locator("#wp-map")).to_be_hidden()  # the list has the phone's screen
    switch = page.locator('[data-view-link="kaart"]')
    box = switch.bounding_box()
    assert box and box["y"] + box["height"] < SMALL_PHONE["height"] - 60  # in the first screen
    switch.tap()
    expect(page.locator("#wp-map")).to_be_visible()
    expect(page.locator(".wp-smap-cards")).to_be_hidden()
    expect(switch).to_have_attribute("aria-current", "page")
    _map_in_sight(page)
    page.wait_for_selector(".wp-smap-marker, .marker-cluster")
    expect(page).to_have_url(re.compile(r"/kaart\?weergave=kaart$"))  # a link to this view
    assert not axe_22_violations(page)
    page.locator('[data-view-link="lijst"]').tap()
    expect(page.locator(".wp-smap-cards")).to_be_visible()
    expect(page.locator("#wp-map")).to_be_hidden()


def test_without_javascript_the_map_is_one_tap_from_the_list_too(
    phone_without_javascript, live_server: LiveServer
):
    page = phone_without_javascript.new_page()
    page.goto(live_server.url + "/kaart")
    page.locator('[data-view-link="kaart"]').tap()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    expect(page.locator("#wp-map")).to_be_visible()
    expect(page.locator(".wp-smap-cards")).to_be_hidden()
    _map_in_sight(page)
    page.locator('[data-view-link="lijst"]').tap()
    expect(page.locator(".wp-smap-cards")).to_be_visible()


def test_a_filtered_map_keeps_its_view_and_filters(phone, live_server: LiveServer):
    page = phone.new_page()
    page.goto(live_server.url + "/kaart?category=money-and-debt&weergave=kaart")
    expect(page.locator("#wp-map")).to_be_visible()
    page.locator('[data-view-link="lijst"]').tap()
    expect(page).to_have_url(re.compile(r"/kaart\?category=money-and-debt$"))
    page.locator('[data-view-link="kaart"]').tap()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    assert "category=money-and-debt" in page.url
    # The filter form sends the view along, so that filtering on the map stays on the map.
    expect(page.locator('.wp-smap-filters input[name="weergave"]')).to_have_value("kaart")
