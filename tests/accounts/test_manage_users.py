"""Admins manage people: search, roles and organisations, block and unblock."""

from __future__ import annotations

import pytest

from app.accounts.models import AccountEvent, User
from app.extensions import db
from tests.accounts.helpers import is_logged_in, log_in
from tests.factories import make_organisation, make_user


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (None, "/beheer/", 302),
        (None, "/beheer/gebruikers", 302),
        (None, "/beheer/gebruikers/{id}", 302),
        (None, "/beheer/bewoners", 302),
        ("resident", "/beheer/", 403),
        ("resident", "/beheer/gebruikers", 403),
        ("resident", "/beheer/gebruikers/{id}", 403),
        ("resident", "/beheer/bewoners", 403),
        ("volunteer", "/beheer/bewoners", 403),
        ("professional", "/beheer/", 200),
        ("professional", "/beheer/gebruikers", 403),
        ("professional", "/beheer/gebruikers/{id}", 403),
        ("professional", "/beheer/bewoners", 200),
        ("moderator", "/beheer/", 200),
        ("moderator", "/beheer/gebruikers", 403),
        ("moderator", "/beheer/bewoners", 403),
        ("admin", "/beheer/", 200),
        ("admin", "/beheer/gebruikers", 200),
        ("admin", "/beheer/gebruikers/{id}", 200),
        ("admin", "/beheer/bewoners", 200),
    ],
)
def test_who_may_open_the_management_pages(app, client, login_as, role, url, status):
    other = make_user()
    db.session.commit()
    if role:
        login_as(role)
    response = client.get(url.format(id=other.id))
    assert response.status_code == status
    if status == 302:
        assert "/account/inloggen" in response.headers["Location"]


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/beheer/gebruikers/{id}", {"roles": ["admin"]}),
        ("/beheer/gebruikers/{id}/blokkeren", {"reason": "x"}),
        ("/beheer/gebruikers/{id}/deblokkeren", {}),
        ("/beheer/bewoners/{id}/herstellink", {}),
    ],
)
def test_a_resident_cannot_change_anything_in_management(app, client, login_as, url, data):
    other = make_user()
    db.session.commit()
    login_as("resident")
    assert client.post(url.format(id=other.id), data=data).status_code == 403
    db.session.expire_all()
    assert db.session.get(User, other.id).roles == {"resident"}
    assert not db.session.get(User, other.id).is_blocked


def test_an_admin_finds_people_by_name_email_or_phone(app, login_as, get_page):
    make_user(name="Fatma Yilmaz", email="fatma@example.org")
    make_user(name="Henk", phone="0612345678")
    login_as("admin", name="Beheerder")
    db.session.commit()
    assert "Fatma Yilmaz" in get_page("/beheer/gebruikers?q=yilmaz").get_text()
    page = get_page("/beheer/gebruikers?q=06 12345678")
    assert "Henk" in page.get_text() and "Fatma" not in page.get_text()
    page = get_page("/beheer/gebruikers?role=admin")
    assert "Beheerder" in page.get_text() and "Henk" not in page.get_text()


def test_the_people_list_is_paginated(app, login_as, get_page):
    for n in range(30):
        make_user(name=f"Bewoner {n:02d}")
    login_as("admin", name="Zz admin")
    db.session.commit()
    first = get_page("/beheer/gebruikers")
    assert len(first.select("tbody tr")) == 25
    assert first.find("a", rel="next")
    second = get_page("/beheer/gebruikers?page=2")
    assert len(second.select("tbody tr")) == 6
    get_page("/beheer/gebruikers?page=99")  # past the end: an empty page, no error


def test_the_people_list_runs_a_bounded_number_of_queries(app, client, login_as):
    from sqlalchemy import event

    organisation = make_organisation()
    login_as("admin")
    counts = []
    for total in (5, 40):
        for _ in range(total):
            make_user(role=("professional", "volunteer"), organisation=organisation)
        db.session.commit()
        statements = []

        def count(*args, statements=statements):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/beheer/gebruikers").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_an_admin_makes_someone_a_professional_of_an_organisation(app, client, login_as):
    organisation = make_organisation("Woonbron")
    person = make_user(name="Mirjam")
    admin = login_as("admin")
    response = client.post(
        f"/beheer/gebruikers/{person.id}",
        data={"roles": ["resident", "professional"], "organisations": [str(organisation.id)]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    person = db.session.get(User, person.id)
    assert person.roles == {"resident", "professional"}
    assert [o.name for o in person.organisations] == ["Woonbron"]
    event = db.session.scalar(db.select(AccountEvent).where(AccountEvent.subject_id == person.id))
    assert event.action == "roles_changed" and event.actor_id == admin.id


def test_an_unknown_role_is_refused(app, client, login_as, post_page):
    person = make_user()
    login_as("admin")
    db.session.commit()
    page = post_page(f"/beheer/gebruikers/{person.id}", {"roles": ["king"]})
    assert page.find(id="roles-error")
    db.session.expire_all()
    assert db.session.get(User, person.id).roles == {"resident"}


def test_the_last_admin_keeps_the_admin_role(app, client, login_as):
    admin = login_as("admin")
    client.post(f"/beheer/gebruikers/{admin.id}", data={"roles": ["resident"]})
    db.session.expire_all()
    assert "admin" in db.session.get(User, admin.id).roles


def test_blocking_someone_ends_their_session_at_once(app, client):
    make_user(role="admin", email="admin@example.org")
    person = make_user(email="troublemaker@example.org")
    db.session.commit()
    their_phone = app.test_client()
    log_in(their_phone, "troublemaker@example.org")
    assert is_logged_in(their_phone)

    with client.session_transaction() as session:
        admin = db.session.scalar(db.select(User).where(User.email == "admin@example.org"))
        session["_user_id"] = admin.get_id()
        session["two_factor_ok"] = True
    response = client.post(
        f"/beheer/gebruikers/{person.id}/blokkeren", data={"reason": "Scheldwoorden"}
    )
    assert response.status_code == 302
    assert not is_logged_in(their_phone)
    assert log_in(their_phone, "troublemaker@example.org").status_code == 200
    db.session.expire_all()
    person = db.session.get(User, person.id)
    assert person.is_blocked and person.blocked_reason == "Scheldwoorden"

    client.post(f"/beheer/gebruikers/{person.id}/deblokkeren")
    assert log_in(their_phone, "troublemaker@example.org").status_code == 302
    actions = db.session.scalars(
        db.select(AccountEvent.action).where(AccountEvent.subject_id == person.id)
    ).all()
    assert sorted(actions) == ["blocked", "unblocked"]


def test_blocking_needs_a_reason(app, login_as, post_page):
    person = make_user()
    login_as("admin")
    db.session.commit()
    page = post_page(f"/beheer/gebruikers/{person.id}/blokkeren", {"reason": ""})
    assert page.find(id="reason-error")
    db.session.expire_all()
    assert not db.session.get(User, person.id).is_blocked


def test_an_admin_cannot_block_themselves(app, client, login_as):
    admin = login_as("admin")
    assert (
        client.post(f"/beheer/gebruikers/{admin.id}/blokkeren", data={"reason": "x"}).status_code
        == 403
    )


def test_an_unknown_person_is_not_found(app, client, login_as):
    login_as("admin")
    assert client.get("/beheer/gebruikers/999999").status_code == 404


def test_the_management_pages_are_well_formed(app, client, login_as, get_page):
    from tests.pages_helper import check_page

    organisation = make_organisation()
    resident = make_user(phone="0644444444", organisation=organisation)
    login_as("admin")
    db.session.add(AccountEvent(subject_id=resident.id, action="blocked", detail="test"))
    db.session.commit()
    get_page("/beheer/")
    get_page("/beheer/gebruikers")
    page = get_page(f"/beheer/gebruikers/{resident.id}")
    assert page.find("input", id="roles-0")
    get_page("/beheer/bewoners?phone=0644444444")
    check_page(client.post(f"/beheer/bewoners/{resident.id}/herstellink"))
    client.post(f"/beheer/gebruikers/{resident.id}/blokkeren", data={"reason": "test"})
    get_page(f"/beheer/gebruikers/{resident.id}")


def test_an_admin_cannot_block_or_change_another_admin(app, client, login_as, get_page):
    other = make_user(role="admin", name="Andere beheerder")
    login_as("admin")
    db.session.commit()
    page = get_page(f"/beheer/gebruikers/{other.id}")
    assert not page.find("input", id="roles-0") and not page.find(id="reason")
    assert (
        client.post(f"/beheer/gebruikers/{other.id}", data={"roles": ["resident"]}).status_code
        == 403
    )
    assert (
        client.post(f"/beheer/gebruikers/{other.id}/blokkeren", data={"reason": "x"}).status_code
        == 403
    )
    db.session.expire_all()
    other = db.session.get(User, other.id)
    assert other.roles == {"admin"} and not other.is_blocked
    assert db.session.scalars(db.select(AccountEvent)).all() == []
