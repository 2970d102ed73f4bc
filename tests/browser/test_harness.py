"""The checks of the browser suite can fail: axe and the origin watch catch known faults."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import LiveServer
from tests.browser.crawl import Crawler, run_axe

pytestmark = pytest.mark.browser

BAD_PAGE = """<!doctype html><html><head><title>x</title></head><body>
<img src="/static/img/favicon.svg"><p style="color:#eee;background:#fff">low contrast</p>
<input type="text"></body></html>"""


def test_axe_reports_known_violations(page):
    page.set_content(BAD_PAGE)
    found = {violation["id"] for violation in run_axe(page)}
    assert {"html-has-lang", "image-alt", "label", "color-contrast"} <= found


def test_the_walk_notices_requests_to_another_origin(browser: Browser, live_server: LiveServer):
    context = browser.new_context()
    try:
        # Answer other origins locally so that nothing leaves the machine.
        context.route("http://other.example/**", lambda route: route.fulfill(body=""))
        crawler = Crawler(live_server.app, live_server.url, context, "[self-test]")
        crawler.visit("/")
        # The page's CSP blocks this image: the browser reports it on the console (and
        # Chromium still announces the request).
        with crawler.page.expect_console_message(
            lambda message: "Content Security Policy" in message.text
        ):
            crawler.page.evaluate("new Image().src = 'http://other.example/pixel.png'")
        assert crawler.result.csp_reports
        # A request that no CSP stops is seen too.
        crawler.page.goto("about:blank")
        with crawler.page.expect_request("http://other.example/data.json"):
            crawler.page.evaluate("fetch('http://other.example/data.json').catch(() => null)")
        assert {url for _, url in crawler.result.other_origin} == {
            "http://other.example/pixel.png",
            "http://other.example/data.json",
        }
    finally:
        context.close()
