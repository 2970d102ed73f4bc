"""The agenda on a small phone (360 × 740): nothing wider than the screen, tap targets of 44 px,
axe-core's WCAG 2.2 rules with ``target-size`` on, and a month whose day tap shows that day."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import (  # noqa: F401  (fixtures shared with the browser suite)
    CHROMIUM,
    TIMEOUT_MS,
    LiveServer,
    browser_context_args,
    browser_type_launch_args,
    desktop_context_args,
)
from tests.browser.conftest import live_server as live_server  # noqa: F811
from tests.browser.crawl import AXE_TAGS, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)",
    ),
]

SMALL_PHONE = {"width": 360, "height": 740}
TAP_TARGET_MIN = 44  # px
VIEWS = ["/agenda", "/agenda?view=week", "/agenda?view=month"]
# WCAG 2.2 A/AA on top of the 2.1 rules, with target-size (off by default in axe-core) on.
AXE_22 = (
    "async tags => {"
    " const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
    " rules: {'target-size': {enabled: true}}});"
    " return result.violations.map(v => ({id: v.id, help: v.help,"
    " nodes: v.nodes.map(n => n.target.join(' '))}));"
    "}"
)
# The agenda's own tap targets that are in sight: the view tabs, the filter's summary, the
# month's days and the pager; each must be at least 44 × 44 px (44 high for a word link).
TARGETS = """() => [...document.querySelectorAll(
    '.wp-act-tabs a, .wp-act-filters summary, .wp-act-month__day, .wp-act-pager a')]
  .filter(e => e.checkVisibility())
  .map(e => { const r = e.getBoundingClientRect();
              return {what: e.outerHTML.slice(0, 90), width: r.width, height: r.height,
                      square: e.classList.contains('wp-act-month__day')}; })"""
WIDTH = "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"


def _context(browser: Browser, args: dict, **more) -> BrowserContext:
    context = browser.new_context(**{**args, "viewport": SMALL_PHONE, **more})
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:  # noqa: F811
    context = _context(browser, browser_context_args)
    yield context
    context.close()


@pytest.fixture
def phone_without_javascript(browser: Browser, browser_context_args: dict):  # noqa: F811
    context = _context(browser, browser_context_args, java_script_enabled=False)
    yield context
    context.close()


def axe_22_violations(page: Page) -> list[dict]:
    run_axe(page)  # loads axe-core into the page
    return page.evaluate(AXE_22, [*AXE_TAGS, "wcag22a", "wcag22aa"])


def assert_fits_the_phone(page: Page) -> None:
    """Fail when the agenda (header, menu and content) is wider than the phone.

    The page's footer is left out: the neighbourhood's contact point in it is wider than a
    360 px phone on every page (its own check: tests/browser/test_phone.py), which would hide
    whether the agenda itself fits.
    """
    page.evaluate("() => document.querySelector('footer')?.remove()")
    width = page.evaluate(WIDTH)
    # A page wider than the phone widens the layout viewport too: compare both with the phone.
    assert width["scroll"] <= SMALL_PHONE["width"], f"{page.url} is wider than the phone: {width}"
    assert width["inner"] == SMALL_PHONE["width"], f"{page.url} is wider than the phone: {width}"


@pytest.mark.parametrize("path", VIEWS)
def test_each_view_fits_a_small_phone_with_44_px_targets_and_no_axe_violations(
    phone, live_server: LiveServer, path
):
    page = phone.new_page()
    page.goto(live_server.url + path)
    assert page.locator("section.agenda-day[data-day] h2").count() >= 1
    assert axe_22_violations(page) == []
    assert_fits_the_phone(page)
    targets = page.evaluate(TARGETS)
    assert targets
    small = [
        t
        for t in targets
        if t["height"] < TAP_TARGET_MIN or (t["square"] and t["width"] < TAP_TARGET_MIN)
    ]
    assert not small, f"{page.url}: tap targets under {TAP_TARGET_MIN} px: {small}"


@pytest.mark.parametrize("language", ["ar", "pl"])
def test_the_month_fits_the_phone_right_to_left_and_in_long_words(
    phone, live_server: LiveServer, language
):
    page = phone.new_page()
    page.goto(f"{live_server.url}/agenda?view=month&lang={language}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert axe_22_violations(page) == []
    assert_fits_the_phone(page)


def test_the_month_grid_passes_target_size_on_a_desktop_too(
    browser: Browser,
    live_server: LiveServer,
    desktop_context_args: dict,  # noqa: F811
):
    context = browser.new_context(**desktop_context_args)
    page = context.new_page()
    page.goto(live_server.url + "/agenda?view=month")
    expect(page.locator(".wp-act-month__list").first).to_be_visible()  # the titles show
    assert axe_22_violations(page) == []
    context.close()


def _tap_a_busy_day(page: Page) -> tuple[str, int]:
    """Tap a day of the month with activities other than the one shown; return it and its count."""
    cell = page.locator(
        "td.wp-act-month__cell:not(.wp-act-month__cell--chosen):not(.wp-act-month__cell--other)",
        has=page.locator(".wp-act-month__dot"),
    ).first
    link = cell.locator("a.wp-act-month__day")
    count = int(cell.locator(".wp-act-month__dot").inner_text())
    href = link.get_attribute("href") or ""
    day = re.search(r"dag=(\d{4}-\d{2}-\d{2})", href)
    assert day, href
    link.tap()
    return day.group(1), count


@pytest.mark.parametrize("javascript", [True, False])
def test_tapping_a_day_of_the_month_shows_that_days_activities(
    phone, phone_without_javascript, live_server: LiveServer, javascript
):
    page = (phone if javascript else phone_without_javascript).new_page()
    page.goto(live_server.url + "/agenda?view=month")
    day, count = _tap_a_busy_day(page)
    expect(page).to_have_url(re.compile(rf"dag={day}"))
    chosen = page.locator(f'section.agenda-day[data-day="{day}"]')
    expect(chosen).to_be_in_viewport()
    expect(chosen.locator(".wp-act-item")).to_have_count(count)
    expect(
        page.locator(f'a.wp-act-month__day[aria-current="true"][href*="dag={day}"]')
    ).to_have_count(1)
    if javascript:  # axe-core needs it; the page itself does not
        assert axe_22_violations(page) == []
    assert_fits_the_phone(page)
