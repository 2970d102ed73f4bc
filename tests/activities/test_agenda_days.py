"""The agenda by day: "Vandaag", "Morgen", this week, next week and later; what has ended; the
month's day links. "Now" is frozen on a Wednesday afternoon (the view reads the clock once)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from app.activities import views
from app.activities.operations import change_occurrence
from app.extensions import db
from tests.activities.factories import make_activity

WEDNESDAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # 15:00 in Dordrecht


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the agenda's clock at NOW."""
    monkeypatch.setattr(views, "utcnow", lambda: NOW)
    return NOW


def _on(day: date, hour: int, minute: int = 0) -> datetime:
    """Local wall time (Europe/Amsterdam), as the factories take it."""
    return datetime(day.year, day.month, day.day, hour, minute)


def _days(page) -> list[str]:
    return [s["data-day"] for s in page.select("section.agenda-day")]


def _outline(page) -> list[str]:
    """The list's headings in order: a group heading's text, or a day section's date."""
    found = page.select("h2.wp-act-group, section.agenda-day")
    return [e["data-day"] if e.name == "section" else e.get_text(strip=True) for e in found]


def _heading(page, day: str) -> str:
    return page.select_one(f'section.agenda-day[data-day="{day}"] h2').get_text(" ", strip=True)


def _titles(section) -> list[str]:
    return [h.get_text(strip=True) for h in section.select(".wp-act-item__title")]


def test_the_list_says_today_tomorrow_this_week_next_week_and_later(app, get_page, frozen):
    for title, day in [
        ("Vandaag koffie", WEDNESDAY),
        ("Morgen breien", WEDNESDAY + timedelta(days=1)),
        ("Zaterdag tuinieren", WEDNESDAY + timedelta(days=3)),
        ("Maandag taalcafé", WEDNESDAY + timedelta(days=5)),
        ("Zondag wandelen", WEDNESDAY + timedelta(days=11)),
        ("Maandag daarna", WEDNESDAY + timedelta(days=12)),
    ]:
        make_activity(title=title, start=_on(day, 19))
    db.session.commit()
    page = get_page("/agenda")
    assert _outline(page) == [
        "2026-12-02",
        "2026-12-03",
        "Deze week",
        "2026-12-05",
        "Volgende week",
        "2026-12-07",
        "2026-12-13",
        "Later",
        "2026-12-14",
    ]
    assert _heading(page, "2026-12-02") == "Vandaag woensdag 2 december"
    assert _heading(page, "2026-12-03") == "Morgen donderdag 3 december"
    assert _heading(page, "2026-12-05") == "zaterdag 5 december"  # a capital by CSS
    assert _heading(page, "2026-12-14") == "maandag 14 december"
    today = page.select_one('section.agenda-day[data-day="2026-12-02"]')
    assert _titles(today) == ["Vandaag koffie"]
    # Every day section has its h2, which names it (the phone journey finds them this way).
    for section in page.select("section.agenda-day"):
        assert section["aria-labelledby"] == section.find("h2")["id"]


def test_the_days_are_in_the_visitors_language(app, get_page, frozen):
    make_activity(title="Koffie", start=_on(WEDNESDAY, 19))
    make_activity(title="Breien", start=_on(WEDNESDAY + timedelta(days=1), 10))
    db.session.commit()
    page = get_page("/agenda", headers={"Accept-Language": "en"})
    assert _heading(page, "2026-12-02") == "Today Wednesday 2 December"
    assert _heading(page, "2026-12-03") == "Tomorrow Thursday 3 December"


def test_on_a_saturday_tomorrow_is_sunday_and_then_comes_next_week(app, get_page, monkeypatch):
    saturday = WEDNESDAY + timedelta(days=3)
    monkeypatch.setattr(views, "utcnow", lambda: NOW + timedelta(days=3))
    for offset in (0, 1, 2):
        make_activity(title=f"Dag {offset}", start=_on(saturday + timedelta(days=offset), 18))
    db.session.commit()
    page = get_page("/agenda")
    assert _outline(page) == ["2026-12-05", "2026-12-06", "Volgende week", "2026-12-07"]
    assert _heading(page, "2026-12-06").startswith("Morgen")


def test_an_activity_of_today_that_has_ended_is_marked_and_keeps_its_place_in_time(
    app, get_page, frozen
):
    make_activity(title="Lunch", start=_on(WEDNESDAY, 12, 30), hours=2)  # ended at 14:30
    make_activity(title="Bingo", start=_on(WEDNESDAY, 14), hours=2)  # on until 16:00
    make_activity(title="Koor", start=_on(WEDNESDAY, 19), hours=2)
    db.session.commit()
    for url in ["/agenda", "/agenda?period=today", "/agenda?view=week", "/agenda?view=month"]:
        page = get_page(url)
        today = page.select_one('section.agenda-day[data-day="2026-12-02"]')
        assert _titles(today) == ["Lunch", "Bingo", "Koor"], url
        ended = [_titles(item)[0] for item in today.select(".wp-act-item--ended")]
        assert ended == ["Lunch"], url
        assert len(today.select(".wp-act-badge--ended")) == 1, url


def test_a_cancelled_date_that_has_passed_says_cancelled_not_ended(app, get_page, frozen):
    activity = make_activity(title="Lunch", start=_on(WEDNESDAY, 12, 30), hours=2)
    change_occurrence(activity, _on(WEDNESDAY, 12, 30), user=None, reason="Ziek", cancel=True)
    db.session.commit()
    item = get_page("/agenda").select_one(".wp-act-item")
    assert item.select_one(".wp-act-badge--cancelled") is not None
    assert item.select_one(".wp-act-badge--ended") is None


def _day_links(page) -> dict[str, str]:
    links = {}
    for link in page.select("td.wp-act-month__cell a.wp-act-month__day"):
        day = re.search(r"[?&]dag=(\d{4}-\d{2}-\d{2})", link["href"])
        assert day, link["href"]
        links[day.group(1)] = link["href"]
    return links


def test_every_day_of_the_month_links_to_its_own_list_below_the_grid(app, get_page, frozen):
    ninth = WEDNESDAY + timedelta(days=7)
    make_activity(title="Taalcafé", start=_on(ninth, 10))
    make_activity(title="Eettafel", start=_on(ninth, 18))
    make_activity(title="Koffie", start=_on(WEDNESDAY, 19))
    db.session.commit()
    page = get_page("/agenda?view=month")
    links = _day_links(page)
    assert len(links) == len(page.select("td.wp-act-month__cell")) == 35  # 30 Nov … 3 Jan
    assert all("view=month" in href and href.endswith("#gekozen-dag") for href in links.values())
    # Without a day in the address, the month of today shows today's list.
    assert _days(page) == ["2026-12-02"]
    assert (
        page.select_one('a.wp-act-month__day[aria-current="true"]')["href"] == links["2026-12-02"]
    )
    # The 9th shows it has two activities, and its link opens them below the grid.
    cell = page.select_one("td.wp-act-month__cell:has(a[href*='dag=2026-12-09'])")
    assert cell.select_one(".wp-act-month__dot").get_text(strip=True) == "2"
    chosen = get_page(links["2026-12-09"].split("#")[0])
    assert _days(chosen) == ["2026-12-09"]
    section = chosen.select_one("section.agenda-day#gekozen-dag")
    assert _titles(section) == ["Taalcafé", "Eettafel"]
    assert _heading(chosen, "2026-12-09") == "woensdag 9 december"
    current = chosen.select_one('a.wp-act-month__day[aria-current="true"]')
    assert "dag=2026-12-09" in current["href"]


def test_a_day_link_names_the_date_and_the_number_of_activities(app, get_page, frozen):
    make_activity(title="Koffie", start=_on(WEDNESDAY, 19))
    db.session.commit()
    page = get_page("/agenda?view=month", headers={"Accept-Language": "en"})
    link = page.select_one("a.wp-act-month__day[href*='dag=2026-12-02']")
    assert link.select_one(".wp-visually-hidden").get_text(strip=True) == (
        "Today, Wednesday 2 December, 1 activity"
    )
    # What the link shows (the number of the day) is part of its name.
    assert link.select_one(".wp-act-month__number").get_text(strip=True) == "2"


@pytest.mark.parametrize(
    ("query", "month", "chosen"),
    [
        ("dag=2026-11-30", "november 2026", "2026-11-30"),  # a day of the grid's other month
        ("date=2027-01-01&dag=2026-12-09", "januari 2027", None),  # not in the month shown
        ("date=2027-01-01", "januari 2027", None),  # another month: no day until one is tapped
        ("dag=morgen", "december 2026", "2026-12-02"),  # not a date: today
    ],
)
def test_the_tapped_day_picks_the_month_and_is_ignored_outside_it(
    app, get_page, frozen, query, month, chosen
):
    page = get_page(f"/agenda?view=month&{query}")
    assert page.select_one("main h2").get_text(strip=True) == month
    assert _days(page) == ([chosen] if chosen else [])
    assert (page.select_one("p#gekozen-dag") is None) == bool(chosen)


def test_the_day_links_and_the_filter_form_keep_the_filters_and_the_day(app, get_page, frozen):
    page = get_page("/agenda?view=month&dag=2026-12-09&free=y")
    href = _day_links(page)["2026-12-10"]
    assert "free=y" in href and "date=" not in href
    form = page.select_one("form.wp-act-filters__form")
    assert form.select_one('input[type=hidden][name="dag"]')["value"] == "2026-12-09"


def _queries(client, url: str) -> int:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_chosen_days_list_costs_no_query_of_its_own(app, client, frozen):
    for hour in range(8, 20):
        make_activity(start=_on(WEDNESDAY + timedelta(days=7), hour), rrule="FREQ=DAILY")
    db.session.commit()
    # Each address once: the page cache would answer a second time without any query.
    _queries(client, "/agenda?view=month&date=2027-02-01")  # what a process reads once
    without = _queries(client, "/agenda?view=month&date=2027-01-01")
    chosen = _queries(client, "/agenda?view=month&dag=2026-12-10")
    assert chosen == without > 0
