"""Nobody can find out through log in or registration whether an account exists."""

from __future__ import annotations

import pyotp
import pytest
from argon2 import extract_parameters

from app.accounts import operations, twofactor
from app.accounts.models import User
from app.extensions import db
from tests.accounts.helpers import is_logged_in, log_in, totp_code
from tests.factories import PASSWORD, make_user
from tests.pages_helper import check_page


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_a_missing_account_costs_the_same_argon2_work_as_a_wrong_password(app, monkeypatch):
    make_user(email="exists@example.org")
    db.session.commit()
    checked: list[str] = []
    real_verify = operations.verify_password

    def recording_verify(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(operations, "verify_password", recording_verify)
    assert operations.authenticate("exists@example.org", None, "wrong") is None
    assert operations.authenticate("missing@example.org", None, "wrong") is None
    assert operations.authenticate(None, "+31699999999", "wrong") is None
    real, *dummies = checked
    assert len(dummies) == 2
    configured = extract_parameters(real)
    assert configured.time_cost == app.config["ARGON2_TIME_COST"]
    assert configured.memory_cost == app.config["ARGON2_MEMORY_COST"]
    for dummy in dummies:
        assert extract_parameters(dummy) == configured


def test_the_dummy_hash_follows_the_configured_parameters(app, monkeypatch):
    from app.accounts.passwords import dummy_hash

    monkeypatch.setitem(app.config, "ARGON2_TIME_COST", 2)
    monkeypatch.setitem(app.config, "ARGON2_MEMORY_COST", 2048)
    params = extract_parameters(dummy_hash())
    assert (params.time_cost, params.memory_cost) == (2, 2048)
    assert dummy_hash() == dummy_hash()  # made once, not at every miss


def _register(client, *, email: str = "", phone: str = "", name: str = "Fatma"):
    data = {"name": name, "email": email, "phone": phone}
    data |= {"password": "a long enough password", "password_again": "a long enough password"}
    return client.post("/account/registreren", data=data)


def _answer(client, response) -> tuple[int, str, str]:
    """What the registering person sees: the status, where it goes, and the text there."""
    location = response.headers.get("Location", "")
    page = check_page(client.get(location))
    return response.status_code, location, page.find("main").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("new", "taken"),
    [
        ({"email": "new@example.org"}, {"email": "Taken@Example.org"}),
        ({"phone": "06 11111111"}, {"phone": "06-22 22 22 22"}),
    ],
)
def test_registering_with_a_taken_address_or_number_answers_like_a_new_one(
    app, mailbox, new, taken
):
    make_user(email="taken@example.org", phone="0622222222", name="Owner")
    db.session.commit()
    fresh, again = app.test_client(), app.test_client()
    for client in (fresh, again):
        client.set_cookie("wijkplein_lang", "en")
    answer = _answer(fresh, _register(fresh, **new))
    assert answer == _answer(again, _register(again, **taken))
    assert answer[0] == 302 and "You can now log in" in answer[2]
    # Nobody was logged in by registering, and the owner's account is untouched.
    assert not is_logged_in(fresh) and not is_logged_in(again)
    owner = db.session.scalar(db.select(User).where(User.name == "Owner"))
    assert log_in(app.test_client(), "taken@example.org", PASSWORD).status_code == 302
    assert owner.phone == "+31622222222"


def test_the_owner_of_a_taken_email_address_gets_a_mail_with_a_way_back_in(app, client, mailbox):
    make_user(email="taken@example.org")
    db.session.commit()
    _register(client, email="taken@example.org")
    [mail] = mailbox.to("taken@example.org")
    body = mailbox.body(mail)
    assert "U heeft al een account" in body  # in the owner's language (Dutch by default)
    assert "/account/wachtwoord-herstellen/" in body


def test_a_new_account_gets_a_welcome_mail_and_logs_in_with_the_chosen_password(
    app, client, mailbox
):
    response = _register(client, email="welkom@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/account/inloggen"
    [mail] = mailbox.to("welkom@example.org")
    assert "/account/inloggen" in mailbox.body(mail)
    assert log_in(client, "welkom@example.org", "a long enough password").status_code == 302


def test_a_free_email_with_a_taken_phone_number_makes_an_account_with_the_email_only(
    app, client, mailbox
):
    make_user(phone="0633333333")
    db.session.commit()
    _register(client, email="own@example.org", phone="0633333333", name="Nieuw")
    user = db.session.scalar(db.select(User).where(User.email == "own@example.org"))
    assert user is not None and user.phone is None
    assert len(mailbox.to("own@example.org")) == 1


def test_an_attacker_with_the_password_cannot_lock_the_owner_out_of_the_code_step(app):
    user = make_user(email="staff@example.org")
    secret = pyotp.random_base32()
    twofactor.enable(user, secret, totp_code(secret))
    db.session.commit()
    attacker, owner = app.test_client(), app.test_client()
    log_in(attacker, "staff@example.org", **_from("10.5.0.1"))
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit):
        attacker.post("/account/tweestaps/code", data={"code": "000000"}, **_from("10.5.0.1"))
    held = attacker.post(
        "/account/tweestaps/code", data={"code": totp_code(secret, 1)}, **_from("10.5.0.1")
    )
    assert held.status_code == 429

    assert log_in(owner, "staff@example.org", **_from("192.168.1.5")).status_code == 302
    response = owner.post(
        "/account/tweestaps/code", data={"code": totp_code(secret, 1)}, **_from("192.168.1.5")
    )
    assert response.status_code == 302
    assert is_logged_in(owner)
