"""The board and the agenda follow the chosen neighbourhood (issue 13), and so does the cache.

Wielwijk's visitor sees Wielwijk's open questions and activities, Crabbehof's visitor
Crabbehof's; without a choice the default neighbourhood's, as on the home page. Each page says
which neighbourhood it shows, with a link to choose another. Anonymous pages are kept per
neighbourhood (the ``wijk`` cookie is part of the page cache key): the second visit of each is
served from the cache, and never the other neighbourhood's copy.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.extensions import db
from tests.activities.factories import make_activity
from tests.core.test_page_cache import counting_queries
from tests.factories import make_neighbourhood
from tests.helpboard.factories import make_question
from tests.neighbourhoods.helpers import WIELWIJK_RING


@pytest.fixture
def hoods(app):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    wielwijk = make_neighbourhood(
        "Wielwijk", boundary={"type": "Polygon", "coordinates": [WIELWIJK_RING]}
    )
    make_question(neighbourhood_id=crabbehof.id, title="CRABBEHOF-QUESTION")
    make_question(neighbourhood_id=wielwijk.id, title="WIELWIJK-QUESTION")
    start = datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1, hours=2)
    make_activity("Crabbehof-koffie", start=start, neighbourhood=crabbehof)
    make_activity("Wielwijk-breien", start=start, neighbourhood=wielwijk)
    db.session.commit()
    return crabbehof, wielwijk


def _visitor(app, slug: str | None):
    client = app.test_client()
    client.set_cookie("wijkplein_lang", "en")
    if slug:
        client.set_cookie("wijk", slug)
    return client


# neighbourhood cookie → (what the board and agenda show, what they do not)
SHOWS = {
    "wielwijk": ("WIELWIJK", "CRABBEHOF", "Wielwijk-breien", "Crabbehof-koffie"),
    "crabbehof": ("CRABBEHOF", "WIELWIJK", "Crabbehof-koffie", "Wielwijk-breien"),
    None: ("CRABBEHOF", "WIELWIJK", "Crabbehof-koffie", "Wielwijk-breien"),
}


@pytest.mark.parametrize("slug", ["wielwijk", "crabbehof", None])
def test_the_board_shows_the_open_questions_of_the_chosen_neighbourhood_only(app, hoods, slug):
    shown, hidden, _a, _b = SHOWS[slug]
    page = _visitor(app, slug).get("/prikbord")
    text = page.get_data(as_text=True)
    assert f"{shown}-QUESTION" in text
    assert f"{hidden}-QUESTION" not in text
    line = page.page.select_one(".wp-current-hood")
    assert line is not None
    assert f"Neighbourhood: {shown.title()}" in line.get_text()
    link = line.find("a")
    assert link["href"] == "/wijk?next=/prikbord"
    assert link.get_text() == "other neighbourhood"


def test_a_link_naming_the_neighbourhood_shows_its_board(app, hoods):
    page = _visitor(app, None).get("/prikbord?wijk=wielwijk")
    assert "WIELWIJK-QUESTION" in page.get_data(as_text=True)
    assert "CRABBEHOF-QUESTION" not in page.get_data(as_text=True)


@pytest.mark.parametrize("slug", ["wielwijk", "crabbehof", None])
def test_the_agenda_shows_the_activities_of_the_chosen_neighbourhood_only(app, hoods, slug):
    _a, _b, shown, hidden = SHOWS[slug]
    for view in ("list", "week", "month"):
        page = _visitor(app, slug).get(f"/agenda?view={view}")
        text = page.get_data(as_text=True)
        assert shown in text, view
        assert hidden not in text, view
        assert page.page.select_one(".wp-current-hood") is not None, view


def test_the_calendar_feed_stays_city_wide(app, hoods):
    feed = _visitor(app, "wielwijk").get("/agenda.ics").get_data(as_text=True)
    assert "Crabbehof-koffie" in feed and "Wielwijk-breien" in feed


@pytest.mark.parametrize("path", ["/prikbord", "/agenda"])
def test_two_neighbourhoods_never_see_each_others_cached_page(app, hoods, path):
    wielwijk = _visitor(app, "wielwijk")
    crabbehof = _visitor(app, "crabbehof")
    nobody = _visitor(app, None)
    first = {
        "wielwijk": wielwijk.get(path).get_data(as_text=True),
        "crabbehof": crabbehof.get(path).get_data(as_text=True),
    }
    assert first["wielwijk"] != first["crabbehof"]
    # Every second visit is the cache's (no query at all), and each gets its own copy.
    for name, client in (("crabbehof", crabbehof), ("wielwijk", wielwijk)):
        with counting_queries() as statements:
            again = client.get(path)
        assert statements == [], name
        assert again.get_data(as_text=True) == first[name]
    marker = "WIELWIJK-QUESTION" if path == "/prikbord" else "Wielwijk-breien"
    assert marker in first["wielwijk"]
    assert marker not in first["crabbehof"]
    # A visitor without a choice gets the default neighbourhood's page, never Wielwijk's copy.
    assert marker not in nobody.get(path).get_data(as_text=True)
    assert marker not in nobody.get(path).get_data(as_text=True)
