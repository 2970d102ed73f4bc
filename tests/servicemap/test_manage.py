"""Professionals keep their organisation's entries current under /beheer/kaart."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.servicemap.models import Service, ServiceChange
from app.taxonomy.models import Category
from tests.factories import make_organisation, make_user
from tests.pages_helper import field_errors
from tests.servicemap.factories import category, make_service

PDOK_DOC = {
    "weergavenaam": "Karel Doormanweg 2, 3317JA Dordrecht",
    "centroide_ll": "POINT(4.66690 51.79560)",
    "postcode": "3317JA",
}


def _form(**overrides) -> dict:
    data = {
        "name": "Taalcafé",
        "organisation": "",
        "description": "Oefen Nederlands.",
        "categories": [str(category("language-and-learning").id)],
        "languages": ["nl", "ar"],
        "target_groups": "nieuwkomers, volwassenen",
        "is_free": "y",
        "cost": "",
        "access": "walk_in",
        "phone": "078 123 40 02",
        "email": "taal@example.org",
        "website": "https://example.org/taal",
        "location_name": "Buurthuis Crabbehoeve",
        "address": "Karel Doormanweg 2",
        "postcode": "3317 JA",
        "city": "Dordrecht",
        "latitude": "",
        "longitude": "",
        "hours_mo": "",
        "hours_tu": "14:00-16:00",
        "hours_we": "",
        "hours_th": "19:00-21:00",
        "hours_fr": "",
        "hours_sa": "",
        "hours_su": "",
        "exceptions": "2030-12-25 closed Kerst",
        "version": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def professional(login_as):
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    user = make_user("professional", organisation=organisation)
    db.session.commit()
    login_as(user=user)
    return user


ROUTES = [
    "/beheer/kaart",
    "/beheer/kaart/nieuw",
    "/beheer/kaart/{id}/bewerken",
    "/beheer/kaart/{id}/geschiedenis",
    "/beheer/kaart/categorieen",
]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, [302, 302, 302, 302, 302]),
        ("resident", [403, 403, 403, 403, 403]),
        ("volunteer", [403, 403, 403, 403, 403]),
        ("professional", [200, 200, 403, 403, 403]),
        ("admin", [200, 200, 200, 200, 200]),
    ],
)
def test_who_may_open_the_maintenance_pages(app, client, login_as, role, expected):
    service = make_service("Van een ander")
    db.session.commit()
    if role == "professional":
        login_as(user=make_user("professional", organisation=make_organisation()))
    elif role:
        login_as(role)
    statuses = [client.get(url.format(id=service.id)).status_code for url in ROUTES]
    assert statuses == expected


def test_a_professional_adds_a_service_by_address_and_sees_it_on_the_map(
    app, client, professional, fake_upstream
):
    fake_upstream.geocode_docs = [PDOK_DOC]
    organisation = professional.organisations[0]
    response = client.post("/beheer/kaart/nieuw", data=_form(organisation=str(organisation.id)))
    assert response.status_code == 302
    service = db.session.scalars(select(Service)).one()
    assert (service.location.latitude, service.location.longitude) == (51.7956, 4.6669)
    assert service.last_verified_at is not None and service.verified_by_id == professional.id
    assert fake_upstream.requests[0]["query"]["q"] == ["Karel Doormanweg 2 3317 JA Dordrecht"]
    features = client.get("/api/v1/services.geojson").get_json()["features"]
    assert [f["properties"]["name"] for f in features] == ["Taalcafé"]
    assert service.hours[0].weekday == 1 and service.exceptions[0].is_closed


def test_when_the_geocoder_is_down_the_form_asks_for_coordinates_and_accepts_them(
    app, client, professional, unreachable_upstream, post_page
):
    organisation = professional.organisations[0]
    page = post_page("/beheer/kaart/nieuw", _form(organisation=str(organisation.id)))
    assert field_errors(page, "latitude")
    assert page.find("input", id="address")["value"] == "Karel Doormanweg 2"
    assert db.session.scalars(select(Service)).first() is None
    response = client.post(
        "/beheer/kaart/nieuw",
        data=_form(organisation=str(organisation.id), latitude="51.7956", longitude="4.6669"),
    )
    assert response.status_code == 302
    assert db.session.scalars(select(Service)).one().location.latitude == 51.7956


def test_an_address_the_geocoder_cannot_find_is_reported_next_to_the_field(
    app, professional, fake_upstream, post_page
):
    fake_upstream.geocode_docs = []
    page = post_page(
        "/beheer/kaart/nieuw", _form(organisation=str(professional.organisations[0].id))
    )
    assert field_errors(page, "address")


def test_bad_hours_come_back_with_what_was_typed(app, professional, post_page):
    page = post_page(
        "/beheer/kaart/nieuw",
        _form(
            organisation=str(professional.organisations[0].id),
            hours_tu="14 tot 16",
            latitude="51.79",
            longitude="4.66",
        ),
    )
    assert field_errors(page, "hours_tu")
    assert page.find("input", id="hours_tu")["value"] == "14 tot 16"


def test_a_professional_cannot_add_for_another_organisation(app, client, professional):
    other = make_organisation()
    db.session.commit()
    client.post(
        "/beheer/kaart/nieuw",
        data=_form(organisation=str(other.id), latitude="51.79", longitude="4.66"),
    )
    assert db.session.scalars(select(Service)).first() is None


def test_a_professional_verifies_a_stale_entry_and_sees_it_in_the_history(
    app, client, professional, get_page
):
    service = make_service(
        "Schuldhulp", organisation=professional.organisations[0], checked_days_ago=250
    )
    db.session.commit()
    listing = get_page("/beheer/kaart")
    assert "Out of date" in listing.get_text()
    response = client.post(f"/beheer/kaart/{service.id}/controleren")
    assert response.status_code == 302
    db.session.refresh(service)
    assert not service.is_stale(180)
    assert "Out of date" not in get_page("/beheer/kaart").get_text()
    history = get_page(f"/beheer/kaart/{service.id}/geschiedenis")
    assert "Checked: still correct" in history.get_text()
    assert professional.name in history.get_text()


def test_an_edit_is_kept_in_the_history_with_before_and_after(app, client, professional, get_page):
    service = make_service(
        "Schuldhulp", organisation=professional.organisations[0], phone="078 000 00 00"
    )
    db.session.commit()
    page = get_page(f"/beheer/kaart/{service.id}/bewerken")
    data = {
        f.get("name"): f.get("value", "")
        for f in page.select("form.wp-smap-form input")
        if f.get("name") and f.get("type") not in ("checkbox", "radio")
    }
    data.update(
        {
            "access": "walk_in",
            "categories": [str(c.id) for c in service.categories],
            "organisation": str(service.organisation_id),
            "phone": "078 111 11 11",
        }
    )
    response = client.post(f"/beheer/kaart/{service.id}/bewerken", data=data)
    assert response.status_code == 302
    history = get_page(f"/beheer/kaart/{service.id}/geschiedenis").get_text(" ", strip=True)
    assert "078 000 00 00" in history and "078 111 11 11" in history
    change = db.session.scalars(
        select(ServiceChange).where(ServiceChange.action == "updated")
    ).one()
    assert change.changes["phone"] == ["078 000 00 00", "078 111 11 11"]
    assert change.user_id == professional.id


def test_a_professional_cannot_edit_or_verify_another_organisations_service(
    app, client, professional
):
    service = make_service("Van een ander")
    db.session.commit()
    assert client.post(f"/beheer/kaart/{service.id}/controleren").status_code == 403
    assert client.post(f"/beheer/kaart/{service.id}/bewerken", data=_form()).status_code == 403


def test_the_second_of_two_edits_is_told_and_overwrites_nothing(
    app, client, professional, get_page
):
    service = make_service("Schuldhulp", organisation=professional.organisations[0])
    db.session.commit()
    version = get_page(f"/beheer/kaart/{service.id}/bewerken").find("input", id="version")["value"]
    common = _form(
        organisation=str(service.organisation_id),
        latitude="51.79",
        longitude="4.66",
        version=version,
    )
    first = client.post(f"/beheer/kaart/{service.id}/bewerken", data={**common, "name": "Eerste"})
    assert first.status_code == 302
    second = client.post(f"/beheer/kaart/{service.id}/bewerken", data={**common, "name": "Tweede"})
    assert second.status_code == 409
    assert "Someone else changed this service" in second.get_data(as_text=True)
    assert 'value="Tweede"' in second.get_data(as_text=True)  # what they typed is kept
    db.session.expire_all()
    assert db.session.get(Service, service.id).name == "Eerste"


@pytest.mark.postgres_only
def test_two_professionals_saving_at_the_same_moment_one_wins_the_other_is_told(app, backend):
    organisation = make_organisation()
    users = [make_user("professional", organisation=organisation) for _ in range(2)]
    service = make_service("Schuldhulp", organisation=organisation)
    db.session.commit()
    initial = service.version
    base = _form(
        organisation=str(organisation.id), latitude="51.79", longitude="4.66", version=str(initial)
    )
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []
    url = f"/beheer/kaart/{service.id}/bewerken"
    user_ids = [u.get_id() for u in users]

    def save(user_id: str, name: str) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                with client.session_transaction() as session:
                    session["_user_id"] = user_id
                    session["_fresh"] = True
                    session["two_factor_ok"] = True
                barrier.wait()
                results.append(client.post(url, data={**base, "name": name}).status_code)
                db.session.remove()
        except BaseException as exc:  # noqa: BLE001 — reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(u, f"Naam {i}")) for i, u in enumerate(user_ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert sorted(results) == [302, 409]
    db.session.expire_all()
    saved = db.session.get(Service, service.id)
    assert saved.name in {"Naam 0", "Naam 1"} and saved.version == initial + 1
    assert (
        len(
            db.session.scalars(select(ServiceChange).where(ServiceChange.action == "updated")).all()
        )
        == 1
    )


def test_the_weekly_reminder_mails_professionals_their_stale_entries(app, runner, mailbox):
    organisation = make_organisation()
    pro = make_user("professional", organisation=organisation, email="pro@example.org")
    make_user("resident", organisation=organisation, email="member@example.org")
    make_service("Oude dienst", organisation=organisation, checked_days_ago=181)
    make_service("Verse dienst", organisation=organisation, checked_days_ago=10)
    make_service("Van een ander", checked_days_ago=400)
    db.session.commit()
    result = runner.invoke(args=["map", "remind-stale"])
    assert result.exit_code == 0, result.output
    (message,) = mailbox.to(pro.email)
    body = mailbox.body(message)
    assert "Oude dienst" in body and "Verse dienst" not in body and "Van een ander" not in body
    assert mailbox.to("member@example.org") == []


def test_an_admin_extends_the_taxonomy_with_names_per_language(app, client, login_as, post_page):
    login_as("admin")
    category("food")
    db.session.commit()
    response = client.post(
        "/beheer/kaart/categorieen",
        data={
            "slug": "computer-help",
            "name_nl": "Computerhulp",
            "name_en": "Computer help",
            "name_tr": "Bilgisayar yardımı",
            "colour": "#1d4ed8",
            "on_map": "y",
        },
    )
    assert response.status_code == 302
    added = db.session.scalar(select(Category).where(Category.slug == "computer-help"))
    assert added.names["tr"] == "Bilgisayar yardımı" and added.scopes == ["map"]
    page = post_page(
        "/beheer/kaart/categorieen",
        {"slug": "computer-help", "name_nl": "x", "name_en": "y", "colour": "#000000"},
    )
    assert field_errors(page, "slug")
    client.set_cookie("wijkplein_lang", "en")
    assert "Computer help" in client.get("/kaart").get_data(as_text=True)


def test_corrections_from_residents_show_with_the_entrys_history(
    app, client, professional, get_page
):
    from app.servicemap.operations import add_correction

    service = make_service("Taalcafé", organisation=professional.organisations[0])
    add_correction(service, "hours", "Op dinsdag dicht.")
    db.session.commit()
    page = get_page(f"/beheer/kaart/{service.id}/geschiedenis")
    assert "The opening hours are wrong – Op dinsdag dicht." in page.get_text()


def test_a_website_that_is_not_a_web_link_is_refused(app, professional, post_page):
    page = post_page(
        "/beheer/kaart/nieuw",
        _form(
            organisation=str(professional.organisations[0].id),
            website="javascript://example.org/%0aalert(1)",
            latitude="51.79",
            longitude="4.66",
        ),
    )
    assert field_errors(page, "website")
    assert db.session.scalars(select(Service)).first() is None


def test_a_service_that_stopped_is_taken_off_the_map_and_can_come_back(
    app, client, professional, get_page
):
    service = make_service(
        "Gestopt", organisation=professional.organisations[0], checked_days_ago=300
    )
    db.session.commit()
    assert client.post(f"/beheer/kaart/{service.id}/van-de-kaart").status_code == 302
    assert client.get("/api/v1/services").get_json()["total_items"] == 0
    assert client.get("/api/v1/services.geojson").get_json()["features"] == []
    assert "Not on the map" in get_page("/beheer/kaart").get_text()
    get_page(f"/kaart/{service.id}-{service.slug}")  # its maintainers still see it
    client.set_cookie("wijkplein_session", "")
    assert client.get(f"/kaart/{service.id}-{service.slug}").status_code == 404
    login = make_user("professional", organisation=professional.organisations[0])
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = login.get_id()
        session["_fresh"] = True
        session["two_factor_ok"] = True
    assert client.post(f"/beheer/kaart/{service.id}/terug-op-de-kaart").status_code == 302
    assert client.get("/api/v1/services").get_json()["total_items"] == 1
    actions = [
        c.action for c in db.session.scalars(select(ServiceChange).order_by(ServiceChange.id))
    ]
    assert actions[-2:] == ["removed", "restored"]
