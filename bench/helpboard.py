"""The question board with little and with much data: queries per page must not grow."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.accounts.operations import create_user
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import Message, Question, VolunteerProfile
from app.neighbourhoods.models import Neighbourhood
from app.taxonomy.builtin import ensure_builtin_categories
from app.taxonomy.models import Category

PAGES = [
    ("board", "/prikbord", None),
    ("board API", "/api/v1/prikbord", None),
    ("question form", "/prikbord/nieuw", None),
    ("question (public)", "/prikbord/{id}", None),
    ("questions for me", "/prikbord?voor=mij", "volunteer"),
    ("question (helper)", "/prikbord/{claimed}", "helper"),
    ("triage", "/beheer/prikbord", "professional"),
    ("triage question", "/beheer/prikbord/{id}", "professional"),
    ("volunteers", "/beheer/prikbord/vrijwilligers", "professional"),
]


def _user(name: str, email: str, roles: tuple[str, ...]) -> User:
    found = db.session.scalar(select(User).where(User.email == email))
    return found or create_user(name, "bench-password", email=email, roles=roles)


def _fill(n_questions: int, n_volunteers: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    ensure_builtin_categories()
    hood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "bench"))
    if hood is None:
        hood = Neighbourhood(name="Bench", slug="bench")
        db.session.add(hood)
        db.session.flush()
    categories = [c for c in db.session.scalars(select(Category)) if not c.is_public_space]
    pro = _user("Bench Pro", "bench-pro@example.org", ("professional",))
    volunteers = []
    for i in range(n_volunteers):
        user = _user(f"Vrijwilliger {seed}-{i}", f"bench-v{seed}-{i}@example.org", ("volunteer",))
        profile = VolunteerProfile(
            user_id=user.id,
            languages=rng.sample(["nl", "en", "tr", "ar", "pl"], 2),
            availability=["mon-morning", "tue-afternoon"],
            neighbourhood_id=hood.id,
            vetted_on=date.today() - timedelta(days=5),
            vetted_by_id=pro.id,
        )
        profile.skills = rng.sample(categories, 2)
        db.session.add(profile)
        volunteers.append(user)
    resident = _user("Bench Bewoner", "bench-resident@example.org", ("resident",))
    first_open = claimed = 0
    for i in range(n_questions):
        status = rng.choice(["open", "open", "claimed", "done", "closed"])
        category = rng.choice(categories)
        helper = None
        if status in ("claimed", "done"):
            helper = pro if category.is_sensitive else rng.choice(volunteers)
        question = Question(
            title=f"Vraag {seed}-{i}",
            description="Omschrijving " * 10,
            category_id=category.id,
            neighbourhood_id=hood.id,
            status=status,
            helper_id=helper.id if helper else None,
            requester_id=resident.id,
            opened_at=utcnow(),
            in_triage=rng.random() < 0.1,
            latitude=51.79,
            longitude=4.66,
        )
        db.session.add(question)
        db.session.flush()
        if status == "claimed" and not category.is_sensitive:
            claimed = claimed or question.id
            db.session.add(Message(question_id=question.id, author_id=helper.id, body="Hallo"))
        if status == "open" and not question.in_triage and not question.category.is_sensitive:
            first_open = first_open or question.id
    db.session.commit()
    claimed_question = db.session.get(Question, claimed)
    return {
        "id": first_open,
        "claimed": claimed,
        "pro": pro.id,
        "volunteer": volunteers[0].id,
        "helper": claimed_question.helper_id if claimed_question else volunteers[0].id,
    }


def _client(bench, user_id: int | None):
    client = bench.client()
    if user_id is not None:
        with bench.app.app_context():
            user = db.session.get(User, user_id)
            ident = user.get_id()
        with client.session_transaction() as session:
            session["_user_id"] = ident
            session["two_factor_ok"] = True
    return client


def _measure_all(bench, ids: dict[str, int], label: str) -> dict[str, int]:
    counts = {}
    for name, url, who in PAGES:
        user_id = {
            "volunteer": ids["volunteer"],
            "helper": ids["helper"],
            "professional": ids["pro"],
        }.get(who or "")
        result = bench.measure(
            f"{name} ({label})", url.format(**ids), client=_client(bench, user_id), repeat=3
        )
        assert result.status == 200, f"{url}: {result.status}"
        counts[name] = result.queries
    return counts


def run(bench) -> None:
    with bench.app.app_context():
        db.create_all()  # the helpboard tables, when the migrations do not have them yet
        small_ids = _fill(20, 5, seed=1)
    small = _measure_all(bench, small_ids, "small")
    with bench.app.app_context():
        large_ids = _fill(3000, 150, seed=2)
    large = _measure_all(bench, large_ids, "large")
    for name in small:
        assert large[name] <= small[name] + 2, f"{name}: {small[name]} → {large[name]} queries"
