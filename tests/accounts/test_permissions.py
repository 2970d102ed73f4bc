"""Who may block, change the roles of, or hand a password link to whom: every pair of roles."""

from __future__ import annotations

import itertools

import pytest

from app.accounts.models import User
from app.accounts.permissions import (
    can_block,
    can_change_roles,
    can_help_residents,
    can_issue_reset_link,
    can_manage_users,
    can_unblock,
)
from app.core.access import ROLE_ORDER, can

_ids = itertools.count(1)


def person(role: str, *, email: str | None = None, blocked: bool = False) -> User:
    """Return an account that is only in memory: the rules read roles and state, not the database."""
    user = User(id=next(_ids), name=role, email=email, is_blocked=blocked)
    user.add_role(role)
    return user


# Whether the actor (row) may act on the subject (column), in the order of ROLE_ORDER:
# resident, volunteer, moderator, professional, admin.
BLOCK_AND_ROLES = {
    "resident": (0, 0, 0, 0, 0),
    "volunteer": (0, 0, 0, 0, 0),
    "moderator": (0, 0, 0, 0, 0),
    "professional": (0, 0, 0, 0, 0),
    "admin": (1, 1, 1, 1, 0),
}
# A link to a new password, for a subject without an email address.
RESET_LINK = {
    "resident": (0, 0, 0, 0, 0),
    "volunteer": (0, 0, 0, 0, 0),
    "moderator": (0, 0, 0, 0, 0),
    "professional": (1, 1, 0, 0, 0),
    "admin": (1, 1, 0, 0, 0),
}


def _table(rows: dict[str, tuple[int, ...]]) -> list[tuple[str, str, bool]]:
    return [
        (actor, subject, bool(allowed))
        for actor, row in rows.items()
        for subject, allowed in zip(ROLE_ORDER, row, strict=True)
    ]


@pytest.mark.parametrize(("actor_role", "subject_role", "allowed"), _table(BLOCK_AND_ROLES))
def test_only_a_higher_role_blocks_or_changes_roles(actor_role, subject_role, allowed):
    actor, subject = person(actor_role), person(subject_role)
    assert can_block(actor, subject) is allowed
    assert can_unblock(actor, person(subject_role, blocked=True)) is allowed
    assert can_change_roles(actor, subject) is allowed
    assert can("accounts.block", subject, user=actor) is allowed
    assert can("accounts.change_roles", subject, user=actor) is allowed


@pytest.mark.parametrize(("actor_role", "subject_role", "allowed"), _table(RESET_LINK))
def test_a_professional_gives_a_reset_link_to_residents_and_volunteers_only(
    actor_role, subject_role, allowed
):
    actor, subject = person(actor_role), person(subject_role)
    assert can_issue_reset_link(actor, subject) is allowed
    assert can("accounts.issue_reset_link", subject, user=actor) is allowed


@pytest.mark.parametrize("subject_role", ROLE_ORDER)
def test_no_reset_link_for_an_account_with_an_email_address(subject_role):
    # They can ask for a link by email themselves, as the page says.
    subject = person(subject_role, email="someone@example.org")
    for actor_role in ROLE_ORDER:
        assert not can_issue_reset_link(person(actor_role), subject)


@pytest.mark.parametrize("actor_role", ["professional", "admin"])
def test_no_reset_link_for_a_blocked_account(actor_role):
    assert not can_issue_reset_link(person(actor_role), person("resident", blocked=True))


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_nobody_acts_on_their_own_account(role):
    me = person(role)
    assert not can_block(me, me)
    assert not can_change_roles(me, me)
    assert not can_issue_reset_link(me, me)


@pytest.mark.parametrize("actor_role", ROLE_ORDER)
@pytest.mark.parametrize("subject_role", ROLE_ORDER)
def test_a_blocked_person_may_do_nothing(actor_role, subject_role):
    actor, subject = person(actor_role, blocked=True), person(subject_role)
    assert not can_manage_users(actor)
    assert not can_help_residents(actor)
    assert not can_block(actor, subject)
    assert not can_unblock(actor, person(subject_role, blocked=True))
    assert not can_change_roles(actor, subject)
    assert not can_issue_reset_link(actor, subject)


def test_an_anonymous_visitor_may_do_nothing():
    from flask_login import AnonymousUserMixin

    nobody, subject = AnonymousUserMixin(), person("resident")
    assert not can_manage_users(nobody)
    assert not can_help_residents(nobody)
    assert not can_block(nobody, subject)
    assert not can_change_roles(nobody, subject)
    assert not can_issue_reset_link(nobody, subject)


@pytest.mark.parametrize(
    ("role", "manages_users", "helps_residents"),
    [
        ("resident", False, False),
        ("volunteer", False, False),
        ("moderator", False, False),
        ("professional", False, True),
        ("admin", True, True),
    ],
)
def test_who_opens_the_pages_of_account_management(role, manages_users, helps_residents):
    assert can_manage_users(person(role)) is manages_users
    assert can_help_residents(person(role)) is helps_residents
