"""The week poster prints on one A4 sheet, in every language, as Chromium prints it.

Chromium's own PDF output (``page.pdf(format="A4")``, which uses the print style sheet) is
counted: Skia writes one ``/Type /Page`` object per sheet, uncompressed.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page

from app.activities.agenda import today
from app.extensions import db
from tests.activities.factories import make_activity, make_location
from tests.browser.conftest import (  # noqa: F401  (fixtures shared with the browser suite)
    IN_CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
)
from tests.browser.conftest import context as context  # noqa: F811
from tests.browser.conftest import live_server as live_server  # noqa: F811
from tests.factories import make_neighbourhood

pytestmark = IN_CHROMIUM

LANGUAGES = ("nl", "en", "tr", "ar", "pl")
# A page object, not the page tree ("/Type /Pages").
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(page: Page, url: str) -> int:
    """Open ``url`` and return how many A4 sheets Chromium prints it on."""
    page.goto(url)
    return len(PAGE_OBJECT.findall(page.pdf(format="A4")))


@pytest.fixture(scope="module")
def full_week(live_server) -> str:
    """A neighbourhood whose week is packed: eight long-named activities every day."""
    with live_server.app.app_context():
        packed = make_neighbourhood("Drukke Buurt", slug="drukke-buurt")
        place = make_location(
            "Wijkcentrum De Grote Ontmoetingsplaats", address="Aletta Jacobsstraat 200"
        )
        monday = today() - timedelta(days=today().weekday())
        for day in range(7):
            for hour in range(9, 17):
                make_activity(
                    f"Taalcafé en koffieochtend voor nieuwe buren met kinderopvang {day}{hour}",
                    start=datetime.combine(monday + timedelta(days=day), datetime.min.time())
                    + timedelta(hours=hour),
                    hours=1.5,
                    neighbourhood=packed,
                    location=place,
                )
        db.session.commit()
        db.session.remove()
    return "drukke-buurt"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_weeks_poster_prints_on_one_a4(page: Page, live_server, language):
    assert pdf_pages(page, f"{live_server.url}/agenda/poster/crabbehof?lang={language}") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_full_weeks_poster_prints_on_one_a4_and_points_to_the_agenda(
    page: Page, live_server, full_week, language
):
    url = f"{live_server.url}/agenda/poster/{full_week}?lang={language}"
    assert pdf_pages(page, url) == 1
    # What did not fit is not lost: each day says how much more the agenda has.
    assert page.locator(".wp-act-poster__more").count() == 7
