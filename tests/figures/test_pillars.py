"""Each category belongs to a pillar of the programme; admins place them."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.taxonomy.builtin import BUILTIN, BUILTIN_PILLARS
from app.taxonomy.models import PILLARS, Category
from tests.helpboard.factories import category

URL = "/beheer/kaart/categorieen/pijler"


def test_every_fixed_category_starts_in_one_of_the_five_pillars(app):
    assert {slug for slug, *_ in BUILTIN} == set(BUILTIN_PILLARS)
    assert set(BUILTIN_PILLARS.values()) == set(PILLARS)
    assert category("money-and-debt").pillar == "work"


def test_an_admin_moves_a_category_to_another_pillar(app, client, login_as, get_page):
    login_as("admin")
    category("food")
    db.session.commit()
    page = get_page("/beheer/kaart/categorieen")
    assert page.find("select", attrs={"name": "pillar"})
    response = client.post(URL, data={"category": "food", "pillar": "health"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Category.pillar).where(Category.slug == "food")) == "health"


def test_an_unknown_category_or_pillar_changes_nothing(app, client, login_as):
    login_as("admin")
    category("food")
    db.session.commit()
    assert client.post(URL, data={"category": "nope", "pillar": "health"}).status_code == 400
    assert client.post(URL, data={"category": "food", "pillar": "moon"}).status_code == 400
    db.session.expire_all()
    assert db.session.scalar(select(Category.pillar).where(Category.slug == "food")) == "work"


def test_only_admins_place_categories(app, client, login_as):
    login_as("professional")
    assert client.post(URL, data={"category": "food", "pillar": "health"}).status_code == 403
