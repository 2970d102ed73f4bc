"""Organisation logos: kept by the organisation's professionals and admins, shown on services."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.media.models import Image
from app.organisations.models import Organisation
from tests.factories import make_organisation, make_user
from tests.media.images import png_with_alpha
from tests.pages_helper import field_errors
from tests.servicemap.factories import make_service


def _logo(alt: str = "Logo van Stichting Dordrecht Sociaal") -> dict:
    return {"photo": (io.BytesIO(png_with_alpha((600, 200))), "logo.png"), "photo_alt": alt}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("resident", 403),
        ("moderator", 403),
        ("other professional", 403),
        ("member", 302),
        ("admin", 302),
    ],
)
def test_who_may_set_an_organisations_logo(app, client, login_as, who, status):
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    db.session.commit()
    if who == "member":
        login_as(user=make_user("professional", organisation=organisation))
    elif who == "other professional":
        login_as(user=make_user("professional", organisation=make_organisation()))
    elif who:
        login_as(who)
    url = f"/beheer/kaart/organisaties/{organisation.id}/logo"
    response = client.post(url, data=_logo(), content_type="multipart/form-data")
    assert response.status_code == status
    db.session.expire_all()
    saved = db.session.get(Organisation, organisation.id).logo_image_id is not None
    assert saved == (who in {"member", "admin"})


def test_the_logo_shows_on_the_organisations_service_pages_and_can_be_removed(
    app, client, login_as
):
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    service = make_service("Taalcafé", organisation=organisation)
    db.session.commit()
    login_as(user=make_user("professional", organisation=organisation))
    assert "Logo van Stichting Dordrecht Sociaal" in client.get("/beheer/kaart").page.get_text()
    url = f"/beheer/kaart/organisaties/{organisation.id}/logo"
    assert client.post(url, data=_logo(), content_type="multipart/form-data").status_code == 302
    page = app.test_client().get(f"/kaart/{service.id}-{service.slug}").page
    img = page.select_one("picture.wp-photo--logo img")
    assert img is not None and img["alt"] == "Logo van Stichting Dordrecht Sociaal"
    assert img["width"] == "600" and img["height"] == "200"

    response = client.post(
        url, data={"photo_alt": "", "remove_photo": "y"}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_a_logo_needs_its_alt_text(app, client, login_as, post_page):
    organisation = make_organisation()
    db.session.commit()
    login_as("admin")
    page = post_page(
        f"/beheer/kaart/organisaties/{organisation.id}/logo",
        _logo(alt=""),
        content_type="multipart/form-data",
    )
    assert field_errors(page, "photo_alt")
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_an_unknown_organisation_is_404(app, client, login_as):
    login_as("admin")
    assert client.get("/beheer/kaart/organisaties/999999/logo").status_code == 404
