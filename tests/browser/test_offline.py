"""Offline in Chromium: the service worker keeps the public pages a person saw, nothing private.

http://127.0.0.1 counts as a secure context, so service workers run against the live server.
Each test has a browser context of its own, so each starts without a worker or caches.
"""

from __future__ import annotations

import time

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.crawl import run_axe

pytestmark = pytest.mark.browser

KEPT_PAGES = """async () => {
  const kept = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    kept[name] = (await cache.keys()).map(r => new URL(r.url).pathname + new URL(r.url).search);
  }
  return kept;
}"""
CONTROLLED = """async () => {
  await navigator.serviceWorker.ready;
  return Boolean(navigator.serviceWorker.controller);
}"""


def eventually(page: Page, script: str, check, timeout: float = 10):
    """Run ``script`` in the page until ``check`` holds for its result; return the result."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if check(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout} s")
        page.wait_for_timeout(100)


def pages_cache(kept: dict) -> tuple[str, list[str]]:
    names = [name for name in kept if name.startswith("wijkplein-pages-")]
    assert len(names) <= 1, names
    return (names[0], kept[names[0]]) if names else ("", [])


def offline_heading(live_server: LiveServer) -> str:
    with live_server.app.test_request_context(), force_locale("nl"):
        return gettext("No internet")


def wait_until_kept(page: Page, path: str) -> dict:
    return eventually(page, KEPT_PAGES, lambda kept: path in pages_cache(kept)[1])


def test_the_agenda_opens_offline_after_one_visit(page: Page, context: BrowserContext, live_server):
    page.goto(live_server.url + "/agenda")
    heading = page.locator("h1").inner_text()
    first_activity = page.locator("main a[href^='/agenda/']").first.inner_text()
    eventually(page, CONTROLLED, bool)
    wait_until_kept(page, "/agenda")

    context.set_offline(True)
    page.reload()

    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("main")).to_contain_text(first_activity)
    # The page keeps its look: the stylesheets come from the worker's cache.
    assert page.evaluate("() => [...document.styleSheets].some(s => s.cssRules.length > 0)")


def test_an_unseen_page_offline_shows_the_offline_page(
    page: Page, context: BrowserContext, live_server
):
    page.goto(live_server.url + "/")
    violations = run_axe(page)  # the home page on a phone
    assert not violations, [f"{v['id']}: {v['help']}" for v in violations]
    eventually(page, CONTROLLED, bool)
    wait_until_kept(page, "/")
    kept = page.evaluate(KEPT_PAGES)
    static = [name for name in kept if name.startswith("wijkplein-static-")]
    assert static and "/offline" in kept[static[0]]

    context.set_offline(True)
    page.goto(live_server.url + "/kaart")

    expect(page.locator("h1")).to_have_text(offline_heading(live_server))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    violations = run_axe(page)
    assert not violations, [f"{v['id']}: {v['help']}" for v in violations]
    # The page a person saw still opens.
    page.goto(live_server.url + "/")
    expect(page.locator("a.wp-cta")).to_be_visible()


def test_a_logged_in_persons_pages_are_never_kept(
    page: Page, context: BrowserContext, live_server: LiveServer
):
    context.add_cookies([live_server.session_cookie(live_server.people["resident"])])
    page.goto(live_server.url + "/prikbord/mijn")
    eventually(page, CONTROLLED, bool)
    page.reload()  # now through the worker
    mine_heading = page.locator("h1").inner_text()
    page.goto(live_server.url + "/agenda")
    expect(page.locator('header form[action$="/account/uitloggen"]')).to_have_count(1)
    page.wait_for_load_state("networkidle")

    _name, pages = pages_cache(page.evaluate(KEPT_PAGES))
    assert pages == []

    context.set_offline(True)
    for path in ["/prikbord/mijn", "/agenda"]:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_text(offline_heading(live_server))
        assert mine_heading not in page.locator("main").inner_text()
        # The offline page is nobody's: it has no logged-in header.
        expect(page.locator('header form[action$="/account/uitloggen"]')).to_have_count(0)


def test_a_new_version_replaces_the_old_worker_and_its_caches(
    page: Page, context: BrowserContext, live_server: LiveServer
):
    page.goto(live_server.url + "/agenda")
    eventually(page, CONTROLLED, bool)
    old_name, _pages = pages_cache(wait_until_kept(page, "/agenda"))
    old_script = page.evaluate("() => navigator.serviceWorker.controller.scriptURL")

    built = live_server.app.extensions["wijkplein_assets"]
    # A deploy: a new static build, so /sw.js gets new bytes.
    live_server.app.extensions["wijkplein_assets"] = {**built, "css/new.css": "dist/css/new.css"}
    try:
        page.evaluate("async () => { await (await navigator.serviceWorker.ready).update(); }")
        kept = eventually(
            page,
            KEPT_PAGES,
            lambda kept: (
                pages_cache(kept)[0] not in ("", old_name)
                and sum(name.startswith("wijkplein-static-") for name in kept) == 1
            ),
        )
    finally:
        live_server.app.extensions["wijkplein_assets"] = built

    new_name, pages = pages_cache(kept)
    assert old_name not in kept
    assert "/agenda" in pages  # the pages a person saw are carried over
    assert page.evaluate("() => navigator.serviceWorker.controller.scriptURL") == old_script

    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).not_to_have_text(offline_heading(live_server))
