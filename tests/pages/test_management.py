"""The start page of management shows each person the staff pages they may open."""

from __future__ import annotations

import pytest

MENU_LINK = "/beheer/"


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("moderator", {"/beheer/agenda", "/beheer/prikbord/meldingen"}),
        (
            "professional",
            {
                "/beheer/bewoners",
                "/beheer/agenda",
                "/beheer/prikbord",
                "/beheer/kaart",
                "/beheer/cijfers",
                "/beheer/wijken/aanspreekpunt",
            },
        ),
        (
            "admin",
            {
                "/beheer/bewoners",
                "/beheer/gebruikers",
                "/beheer/post",
                "/beheer/agenda",
                "/beheer/prikbord",
                "/beheer/kaart",
                "/beheer/cijfers",
                "/beheer/wijken",
                "/beheer/wijken/aanspreekpunt",
            },
        ),
    ],
)
def test_the_start_page_links_to_the_staff_pages_of_each_role(login_as, get_page, role, links):
    login_as(role)
    page = get_page("/beheer/")
    assert {a["href"] for a in page.find("main").find_all("a")} == links
    for href in links:
        assert get_page(href)  # every link opens (get_page checks the status and the page)


@pytest.mark.parametrize(
    ("role", "in_menu"),
    [
        (None, False),
        ("resident", False),
        ("volunteer", False),
        ("moderator", True),
        ("professional", True),
        ("admin", True),
    ],
)
def test_the_main_menu_shows_management_to_staff_only(login_as, get_page, role, in_menu):
    if role:
        login_as(role)
    menu = get_page("/").find("nav", class_="wp-nav")
    assert bool(menu.find("a", href=MENU_LINK)) is in_menu
