"""The browser's remembered choices (language, neighbourhood) get the same cookie attributes."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from app.extensions import db
from tests.factories import make_neighbourhood


def _cookies(response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        jar.load(header)
    return jar


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize(
    ("link", "name", "value"),
    [("/?lang=ar", "wijkplein_lang", "ar"), ("/?wijk=wielwijk", "wijk", "wielwijk")],
)
def test_a_remembered_choice_is_a_lax_httponly_cookie_for_a_year(
    app, client, link, name, value, secure
):
    make_neighbourhood("Crabbehof", is_default=True)
    make_neighbourhood("Wielwijk")
    db.session.commit()
    app.config["SESSION_COOKIE_SECURE"] = secure
    cookie = _cookies(client.get(link))[name]
    assert cookie.value == value
    assert cookie["max-age"] == str(365 * 24 * 3600)
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert bool(cookie["secure"]) is secure
    assert cookie["path"] == "/"
