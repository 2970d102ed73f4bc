"""Two-step login: setting it up, the code step, recovery codes, and who must use it."""

from __future__ import annotations

import re

import pyotp
import pytest

from app.accounts import twofactor
from app.accounts.demo import DEMO_TOTP_SECRET
from app.accounts.models import RecoveryCode, User
from app.extensions import db
from tests.accounts.helpers import is_logged_in, log_in, totp_code
from tests.factories import PASSWORD, make_user


def _with_totp(user: User, secret: str | None = None) -> list[str]:
    """Switch two-step login on for ``user`` directly; return the recovery codes."""
    secret = secret or pyotp.random_base32()
    codes = twofactor.enable(user, secret, totp_code(secret))
    assert codes is not None
    db.session.commit()
    return codes


def _set_up_through_the_page(client) -> tuple[str, list[str]]:
    """Scan the page's secret, type the code; return the secret and the recovery codes."""
    page = client.get("/account/tweestaps/instellen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    secret = re.search(r'<code class="wp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    secret = secret.replace(" ", "")
    response = client.post("/account/tweestaps/instellen", data={"code": totp_code(secret)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", response.get_data(as_text=True))
    return secret, codes


def test_a_resident_switches_two_step_login_on_and_logs_in_with_a_code(app, client, get_page):
    make_user(email="careful@example.org")
    db.session.commit()
    log_in(client, "careful@example.org")
    page = get_page("/account/tweestaps/instellen")
    assert page.find("svg"), "the QR code is inline SVG"
    assert not page.find("img", src=re.compile("^data:"))
    secret, codes = _set_up_through_the_page(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    user = db.session.scalar(db.select(User).where(User.email == "careful@example.org"))
    assert user.two_factor_enabled
    # Stored hashed, never as typed.
    stored = db.session.scalars(db.select(RecoveryCode.code_hash)).all()
    assert all(h.startswith("$argon2id$") for h in stored)

    client.post("/account/uitloggen")
    response = log_in(client, "careful@example.org")
    assert response.headers["Location"] == "/account/tweestaps/code"
    assert not is_logged_in(client), "not logged in before the second step"
    response = client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    assert response.status_code == 302
    assert is_logged_in(client)


def test_setting_up_with_a_wrong_code_changes_nothing(app, login_as, post_page):
    user = login_as("resident")
    page = post_page("/account/tweestaps/instellen", {"code": "000000"})
    assert page.find(id="code-error")
    db.session.expire_all()
    assert not db.session.get(User, user.id).two_factor_enabled


def test_a_code_from_the_app_works_only_once(app, client):
    user = make_user(email="once@example.org")
    secret = pyotp.random_base32()
    _with_totp(user, secret)
    code = totp_code(secret, 1)
    log_in(client, "once@example.org")
    assert client.post("/account/tweestaps/code", data={"code": code}).status_code == 302
    client.post("/account/uitloggen")

    log_in(client, "once@example.org")
    response = client.post("/account/tweestaps/code", data={"code": code})
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_a_recovery_code_works_instead_of_the_app_and_only_once(app, client):
    user = make_user(email="lostphone@example.org")
    codes = _with_totp(user)
    log_in(client, "lostphone@example.org")
    assert (
        client.post("/account/tweestaps/code", data={"code": codes[0].upper()}).status_code == 302
    )
    assert is_logged_in(client)
    client.post("/account/uitloggen")

    log_in(client, "lostphone@example.org")
    assert client.post("/account/tweestaps/code", data={"code": codes[0]}).status_code == 200
    assert client.post("/account/tweestaps/code", data={"code": codes[1]}).status_code == 302


def test_the_code_step_is_throttled(app, client):
    user = make_user(email="guessed@example.org")
    secret = pyotp.random_base32()
    _with_totp(user, secret)
    log_in(client, "guessed@example.org")
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit):
        assert client.post("/account/tweestaps/code", data={"code": "123456"}).status_code == 200
    response = client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_code_page_without_a_password_first_goes_to_login(app, client):
    response = client.get("/account/tweestaps/code")
    assert response.status_code == 302
    assert "/account/inloggen" in response.headers["Location"]


@pytest.mark.parametrize("role", ["professional", "moderator", "admin"])
def test_staff_without_two_step_login_must_set_it_up_before_any_other_page(app, client, role):
    make_user(role=role, email="staff@example.org")
    db.session.commit()
    response = log_in(client, "staff@example.org", next_url="/beheer/")
    assert response.status_code == 302
    for url in ("/beheer/", "/account/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == "/account/tweestaps/instellen"
    secret, codes = _set_up_through_the_page(client)
    assert codes
    assert client.get("/beheer/").status_code == 200


def test_the_setup_page_tells_staff_why_they_must(app, client):
    make_user(role="professional", email="pro@example.org")
    db.session.commit()
    log_in(client, "pro@example.org")
    page = client.get("/account/tweestaps/instellen").get_data(as_text=True)
    assert "Daarom moet je inloggen in twee stappen" in page


def test_staff_cannot_switch_two_step_login_off(app, client):
    user = make_user(role="professional", email="pro2@example.org")
    secret = pyotp.random_base32()
    _with_totp(user, secret)
    log_in(client, "pro2@example.org")
    client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    client.post("/account/tweestaps/uitzetten", data={"password": PASSWORD})
    db.session.expire_all()
    assert db.session.get(User, user.id).two_factor_enabled


def test_a_resident_switches_two_step_login_off_with_the_password(app, client):
    user = make_user(email="off@example.org")
    secret = pyotp.random_base32()
    _with_totp(user, secret)
    log_in(client, "off@example.org")
    client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    client.post("/account/tweestaps/uitzetten", data={"password": "wrong"})
    db.session.expire_all()
    assert db.session.get(User, user.id).two_factor_enabled
    client.post("/account/tweestaps/uitzetten", data={"password": PASSWORD})
    db.session.expire_all()
    assert not db.session.get(User, user.id).two_factor_enabled
    assert db.session.scalar(db.select(db.func.count()).select_from(RecoveryCode)) == 0


def test_new_recovery_codes_replace_the_old_ones(app, client):
    user = make_user(email="newcodes@example.org")
    secret = pyotp.random_base32()
    old = _with_totp(user, secret)
    log_in(client, "newcodes@example.org")
    client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    response = client.post("/account/tweestaps/herstelcodes", data={"codes-password": PASSWORD})
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/account/uitloggen")
    log_in(client, "newcodes@example.org")
    assert client.post("/account/tweestaps/code", data={"code": old[1]}).status_code == 200
    assert client.post("/account/tweestaps/code", data={"code": new[1]}).status_code == 302


def test_the_two_step_page_shows_the_status(app, login_as, get_page):
    login_as("resident")
    page = get_page("/account/tweestaps")
    assert page.find("a", href="/account/tweestaps/instellen")


def test_a_session_from_before_two_step_login_was_switched_on_ends(app, client):
    user = make_user(email="switch@example.org")
    db.session.commit()
    old_device = app.test_client()
    log_in(old_device, "switch@example.org")
    assert is_logged_in(old_device)
    _with_totp(user)
    assert not is_logged_in(old_device)


def test_demo_staff_log_in_with_the_published_secret(app, client):
    from app.accounts import demo as accounts_demo
    from app.neighbourhoods import demo as neighbourhoods_demo
    from app.organisations import demo as organisations_demo

    for module in (neighbourhoods_demo, organisations_demo, accounts_demo):
        module.load()
        db.session.flush()
    db.session.commit()
    response = log_in(client, "professional@wijkplein.example", "wijkplein-demo")
    assert response.headers["Location"] == "/account/tweestaps/code"
    code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
    assert client.post("/account/tweestaps/code", data={"code": code}).status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_the_two_step_pages_are_well_formed(app, client):
    from tests.pages_helper import check_page

    user = make_user(email="pages@example.org")
    secret = pyotp.random_base32()
    _with_totp(user, secret)
    log_in(client, "pages@example.org")
    page = check_page(client.get("/account/tweestaps/code"))
    assert page.find("input", id="code")["autocomplete"] == "one-time-code"
    client.post("/account/tweestaps/code", data={"code": totp_code(secret, 1)})
    check_page(client.get("/account/tweestaps"))
    codes = client.post("/account/tweestaps/herstelcodes", data={"codes-password": PASSWORD})
    assert len(check_page(codes).select(".wp-recovery-codes code")) == 10
