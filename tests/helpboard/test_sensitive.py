"""Sensitive questions stay with professionals: housing, "only for professionals", marked in triage."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Question, QuestionEvent
from tests.factories import make_user
from tests.helpboard.factories import category, make_question, make_volunteer, neighbourhood


def _form(**overrides):
    data = {
        "category": str(category("forms-and-paperwork").id),
        "title": "Hulp met een brief van de woningcorporatie",
        "description": "Ik heb een huurachterstand.",
        "urgency": "this_week",
        "contact_route": "phone",
        "language": "nl",
        "guest_name": "Ayşe",
        "guest_phone": "06 12345678",
        "form_token": "token-sensitive",
    }
    data.update(overrides)
    return data


def _fresh(question_id: int) -> Question:
    db.session.expire_all()
    return db.session.get(Question, question_id)


def test_the_housing_category_is_for_professionals_only(app):
    assert category("housing").is_sensitive
    for slug in ("money-and-debt", "health-and-care", "safety", "housing-dispute"):
        assert category(slug).is_sensitive, slug


def test_rent_arrears_never_reach_the_board_or_a_vetted_volunteer(app, client, login_as):
    question = make_question(
        slug="housing", title="Huurachterstand en dreigende uitzetting", description="GEHEIM"
    )
    volunteer = make_volunteer(skills=("housing",))
    db.session.commit()
    assert "Huurachterstand" not in client.get("/prikbord").get_data(as_text=True)
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    login_as(user=volunteer)
    assert "Huurachterstand" not in client.get("/prikbord").get_data(as_text=True)
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 404


def test_a_resident_ticks_only_for_professionals_on_the_form(app, client, login_as, get_page):
    neighbourhood()
    resident = make_user("resident")
    volunteer = make_volunteer()
    pro = make_user("professional")
    db.session.commit()
    login_as(user=resident)
    form = get_page("/prikbord/nieuw")
    assert form.find("input", attrs={"name": "professionals_only", "type": "checkbox"})
    response = client.post("/prikbord/nieuw", data=_form(professionals_only="y"))
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert question.professionals_only and question.in_triage
    login_as(user=volunteer)
    assert "woningcorporatie" not in client.get("/prikbord").get_data(as_text=True)
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    login_as(user=pro)
    triage = get_page("/beheer/prikbord")
    sensitive = triage.find(id="triage-sensitive").find_parent("section")
    assert "woningcorporatie" in sensitive.get_text()


def test_a_question_without_the_tick_opens_as_before(app, client, login_as):
    neighbourhood()
    login_as(user=make_user("resident"))
    client.post("/prikbord/nieuw", data=_form())
    question = db.session.scalar(select(Question))
    assert not question.professionals_only and not question.in_triage


def test_a_professional_puts_out_a_question_for_professionals_only(app, client, login_as):
    neighbourhood()
    login_as(user=make_user("professional"))
    response = client.post(
        "/beheer/prikbord/nieuw", data=_form(consent="y", professionals_only="y")
    )
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert question.professionals_only and question.on_behalf_by_id is not None
    assert "woningcorporatie" not in client.get("/prikbord").get_data(as_text=True)


def test_a_professional_marks_a_question_sensitive_and_it_leaves_the_board_at_once(
    app, client, login_as, get_page
):
    question = make_question(title="Uitzetting dreigt")
    pro = make_user("professional")
    db.session.commit()
    assert "Uitzetting dreigt" in client.get("/prikbord").get_data(as_text=True)
    login_as(user=pro)
    page = get_page(f"/beheer/prikbord/{question.id}")
    assert page.find("form", action=f"/beheer/prikbord/{question.id}/gevoelig")
    response = client.post(f"/beheer/prikbord/{question.id}/gevoelig")
    assert response.status_code == 302
    assert _fresh(question.id).professionals_only
    page = get_page(f"/beheer/prikbord/{question.id}")
    assert not page.find("form", action=f"/beheer/prikbord/{question.id}/gevoelig")
    client.get("/account/uitloggen")
    login_as(user=make_volunteer())
    assert "Uitzetting dreigt" not in client.get("/prikbord").get_data(as_text=True)
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    actions = db.session.scalars(
        select(QuestionEvent.action).where(QuestionEvent.question_id == question.id)
    ).all()
    assert "marked_sensitive" in actions


def test_marking_sensitive_takes_the_question_out_of_a_volunteers_hands(app, client, login_as):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper, title="Huur")
    db.session.commit()
    login_as(user=make_user("professional"))
    client.post(f"/beheer/prikbord/{question.id}/gevoelig")
    fresh = _fresh(question.id)
    assert fresh.status == "open" and fresh.helper_id is None
    login_as(user=helper)
    assert client.get(f"/prikbord/{question.id}").status_code == 404


def test_only_professionals_may_mark_a_question_sensitive(app, client, login_as):
    question = make_question()
    db.session.commit()
    for role in ("resident", "volunteer", "moderator"):
        login_as(role)
        assert client.post(f"/beheer/prikbord/{question.id}/gevoelig").status_code in (403, 404)
    assert not _fresh(question.id).professionals_only


def test_the_migration_makes_housing_sensitive_in_an_existing_database(app):
    from pathlib import Path

    import sqlalchemy as sa
    from flask_migrate import upgrade

    migrations = str(Path(__file__).resolve().parents[2] / "migrations")
    db.session.remove()
    reflected = sa.MetaData()
    reflected.reflect(db.engine)
    reflected.drop_all(db.engine)
    try:
        upgrade(directory=migrations, revision="7a3c51e9d2b4")
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO categories (slug, icon, colour, sort_order, is_builtin,"
                    " is_sensitive, is_public_space, scopes)"
                    " VALUES ('housing', 'house', '#475569', 7, :yes, :no, :no, '[]')"
                ),
                {"yes": True, "no": False},
            )
        upgrade(directory=migrations, revision="c4d8e2f1a6b3")
        with db.engine.connect() as connection:
            sensitive = connection.execute(
                sa.text("SELECT is_sensitive FROM categories WHERE slug = 'housing'")
            ).scalar_one()
        assert sensitive
    finally:
        reflected = sa.MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        db.create_all()
