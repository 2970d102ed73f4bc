"""Who may do what on the social map: every rule of app/servicemap/permissions.py, as a table.

Rows are people, columns are what they look at: a service of organisation A, one of
organisation B, an entry of A that was taken off the map, and a category.
"""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from app.core.access import can
from app.extensions import db
from app.servicemap import permissions
from app.taxonomy.models import Category
from tests.factories import make_organisation, make_user
from tests.servicemap.factories import category, make_service

# What each person may do with each object (Y = yes, . = no). Columns: edit, verify and read
# the history of a service of A / of B / of A taken off the map; see that one taken off; add a
# service (for some organisation / for A); manage a category.
COLUMNS = ("A", "B", "A_off", "view_A_off", "create_any", "create_A", "categories")
# fmt: off
TABLE = {
    #                                      A    B    A_off  view_off  create  for_A  category
    "anonymous":                         ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "resident":                          ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "resident_of_a":                     ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "volunteer":                         ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "moderator":                         ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "professional_of_a":                 ( "Y", ".", "Y",   "Y",      "Y",    "Y",   "."),
    "professional_of_b":                 ( ".", "Y", ".",   ".",      "Y",    ".",   "."),
    "professional_without_organisation": ( ".", ".", ".",   ".",      ".",    ".",   "."),
    "admin":                             ( "Y", "Y", "Y",   "Y",      "Y",    "Y",   "Y"),
    "blocked_professional_of_a":         ( ".", ".", ".",   ".",      ".",    ".",   "."),
}
# fmt: on
PEOPLE = tuple(TABLE)
EDIT_RULES = ("edit_service", "verify_service", "view_history")


def _expected(person: str) -> dict[str, bool]:
    marks = TABLE[person]
    assert len(marks) == len(COLUMNS), person
    return {column: mark == "Y" for column, mark in zip(COLUMNS, marks, strict=True)}


@pytest.fixture
def world(app):
    """Two organisations, a service of each, one of A off the map, and a category."""
    a, b = make_organisation("Organisatie A"), make_organisation("Organisatie B")
    people = {
        "anonymous": AnonymousUserMixin(),
        "resident": make_user("resident"),
        "resident_of_a": make_user("resident", organisation=a),
        "volunteer": make_user("volunteer"),
        "moderator": make_user("moderator"),
        "professional_of_a": make_user("professional", organisation=a),
        "professional_of_b": make_user("professional", organisation=b),
        "professional_without_organisation": make_user("professional"),
        "admin": make_user("admin"),
        "blocked_professional_of_a": make_user("professional", organisation=a, is_blocked=True),
    }
    off = make_service("Gestopt", organisation=a)
    off.is_active = False
    objects = {
        "organisation_a": a,
        "A": make_service("Dienst van A", organisation=a),
        "B": make_service("Dienst van B", organisation=b),
        "A_off": off,
        "category": category("food"),
    }
    db.session.flush()
    return people, objects


@pytest.mark.parametrize("person", PEOPLE)
def test_only_whoever_keeps_an_entry_edits_verifies_and_reads_its_history(world, person):
    people, objects = world
    expected = _expected(person)
    answers = {
        (rule, service): can(f"servicemap.{rule}", objects[service], user=people[person])
        for rule in EDIT_RULES
        for service in ("A", "B", "A_off")
    }
    assert answers == {
        (rule, service): expected[service] for rule in EDIT_RULES for service in ("A", "B", "A_off")
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_everyone_sees_a_service_on_the_map_and_only_its_keepers_one_taken_off(world, person):
    people, objects = world
    user = people[person]
    assert can("servicemap.view_service", objects["A"], user=user) is True
    assert can("servicemap.view_service", objects["B"], user=user) is True
    assert (
        can("servicemap.view_service", objects["A_off"], user=user)
        is (_expected(person)["view_A_off"])
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_a_professional_adds_services_only_for_their_own_organisation(world, person):
    people, objects = world
    user = people[person]
    expected = _expected(person)
    assert can("servicemap.create_service", user=user) is expected["create_any"]
    assert (
        can("servicemap.create_service", objects["organisation_a"], user=user)
        is expected["create_A"]
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_the_logo_of_an_organisation_is_kept_by_whoever_adds_its_services(world, person):
    people, objects = world
    answer = can("servicemap.edit_organisation", objects["organisation_a"], user=people[person])
    assert answer is _expected(person)["create_A"]


@pytest.mark.parametrize("person", PEOPLE)
def test_only_admins_manage_the_categories(world, person):
    people, objects = world
    assert isinstance(objects["category"], Category)
    answer = can("servicemap.manage_categories", objects["category"], user=people[person])
    assert answer is _expected(person)["categories"]
    assert can("servicemap.manage_categories", user=people[person]) is answer


@pytest.mark.parametrize("person", PEOPLE)
def test_the_management_opens_for_professionals_and_admins_who_are_not_blocked(world, person):
    people, _objects = world
    expected = person in {
        "professional_of_a",
        "professional_of_b",
        "professional_without_organisation",
        "admin",
    }
    assert can("servicemap.manage_services", user=people[person]) is expected


@pytest.mark.parametrize("person", PEOPLE)
def test_professionals_and_admins_who_are_not_blocked_add_search_words(world, person):
    people, objects = world
    expected = person in {
        "professional_of_a",
        "professional_of_b",
        "professional_without_organisation",
        "admin",
    }
    assert can("servicemap.edit_synonyms", objects["category"], user=people[person]) is expected


def test_every_rule_of_the_map_is_one_of_these():
    rules = {name for name in vars(permissions) if name.startswith("can_")}
    assert rules == {
        "can_manage_services",
        "can_create_service",
        "can_edit_service",
        "can_verify_service",
        "can_view_history",
        "can_view_service",
        "can_manage_categories",
        "can_edit_synonyms",
        "can_edit_organisation",
    }
