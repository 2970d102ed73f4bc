"""The figures follow the neighbourhood (issue 13): per role, which neighbourhoods are offered
and which one is shown first.

A professional of Crabbehof is offered Crabbehof only (no "all together") and sees it without
choosing; asking for Wielwijk, or for all, is refused, on the page, the print page and every
CSV. Admins (and professionals of no neighbourhood, the programme office's) are offered every
neighbourhood and all together, and start at the visitor's chosen neighbourhood, else at all.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import make_neighbourhood
from tests.neighbourhoods.helpers import WIELWIJK_RING

URL = "/beheer/cijfers"


@pytest.fixture
def hoods(app):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    wielwijk = make_neighbourhood(
        "Wielwijk", boundary={"type": "Polygon", "coordinates": [WIELWIJK_RING]}
    )
    db.session.commit()
    return crabbehof, wielwijk


def _offered(page) -> tuple[list[str], str | None]:
    select = page.page.find("select", attrs={"name": "wijk"})
    options = select.find_all("option")
    chosen = next((o["value"] for o in options if o.has_attr("selected")), None)
    return [o["value"] for o in options], chosen


def test_a_professional_is_offered_only_their_own_neighbourhood_and_starts_there(
    client, login_as, hoods
):
    crabbehof, _wielwijk = hoods
    login_as("professional", neighbourhoods=[crabbehof])
    page = client.get(URL)
    assert page.status_code == 200
    offered, chosen = _offered(page)
    assert offered == ["crabbehof"]
    assert chosen == "crabbehof"
    assert "Crabbehof, " in page.page.find("main").get_text()


def test_a_professional_of_two_neighbourhoods_starts_at_the_chosen_one_of_theirs(
    client, login_as, hoods
):
    crabbehof, wielwijk = hoods
    login_as("professional", neighbourhoods=[crabbehof, wielwijk])
    client.set_cookie("wijk", "wielwijk")
    offered, chosen = _offered(client.get(URL))
    assert offered == ["crabbehof", "wielwijk"]
    assert chosen == "wielwijk"


@pytest.mark.parametrize(
    "path",
    [
        URL + "?wijk=wielwijk",
        URL + "?wijk=",
        URL + "/afdrukken?wijk=wielwijk",
        URL + "/afdrukken?wijk=",
        URL + "/questions.csv?wijk=wielwijk",
        URL + "/questions.csv?wijk=",
    ],
)
def test_a_professional_is_refused_another_neighbourhood_and_all_together(
    client, login_as, hoods, path
):
    crabbehof, _wielwijk = hoods
    login_as("professional", neighbourhoods=[crabbehof])
    assert client.get(path).status_code == 403


def test_a_professional_reads_the_csv_and_print_page_of_their_own_neighbourhood(
    client, login_as, hoods
):
    crabbehof, _wielwijk = hoods
    login_as("professional", neighbourhoods=[crabbehof])
    assert client.get(URL + "/afdrukken").status_code == 200
    csv = client.get(URL + "/questions.csv")
    assert csv.status_code == 200
    assert "crabbehof" in csv.headers["Content-Disposition"]


@pytest.mark.parametrize("role", ["admin", "professional"])
def test_admins_and_the_programme_office_are_offered_all_and_start_at_the_visitors_choice(
    client, login_as, hoods, role
):
    login_as(role)  # a professional of no neighbourhood: the programme office's
    offered, chosen = _offered(client.get(URL))
    assert offered == ["", "crabbehof", "wielwijk"]
    assert chosen in ("", None)  # no choice made: all neighbourhoods together
    client.set_cookie("wijk", "wielwijk")
    offered, chosen = _offered(client.get(URL))
    assert chosen == "wielwijk"
    # Choosing "all" in the form still shows all, whatever the cookie says.
    page = client.get(URL + "?wijk=")
    assert page.status_code == 200
    assert _offered(page)[1] in ("", None)
    assert "Alle wijken, " in page.page.find("main").get_text()
