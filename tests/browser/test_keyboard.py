"""Keyboard users: the first Tab reaches the skip link, which moves focus to the content."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import TIMEOUT_MS, LiveServer
from tests.browser.crawl import NOT_FOUND_PATH, open_page, plain_page_paths

pytestmark = pytest.mark.browser


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main_on_every_page(
    browser: Browser, live_server: LiveServer, desktop_context_args: dict
):
    context = browser.new_context(**desktop_context_args)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        for path in [*plain_page_paths(live_server.app), NOT_FOUND_PATH]:
            response = open_page(page, live_server.url + path)
            if response is None or not response.headers.get("content-type", "").startswith(
                "text/html"
            ):
                continue
            page.keyboard.press("Tab")
            skip_link = page.locator('a[href^="#"]:focus')  # a link within the page
            expect(skip_link, f"the first Tab on {page.url} reaches the skip link").to_have_count(1)
            expect(skip_link, f"the skip link on {page.url} shows when focused").to_be_visible()
            page.keyboard.press("Enter")
            expect(page.locator("main"), f"focus after the skip link on {page.url}").to_be_focused()
    finally:
        context.close()
