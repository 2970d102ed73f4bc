"""`flask demo load --scale city`, small: a city's worth of data in every state, consistent.

The generators run with ``--factor 0.02`` (1,000 questions instead of 50,000) on both databases;
the whole city is timed by hand (see the report in the commit that added this test).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.accounts.demo import DEMO_PASSWORD
from app.accounts.demo_city import EMAIL_DOMAIN
from app.accounts.models import User, UserRole
from app.accounts.passwords import verify_password
from app.activities.models import (
    CONFIRMED,
    WAITING,
    Activity,
    OccurrenceOverride,
    OccurrenceSlot,
    Signup,
)
from app.activities.recurrence import date_span
from app.extensions import db
from app.figures.demo import HISTORY_TITLE
from app.helpboard.models import CLAIMED, DONE, OPEN, Message, Question, VolunteerProfile
from app.neighbourhoods.models import Neighbourhood
from app.servicemap.models import Service
from app.taxonomy.models import Category

FACTOR = 0.02


def _load_small_city(runner) -> None:
    result = runner.invoke(args=["demo", "load", "--scale", "city", "--factor", str(FACTOR)])
    assert result.exit_code == 0, result.output


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_small_city_has_every_part_at_its_share_and_the_demo_logins_still_work(runner):
    _load_small_city(runner)
    assert _count(Neighbourhood) >= 12
    assert _count(User, User.email.like(f"%@{EMAIL_DOMAIN}") | User.phone.like("+3165%")) == 400
    assert _count(Service) >= 100 + 44
    assert _count(Activity) >= 40 + 29
    # The city's questions beside Crabbehof's 30 of today; the figures' year of past, anonymised
    # Crabbehof questions (app/figures/demo.py) come on top.
    assert _count(Question, Question.title != HISTORY_TITLE) == 1000 + 30
    assert _count(Message) >= 4000
    # One argon2 hash for everyone, and it is the demo password's.
    assert db.session.scalar(select(func.count(func.distinct(User.password_hash)))) == 1
    admin = db.session.scalar(select(User).where(User.email == "admin@wijkplein.example"))
    assert admin is not None and verify_password(admin.password_hash, DEMO_PASSWORD)
    assert db.session.scalar(select(func.count()).where(User.totp_secret_encrypted.is_not(None)))


def test_the_city_board_has_questions_in_every_state_and_its_rules_hold(runner):
    _load_small_city(runner)
    questions = list(db.session.scalars(select(Question)))
    statuses = Counter(q.status for q in questions)
    assert set(statuses) == {"open", "claimed", "done", "closed"}
    assert any(q.in_triage and q.opened_at is None for q in questions)  # guests waiting
    assert any(q.hidden_at for q in questions)
    assert any(q.requester_id is None and q.guest_name for q in questions)
    assert any(q.on_behalf_by_id and q.consent_at for q in questions)
    assert any(q.helped == "yes" for q in questions)
    assert any(q.anonymised_at for q in questions)
    sensitive = {c.id for c in db.session.scalars(select(Category).where(Category.is_sensitive))}
    assert any(q.category_id in sensitive for q in questions)
    for q in questions:
        assert (q.status == CLAIMED) <= (q.helper_id is not None and q.claimed_at is not None)
        assert (q.status == OPEN) <= (q.helper_id is None and q.finished_at is None)
        assert (q.status in (DONE, "closed")) <= (q.finished_at is not None)
        assert (q.helped is not None) <= (q.status == DONE)

    professionals = set(
        db.session.scalars(select(UserRole.user_id).where(UserRole.role == "professional"))
    )
    profiles = {p.user_id: p for p in db.session.scalars(select(VolunteerProfile))}
    assert any(p.is_vetted for p in profiles.values())
    assert any(not p.is_vetted for p in profiles.values())
    load = Counter(q.helper_id for q in questions if q.status == CLAIMED)
    for helper, held in load.items():
        if helper in professionals:
            continue
        assert profiles[helper].is_vetted and held <= profiles[helper].max_open
    for q in questions:
        if q.status == CLAIMED and q.category_id in sensitive:
            assert q.helper_id in professionals
    # Messages are in threads that have a helper, written after the question was claimed.
    threads = {q.id: q for q in questions}
    for message in db.session.scalars(select(Message).limit(500)):
        question = threads[message.question_id]
        assert question.helper_id is not None
        assert message.author_id is not None or message.from_guest


def test_the_city_agenda_repeats_changes_dates_and_never_overfills(runner):
    _load_small_city(runner)
    activities = list(db.session.scalars(select(Activity)))
    repeating = [a for a in activities if a.rrule]
    assert len(repeating) > len(activities) / 2
    overrides = list(db.session.scalars(select(OccurrenceOverride)))
    assert any(o.cancelled for o in overrides) and any(not o.cancelled for o in overrides)
    for activity in activities:
        assert (activity.first_date, activity.last_date) == date_span(activity)

    slots = list(db.session.scalars(select(OccurrenceSlot)))
    assert slots
    full_with_waiting = 0
    for slot in slots:
        counts = Counter(
            s.status for s in db.session.scalars(select(Signup).where(Signup.slot == slot))
        )
        capacity = slot.activity.capacity
        assert counts[CONFIRMED] <= capacity
        if counts[WAITING]:
            assert counts[CONFIRMED] == capacity
            full_with_waiting += 1
    assert full_with_waiting > 0
