"""A guest's journey on a small phone, in each of the five languages (issue 12, "Done means").

From a shared link in their language (``/?lang=tr``) a guest finds the debt help by typing the
word for debt, opens the map with one tap, sees this week's activities grouped by day, and puts
out a question — by touch only. Every tap is counted and each goal has a most; on every page the
first content (``<main>``'s first heading or the search box) starts at most 120 px down.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import TIMEOUT_MS, LiveServer

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
FIRST_CONTENT_MAX = 120  # px above the first heading or search box of <main>
# The word a resident types for "debt", in their own language.
DEBT = {"nl": "schulden", "en": "debt", "tr": "borç", "ar": "ديون", "pl": "długi"}
DEBT_HELP = "/kaart/4-schuldhulp-spreekuur"  # the demo's debt help (Stichting Dordrecht Sociaal)
DEBT_CATEGORY = "money-and-debt"
# The most taps per goal (a typed word is one tap in the box and one on the keyboard's Go).
MOST_TAPS = {"find debt help": 3, "map": 1, "open debt help": 2, "agenda": 1, "question": 11}

FIRST_CONTENT = """() => {
  window.scrollTo(0, 0);
  const first = document.querySelector('main h1, main h2, main input[type=search]');
  return first ? first.getBoundingClientRect().top : null;
}"""


@dataclass
class Guest:
    """A guest's phone: every tap goes through here, so that it is counted for its goal."""

    page: Page
    goal: str = ""
    taps: dict[str, int] = field(default_factory=dict)

    def start(self, goal: str) -> None:
        self.goal = goal
        self.taps[goal] = 0

    def tap(self, selector: str) -> None:
        self.taps[self.goal] += 1
        self.page.locator(selector).first.tap()

    def type_and_go(self, selector: str, text: str) -> None:
        """Tap a box, type ``text`` on the phone's keyboard and press its Go key (two taps)."""
        self.tap(selector)
        self.page.keyboard.type(text)
        self.taps[self.goal] += 1
        self.page.keyboard.press("Enter")

    def assert_first_content_in_sight(self) -> None:
        top = self.page.evaluate(FIRST_CONTENT)
        assert top is not None, f"{self.page.url}: no heading or search box in <main>"
        assert top <= FIRST_CONTENT_MAX, f"{self.page.url}: first content {top:.0f} px down"

    def assert_within_taps(self) -> None:
        assert self.taps[self.goal] <= MOST_TAPS[self.goal], (self.goal, self.taps)


@pytest.fixture
def guest(browser: Browser, browser_context_args: dict) -> Iterator[Guest]:
    """A fresh phone (no cookies: a guest) with touch, 360 × 740."""
    context = browser.new_context(**{**browser_context_args, "viewport": SMALL_PHONE})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield Guest(context.new_page())
    finally:
        context.close()


def this_week(today: dt.date) -> set[str]:
    """The days of the week (Monday to Sunday) that ``today`` is in, as YYYY-MM-DD."""
    monday = today - dt.timedelta(days=today.weekday())
    return {(monday + dt.timedelta(days=i)).isoformat() for i in range(7)}


def agenda_grouping_problem(page: Page, today: dt.date) -> str | None:
    """Say what is wrong with the agenda's grouping by day, or None when it is right.

    The markup is the agenda engineer's (``<section class="agenda-day" data-day="YYYY-MM-DD">``
    with an ``<h2>`` per day): until that branch is merged, this is what fails.
    """
    days = page.evaluate(
        """() => [...document.querySelectorAll('main section.agenda-day[data-day]')].map(s => ({
             day: s.dataset.day,
             heading: (s.querySelector(':scope > h2') || {}).textContent || '',
             activities: s.querySelectorAll('a[href^="/agenda/"]').length}))"""
    )
    if not days:
        return f"{page.url}: no <section class='agenda-day' data-day> in <main>"
    week = this_week(today)
    shown = [d["day"] for d in days]
    if shown != sorted(shown) or len(set(shown)) != len(shown):
        return f"days out of order or twice: {shown}"
    if not any(d["day"] in week for d in days):
        return f"none of this week's days {sorted(week)} among {shown}"
    for d in days:
        if not d["heading"].strip() or not d["activities"]:
            return f"a day without a heading or activities: {d}"
    return None


@pytest.mark.parametrize("language", ["nl", "en", "tr", "ar", "pl"])
def test_a_guest_on_a_phone_finds_debt_help_the_map_the_agenda_and_asks_a_question(
    guest: Guest, live_server: LiveServer, language: str
):
    page = guest.page
    html = page.locator("html")
    page.goto(f"{live_server.url}/?lang={language}")  # a link shared in their language
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    guest.assert_first_content_in_sight()

    # 1. The debt help, by typing the word for debt in their own language.
    guest.start("find debt help")
    guest.tap('nav.wp-nav a[href="/kaart"]')
    expect(page).to_have_url(re.compile(r"/kaart$"))
    guest.assert_first_content_in_sight()
    guest.type_and_go("main input[type=search]", DEBT[language])
    expect(page).to_have_url(re.compile(r"/kaart\?.*q="))
    cards = page.locator(".wp-smap-cards > li")
    expect(cards.first).to_be_visible()
    # Everything found is about money and debt, and the debt help is among it.
    assert cards.count() == page.locator(f".wp-smap-cards .wp-smap-dot--{DEBT_CATEGORY}").count()
    expect(page.locator(f'.wp-smap-cards a[href="{DEBT_HELP}"]')).to_have_count(1)
    guest.assert_first_content_in_sight()
    guest.assert_within_taps()

    # 2. What was found, on the map: one tap on the list/map switch.
    guest.start("map")
    expect(page.locator('[data-view-link="kaart"]')).to_be_in_viewport()
    guest.tap('[data-view-link="kaart"]')
    expect(page.locator("#wp-map")).to_be_visible()
    expect(page.locator(".wp-smap-cards")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    assert "q=" in page.url  # the map shows what was found, not everything
    page.wait_for_selector(".wp-smap-marker, .marker-cluster")
    guest.assert_within_taps()

    # 3. Back to the list, and open the debt help.
    guest.start("open debt help")
    guest.tap('[data-view-link="lijst"]')
    guest.tap(f'.wp-smap-cards a[href="{DEBT_HELP}"]')
    expect(page).to_have_url(live_server.url + DEBT_HELP)
    expect(page.locator(f"main .wp-smap-dot--{DEBT_CATEGORY}")).to_have_count(1)
    expect(html).to_have_attribute("lang", language)  # the link's language is remembered
    guest.assert_first_content_in_sight()
    guest.assert_within_taps()

    # 4. This week's activities, day by day.
    guest.start("agenda")
    guest.tap('nav.wp-nav a[href="/agenda"]')
    expect(page).to_have_url(re.compile(r"/agenda$"))
    expect(html).to_have_attribute("lang", language)
    guest.assert_first_content_in_sight()
    guest.assert_within_taps()
    today = dt.date.fromisoformat(page.evaluate("new Date().toLocaleDateString('sv')"))
    agenda_problem = agenda_grouping_problem(page, today)

    # 5. A question, as a guest, in three steps, ending on the confirmation.
    guest.start("question")
    guest.tap('nav.wp-nav a[href="/prikbord"]')
    expect(page).to_have_url(re.compile(r"/prikbord$"))
    guest.assert_first_content_in_sight()
    guest.tap('main a[href="/prikbord/nieuw"]')
    expect(page).to_have_url(re.compile(r"/prikbord/nieuw$"))
    guest.assert_first_content_in_sight()
    step = page.locator("fieldset.wp-hb-step:visible")
    expect(step).to_have_attribute("id", "stap-1")
    topic = page.locator("input[name=category]:not([data-public-space])").first
    guest.tap(f'label[for="{topic.get_attribute("id")}"]')
    guest.tap("#title")
    page.keyboard.type(f"Hulp met een brief ({language})")
    guest.tap(".wp-hb-stepnav button.utrecht-button--primary-action >> visible=true")
    expect(step).to_have_attribute("id", "stap-2")
    guest.tap(".wp-hb-stepnav button.utrecht-button--primary-action >> visible=true")
    expect(step).to_have_attribute("id", "stap-3")
    guest.tap('label[for="contact_route-0"]')  # call me
    guest.tap("#guest_name")
    page.keyboard.type("Gast")
    guest.tap("#guest_phone")
    page.keyboard.type(f"06123456{10 + ['nl', 'en', 'tr', 'ar', 'pl'].index(language)}")
    guest.tap("fieldset#stap-3 button[type=submit]")
    expect(page).to_have_url(re.compile(r"/verstuurd"))
    expect(page.locator("main h1")).to_be_visible()
    # The guest's own (Latin) words sit in a <bdi> inside the sentence, in Arabic too.
    expect(page.locator(".wp-hb-sent strong bdi")).to_have_text(f"Hulp met een brief ({language})")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    guest.assert_first_content_in_sight()
    guest.assert_within_taps()

    # AGENDA-GROUPING: fails until the agenda branch (sections per day) is merged.
    assert agenda_problem is None, agenda_problem
