"""Open data: /api/v1/services validates against HSDS 3.0; GeoJSON; the tile proxy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from app.extensions import db
from tests.factories import make_organisation
from tests.servicemap.conftest import PNG
from tests.servicemap.factories import make_service, open_always

HSDS = Path("/work/shared/hsds-3.0")
if not HSDS.exists():  # the schemas may also be kept beside the tests
    HSDS = Path(__file__).parent / "hsds-3.0"


def _validator(name: str) -> Draft7Validator:
    registry: Registry = Registry()
    for path in HSDS.glob("*.json"):
        registry = registry.with_resource(
            path.name, Resource(json.loads(path.read_text()), specification=DRAFT7)
        )
    schema = json.loads((HSDS / name).read_text())
    return Draft7Validator(schema, registry=registry, format_checker=FormatChecker())


def _page_schema() -> dict:
    return json.loads((HSDS / "openapi.json").read_text())["components"]["schemas"]["Page"]


def _rich_service(**kwargs):
    return make_service(
        "Taalcafé",
        organisation=make_organisation(
            name="Stichting Dordrecht Sociaal",
            email="info@ds.example",
            website="https://ds.example",
        ),
        categories=("language-and-learning", "meeting-people"),
        languages=("nl", "ar", "tr"),
        hours={1: "14:00-16:00", 3: "19:00-21:00"},
        exceptions="2030-12-25 closed Kerst\n2030-12-24 10:00-12:00 korte dag",
        phone="078 123 40 02",
        email="taal@ds.example",
        website="https://ds.example/taal",
        target_groups=["nieuwkomers", "volwassenen"],
        cost="€ 1",
        is_free=False,
        access="walk_in",
        wheelchair_accessible=True,
        hearing_loop=True,
        **kwargs,
    )


def test_api_services_validates_against_the_hsds_3_schema(app, client):
    _rich_service()
    make_service("Zonder telefoon", latitude=None, longitude=None, postcode=None)
    db.session.commit()
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    document = response.get_json()
    Draft7Validator(_page_schema()).validate(document)
    assert document["total_items"] == 2 and document["size"] == 2 and document["first_page"]
    validator = _validator("service.json")
    for item in document["contents"]:
        errors = sorted(validator.iter_errors(item), key=lambda e: e.path)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    taal = next(i for i in document["contents"] if i["name"] == "Taalcafé")
    assert {lang["code"] for lang in taal["languages"]} == {"nl", "ar", "tr"}
    assert taal["organization"]["name"] == "Stichting Dordrecht Sociaal"
    assert taal["phones"][0]["number"] == "078 123 40 02"
    assert {s.get("byday") for s in taal["schedules"]} >= {"TU", "TH"}
    location = taal["service_at_locations"][0]["location"]
    assert location["latitude"] == pytest.approx(51.7956)
    terms = [
        a["taxonomy_term"]["code"]
        for a in taal["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "wijkplein-category"
    ]
    assert sorted(terms) == ["language-and-learning", "meeting-people"]
    # Who checked it is not public.
    assert "Tester" not in json.dumps(document)


def test_one_service_by_its_id_validates_too(app, client):
    service = _rich_service()
    db.session.commit()
    document = client.get(f"/api/v1/services/{service.uuid}").get_json()
    assert not list(_validator("service.json").iter_errors(document))
    assert client.get("/api/v1/services/nope").status_code == 404


def test_api_services_is_paginated_and_filters_like_the_page(app, client):
    organisation = make_organisation()
    for n in range(7):
        make_service(
            f"Schuld {n}",
            organisation=organisation,
            categories=("money-and-debt",),
            hours=open_always(),
        )
    make_service("Taalcafé", organisation=organisation, categories=("language-and-learning",))
    db.session.commit()
    first = client.get("/api/v1/services?category=money-and-debt&per_page=5").get_json()
    assert (first["total_items"], first["total_pages"], first["size"], first["last_page"]) == (
        7,
        2,
        5,
        False,
    )
    second = client.get("/api/v1/services?category=money-and-debt&per_page=5&page=2").get_json()
    assert second["size"] == 2 and second["last_page"]
    assert client.get("/api/v1/services?search=taalcafe").get_json()["total_items"] == 1
    assert client.get("/api/v1/services?open_now=y").get_json()["total_items"] == 7
    assert client.get("/api/v1/services?per_page=100000").get_json()["size"] == 8


def test_geojson_has_one_point_per_service_with_popup_data(app, client):
    service = _rich_service()
    make_service("Zonder plek", latitude=None, longitude=None)
    db.session.commit()
    response = client.get("/api/v1/services.geojson")
    assert response.headers["Content-Type"].startswith("application/geo+json")
    data = response.get_json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [4.6669, 51.7956]}
    props = feature["properties"]
    assert props["name"] == "Taalcafé" and props["url"] == f"/kaart/{service.id}-{service.slug}"
    assert props["colour"] == "#1d4ed8"
    assert client.get("/api/v1/services.geojson?category=food").get_json()["features"] == []


def test_the_tile_proxy_fetches_from_the_tile_server_without_cookies_or_referrer(
    app, client, fake_upstream
):
    client.set_cookie("wijkplein_session", "secret-session")
    response = client.get(
        "/tiles/15/16862/10807.png", headers={"Referer": "http://localhost/kaart?q=mijn+adres"}
    )
    assert response.status_code == 200
    assert response.data == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert (
        "max-age=" in response.headers["Cache-Control"]
        and "public" in response.headers["Cache-Control"]
    )
    assert "Set-Cookie" not in response.headers
    (request,) = fake_upstream.requests
    assert request["path"] == "/tiles/15/16862/10807.png"
    headers = {k.lower() for k in request["headers"]}
    assert "cookie" not in headers and "referer" not in headers
    # The second time it comes from the cache.
    again = client.get(
        "/tiles/15/16862/10807.png", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    assert len(fake_upstream.requests) == 1


@pytest.mark.parametrize(
    "path", ["/tiles/20/0/0.png", "/tiles/2/4/0.png", "/tiles/2/0/4.png", "/tiles/-1/0/0.png"]
)
def test_the_tile_proxy_refuses_tiles_that_do_not_exist(app, client, fake_upstream, path):
    assert client.get(path).status_code == 404
    assert fake_upstream.requests == []


def test_the_tile_proxy_answers_502_when_the_tile_server_is_down(app, client, unreachable_upstream):
    response = client.get("/tiles/1/0/0.png")
    assert response.status_code == 502
    assert response.headers["Cache-Control"] == "no-store"


def test_the_tile_proxy_does_not_pass_on_what_is_not_a_png(app, client, fake_upstream):
    fake_upstream.status = 500
    assert client.get("/tiles/1/1/1.png").status_code == 502


def test_without_a_tile_server_the_proxy_serves_a_blank_tile(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "TILE_URL", "")
    response = client.get("/tiles/3/1/1.png")
    assert response.status_code == 200
    assert response.data.startswith(b"\x89PNG")


def test_geojson_takes_a_bounding_box_of_the_visible_area(app, client):
    make_service("In Crabbehof", latitude=51.7956, longitude=4.6669)
    make_service("In Sliedrecht", latitude=51.8215, longitude=4.7735)
    db.session.commit()
    every = client.get("/api/v1/services.geojson").get_json()["features"]
    assert len(every) == 2
    inside = client.get("/api/v1/services.geojson?bbox=4.64,51.78,4.70,51.81").get_json()
    assert [f["properties"]["name"] for f in inside["features"]] == ["In Crabbehof"]


@pytest.mark.parametrize(
    "bbox", ["4.7,51.8", "x,1,2,3", "4.70,51.78,4.64,51.81", "0,-91,1,0", "nan,1,2,3", "1,2,3,4,5"]
)
def test_a_bounding_box_that_makes_no_sense_is_refused(app, client, bbox):
    response = client.get(f"/api/v1/services.geojson?bbox={bbox}")
    assert response.status_code == 400
    assert "bbox" in response.get_json()["error"]
