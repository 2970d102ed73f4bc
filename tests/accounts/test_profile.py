"""A person's own account: profile, my data, deleting the account."""

from __future__ import annotations

import json
import re

from app.accounts import personal_data
from app.accounts.models import AccountEvent, RecoveryCode, User
from app.accounts.personal_data import PersonalDataPart, register, registered_parts
from app.extensions import db
from tests.accounts.helpers import is_logged_in, log_in
from tests.factories import PASSWORD, make_neighbourhood, make_organisation, make_user
from tests.pages_helper import field_errors


def _profile_data(user, **changes) -> dict:
    data = {
        "name": user.name,
        "email": user.email or "",
        "phone": user.phone or "",
        "locale": user.locale or "nl",
        "neighbourhood": str(user.neighbourhood_id or 0),
    }
    data.update(changes)
    return data


def test_a_resident_sees_their_details_on_the_profile_page(login_as, get_page):
    user = login_as("resident", name="Henk", email="henk@example.org")
    page = get_page("/account/")
    assert page.find("input", id="name")["value"] == "Henk"
    assert page.find("input", id="email")["value"] == "henk@example.org"
    assert page.find("a", href="/account/mijn-gegevens")
    assert page.find("a", href="/account/verwijderen")
    assert user.id


def test_a_resident_changes_name_phone_language_and_neighbourhood(app, client, login_as):
    wielwijk = make_neighbourhood("Wielwijk")
    user = login_as("resident")
    response = client.post(
        "/account/",
        data=_profile_data(
            user, name="Henk de Vries", phone="06 87654321", locale="ar", neighbourhood=wielwijk.id
        ),
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.name, user.phone, user.locale) == ("Henk de Vries", "+31687654321", "ar")
    assert user.neighbourhood_id == wielwijk.id
    # The page now speaks the chosen language, right to left.
    assert 'dir="rtl"' in client.get("/account/").get_data(as_text=True)


def test_a_profile_with_bad_input_comes_back_with_what_was_typed(login_as, post_page):
    user = login_as("resident")
    page = post_page("/account/", _profile_data(user, phone="12", email="not an email"))
    assert field_errors(page, "phone") and field_errors(page, "email")
    assert page.find("input", id="phone")["value"] == "12"


def test_a_profile_needs_an_email_address_or_a_phone_number(login_as, post_page):
    user = login_as("resident")
    page = post_page("/account/", _profile_data(user, email="", phone=""))
    assert field_errors(page, "email")
    db.session.expire_all()
    assert db.session.get(User, user.id).email


def test_an_email_address_of_another_account_is_refused(app, login_as, post_page):
    make_user(email="taken@example.org")
    user = login_as("resident")
    page = post_page("/account/", _profile_data(user, email="TAKEN@example.org"))
    assert field_errors(page, "email")


def test_an_unknown_language_or_neighbourhood_is_refused(login_as, post_page):
    user = login_as("resident")
    page = post_page("/account/", _profile_data(user, locale="xx", neighbourhood="999"))
    assert field_errors(page, "locale") and field_errors(page, "neighbourhood")


def test_a_resident_downloads_everything_about_them_as_json(app, client, login_as):
    user = login_as("resident", name="Fatma", email="fatma@example.org")
    response = client.get("/account/mijn-gegevens")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["name"] == "Fatma"
    assert data["account"]["email"] == "fatma@example.org"
    assert "password_hash" not in json.dumps(data) and "$argon2" not in json.dumps(data)
    assert user.id == data["account"]["id"]


def test_other_parts_add_their_data_to_the_download_and_erase_it(app, client, login_as):
    erased = []
    part = PersonalDataPart(
        "test-part", export=lambda u: {"questions": [u.name]}, erase=lambda u: erased.append(u.id)
    )
    register(part)
    try:
        user_id = login_as("resident", name="Ayaan").id  # the row is gone after the request
        data = json.loads(client.get("/account/mijn-gegevens").get_data(as_text=True))
        assert data["test-part"] == {"questions": ["Ayaan"]}
        client.post("/account/verwijderen", data={"password": PASSWORD})
        assert erased == [user_id]
    finally:
        personal_data._PARTS.pop("test-part", None)
    assert "test-part" not in [p.name for p in registered_parts()]


def test_a_resident_deletes_their_account_with_their_password(app, client):
    user = make_user(email="leaving@example.org", phone="0611111111")
    db.session.add(AccountEvent(subject_id=user.id, action="blocked", detail="test"))
    db.session.add(RecoveryCode(user_id=user.id, code_hash="x"))
    db.session.commit()
    user_id = user.id
    laptop = app.test_client()
    log_in(client, "leaving@example.org")
    log_in(laptop, "leaving@example.org")

    response = client.post("/account/verwijderen", data={"password": "wrong"})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user_id) is not None

    response = client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(User).where(User.email == "leaving@example.org")
        )
        == 0
    )
    assert db.session.scalars(db.select(AccountEvent)).all() == []
    assert db.session.scalars(db.select(RecoveryCode)).all() == []
    assert not is_logged_in(client) and not is_logged_in(laptop)
    assert log_in(client, "leaving@example.org").status_code == 200


def test_a_resident_who_proposed_an_activity_can_delete_their_account(app, client):
    from app.activities.models import Activity
    from tests.activities.factories import make_activity

    user = make_user(email="organiser@example.org")
    own = make_activity("Buurtbarbecue", organiser=user, status="proposed").id
    kept = make_activity("Taalcafé", organiser=user, organisation=make_organisation()).id
    db.session.commit()
    user_id = user.id
    log_in(client, "organiser@example.org")
    response = client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert db.session.get(Activity, own) is None
    assert db.session.get(Activity, kept).organiser_id is None


def test_the_last_admin_cannot_delete_their_account(app, client, login_as):
    user = login_as("admin")
    response = client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id) is not None


def test_the_delete_page_asks_for_the_password(login_as, get_page):
    login_as("resident")
    page = get_page("/account/verwijderen")
    assert page.find("input", id="password", type="password")


def test_account_pages_need_a_login(client):
    for url in (
        "/account/",
        "/account/mijn-gegevens",
        "/account/verwijderen",
        "/account/wachtwoord",
        "/account/tweestaps",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/inloggen" in response.headers["Location"]


def test_every_account_page_is_well_formed(app, client, login_as, get_page):
    login_as("resident")
    for url in (
        "/account/",
        "/account/wachtwoord",
        "/account/tweestaps",
        "/account/tweestaps/instellen",
        "/account/verwijderen",
    ):
        get_page(url)


def test_when_deleting_fails_nothing_is_lost_and_the_person_is_told(app, client, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    def refuse(user):
        raise IntegrityError("DELETE", {}, Exception("still referenced"))

    monkeypatch.setattr("app.accounts.profile_views.delete_account", refuse)
    user = make_user(email="stuck@example.org")
    db.session.commit()
    log_in(client, "stuck@example.org")
    response = client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id) is not None
    assert is_logged_in(client)


# --- a new email address is confirmed from that address -----------------------------------------


def _confirm_link(mailbox, address: str) -> str:
    [mail] = mailbox.to(address)
    match = re.search(r"https?://[^\s/]+(/account/email-bevestigen/\S+)", mailbox.body(mail))
    assert match, mailbox.body(mail)
    return match.group(1)


def test_a_new_email_address_is_used_only_after_the_link_mailed_to_it_is_opened(
    app, client, login_as, mailbox, get_page
):
    user = login_as("resident", email="old@example.org")
    response = client.post("/account/", data=_profile_data(user, email="New@Example.org"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "old@example.org"
    link = _confirm_link(mailbox, "new@example.org")

    page = get_page(link)
    assert "new@example.org" in page.get_text()
    assert client.post(link).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "new@example.org"
    # The link works once.
    assert client.get(link).status_code == 410


def test_a_resident_with_a_phone_number_adds_an_email_address_and_keeps_the_number(
    app, client, login_as, mailbox
):
    user = login_as("resident", phone="0644444444")
    client.post("/account/", data=_profile_data(user, email="first@example.org", phone=""))
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.email, user.phone) == (None, "+31644444444")
    client.post(_confirm_link(mailbox, "first@example.org"))
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "first@example.org"


def test_a_forged_or_changed_email_link_does_not_work(app, client, login_as):
    login_as("resident")
    assert client.get("/account/email-bevestigen/forged").status_code == 410
