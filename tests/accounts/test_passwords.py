"""Forgotten password by mail, a new password through a link, changing the password."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from app.accounts.models import User
from app.accounts.tokens import make_reset_token
from app.extensions import db
from tests.accounts.helpers import is_logged_in, link_in, log_in
from tests.factories import PASSWORD, make_user
from tests.pages_helper import field_errors

NEW_PASSWORD = "a brand new password"


def test_the_forgotten_password_page_says_people_without_email_ask_a_professional(get_page):
    page = get_page("/account/wachtwoord-vergeten")
    assert page.find("input", id="email")
    assert "professional" in page.get_text()


def test_a_resident_resets_a_forgotten_password_with_the_mailed_link(
    app, client, mailbox, get_page, post_page
):
    make_user(email="henk@example.org")
    db.session.commit()

    page = post_page("/account/wachtwoord-vergeten", {"email": "Henk@Example.org"})
    assert "Henk@Example.org" in page.get_text()
    [mail] = mailbox.to("henk@example.org")
    body = mailbox.body(mail)
    assert "http://127.0.0.1:5000/account/wachtwoord-herstellen/" in body
    path = link_in(body)

    form = get_page(path)
    assert form.find("input", id="password") and form.find("input", id="password_again")
    response = client.post(path, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/inloggen")

    assert log_in(client, "henk@example.org", NEW_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_answer_is_the_same_whether_or_not_the_account_exists(app, client, mailbox):
    make_user(email="exists@example.org")
    db.session.commit()
    known = client.post("/account/wachtwoord-vergeten", data={"email": "exists@example.org"})
    unknown = client.post("/account/wachtwoord-vergeten", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200

    def text(response, address):
        return response.get_data(as_text=True).replace(address, "ADDRESS").split("nonce")[0]

    assert text(known, "exists@example.org") == text(unknown, "nobody@example.org")
    assert len(mailbox.to("exists@example.org")) == 1
    assert mailbox.to("nobody@example.org") == []


def test_a_bad_email_address_comes_back_with_an_error_next_to_the_field(post_page):
    page = post_page("/account/wachtwoord-vergeten", {"email": "not-an-address"})
    assert field_errors(page, "email")
    assert page.find("input", id="email")["value"] == "not-an-address"


def test_a_reset_link_works_only_once(app, client, mailbox):
    user = make_user()
    db.session.commit()
    path = f"/account/wachtwoord-herstellen/{make_reset_token(user)}"
    data = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert client.post(path, data=data).status_code == 302
    assert client.get(path).status_code == 410
    assert client.post(path, data=data).status_code == 410


def test_a_reset_link_expires(app, client, monkeypatch):
    user = make_user()
    db.session.commit()
    path = f"/account/wachtwoord-herstellen/{make_reset_token(user)}"
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MINUTES", -1)
    assert client.get(path).status_code == 410


def test_a_tampered_reset_link_does_not_work(app, client):
    user = make_user()
    db.session.commit()
    token = make_reset_token(user)
    assert client.get(f"/account/wachtwoord-herstellen/{token[:-2]}xx").status_code == 410


def test_setting_a_new_password_with_the_link_ends_other_sessions(app, client):
    user = make_user(email="other@example.org")
    db.session.commit()
    phone = app.test_client()
    assert log_in(phone, "other@example.org").status_code == 302
    assert is_logged_in(phone)
    path = f"/account/wachtwoord-herstellen/{make_reset_token(user)}"
    client.post(path, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert not is_logged_in(phone)


def test_a_mail_server_that_fails_loses_nothing_and_shows_no_error(app, client, monkeypatch):
    make_user(email="down@example.org")
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens there
    response = client.post("/account/wachtwoord-vergeten", data={"email": "down@example.org"})
    assert response.status_code == 200


def test_a_person_changes_their_password_and_stays_logged_in_here_only(app, client):
    make_user(email="change@example.org")
    db.session.commit()
    laptop = app.test_client()
    assert log_in(client, "change@example.org").status_code == 302
    assert log_in(laptop, "change@example.org").status_code == 302

    response = client.post(
        "/account/wachtwoord",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(laptop)
    assert log_in(laptop, "change@example.org", NEW_PASSWORD).status_code == 302


def test_changing_the_password_needs_the_current_one(login_as, post_page):
    user = login_as("resident")
    old_hash = user.password_hash
    page = post_page(
        "/account/wachtwoord",
        {
            "current_password": "wrong password",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
    )
    assert field_errors(page, "current_password")
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == old_hash


@pytest.mark.parametrize(
    ("new", "again", "field"),
    [("short", "short", "password"), (NEW_PASSWORD, "something else", "password_again")],
)
def test_a_weak_or_mistyped_new_password_is_refused(login_as, post_page, new, again, field):
    login_as("resident")
    page = post_page(
        "/account/wachtwoord",
        {"current_password": PASSWORD, "password": new, "password_again": again},
    )
    assert field_errors(page, field)


def test_passwords_are_stored_as_argon2id_hashes(app):
    user = make_user(password="my secret sentence")
    assert user.password_hash.startswith("$argon2id$v=19$")
    assert "my secret sentence" not in user.password_hash
    assert PasswordHasher().verify(user.password_hash, "my secret sentence")


def test_asking_for_reset_links_is_throttled(app, client, mailbox):
    make_user(email="flooded@example.org")
    db.session.commit()
    answers = [
        client.post(
            "/account/wachtwoord-vergeten", data={"email": "flooded@example.org"}
        ).status_code
        for _ in range(5)
    ]
    assert answers[0] == 200 and answers[-1] == 429
    assert len(mailbox.to("flooded@example.org")) == answers.count(200)
