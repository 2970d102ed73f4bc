"""The demo data of the question board."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts import demo as accounts_demo
from app.extensions import db
from app.helpboard import demo as helpboard_demo
from app.helpboard.models import Question, VolunteerProfile
from app.neighbourhoods import demo as neighbourhoods_demo
from app.organisations import demo as organisations_demo
from app.taxonomy import builtin as taxonomy_builtin

# The loaders the question board's demo depends on, then its own (other parts may be unfinished).
LOADERS = [
    neighbourhoods_demo.load,
    organisations_demo.load,
    taxonomy_builtin.load,
    accounts_demo.load,
    helpboard_demo.load,
]


def load_demo() -> None:
    for load in LOADERS:
        load(scale="neighbourhood")
        db.session.flush()
    db.session.commit()


def test_the_demo_has_thirty_questions_in_every_state_and_twelve_vetted_volunteers(app):
    load_demo()
    states = dict(
        db.session.execute(select(Question.status, func.count()).group_by(Question.status)).all()
    )
    assert sum(states.values()) == 30
    assert set(states) == {"open", "claimed", "done", "closed"}
    assert db.session.scalar(select(func.count()).select_from(Question).where(Question.in_triage))
    vetted = db.session.scalars(
        select(VolunteerProfile).where(VolunteerProfile.vetted_on.is_not(None))
    ).all()
    assert len(vetted) == 12
    assert len({lang for p in vetted for lang in p.languages}) >= 4
    from app.accounts.models import User, UserRole

    pros = db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == "professional")
    ).all()
    organisations = {o.name for p in pros for o in p.organisations}
    assert len(pros) >= 4 and len(organisations) >= 4


def test_the_board_pages_render_with_the_demo_data(app, get_page, login_as):
    from app.accounts.models import User

    load_demo()
    get_page("/prikbord")
    pro = db.session.scalar(select(User).where(User.email == "professional@wijkplein.example"))
    login_as(user=pro)
    get_page("/beheer/prikbord")
    reports = get_page("/beheer/prikbord/meldingen")
    assert len(reports.select(".wp-hb-card")) == 2
    get_page("/beheer/prikbord/vrijwilligers")
    for question in db.session.scalars(select(Question)).all():
        get_page(f"/beheer/prikbord/{question.id}")
