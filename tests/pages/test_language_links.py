"""A link can carry its language (?lang=ar), and the choice is remembered in the cookie."""

from __future__ import annotations

from app.core.i18n import LANGUAGE_COOKIE
from app.extensions import db


def test_an_arabic_link_opens_the_map_in_arabic_and_is_remembered(client, get_page):
    response = client.get("/kaart?lang=ar", headers={"Accept-Language": "nl"})
    assert response.status_code == 200
    page = get_page("/kaart?lang=ar")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    cookie = client.get_cookie(LANGUAGE_COOKIE)
    assert cookie is not None and cookie.value == "ar" and cookie.http_only
    # The next page, without the parameter, stays in Arabic.
    assert get_page("/agenda").html["lang"] == "ar"


def test_a_language_link_creates_no_session_and_is_not_kept_by_shared_caches(client):
    response = client.get("/privacy?lang=pl")
    set_cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith(f"{LANGUAGE_COOKIE}=pl") for c in set_cookies)
    assert not any(c.startswith("session=") for c in set_cookies)
    assert "public" not in response.headers["Cache-Control"]
    # Once remembered, the same link sets no cookie again.
    again = client.get("/privacy?lang=pl")
    assert not again.headers.getlist("Set-Cookie")


def test_a_link_in_an_unknown_language_is_ignored(client, get_page):
    client.get("/?lang=xx", headers={"Accept-Language": "en"})
    assert client.get_cookie(LANGUAGE_COOKIE) is None
    assert get_page("/?lang=xx", headers={"Accept-Language": "en"}).html["lang"] == "en"


def test_a_language_link_wins_over_the_profile_without_changing_it(client, login_as, get_page):
    user = login_as("resident")
    user.locale = "nl"
    db.session.commit()
    assert get_page("/?lang=tr").html["lang"] == "tr"
    db.session.refresh(user)
    assert user.locale == "nl"
