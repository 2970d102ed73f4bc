"""Logging in and out: sessions end everywhere, idle sessions expire, throttling, redirects."""

from __future__ import annotations

import time

import pytest
from limits import parse

from app.accounts import throttle
from app.accounts.models import User
from app.accounts.sessions import LAST_SEEN_KEY
from app.extensions import db
from tests.accounts.helpers import is_logged_in, log_in
from tests.factories import make_user


def test_logging_out_ends_the_sessions_on_other_devices(app, client):
    make_user(email="two@example.org")
    db.session.commit()
    phone = app.test_client()
    assert log_in(client, "two@example.org").status_code == 302
    assert log_in(phone, "two@example.org").status_code == 302
    assert is_logged_in(client) and is_logged_in(phone)

    response = client.post("/account/uitloggen")
    assert response.status_code == 302
    assert not is_logged_in(client)
    assert not is_logged_in(phone)


def test_an_idle_session_expires(app, client):
    make_user(email="idle@example.org")
    db.session.commit()
    log_in(client, "idle@example.org")
    assert is_logged_in(client)
    idle = app.permanent_session_lifetime.total_seconds()
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] = int(time.time() - idle - 5)
    response = client.get("/account/")
    assert response.status_code == 302
    assert "/account/inloggen" in response.headers["Location"]


def test_a_session_in_use_does_not_expire(app, client):
    make_user(email="busy@example.org")
    db.session.commit()
    log_in(client, "busy@example.org")
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] = int(time.time() - 120)
    assert is_logged_in(client)


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example", "/\\evil", "http:/evil.example"]
)
def test_logging_in_never_sends_people_to_another_site(app, client, target):
    make_user(email="safe@example.org")
    db.session.commit()
    response = log_in(client, "safe@example.org", next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_logging_in_goes_back_to_the_page_asked_for(app, client):
    make_user(email="back@example.org")
    db.session.commit()
    response = log_in(client, "back@example.org", next_url="/account/wachtwoord")
    assert response.headers["Location"] == "/account/wachtwoord"


def test_a_resident_registers_with_a_mobile_number_and_logs_in_with_it(app, client):
    response = client.post(
        "/account/registreren",
        data={
            "name": "Ayaan",
            "phone": "06 12345678",
            "password": "a long enough password",
            "password_again": "a long enough password",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.name == "Ayaan"))
    assert user.phone == "+31612345678" and user.email is None
    client.post("/account/uitloggen")
    assert not is_logged_in(client)
    for written in ("0612345678", "+31 6 12345678"):
        assert log_in(client, written, "a long enough password").status_code == 302
        assert is_logged_in(client)
        client.post("/account/uitloggen")


def test_a_wrong_password_says_so_next_to_the_field(app, post_page):
    make_user(email="oops@example.org")
    db.session.commit()
    page = post_page("/account/inloggen", {"identifier": "oops@example.org", "password": "nope"})
    assert page.find(id="password-error")


def test_a_blocked_person_cannot_log_in(app, client):
    make_user(email="blocked@example.org", is_blocked=True)
    db.session.commit()
    assert log_in(client, "blocked@example.org").status_code == 200
    assert not is_logged_in(client)


# --- throttling -------------------------------------------------------------------------------


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_failed_logins_are_throttled_per_account_from_any_address(app, client):
    make_user(email="target@example.org")
    db.session.commit()
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for n in range(limit):
        response = log_in(client, "target@example.org", "wrong", **_from(f"10.0.0.{n + 1}"))
        assert response.status_code == 200
    # Even the right password waits now, from an address that guessed wrong.
    response = log_in(client, "target@example.org", **_from("10.0.0.1"))
    assert response.status_code == 429
    # Another account is not affected.
    make_user(email="bystander@example.org")
    db.session.commit()
    assert log_in(client, "bystander@example.org", **_from("10.0.0.2")).status_code == 302


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(app, client):
    make_user(email="resident@example.org")
    db.session.commit()
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for n in range(limit * 3):
        log_in(client, "resident@example.org", "guess", **_from(f"10.6.0.{n % 4 + 1}"))
    assert log_in(client, "resident@example.org", **_from("10.6.0.1")).status_code == 429
    # At home, on an address without failed attempts, the resident logs in as always.
    assert log_in(client, "resident@example.org", **_from("192.168.1.20")).status_code == 302
    assert is_logged_in(client)


def test_after_the_delay_the_right_password_works_even_from_a_failing_address(
    app, client, monkeypatch
):
    make_user(email="patient@example.org")
    db.session.commit()
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit):
        log_in(client, "patient@example.org", "wrong", **_from("10.7.0.1"))
    assert log_in(client, "patient@example.org", **_from("10.7.0.1")).status_code == 429
    later = time.time() + throttle.hold_seconds(1) + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert log_in(client, "patient@example.org", **_from("10.7.0.1")).status_code == 302


def test_the_delay_doubles_with_each_failure_up_to_the_window(app):
    window = parse(app.config["LOGIN_LIMIT_PER_ACCOUNT"]).get_expiry()
    delays = [throttle.hold_seconds(n) for n in range(1, 12)]
    assert delays[:3] == [15, 30, 60]
    assert delays == sorted(delays) and delays[-1] == window


def test_a_login_name_without_an_account_is_throttled_the_same_way(app, client):
    make_user(email="real@example.org")
    db.session.commit()
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    answers = {}
    for name in ("real@example.org", "made-up@example.org"):
        answers[name] = [
            log_in(client, name, "wrong", **_from(f"10.8.{len(answers)}.1")).status_code
            for _ in range(limit + 1)
        ]
    assert answers["real@example.org"] == answers["made-up@example.org"] == [200] * limit + [429]


def test_failed_logins_are_throttled_per_address_across_accounts(app, client):
    limit = int(app.config["LOGIN_LIMIT_PER_ADDRESS"].split()[0])
    for n in range(limit):
        response = log_in(client, f"guess{n}@example.org", "wrong", **_from("10.9.9.9"))
        assert response.status_code == 200
    response = log_in(client, "guess-more@example.org", "wrong", **_from("10.9.9.9"))
    assert response.status_code == 429
    assert log_in(client, "guess-more@example.org", "wrong", **_from("10.9.9.8")).status_code == 200


def test_successful_logins_are_not_counted(app, client):
    make_user(email="often@example.org")
    db.session.commit()
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit + 2):
        assert log_in(client, "often@example.org").status_code == 302
        client.post("/account/uitloggen")


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Too many attempts"), ("nl", "Te vaak geprobeerd")]
)
def test_the_throttle_message_is_in_the_persons_language(app, client, language, text):
    client.set_cookie("wijkplein_lang", language)
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit):
        log_in(client, "someone@example.org", "wrong")
    response = log_in(client, "someone@example.org", "wrong")
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert text in html
    assert f'lang="{language}"' in html


def test_the_account_pages_speak_arabic_right_to_left(app, client, get_page):
    client.set_cookie("wijkplein_lang", "ar")
    page = get_page("/account/inloggen")
    assert page.html["dir"] == "rtl" and page.html["lang"] == "ar"
    assert "تسجيل الدخول" in page.find("h1").get_text()
    page = get_page("/account/wachtwoord-vergeten")
    assert "نسيت كلمة المرور" in page.find("h1").get_text()


def test_writing_a_phone_number_differently_does_not_escape_the_account_limit(app, client):
    make_user(phone="0612345678")
    db.session.commit()
    spellings = ["0612345678", "06 12345678", "+31612345678", "06-12 34 56 78", "+31 6 1234 5678"]
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for n in range(limit):
        log_in(client, spellings[n % len(spellings)], "wrong", **_from(f"10.1.0.{n + 1}"))
    assert log_in(client, "0031612345678", **_from("10.1.0.1")).status_code == 429
