"""The agenda in Chromium on a phone: the resident's journey and axe-core on every view.

The generic crawler (tests/browser) visits pages by path only; the agenda's views, the
poster of another week and the organiser's pages need query strings, so they are checked here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import log_in
from tests.browser.conftest import (  # noqa: F401  (fixtures shared with the browser suite)
    IN_CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
)
from tests.browser.conftest import context as context  # noqa: F811
from tests.browser.conftest import live_server as live_server  # noqa: F811
from tests.browser.crawl import run_axe

pytestmark = IN_CHROMIUM


def assert_accessible(page: Page) -> None:
    violations = run_axe(page)
    assert not violations, [
        f"{page.url} {v['id']}: {v['help']} {[(n['target'], n['summary']) for n in v['nodes']][:3]}"
        for v in violations
    ]


def test_a_resident_signs_up_for_wednesdays_activity_for_children(page: Page, live_server):
    resident = live_server.people["resident"]
    log_in(page, live_server.url, resident.login, resident.password)
    page.goto(live_server.url + "/agenda")
    assert_accessible(page)
    page.locator("nav.wp-act-views").get_by_role("link", name="Deze week").click()
    page.locator(".wp-act-filters summary").click()
    page.select_option("#target", "children")
    page.locator(".wp-act-filters__form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"period=week.*target=children"))
    assert_accessible(page)
    wednesday = page.locator(".agenda-day", has=page.locator("h2", has_text="woensdag"))
    wednesday.get_by_role("link", name="Knutselmiddag").first.click()
    expect(page.locator("h1")).to_have_text("Knutselmiddag")
    assert_accessible(page)
    page.locator(".wp-act-date").first.get_by_role("button", name=re.compile("Aanmelden")).click()
    expect(page.locator(".wp-alert")).to_contain_text("Je bent aangemeld")
    expect(page.locator(".wp-act-date").first).to_contain_text("Je bent aangemeld.")
    assert_accessible(page)
    link = page.get_by_role("link", name="Zet in mijn agenda")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VTIMEZONE" in response.text() and "Knutselmiddag" in response.text()


@pytest.mark.parametrize(
    "path",
    [
        "/agenda?view=week",
        "/agenda?view=month",
        "/agenda?period=today",
        "/agenda?date=niet-goed",
        "/agenda/poster/crabbehof",
        "/beheer/agenda",
        "/agenda/nieuw",
    ],
)
def test_the_agenda_views_are_accessible_on_a_phone(page: Page, live_server, path):
    resident = live_server.people["resident"]
    log_in(page, live_server.url, resident.login, resident.password)
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_the_organisers_pages_are_accessible(context, live_server):
    context.add_cookies([live_server.session_cookie(live_server.people["admin"])])
    page = context.new_page()
    page.goto(live_server.url + "/agenda")
    page.get_by_role("link", name="Eettafel").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Wie komen er")).first.click()
    expect(page.locator("h1")).to_contain_text("Wie komen er")
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name=re.compile("^Deze datum afzeggen")).first.click()
    assert_accessible(page)
    page.get_by_label("Reden").fill("")
    page.get_by_role("button", name="Wijziging opslaan").click()
    expect(page.locator("#reason-error")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/agenda/nieuw")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#title-error")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/beheer/agenda/voorstellen")
    assert_accessible(page)
