"""A neighbourhood's professionals keep its contact point; it shows in every page's footer."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.factories import make_neighbourhood, make_user


@pytest.fixture
def hoods(client):
    client.set_cookie("wijkplein_lang", "en")
    crabbehof = make_neighbourhood(
        "Crabbehof",
        is_default=True,
        contact_name="Wijkpunt Crabbehoeve",
        contact_phone="078 123 45 67",
        contact_opening_hours="Monday 9:00 to 12:00",
    )
    wielwijk = make_neighbourhood("Wielwijk", contact_name="Wijkpunt Wielwijk")
    db.session.commit()
    return crabbehof, wielwijk


def test_a_professional_of_the_neighbourhood_keeps_its_contact_point(client, login_as, hoods):
    _, wielwijk = hoods
    pro = make_user("professional", neighbourhoods=[wielwijk])
    db.session.commit()
    login_as(user=pro)
    listing = client.get("/beheer/wijken/aanspreekpunt").page
    assert "Wielwijk" in listing.find("main").get_text()
    assert "Crabbehof" not in listing.find("main").get_text()
    page = client.get(f"/beheer/wijken/{wielwijk.id}/aanspreekpunt").page
    assert page.find(id="name")["value"] == "Wijkpunt Wielwijk"
    response = client.post(
        f"/beheer/wijken/{wielwijk.id}/aanspreekpunt",
        data={
            "name": "Wijkpunt Wielwijk",
            "address": "Wielwijkplein 5",
            "opening_hours": "Monday 9:00 to 15:00",
            "phone": "078 123 45 89",
            "team": "Social team",
        },
    )
    assert response.status_code == 302
    db.session.refresh(wielwijk)
    assert (wielwijk.contact_address, wielwijk.contact_phone) == (
        "Wielwijkplein 5",
        "078 123 45 89",
    )


def test_a_bad_phone_number_comes_back_with_what_was_typed(client, login_as, hoods):
    _, wielwijk = hoods
    login_as(user=make_user("professional", neighbourhoods=[wielwijk]))
    response = client.post(
        f"/beheer/wijken/{wielwijk.id}/aanspreekpunt",
        data={"name": "Wijkpunt W", "address": "Plein 5", "phone": "bel me"},
    )
    assert response.status_code == 200
    assert response.page.find(id="phone-error") is not None
    assert response.page.find(id="address")["value"] == "Plein 5"


def test_a_professional_of_another_neighbourhood_may_not(client, login_as, hoods):
    crabbehof, wielwijk = hoods
    login_as(user=make_user("professional", neighbourhoods=[crabbehof]))
    assert client.get(f"/beheer/wijken/{wielwijk.id}/aanspreekpunt").status_code == 403
    response = client.post(f"/beheer/wijken/{wielwijk.id}/aanspreekpunt", data={"name": "X"})
    assert response.status_code == 403
    db.session.refresh(wielwijk)
    assert wielwijk.contact_name == "Wijkpunt Wielwijk"


def test_an_admin_keeps_every_contact_point(client, login_as, hoods):
    _, wielwijk = hoods
    login_as("admin")
    assert client.get(f"/beheer/wijken/{wielwijk.id}/aanspreekpunt").status_code == 200


@pytest.mark.parametrize("path", ["/", "/kaart", "/agenda", "/prikbord", "/privacy", "/wijk"])
def test_the_footer_of_every_page_shows_the_chosen_neighbourhoods_contact_point(
    client, hoods, path
):
    footer = client.get(path).page.find("footer")
    assert "Wijkpunt Crabbehoeve" in footer.get_text()
    assert footer.find("a", href="tel:0781234567") is not None
    client.set_cookie("wijk", "wielwijk")
    footer = client.get(path).page.find("footer")
    assert "Wijkpunt Wielwijk" in footer.get_text()
    assert "Crabbehoeve" not in footer.get_text()


def test_the_footer_of_a_missing_page_shows_it_too(client, hoods):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Wijkpunt Crabbehoeve" in response.page.find("footer").get_text()


def test_a_neighbourhood_without_a_contact_point_shows_none(client, hoods):
    make_neighbourhood("Oud-Krispijn")
    db.session.commit()
    client.set_cookie("wijk", "oud-krispijn")
    footer = client.get("/").page.find("footer")
    assert footer.find(class_="wp-contact-point") is None


def test_a_search_that_finds_nothing_offers_the_chosen_neighbourhoods_contact_point(client, hoods):
    page = client.get("/kaart", query_string={"q": "xylofoon"}).page
    offered = page.select_one(".wp-smap-no-results .wp-smap-contact-point")
    assert offered is not None and "Wijkpunt Crabbehoeve" in offered.get_text()
    client.set_cookie("wijk", "wielwijk")
    page = client.get("/kaart", query_string={"q": "xylofoon"}).page
    assert "Wijkpunt Wielwijk" in page.select_one(".wp-smap-contact-point").get_text()


def test_the_poster_shows_its_neighbourhoods_contact_point_and_links_to_its_agenda(client, hoods):
    page = client.get("/agenda/poster/wielwijk").page
    poster = page.find("article", class_="wp-act-poster")
    assert "Wijkpunt Wielwijk" in poster.find(class_="wp-contact-point").get_text()
    assert "wijk=wielwijk" in poster.find("figcaption").get_text()


def test_the_board_points_to_the_neighbourhoods_own_reporting_link(app, client, hoods):
    _, wielwijk = hoods
    wielwijk.reporting_url = "https://meldingen.example/wielwijk"
    db.session.commit()
    page = client.get("/prikbord/nieuw").page
    assert page.find("a", href=app.config["FIXI_URL"]) is not None
    client.set_cookie("wijk", "wielwijk")
    page = client.get("/prikbord/nieuw").page
    assert page.find("a", href="https://meldingen.example/wielwijk") is not None
