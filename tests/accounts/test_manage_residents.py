"""Professionals help residents without email to a new password with a one-time link."""

from __future__ import annotations

import re

import pytest

from app.accounts.models import AccountEvent, User
from app.extensions import db
from tests.accounts.helpers import is_logged_in, link_in, log_in
from tests.factories import make_user

NEW_PASSWORD = "my new phone password"


def test_a_professional_gives_a_resident_without_email_a_reset_link(
    app, client, login_as, get_page
):
    resident = make_user(name="Ayaan", phone="0612345678")
    professional = login_as("professional", name="Mirjam")
    page = get_page("/beheer/bewoners?phone=06-12 34 56 78")
    assert "Ayaan" in page.get_text()

    response = client.post(f"/beheer/bewoners/{resident.id}/herstellink")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    path = link_in(html)
    assert "http://127.0.0.1:5000/account/wachtwoord-herstellen/" in html

    event = db.session.scalar(db.select(AccountEvent).where(AccountEvent.subject_id == resident.id))
    assert event.action == "assisted_reset_link" and event.actor_id == professional.id

    resident_phone = app.test_client()
    data = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    assert resident_phone.post(path, data=data).status_code == 302
    assert log_in(resident_phone, "0612345678", NEW_PASSWORD).status_code == 302
    assert is_logged_in(resident_phone)
    # The link works once.
    assert resident_phone.get(path).status_code == 410


def test_an_unknown_phone_number_says_so(login_as, get_page):
    login_as("professional")
    page = get_page("/beheer/bewoners?phone=0687654321")
    assert "Er is geen account met dit telefoonnummer" in page.get_text()


def test_a_bad_phone_number_gets_an_error_next_to_the_field(login_as, get_page):
    login_as("professional")
    page = get_page("/beheer/bewoners?phone=abc")
    assert page.find(id="phone-error")


def test_the_empty_search_page_shows_no_error(login_as, get_page):
    login_as("professional")
    page = get_page("/beheer/bewoners")
    assert not page.find(id="phone-error")


@pytest.mark.parametrize("role", ["professional", "moderator", "admin"])
def test_no_reset_link_for_accounts_with_more_rights(app, client, login_as, role):
    colleague = make_user(role=role, phone="0622222222")
    login_as("professional")
    page = client.get("/beheer/bewoners?phone=0622222222").get_data(as_text=True)
    assert not re.search(r"/herstellink", page)
    assert client.post(f"/beheer/bewoners/{colleague.id}/herstellink").status_code == 403
    assert db.session.scalars(db.select(AccountEvent)).all() == []


def test_a_blocked_resident_gets_no_reset_link(app, client, login_as):
    resident = make_user(phone="0633333333", is_blocked=True)
    login_as("professional")
    assert client.post(f"/beheer/bewoners/{resident.id}/herstellink").status_code == 403
    assert db.session.get(User, resident.id).is_blocked


def test_no_reset_link_for_a_resident_with_an_email_address(app, client, login_as, get_page):
    resident = make_user(phone="0655555555", email="ayaan@example.org")
    login_as("professional")
    page = get_page("/beheer/bewoners?phone=0655555555")
    assert not page.find("form", action=re.compile("herstellink"))
    assert "Wachtwoord vergeten?" in page.get_text()
    assert client.post(f"/beheer/bewoners/{resident.id}/herstellink").status_code == 403
    assert db.session.scalars(db.select(AccountEvent)).all() == []
