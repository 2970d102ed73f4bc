"""Every ``can_*`` of the question board, as a table: role × state of the question → answer.

And the one visibility table behind both the SQL (``question_select``) and the Python check
(``can_see``): for every role and every state the two must agree.
"""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from app.core.models import utcnow
from app.extensions import db
from app.helpboard import permissions as can
from app.helpboard.models import Message, Report
from app.helpboard.queries import question_select, viewer_for
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer

ROLES = (
    "anonymous",
    "resident",
    "requester",
    "unvetted",
    "vetted",
    "helper",
    "moderator",
    "professional",
    "admin",
    "blocked",
)
STATES = (
    "open",
    "triage",
    "claimed",
    "done",
    "closed",
    "hidden",
    "sensitive",
    "housing",
    "only_professionals",
    "marked_sensitive",
)
# Rent arrears in "housing", a question the resident ticked "only for professionals", one a
# professional marked sensitive: each is a sensitive question in every rule.
LIKE_SENSITIVE = ("housing", "only_professionals", "marked_sensitive")

EVERYONE = set(ROLES)
ACTIVE = EVERYONE - {"anonymous", "blocked"}
STAFF = {"professional", "admin"}
NOBODY: set[str] = set()


@pytest.fixture
def world(app):
    """One question in every state (asked by "requester", helped by "helper"), one user per role."""
    requester = make_user("resident", name="Rita Vrager")
    helper = make_volunteer(name="Henk Helper")
    people = {
        "anonymous": AnonymousUserMixin(),
        "resident": make_user("resident"),
        "requester": requester,
        "unvetted": make_volunteer(vetted=False),
        "vetted": make_volunteer(),
        "helper": helper,
        "moderator": make_user("moderator"),
        "professional": make_user("professional"),
        "admin": make_user("admin"),
        "blocked": make_user("professional", is_blocked=True),
    }
    now = utcnow()
    questions = {
        "open": make_question(requester=requester),
        "triage": make_question(requester=requester, in_triage=True),
        "claimed": make_question(requester=requester, status="claimed", helper=helper),
        "done": make_question(requester=requester, status="done", helper=helper, finished_at=now),
        "closed": make_question(
            requester=requester, status="closed", helper=helper, finished_at=now
        ),
        "hidden": make_question(
            requester=requester,
            status="claimed",
            helper=helper,
            hidden_at=now,
            hidden_reason="spam",
        ),
        "sensitive": make_question(requester=requester, slug="money-and-debt"),
        "housing": make_question(
            requester=requester, slug="housing", title="Huurachterstand en dreigende uitzetting"
        ),
        "only_professionals": make_question(requester=requester, professionals_only=True),
        "marked_sensitive": make_question(requester=requester),
    }
    from app.helpboard.operations import mark_sensitive

    mark_sensitive(questions["marked_sensitive"], people["professional"])
    db.session.commit()
    return people, questions


# rule → state → the roles for whom the rule says yes
TABLE: dict[str, dict[str, set[str]]] = {
    "see": {
        "open": EVERYONE,
        "triage": {"requester"} | STAFF,
        "claimed": {"requester", "helper"} | STAFF,
        "done": {"requester", "helper"} | STAFF,
        "closed": {"requester", "helper"} | STAFF,
        "hidden": NOBODY,
        "sensitive": {"requester"} | STAFF,
    },
    "read_details": {
        "open": {"requester"} | STAFF,
        "triage": {"requester"} | STAFF,
        "claimed": {"requester", "helper"} | STAFF,
        "done": {"requester", "helper"} | STAFF,
        "closed": {"requester", "helper"} | STAFF,
        "hidden": NOBODY,
        "sensitive": {"requester"} | STAFF,
    },
    "claim": {
        "open": {"vetted", "helper"} | STAFF,
        "triage": NOBODY,
        "claimed": NOBODY,
        "done": NOBODY,
        "closed": NOBODY,
        "hidden": NOBODY,
        "sensitive": STAFF,
    },
    "take_part": {
        "open": {"requester"} | STAFF,
        "triage": {"requester"} | STAFF,
        "claimed": {"requester", "helper"} | STAFF,
        "done": {"requester", "helper"} | STAFF,
        "closed": {"requester", "helper"} | STAFF,
        "hidden": NOBODY,
        "sensitive": {"requester"} | STAFF,
    },
    "hand_back": {
        "open": NOBODY,
        "triage": NOBODY,
        "claimed": {"helper"} | STAFF,
        "done": NOBODY,
        "closed": NOBODY,
        "hidden": {"helper"} | STAFF,
        "sensitive": NOBODY,
    },
    "mark_done": {
        "open": NOBODY,
        "triage": NOBODY,
        "claimed": {"requester", "helper"} | STAFF,
        "done": NOBODY,
        "closed": NOBODY,
        "hidden": {"requester", "helper"} | STAFF,
        "sensitive": NOBODY,
    },
    "close": {
        "open": {"requester"} | STAFF,
        "triage": {"requester"} | STAFF,
        "claimed": {"requester"} | STAFF,
        "done": NOBODY,
        "closed": NOBODY,
        "hidden": {"requester"} | STAFF,
        "sensitive": {"requester"} | STAFF,
    },
    "answer_helped": {
        "open": NOBODY,
        "triage": NOBODY,
        "claimed": NOBODY,
        "done": {"requester"},
        "closed": NOBODY,
        "hidden": NOBODY,
        "sensitive": NOBODY,
    },
    "report": {
        "open": ACTIVE,
        "triage": ACTIVE,
        "claimed": ACTIVE,
        "done": ACTIVE,
        "closed": ACTIVE,
        "hidden": NOBODY,
        "sensitive": ACTIVE,
    },
    "refer": {
        "open": STAFF,
        "triage": STAFF,
        "claimed": {"helper"} | STAFF,
        "done": {"helper"} | STAFF,
        "closed": NOBODY,
        "hidden": {"helper"} | STAFF,
        "sensitive": STAFF,
    },
}

for _states in TABLE.values():
    for _state in LIKE_SENSITIVE:
        _states[_state] = _states["sensitive"]

# rule → the roles for whom it says yes (rules about a person, not about one question)
PERSON_TABLE: dict[str, set[str]] = {
    "triage": STAFF,
    "moderate": {"moderator"} | STAFF,
    "edit_profile": {"unvetted", "vetted", "helper", "admin"},
}


def _differences(expected: dict[str, set[str]], answer) -> list[str]:
    wrong = []
    for state in STATES:
        for role in ROLES:
            got = bool(answer(role, state))
            if got != (role in expected[state]):
                wrong.append(f"{role} × {state}: {got}")
    return wrong


@pytest.mark.parametrize("rule", sorted(TABLE))
def test_each_question_rule_answers_as_the_table_says(world, rule):
    people, questions = world
    check = getattr(can, f"can_{rule}")
    assert _differences(TABLE[rule], lambda r, s: check(people[r], questions[s])) == []


@pytest.mark.parametrize("rule", sorted(PERSON_TABLE))
def test_each_person_rule_answers_as_the_table_says(world, rule):
    people, _questions = world
    check = getattr(can, f"can_{rule}")
    wrong = [r for r in ROLES if bool(check(people[r])) != (r in PERSON_TABLE[rule])]
    assert wrong == []


def test_the_sql_and_the_python_visibility_agree_in_every_cell(world):
    people, questions = world
    ids = {state: q.id for state, q in questions.items()}
    wrong = []
    for role in ROLES:
        user = people[role]
        shown = {row.id for row in db.session.execute(question_select(viewer_for(user)))}
        for state in STATES:
            in_sql = ids[state] in shown
            in_python = can.can_see(user, questions[state])
            if in_sql != in_python:
                wrong.append(f"{role} × {state}: SQL {in_sql}, Python {in_python}")
    assert wrong == []


def test_the_sql_gives_details_exactly_where_python_says_they_may_be_read(world):
    people, questions = world
    wrong = []
    for role in ROLES:
        user = people[role]
        rows = {row.id: row for row in db.session.execute(question_select(viewer_for(user)))}
        for state in STATES:
            question = questions[state]
            row = rows.get(question.id)
            if row is None:
                continue
            if (row.contact_name is not None) != can.can_read_details(user, question):
                wrong.append(f"{role} × {state}")
    assert wrong == []


AUTHORS = ("guest", "resident", "volunteer", "moderator", "professional", "admin")
# actor → authors whose reported content they may hide / whose account they may block
HIDES = {
    "moderator": {"guest", "resident", "volunteer"},
    "professional": {"guest", "resident", "volunteer", "moderator"},
    "admin": {"guest", "resident", "volunteer", "moderator", "professional"},
    "resident": set(),
}
BLOCKS = {actor: authors - {"guest"} for actor, authors in HIDES.items()}


@pytest.fixture
def reports(app):
    """A reported message by an author of every role (and one by a guest)."""
    items = {}
    for author_role in AUTHORS:
        question = make_question(guest=True) if author_role == "guest" else make_question()
        author = None
        if author_role != "guest":
            author = make_user(author_role)
        message = Message(
            question_id=question.id,
            author_id=author.id if author else None,
            from_guest=author is None,
            body="Koop nu!",
        )
        db.session.add(message)
        db.session.flush()
        report = Report(question_id=question.id, message_id=message.id, reason="reclame")
        db.session.add(report)
        db.session.flush()
        items[author_role] = report
    actors = {role: make_user(role) for role in HIDES}
    db.session.commit()
    return actors, items


@pytest.mark.parametrize(("rule", "table"), [("hide", HIDES), ("block", BLOCKS)])
def test_moderation_follows_the_order_of_roles(reports, rule, table):
    actors, items = reports
    check = getattr(can, f"can_{rule}")
    wrong = [
        f"{actor} × {author}"
        for actor in table
        for author in AUTHORS
        if check(actors[actor], items[author]) != (author in table[actor])
    ]
    assert wrong == []


@pytest.mark.parametrize("detail", ["phone", "email"])
def test_the_sql_and_python_agree_on_which_contact_details_each_role_reads(world, detail):
    from app.helpboard.visibility import reads_contact

    people, questions = world
    wrong = []
    for role in ROLES:
        user = people[role]
        rows = {row.id: row for row in db.session.execute(question_select(viewer_for(user)))}
        for state in STATES:
            question = questions[state]
            row = rows.get(question.id)
            in_sql = row is not None and getattr(row, f"contact_{detail}") is not None
            there = getattr(question, f"contact_{detail}") is not None
            if in_sql != (row is not None and there and reads_contact(user, question, detail)):
                wrong.append(f"{role} × {state}")
    assert wrong == []
