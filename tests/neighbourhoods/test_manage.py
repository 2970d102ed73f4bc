"""Admins open, edit, close and reopen neighbourhoods at /beheer/wijken (through HTTP)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from tests.factories import make_neighbourhood, make_user
from tests.neighbourhoods.helpers import WIELWIJK, WIELWIJK_RING, form, upload

RD_NEW = {  # Rijksdriehoek (EPSG:28992) metres: not WGS84
    "type": "Polygon",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
    "coordinates": [[[104000, 423000], [105000, 423000], [105000, 424000], [104000, 423000]]],
}


@pytest.fixture
def admin(client, login_as):
    client.set_cookie("wijkplein_lang", "en")
    make_neighbourhood("Crabbehof", is_default=True)
    return login_as("admin")


def _wielwijk():
    return db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "wielwijk"))


def test_an_admin_opens_a_neighbourhood_with_a_geojson_upload(admin, client):
    pro = make_user("professional", name="Esra", email="esra@example.org")
    db.session.commit()
    response = client.post(
        "/beheer/wijken/nieuw",
        data=form(professionals=[str(pro.id)]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    hood = _wielwijk()
    assert hood is not None and hood.is_active and not hood.is_default
    assert hood.boundary == {"type": "Polygon", "coordinates": [WIELWIJK_RING]}
    assert hood.city == "Dordrecht"
    assert hood.reporting_url == "https://www.dordrecht.nl/fixi-wielwijk"
    assert [p.email for p in hood.professionals] == ["esra@example.org"]
    listing = client.get("/beheer/wijken").get_data(as_text=True)
    assert "Wielwijk" in listing and "1 professional" in listing


def test_the_geojson_may_also_be_pasted(admin, client):
    response = client.post(
        "/beheer/wijken/nieuw",
        data=form(boundary_file=None, boundary_text=json.dumps(WIELWIJK)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert _wielwijk().boundary["type"] == "Polygon"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{ not json", "not valid GeoJSON"),
        ({"type": "Point", "coordinates": [4.65, 51.8]}, "holds a Point"),
        (
            {"type": "FeatureCollection", "features": [WIELWIJK["features"][0]] * 2},
            "exactly one area",
        ),
        ({"type": "Polygon", "coordinates": [WIELWIJK_RING[:-1]]}, "not closed"),
        (
            {
                "type": "Polygon",
                "coordinates": [[WIELWIJK_RING[0], WIELWIJK_RING[1], WIELWIJK_RING[0]]],
            },
            "at least 4",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[4.6, 91.0], [4.7, 51.8], [4.7, 51.9], [4.6, 91.0]]],
            },
            "outside WGS84",
        ),
        (RD_NEW, "another coordinate system"),
    ],
)
def test_a_bad_boundary_is_refused_next_to_the_field_and_the_rest_is_kept(
    admin, client, content, reason
):
    response = client.post(
        "/beheer/wijken/nieuw",
        data=form(name="Wielwijk West", boundary_file=upload(content)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.page
    error = page.find(id="boundary_file-error")
    assert error is not None and reason in error.get_text()
    assert page.find(class_="wp-error-summary") is not None
    assert page.find(id="name")["value"] == "Wielwijk West"
    assert page.find(id="slug")["value"] == "wielwijk"
    # What the file held comes back in the text box, to correct it there.
    assert page.find(id="boundary_text").get_text().strip() == (
        content if isinstance(content, str) else json.dumps(content)
    )
    assert _wielwijk() is None


def test_a_new_neighbourhood_needs_a_boundary(admin, client):
    response = client.post(
        "/beheer/wijken/nieuw", data=form(boundary_file=None), content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "Upload the boundary" in response.page.find(id="boundary_file-error").get_text()
    assert _wielwijk() is None


def test_a_short_name_in_use_and_a_script_link_are_refused(admin, client):
    response = client.post(
        "/beheer/wijken/nieuw",
        data=form(slug="crabbehof", reporting_url="javascript://alert(1)"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert response.page.find(id="reporting_url-error") is not None
    response = client.post(
        "/beheer/wijken/nieuw", data=form(slug="crabbehof"), content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "Another neighbourhood" in response.page.find(id="slug-error").get_text()


def test_an_admin_edits_a_neighbourhood_and_keeps_its_boundary_without_a_new_file(admin, client):
    hood = make_neighbourhood("Wielwijk")
    kept = hood.boundary
    pro = make_user("professional", email="esra@example.org")
    db.session.commit()
    page = client.get(f"/beheer/wijken/{hood.id}").page
    assert page.find(id="name")["value"] == "Wielwijk"
    response = client.post(
        f"/beheer/wijken/{hood.id}",
        data=form(name="Wielwijk-Noord", boundary_file=None, professionals=[str(pro.id)]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.refresh(hood)
    assert hood.name == "Wielwijk-Noord"
    assert hood.boundary == kept
    assert [p.id for p in hood.professionals] == [pro.id]


def test_an_edit_with_a_new_file_replaces_the_boundary_and_a_bad_one_changes_nothing(admin, client):
    hood = make_neighbourhood("Wielwijk")
    db.session.commit()
    response = client.post(
        f"/beheer/wijken/{hood.id}", data=form(), content_type="multipart/form-data"
    )
    assert response.status_code == 302
    db.session.refresh(hood)
    assert hood.boundary["coordinates"] == [WIELWIJK_RING]
    response = client.post(
        f"/beheer/wijken/{hood.id}",
        data=form(name="Anders", boundary_file=upload(RD_NEW)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert response.page.find(id="boundary_file-error") is not None
    db.session.refresh(hood)
    assert hood.name == "Wielwijk"
    assert hood.boundary["coordinates"] == [WIELWIJK_RING]


def test_an_admin_closes_and_reopens_a_neighbourhood_but_not_the_default(admin, client):
    hood = make_neighbourhood("Wielwijk")
    db.session.commit()
    assert client.post(f"/beheer/wijken/{hood.id}/sluiten").status_code == 302
    db.session.refresh(hood)
    assert not hood.is_active
    assert "Wielwijk" not in client.get("/wijk").page.find(class_="wp-nbh-list").get_text()
    assert client.post(f"/beheer/wijken/{hood.id}/heropenen").status_code == 302
    db.session.refresh(hood)
    assert hood.is_active
    default = db.session.scalar(select(Neighbourhood).where(Neighbourhood.is_default))
    response = client.post(f"/beheer/wijken/{default.id}/sluiten", follow_redirects=True)
    assert "cannot be closed" in response.get_data(as_text=True)
    db.session.refresh(default)
    assert default.is_active


@pytest.mark.parametrize("role", ["resident", "volunteer", "moderator", "professional"])
def test_only_admins_manage_neighbourhoods(client, login_as, role):
    hood = make_neighbourhood("Wielwijk")
    login_as(role)
    for url in ("/beheer/wijken", "/beheer/wijken/nieuw", f"/beheer/wijken/{hood.id}"):
        assert client.get(url).status_code == 403
    assert client.post(f"/beheer/wijken/{hood.id}/sluiten").status_code == 403


def test_a_visitor_is_sent_to_the_login(client):
    response = client.get("/beheer/wijken")
    assert response.status_code == 302 and "/account/inloggen" in response.headers["Location"]
