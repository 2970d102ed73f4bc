"""A visitor chooses a neighbourhood once: ?wijk= or the picker, kept in a plain cookie that the
page cache key covers, so two neighbourhoods get two cached pages."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from app.core.page_cache import cache_key
from app.extensions import db
from tests.core.test_page_cache import counting_queries
from tests.factories import make_neighbourhood
from tests.neighbourhoods.helpers import IN_WIELWIJK, WIELWIJK_RING


@pytest.fixture
def hoods(client):
    client.set_cookie("wijkplein_lang", "en")
    crabbehof = make_neighbourhood(
        "Crabbehof", is_default=True, contact_name="Wijkpunt Crabbehoeve"
    )
    wielwijk = make_neighbourhood(
        "Wielwijk",
        contact_name="Wijkpunt Wielwijk",
        boundary={"type": "Polygon", "coordinates": [WIELWIJK_RING]},
    )
    db.session.commit()
    return crabbehof, wielwijk


def _set_cookie(response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        jar.load(header)
    return jar


def test_a_link_names_the_neighbourhood_and_the_choice_is_remembered(client, hoods):
    response = client.get("/?wijk=wielwijk")
    jar = _set_cookie(response)
    assert jar["wijk"].value == "wielwijk"
    assert "session" not in jar  # a plain cookie, no session
    assert "Wijkpunt Wielwijk" in response.page.find("footer").get_text()
    # The next page, without the link, stays in Wielwijk.
    assert "Wijkpunt Wielwijk" in client.get("/agenda").page.find("footer").get_text()


def test_following_the_same_link_again_sets_no_cookie(client, hoods):
    client.get("/?wijk=wielwijk")
    again = client.get("/kaart?wijk=wielwijk")
    assert "Set-Cookie" not in again.headers


@pytest.mark.parametrize("slug", ["nergens", "Wielwijk!", "../x", ""])
def test_an_unknown_or_odd_neighbourhood_is_ignored(client, hoods, slug):
    response = client.get("/", query_string={"wijk": slug})
    assert response.status_code == 200
    assert "wijk" not in _set_cookie(response)
    assert "Wijkpunt Crabbehoeve" in response.page.find("footer").get_text()


def test_a_closed_neighbourhood_cannot_be_chosen(client, hoods):
    _, wielwijk = hoods
    wielwijk.is_active = False
    db.session.commit()
    response = client.get("/?wijk=wielwijk")
    assert "wijk" not in _set_cookie(response)
    client.set_cookie("wijk", "wielwijk")
    assert "Wijkpunt Crabbehoeve" in client.get("/").page.find("footer").get_text()


def test_two_neighbourhoods_get_two_cached_pages(client, hoods):
    client.set_cookie("wijk", "wielwijk")
    wielwijk_page = client.get("/")
    with counting_queries() as statements:
        again = client.get("/")
    assert statements == []  # served from the page cache
    assert again.data == wielwijk_page.data
    client.set_cookie("wijk", "crabbehof")
    crabbehof_page = client.get("/")
    assert crabbehof_page.data != wielwijk_page.data
    assert "Wijkpunt Crabbehoeve" in crabbehof_page.get_data(as_text=True)
    with counting_queries() as statements:
        assert client.get("/").data == crabbehof_page.data
    assert statements == []
    client.set_cookie("wijk", "wielwijk")
    assert "Wijkpunt Wielwijk" in client.get("/").get_data(as_text=True)


def test_the_cache_key_covers_the_neighbourhood_cookie(app):
    environ = {"PATH_INFO": "/", "HTTP_HOST": "localhost", "wsgi.url_scheme": "http"}

    def key(cookie: str | None) -> str:
        env = dict(environ, HTTP_COOKIE=f"wijk={cookie}") if cookie else dict(environ)
        return cache_key(app, env, {})[0]

    assert key("wielwijk") != key("crabbehof")
    assert key("wielwijk") == key("wielwijk")
    assert key(None) == key("Not A Slug!")  # an odd value is no key of its own


def test_the_picker_lists_the_open_neighbourhoods_and_links_choose_them(client, hoods):
    page = client.get("/wijk?next=/agenda").page
    links = {a.get_text(): a["href"] for a in page.find(class_="wp-nbh-list").find_all("a")}
    assert links == {"Crabbehof": "/agenda?wijk=crabbehof", "Wielwijk": "/agenda?wijk=wielwijk"}


def test_the_picker_never_sends_elsewhere(client, hoods):
    page = client.get("/wijk?next=https://evil.example/").page
    hrefs = [a["href"] for a in page.find(class_="wp-nbh-list").find_all("a")]
    assert hrefs == ["/?wijk=crabbehof", "/?wijk=wielwijk"]


def test_a_shared_location_suggests_the_neighbourhood_that_holds_it(client, hoods):
    lat, lon = IN_WIELWIJK
    response = client.post(
        "/wijk", data={"lat": lat, "lon": lon, "next": "/"}, headers={"Origin": "http://localhost"}
    )
    assert response.status_code == 200
    status = response.page.find(class_="wp-alert--info")
    assert "Your location is in Wielwijk" in status.get_text()
    assert status.find("a")["href"] == "/?wijk=wielwijk"
    assert "Set-Cookie" not in response.headers  # nothing is kept


def test_a_location_outside_every_neighbourhood_says_so(client, hoods):
    response = client.post("/wijk", data={"lat": 52.37, "lon": 4.89})
    assert (
        "not in one of our neighbourhoods" in response.page.find(class_="wp-alert--info").get_text()
    )


def test_a_location_that_is_not_one_is_refused_kindly(client, hoods):
    response = client.post("/wijk", data={"lat": "abc", "lon": "999"})
    assert response.status_code == 422
    assert "could not be read" in response.get_data(as_text=True)


def test_a_location_from_another_site_is_refused(app, smtp_server, hoods):
    from tests.conftest import make_test_app

    strict = make_test_app(
        app.config["SQLALCHEMY_DATABASE_URI"], smtp_server[1], WTF_CSRF_ENABLED=True
    )
    response = strict.test_client().post(
        "/wijk", data={"lat": 51.8, "lon": 4.65}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 400
