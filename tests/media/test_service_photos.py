"""A photo per service: who may upload and remove it, what the pages show, how it is served."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from app.extensions import db
from app.media.models import Image, ImageVariant
from app.servicemap.models import Service
from tests.factories import make_organisation, make_user
from tests.media.images import photo
from tests.pages_helper import field_errors
from tests.servicemap.factories import make_service
from tests.servicemap.test_manage import _form


def _edit_form(service: Service, **overrides) -> dict:
    """The edit form of ``service`` as the page fills it in, with ``overrides``."""
    fields = {
        "name": service.name,
        "organisation": str(service.organisation_id),
        "address": service.location.address,
        "postcode": service.location.postcode,
        "latitude": str(service.location.latitude),
        "longitude": str(service.location.longitude),
        "categories": [str(c.id) for c in service.categories],
        "version": str(service.version),
    }
    return _form(**{**fields, **overrides})


def _upload(data: bytes, name: str = "foto.jpg"):
    return (io.BytesIO(data), name)


@pytest.fixture
def service():
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    made = make_service("Taalcafé", organisation=organisation)
    db.session.commit()
    return made


def _post_edit(client, service, **overrides):
    return client.post(
        f"/beheer/kaart/{service.id}/bewerken",
        data=_edit_form(service, **overrides),
        content_type="multipart/form-data",
    )


def _owner(login_as, service):
    user = make_user("professional", organisation=service.organisation)
    db.session.commit()
    login_as(user=user)
    return user


def test_a_professional_adds_a_photo_to_their_service_and_residents_see_it(
    app, client, login_as, service
):
    user = _owner(login_as, service)
    response = _post_edit(
        client,
        service,
        photo=_upload(photo((1600, 1200), gps=True)),
        photo_alt="Mensen aan tafel met koffie",
    )
    assert response.status_code == 302
    db.session.expire_all()
    service = db.session.get(Service, service.id)
    image = service.image
    assert image is not None and image.alt_text == "Mensen aan tafel met koffie"
    assert image.created_by_id == user.id
    assert (
        db.session.scalar(
            select(func.count()).select_from(ImageVariant).where(ImageVariant.image_id == image.id)
        )
        == 6
    )

    client.get("/account/uitloggen", unchecked="a redirect")
    with client.session_transaction() as session:
        session.clear()
    for url in (f"/kaart/{service.id}-{service.slug}", "/kaart"):
        page = client.get(url).page
        img = page.select_one("picture.wp-photo img")
        assert img is not None, url
        assert img["alt"] == "Mensen aan tafel met koffie"
        assert img["loading"] == "lazy" and img["width"] == "1024" and img["height"] == "768"
        assert "320w" in img["srcset"] and "1024w" in img["srcset"] and img.get("sizes")
        source = page.select_one("picture.wp-photo source")
        assert source["type"] == "image/webp" and "640w" in source["srcset"]
        assert "data:" not in str(page)  # referenced, never inlined
    src = img["src"]
    served = client.get(src)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert not PILImage.open(io.BytesIO(served.data)).getexif()


def test_a_service_without_a_photo_shows_no_image_at_all(app, client, service):
    page = client.get(f"/kaart/{service.id}-{service.slug}").page
    assert page.select("picture") == [] and page.select("main img") == []


def test_a_photo_without_alt_text_is_refused_and_says_to_choose_it_again(
    app, client, login_as, service, post_page
):
    _owner(login_as, service)
    page = post_page(
        f"/beheer/kaart/{service.id}/bewerken",
        _edit_form(service, name="Taalcafé Nieuw", photo=_upload(photo()), photo_alt=""),
        content_type="multipart/form-data",
    )
    errors = field_errors(page, "photo_alt")
    assert errors and "Kies de foto opnieuw" in errors[0]
    assert page.find("input", id="name")["value"] == "Taalcafé Nieuw"  # typed values kept
    assert page.find("input", id="photo").find_parent("form")["enctype"] == "multipart/form-data"
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_a_text_file_named_jpg_is_refused_next_to_the_field(
    app, client, login_as, service, post_page
):
    _owner(login_as, service)
    page = post_page(
        f"/beheer/kaart/{service.id}/bewerken",
        _edit_form(service, photo=_upload(b"not a photo\n" * 50), photo_alt="Een foto"),
        content_type="multipart/form-data",
    )
    assert "JPEG, PNG of WebP" in " ".join(field_errors(page, "photo"))
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_the_owner_replaces_the_alt_text_and_then_removes_the_photo(app, client, login_as, service):
    _owner(login_as, service)
    assert _post_edit(client, service, photo=_upload(photo()), photo_alt="Oud").status_code == 302
    db.session.expire_all()
    service = db.session.get(Service, service.id)
    old = service.image
    assert _post_edit(client, service, photo_alt="Nieuw").status_code == 302
    db.session.expire_all()
    service = db.session.get(Service, service.id)
    assert service.image_id == old.id and service.image.alt_text == "Nieuw"
    page = client.get(f"/beheer/kaart/{service.id}/bewerken").page
    assert page.find("input", id="photo_alt")["value"] == "Nieuw"
    assert page.find("input", id="remove_photo") is not None
    sha = service.image.sha256

    assert _post_edit(client, service, photo_alt="", remove_photo="y").status_code == 302
    db.session.expire_all()
    assert db.session.get(Service, service.id).image_id is None
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0
    assert db.session.scalar(select(func.count()).select_from(ImageVariant)) == 0
    assert client.get(f"/media/{sha}-320.jpg").status_code == 404


def test_keeping_a_photo_needs_its_alt_text(app, client, login_as, service, post_page):
    _owner(login_as, service)
    _post_edit(client, service, photo=_upload(photo()), photo_alt="Een foto")
    db.session.expire_all()
    service = db.session.get(Service, service.id)
    page = post_page(
        f"/beheer/kaart/{service.id}/bewerken",
        _edit_form(service, photo_alt=""),
        content_type="multipart/form-data",
    )
    assert field_errors(page, "photo_alt")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),  # to the login page
        ("resident", 403),
        ("volunteer", 403),
        ("moderator", 403),
        ("other professional", 403),
        ("admin", 302),  # saved
    ],
)
def test_who_may_upload_a_photo_to_a_service(app, client, login_as, service, who, status):
    if who == "other professional":
        login_as(user=make_user("professional", organisation=make_organisation()))
    elif who:
        login_as(who)
    response = _post_edit(client, service, photo=_upload(photo()), photo_alt="Een foto")
    assert response.status_code == status
    expected = 1 if who == "admin" else 0
    assert db.session.scalar(select(func.count()).select_from(Image)) == expected
    if who is None:
        assert "/account/inloggen" in response.headers["Location"]


def test_a_copy_is_served_for_a_year_with_its_etag_and_type(app, client, login_as, service):
    _owner(login_as, service)
    _post_edit(client, service, photo=_upload(photo((800, 600), "PNG")), photo_alt="Een foto")
    sha = db.session.scalars(select(Image.sha256)).one()
    for name, mimetype in ((f"{sha}-640.webp", "image/webp"), (f"{sha}-320.jpg", "image/jpeg")):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response.mimetype == mimetype
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        etag = response.headers["ETag"]
        again = client.get(f"/media/{name}", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b""
    assert PILImage.open(io.BytesIO(client.get(f"/media/{sha}-640.webp").data)).width == 640


@pytest.mark.parametrize(
    "name",
    [
        "0" * 64 + "-320.jpg",  # no such photo
        "{sha}-1024.jpg",  # no such width (the upload is 800 wide)
        "{sha}-320.png",
        "{sha}-320.jpeg",
        "../etc/passwd",
        "{sha}.jpg",
    ],
)
def test_an_unknown_copy_is_404(app, client, login_as, service, name):
    _owner(login_as, service)
    _post_edit(client, service, photo=_upload(photo((800, 600))), photo_alt="Een foto")
    sha = db.session.scalars(select(Image.sha256)).one()
    assert client.get(f"/media/{name.format(sha=sha)}", unchecked="not a page").status_code == 404


def test_a_photo_over_the_size_limit_is_refused_next_to_the_field(
    app, client, login_as, service, post_page, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_IMAGE_BYTES", 2000)
    _owner(login_as, service)
    page = post_page(
        f"/beheer/kaart/{service.id}/bewerken",
        _edit_form(service, photo=_upload(photo((1600, 1200))), photo_alt="Een foto"),
        content_type="multipart/form-data",
    )
    assert "8 MB" in " ".join(field_errors(page, "photo"))
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0
