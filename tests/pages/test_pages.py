"""The shared pages: home, privacy, accessibility, security.txt, health, errors."""

from __future__ import annotations

import pytest

from app import create_app


def test_the_home_page_is_in_dutch_by_default(get_page):
    page = get_page("/")
    assert page.html["lang"] == "nl"
    assert page.html["dir"] == "ltr"


@pytest.mark.parametrize("path", ["/", "/privacy", "/toegankelijkheid", "/account/inloggen"])
def test_every_page_has_a_footer_with_privacy_and_accessibility_links(get_page, path):
    footer = get_page(path).find("footer")
    links = {a["href"] for a in footer.find_all("a")}
    assert {"/privacy", "/toegankelijkheid"} <= links


def test_security_txt_names_a_contact_and_an_expiry(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert "Contact:" in body and "Expires:" in body


def test_healthz_answers_ok_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok"


def test_healthz_answers_503_without_a_database(smtp_server, tmp_path):
    app = create_app(
        {
            "WIJKPLEIN_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_an_unknown_page_gives_a_404_in_the_users_language(get_page):
    page = get_page("/bestaat-niet", status=404, headers={"Accept-Language": "en"})
    assert page.html["lang"] == "en"


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"WIJKPLEIN_ENV": "production", "SECRET_KEY": None})


def test_every_response_carries_a_strict_content_security_policy(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    # The home page has no inline script, so its policy allows scripts from this origin only
    # (a page with inline script gets "'self' 'nonce-…'": tests/pages_helper.check_page).
    assert "script-src 'self'" in csp
    assert "img-src 'self'" in csp
