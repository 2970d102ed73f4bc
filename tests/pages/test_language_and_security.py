"""Language choice, error pages in the user's language, cookies and security headers."""

from __future__ import annotations

import pytest

from app.core.i18n import LANGUAGE_COOKIE
from app.extensions import db
from tests.conftest import make_test_app


def test_the_browsers_language_is_the_first_guess(get_page):
    assert get_page("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).html["lang"] == "en"
    assert get_page("/", headers={"Accept-Language": "de-DE"}).html["lang"] == "nl"


def test_a_visitor_switches_to_english_and_it_is_remembered(client, get_page):
    response = client.post("/taal", data={"language": "en", "next": "/privacy"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy"
    cookie = client.get_cookie(LANGUAGE_COOKIE)
    assert cookie is not None and cookie.value == "en"
    assert cookie.http_only
    page = get_page("/privacy")
    assert page.html["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == "Privacy statement"


def test_arabic_is_rendered_right_to_left(client, get_page):
    client.post("/taal", data={"language": "ar", "next": "/"})
    page = get_page("/")
    assert page.html["lang"] == "ar"
    assert page.html["dir"] == "rtl"


def test_a_logged_in_persons_choice_is_kept_in_their_profile(client, login_as):
    user = login_as("resident")
    client.post("/taal", data={"language": "en", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "en"
    # Another device without the cookie gets the profile's language.
    client.delete_cookie(LANGUAGE_COOKIE)
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_an_unknown_language_is_ignored(client):
    response = client.post("/taal", data={"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert client.get_cookie(LANGUAGE_COOKIE) is None


def test_the_language_switch_does_not_redirect_to_another_site(client):
    response = client.post("/taal", data={"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    response = client.post("/taal", data={"language": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_every_page_offers_the_language_switch(get_page):
    page = get_page("/toegankelijkheid")
    buttons = {b["value"] for b in page.select("form[action='/taal'] button[name=language]")}
    assert {"nl", "en", "ar"} <= buttons


@pytest.mark.parametrize(
    ("code", "dutch", "english"),
    [
        (400, "Er ging iets mis", "Something went wrong with your request"),
        (403, "Deze pagina mag je niet openen", "You may not open this page"),
        (404, "Pagina niet gevonden", "Page not found"),
        (429, "Te vaak geprobeerd", "Too many attempts"),
        (500, "Er ging bij ons iets mis", "Something went wrong on our side"),
        (503, "Wijkplein werkt nu even niet", "Wijkplein is not available right now"),
    ],
)
def test_error_pages_speak_the_users_language(app, code, dutch, english):
    from app.core.errors import render_error

    for language, title in (("nl", dutch), ("en", english)):
        with (
            app.app_context(),
            app.test_request_context("/", headers={"Accept-Language": language}),
        ):
            html, status = render_error(code)
        assert status == code
        assert title in html


def test_an_unexpected_error_shows_the_500_page_not_a_traceback(database_url, smtp_server):
    _, port = smtp_server
    app = make_test_app(database_url, port, TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom", headers={"Accept-Language": "nl"})
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)


def test_security_headers_are_set(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_session_cookies_are_httponly_lax_and_secure_in_production(database_url, smtp_server):
    _, port = smtp_server
    app = make_test_app(database_url, port, WIJKPLEIN_ENV="production", SECRET_KEY="x" * 40)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_inline_scripts_need_the_nonce_of_the_csp(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    inline = html.count("<script>") + html.count("<script nonce")
    if "'nonce-" not in csp:
        assert inline == 0  # a page without inline script needs (and gets) no nonce
    else:
        nonce = csp.split("'nonce-")[1].split("'")[0]
        assert inline == html.count(f'nonce="{nonce}"')
