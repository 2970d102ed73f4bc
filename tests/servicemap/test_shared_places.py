"""A place used by several organisations: one organisation's entry never renames or moves it
for the others (issue 10, item 5)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.servicemap.models import Service
from tests.factories import make_organisation, make_user
from tests.servicemap.factories import category, make_service

ADDRESS = "Karel Doormanweg 2"
POSTCODE = "3317 JA"
B_POINT = (51.7956, 4.6669)


def _form(organisation_id: int, **overrides) -> dict:
    data = {
        "name": "Spreekuur van A",
        "organisation": str(organisation_id),
        "categories": [str(category("meeting-people").id)],
        "languages": ["nl"],
        "access": "walk_in",
        "location_name": "Wijkcentrum A",
        "address": ADDRESS,
        "postcode": POSTCODE,
        "city": "Dordrecht",
        "latitude": "51.7990",
        "longitude": "4.6700",
        "version": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def two_organisations(app, client, login_as):
    """Organisation B keeps a service at the community centre; a professional of A logs in."""
    a, b = make_organisation("Organisatie A"), make_organisation("Organisatie B")
    of_b = make_service(
        "Taalcafé van B",
        organisation=b,
        address=ADDRESS,
        postcode=POSTCODE,
        location_name="Buurthuis Crabbehoeve",
        latitude=B_POINT[0],
        longitude=B_POINT[1],
    )
    professional = make_user("professional", organisation=a)
    db.session.commit()
    login_as(user=professional)
    return a, of_b


def _place_of(service_id: int):
    db.session.expire_all()
    service = db.session.get(Service, service_id)
    assert service is not None
    return service.location


def test_a_new_service_at_anothers_place_does_not_rename_or_move_it(client, two_organisations):
    a, of_b = two_organisations
    response = client.post("/beheer/kaart/nieuw", data=_form(a.id))
    assert response.status_code == 302
    place_b = _place_of(of_b.id)
    assert place_b.name == "Buurthuis Crabbehoeve"
    assert (place_b.latitude, place_b.longitude) == B_POINT
    of_a = db.session.scalars(select(Service).where(Service.organisation_id == a.id)).one()
    assert of_a.location_id != place_b.id
    assert (of_a.location.name, of_a.location.address) == ("Wijkcentrum A", ADDRESS)
    assert (of_a.location.latitude, of_a.location.longitude) == (51.799, 4.67)


def test_a_new_service_that_says_the_same_about_the_place_shares_it(client, two_organisations):
    a, of_b = two_organisations
    same = _form(
        a.id,
        location_name="Buurthuis Crabbehoeve",
        latitude=str(B_POINT[0]),
        longitude=str(B_POINT[1]),
    )
    assert client.post("/beheer/kaart/nieuw", data=same).status_code == 302
    of_a = db.session.scalars(select(Service).where(Service.organisation_id == a.id)).one()
    assert of_a.location_id == of_b.location_id


def test_editing_a_shared_place_gives_the_editor_a_place_of_its_own(client, two_organisations):
    a, of_b = two_organisations
    of_a = make_service(
        "Spreekuur van A",
        organisation=a,
        address=ADDRESS,
        postcode=POSTCODE,
        location_name="Buurthuis Crabbehoeve",
        latitude=B_POINT[0],
        longitude=B_POINT[1],
    )
    db.session.commit()
    assert of_a.location_id == of_b.location_id
    response = client.post(
        f"/beheer/kaart/{of_a.id}/bewerken",
        data=_form(a.id, version=str(of_a.version), wheelchair_accessible="y"),
    )
    assert response.status_code == 302
    place_b = _place_of(of_b.id)
    assert place_b.name == "Buurthuis Crabbehoeve" and not place_b.wheelchair_accessible
    assert (place_b.latitude, place_b.longitude) == B_POINT
    place_a = _place_of(of_a.id)
    assert place_a.id != place_b.id
    assert place_a.name == "Wijkcentrum A" and place_a.wheelchair_accessible


def test_an_organisation_still_changes_a_place_only_its_own_services_use(client, login_as):
    a = make_organisation("Organisatie A")
    of_a = make_service(
        "Spreekuur van A",
        organisation=a,
        address=ADDRESS,
        postcode=POSTCODE,
        location_name="Oude naam",
    )
    professional = make_user("professional", organisation=a)
    db.session.commit()
    login_as(user=professional)
    place_id = of_a.location_id
    response = client.post(
        f"/beheer/kaart/{of_a.id}/bewerken", data=_form(a.id, version=str(of_a.version))
    )
    assert response.status_code == 302
    place = _place_of(of_a.id)
    assert place.id == place_id
    assert place.name == "Wijkcentrum A" and (place.latitude, place.longitude) == (51.799, 4.67)
