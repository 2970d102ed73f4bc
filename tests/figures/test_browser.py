"""The figures in Chromium on a 360 px phone: charts beside tables, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401  (fixtures shared with the browser suite)
    IN_CHROMIUM,
    browser_type_launch_args,
)
from tests.browser.conftest import live_server as live_server  # noqa: F811
from tests.browser.crawl import run_axe

pytestmark = IN_CHROMIUM


@pytest.fixture(scope="session")
def browser_context_args() -> dict:
    return {"viewport": {"width": 360, "height": 780}, "locale": "nl-NL"}


@pytest.mark.parametrize("path", ["/beheer/cijfers", "/beheer/cijfers/afdrukken"])
def test_the_figures_of_crabbehof_on_a_phone_meet_wcag(new_context, live_server, path):  # noqa: F811
    context = new_context()
    context.set_default_timeout(20_000)
    context.add_cookies([live_server.session_cookie(live_server.people["professional"])])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + path + "?wijk=crabbehof&soort=year", wait_until="load")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Crabbehof")
    assert page.locator("svg[role=img]").count() >= 5
    assert page.get_by_text("<10").first.is_visible()
    violations = run_axe(page)
    assert not violations, [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in violations
    ]
    assert not errors  # no CSP violation: the charts carry no script and no style
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
