"""A photo per activity: organisers and professionals add one; a proposal's stays hidden."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.activities.models import Activity
from app.extensions import db
from app.media.models import Image
from tests.activities.factories import make_activity
from tests.activities.test_posting import _form
from tests.factories import make_neighbourhood, make_organisation, make_user
from tests.media.images import photo
from tests.pages_helper import field_errors


def _with_photo(alt: str = "Buren eten samen aan een lange tafel", **changes) -> dict:
    return _form(
        photo=(io.BytesIO(photo((1200, 800), gps=True)), "lunch.jpg"), photo_alt=alt, **changes
    )


def _post(client, url, data):
    return client.post(url, data=data, content_type="multipart/form-data")


def test_a_professional_posts_an_activity_with_a_photo_shown_on_its_page_and_the_agenda(
    app, client, login_as
):
    neighbourhood = make_neighbourhood("Crabbehof")
    organisation = make_organisation("Buurthuis Crabbehoeve")
    login_as("professional", organisation=organisation)
    data = _with_photo(neighbourhood_id=str(neighbourhood.id), organisation_id=str(organisation.id))
    assert _post(client, "/agenda/nieuw", data).status_code == 302
    activity = db.session.scalar(select(Activity))
    assert activity.status == "published" and activity.image.is_public
    stranger = app.test_client()
    for url in (f"/agenda/{activity.id}-{activity.slug}", "/agenda"):
        page = stranger.get(url).page
        img = page.select_one("picture.wp-photo img")
        assert img is not None and img["alt"] == "Buren eten samen aan een lange tafel", url
        assert img["loading"] == "lazy" and "srcset" in img.attrs
    served = stranger.get(img["src"])
    assert served.status_code == 200
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_residents_proposal_photo_is_hidden_until_a_moderator_approves(app, client, login_as):
    neighbourhood = make_neighbourhood("Crabbehof")
    resident = make_user("resident", email="henk@example.org")
    db.session.commit()
    login_as(user=resident)
    data = _with_photo(neighbourhood_id=str(neighbourhood.id), organisation_id="0")
    assert _post(client, "/agenda/nieuw", data).status_code == 302
    activity = db.session.scalar(select(Activity))
    image = activity.image
    assert activity.status == "proposed" and not image.is_public
    url = f"/media/{image.sha256}-320.jpg"

    stranger = app.test_client()
    assert stranger.get(url).status_code == 404
    assert stranger.get(f"/agenda/{activity.id}-{activity.slug}").status_code == 404
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = make_user("resident").get_id()
        session["two_factor_ok"] = True
    db.session.commit()
    assert other.get(url).status_code == 404

    mine = client.get(url)  # the proposer sees what they sent, not kept by any cache
    assert mine.status_code == 200 and mine.headers["Cache-Control"] == "private, no-store"

    login_as("moderator")
    page = client.get("/beheer/agenda/voorstellen").page
    assert page.select_one("picture.wp-photo img")["alt"] == "Buren eten samen aan een lange tafel"
    assert client.get(url).status_code == 200
    assert client.post(f"/beheer/agenda/voorstellen/{activity.id}/goedkeuren").status_code == 302

    db.session.expire_all()
    assert db.session.get(Image, image.id).is_public
    served = stranger.get(url)
    assert served.status_code == 200
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert stranger.get("/agenda").page.select_one("picture.wp-photo img") is not None


def test_a_photo_without_alt_text_keeps_what_was_typed(app, client, login_as, post_page):
    neighbourhood = make_neighbourhood("Crabbehof")
    organisation = make_organisation()
    login_as("professional", organisation=organisation)
    page = post_page(
        "/agenda/nieuw",
        _with_photo(
            alt="",
            title="Breicafé",
            neighbourhood_id=str(neighbourhood.id),
            organisation_id=str(organisation.id),
        ),
        content_type="multipart/form-data",
    )
    assert field_errors(page, "photo_alt")
    assert page.find("input", id="title")["value"] == "Breicafé"
    assert db.session.scalar(select(func.count()).select_from(Activity)) == 0
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),  # to the login page
        ("resident", 403),
        ("volunteer", 403),
        ("other professional", 403),
        ("organiser", 302),
        ("professional", 302),
    ],
)
def test_who_may_add_and_remove_an_activitys_photo(app, client, login_as, who, status):
    organisation = make_organisation()
    organiser = make_user("resident")
    if who == "organiser":
        activity = make_activity(title="Buurtlunch", organiser=organiser, organisation=None)
    else:
        activity = make_activity(title="Buurtlunch", organisation=organisation)
    db.session.commit()
    if who == "organiser":
        login_as(user=organiser)
    elif who == "professional":
        login_as("professional", organisation=organisation)
    elif who == "other professional":
        login_as("professional", organisation=make_organisation())
    elif who:
        login_as(who)
    org_id = "0" if who == "organiser" else str(organisation.id)
    fields = {"neighbourhood_id": str(activity.neighbourhood_id), "organisation_id": org_id}
    url = f"/agenda/{activity.id}/bewerken"
    response = _post(client, url, _with_photo(**fields))
    assert response.status_code == status
    db.session.expire_all()
    has_photo = db.session.get(Activity, activity.id).image_id is not None
    assert has_photo == (status == 302 and who is not None)
    if who is None:
        assert "/account/inloggen" in response.headers["Location"]
    if has_photo:
        removed = _post(client, url, _form(remove_photo="y", photo_alt="", **fields))
        assert removed.status_code == 302
        db.session.expire_all()
        assert db.session.get(Activity, activity.id).image_id is None
        assert db.session.scalar(select(func.count()).select_from(Image)) == 0
