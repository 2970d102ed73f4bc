"""Every page, as every kind of visitor, on a phone and on a laptop: WCAG 2.1 AA by axe-core,
nothing from another origin, no server or script errors.

The pages come from the url_map (see ``crawl.py``), so new pages are covered automatically.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.actions import log_in
from tests.browser.conftest import ROLES, TIMEOUT_MS, TWO_STEP_ROLES, LiveServer
from tests.browser.crawl import Crawl, Crawler, describe

pytestmark = pytest.mark.browser

VISITORS = ("anonymous", *ROLES)
PROFILE_PATH = "/account/"  # opens only for someone logged in
VIEWPORTS = ("phone", "desktop")


def _walk(
    browser: Browser,
    live_server: LiveServer,
    viewport: str,
    context_args: dict,
    results: dict[tuple[str, str], Crawl],
) -> None:
    """Walk the site as every visitor in one window size (one context per visitor)."""
    axe_results: dict[str, list[dict]] = {}  # shared: identical pages are checked once
    for visitor in VISITORS:
        context = browser.new_context(**context_args)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            person = live_server.people.get(visitor)
            if person and visitor in TWO_STEP_ROLES:
                context.add_cookies([live_server.session_cookie(person)])  # type: ignore[list-item]
            elif person:
                log_in(page, live_server.url, person.login, person.password)
            label = f"[{visitor}, {viewport}]"
            crawler = Crawler(live_server.app, live_server.url, context, label, axe_results)
            results[(visitor, viewport)] = crawler.crawl()
        finally:
            context.close()


@pytest.fixture(scope="session")
def crawls(
    browser: Browser,
    live_server: LiveServer,
    browser_type_launch_args: dict,
    browser_context_args: dict,
    desktop_context_args: dict,
) -> dict[tuple[str, str], Crawl]:
    """Walk the site once per visitor and window size.

    The phone walk uses the session's browser; the desktop walk runs at the same time in a
    thread with its own Playwright and Chromium (Playwright's sync API is per thread), which
    roughly halves the time on two cores.
    """
    results: dict[tuple[str, str], Crawl] = {}
    failures: list[BaseException] = []

    def desktop() -> None:
        try:
            with sync_playwright() as playwright:
                desktop_browser = playwright.chromium.launch(**browser_type_launch_args)
                try:
                    _walk(desktop_browser, live_server, "desktop", desktop_context_args, results)
                finally:
                    desktop_browser.close()
        except BaseException as error:  # handed to the test below
            failures.append(error)

    thread = threading.Thread(target=desktop, name="desktop-walk")
    thread.start()
    try:
        _walk(browser, live_server, "phone", browser_context_args, results)
    finally:
        thread.join()
    if failures:
        raise failures[0]
    return results


@pytest.fixture
def crawl_as(crawls) -> Callable[[str, str], Crawl]:
    return lambda visitor, viewport: crawls[(visitor, viewport)]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_meets_wcag_21_aa(crawl_as, visitor, viewport):
    crawl = crawl_as(visitor, viewport)
    checked = [visit.final_url for visit in crawl.checked()]
    assert checked, "no page was checked"
    profile = next(v for v in crawl.visits if urlsplit(v.url).path == PROFILE_PATH)
    logged_in = urlsplit(profile.final_url).path == PROFILE_PATH
    assert logged_in == (visitor != "anonymous"), (
        f"{visitor} walked the site logged in: {logged_in}"
    )
    failing = [visit for visit in crawl.visits if visit.violations]
    assert not failing, (
        f"axe-core found WCAG 2.1 AA violations on {len(failing)} of {len(checked)} pages:\n"
        + crawl.violation_report()
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("visitor", VISITORS)
def test_no_page_requests_another_origin(crawl_as, visitor, viewport):
    crawl = crawl_as(visitor, viewport)
    assert not crawl.other_origin, (
        f"requests to another origin (page, request):\n{describe(crawl.other_origin)}"
    )
    # The browser also reports on the console what the CSP stopped before it was requested.
    assert not crawl.csp_reports, (
        f"blocked by the Content-Security-Policy:\n{describe(crawl.csp_reports)}"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_opens_without_a_server_or_script_error(crawl_as, visitor, viewport):
    crawl = crawl_as(visitor, viewport)
    server_errors = [(v.url, str(v.status)) for v in crawl.visits if v.status >= 500]
    assert not server_errors, f"server errors:\n{describe(server_errors)}"
    assert not crawl.script_errors, f"script errors:\n{describe(crawl.script_errors)}"
