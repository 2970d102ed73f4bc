"""Every page a guest, a resident or a volunteer can reach, in each of the five languages, on a
360 px phone: zero axe-core violations of WCAG 2.2 AA, target size included (issue 12, "Done
means").

The pages are the crawl's (``crawl.py``: every page rule of the url_map, the first link to every
page with arguments, the agenda's and the map's other views, "page not found"), asked in the
language with ``?lang=``. One browser context per language; its visitors walk one after another
and every violation of every page is reported at once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser.actions import log_in
from tests.browser.conftest import TIMEOUT_MS, LiveServer
from tests.browser.crawl import VIEWS, Crawl, Crawler, run_axe_22

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
LANGUAGES = ("nl", "en", "tr", "ar", "pl")
VISITORS = ("anonymous", "resident", "volunteer")
PROFILE_PATH = "/account/"  # opens only for someone logged in


@pytest.fixture(scope="module")
def sweeps(
    browser: Browser, browser_context_args: dict, live_server: LiveServer
) -> dict[str, list[Crawl]]:
    """Walk the site in every language as every visitor: {language: [crawl per visitor]}."""
    found: dict[str, list[Crawl]] = {}
    for language in LANGUAGES:
        context = browser.new_context(**{**browser_context_args, "viewport": SMALL_PHONE})
        context.set_default_timeout(TIMEOUT_MS)
        axe_results: dict[str, list[dict]] = {}  # the same page (DOM) is checked once
        try:
            page = context.new_page()
            for visitor in VISITORS:
                context.clear_cookies()
                person = live_server.people.get(visitor)
                if person:
                    log_in(page, live_server.url, person.login, person.password)
                crawler = Crawler(
                    live_server.app,
                    live_server.url,
                    context,
                    f"[{visitor}, {language}]",
                    axe_results,
                    language=language,
                    axe=run_axe_22,
                    views=VIEWS,
                    ask_first=True,
                )
                found.setdefault(language, []).append(crawler.crawl())
        finally:
            context.close()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_meets_wcag_22_aa_on_a_small_phone(sweeps, language):
    crawls = sweeps[language]
    for visitor, crawl in zip(VISITORS, crawls, strict=True):
        assert len(crawl.checked()) > 10, f"{crawl.label}: {len(crawl.checked())} pages checked"
        profile = next(v for v in crawl.visits if urlsplit(v.url).path == PROFILE_PATH)
        logged_in = urlsplit(profile.final_url).path == PROFILE_PATH
        assert logged_in == (visitor != "anonymous"), f"{crawl.label} logged in: {logged_in}"
        checked = {urlsplit(v.final_url).path for v in crawl.checked()}
        assert {"/kaart", "/agenda", "/prikbord/nieuw"} <= checked, sorted(checked)
    failing = [(crawl, visit) for crawl in crawls for visit in crawl.visits if visit.violations]
    assert not failing, (
        f"axe-core found WCAG 2.2 AA violations on {len(failing)} pages in {language}:\n"
        + "\n".join(report for report in (c.violation_report() for c in crawls) if report)
    )
