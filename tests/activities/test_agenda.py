"""The public agenda: list, week and month views, filters, one activity, the poster."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from app.activities.agenda import today
from app.activities.operations import change_occurrence
from app.extensions import db
from app.taxonomy.builtin import ensure_builtin_categories
from app.taxonomy.models import Category
from tests.activities.factories import make_activity, make_location
from tests.factories import make_neighbourhood, make_user


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".wp-act-item__title")]


def test_the_agenda_lists_what_is_on_by_day(app, get_page):
    make_activity(
        title="Koffieochtend", start=_at(today() + timedelta(days=1), 10), rrule="FREQ=DAILY"
    )
    db.session.commit()
    page = get_page("/agenda")
    titles = _titles(page)
    assert titles.count("Koffieochtend") >= 13
    assert len(page.select(".wp-act-day")) >= 13


def test_a_resident_filters_this_week_for_children(app, get_page):
    ensure_builtin_categories()
    youth = db.session.scalar(db.select(Category).where(Category.slug == "parenting-and-youth"))
    wednesday = today() + timedelta(days=(2 - today().weekday()) % 7)
    make_activity(
        title="Knutselen", start=_at(wednesday, 15), target_group="children", categories=[youth]
    )
    make_activity(title="Seniorengym", start=_at(wednesday, 10), target_group="seniors")
    make_activity(
        title="Volgende maand knutselen",
        start=_at(today() + timedelta(days=40), 15),
        target_group="children",
    )
    db.session.commit()
    page = get_page("/agenda?period=week&target=children")
    assert _titles(page) == ["Knutselen"]
    page = get_page("/agenda?category=parenting-and-youth")
    assert _titles(page) == ["Knutselen"]
    # The filter form keeps what was chosen.
    assert page.find("select", id="category").find("option", selected=True)["value"] == (
        "parenting-and-youth"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=tr", ["Turks"]),
        ("free=y", ["Turks"]),
        ("place=PLACE", ["Betaald"]),
        ("period=today", []),
    ],
)
def test_the_filters_narrow_the_list(app, get_page, query, expected):
    place = make_location("Buurthuis Crabbehoeve")
    day = today() + timedelta(days=3)
    make_activity(title="Turks", start=_at(day, 10), languages_csv=",tr,nl,", is_free=True)
    make_activity(title="Betaald", start=_at(day, 11), is_free=False, cost="€ 2", location=place)
    db.session.commit()
    page = get_page("/agenda?" + query.replace("PLACE", str(place.id)))
    assert _titles(page) == expected


def _place_options(page) -> list[str]:
    select = page.find("select", attrs={"name": "place"})
    return [o.get_text(strip=True) for o in select.find_all("option") if o.get("value")]


def test_the_place_filter_offers_only_places_with_activities_in_the_shown_period(app, get_page):
    soon = make_location("Buurthuis Crabbehoeve")
    later = make_location("Wijkcentrum De Hoven")
    make_location("Sporthal zonder activiteiten")
    make_activity(title="Koffie", start=_at(today() + timedelta(days=1), 10), location=soon)
    make_activity(title="Later", start=_at(today() + timedelta(days=90), 10), location=later)
    db.session.commit()
    assert _place_options(get_page("/agenda?view=week")) == ["Buurthuis Crabbehoeve"]
    # The place already chosen stays offered, even when nothing takes place there this week.
    chosen = get_page(f"/agenda?view=week&place={later.id}")
    assert _place_options(chosen) == ["Buurthuis Crabbehoeve", "Wijkcentrum De Hoven"]


def test_bad_filter_values_do_not_break_the_page(app, get_page):
    page = get_page("/agenda?date=not-a-date&view=nonsense&target=aliens&place=x&language=xx")
    assert page.find(id="date-error") is not None


def test_the_week_view_shows_seven_days_and_the_month_view_a_grid(app, get_page):
    make_activity(title="Taalcafé", start=_at(today() + timedelta(days=1), 19), rrule="FREQ=WEEKLY")
    db.session.commit()
    week = get_page("/agenda?view=week")
    assert len(week.select(".wp-act-week__day")) == 7
    month = get_page("/agenda?view=month&date=" + today().isoformat())
    assert len(month.select("td.wp-act-month__cell")) % 7 == 0
    assert "Taalcafé" in month.get_text()


def test_a_full_month_day_links_to_the_rest(app, get_page):
    day = today() + timedelta(days=2)
    for hour in range(8, 14):
        make_activity(title=f"Activiteit om {hour}", start=_at(day, hour))
    db.session.commit()
    page = get_page(f"/agenda?view=month&date={day.isoformat()}")
    assert page.select_one(".wp-act-month__more") is not None


def test_the_activity_page_shows_dates_place_organiser_and_changes(app, get_page):
    place = make_location("Buurthuis Crabbehoeve", address="Crabbehof 10")
    start = _at(today() + timedelta(days=1), 10)
    activity = make_activity(
        title="Koffieochtend",
        start=start,
        rrule="FREQ=WEEKLY",
        location=place,
        description="Gezellig **koffie** drinken <script>alert(1)</script>",
    )
    change_occurrence(
        activity, start + timedelta(days=7), user=make_user(), reason="Buurthuis dicht", cancel=True
    )
    db.session.commit()
    page = get_page(f"/agenda/{activity.id}-{activity.slug}")
    text = page.get_text()
    assert "Buurthuis Crabbehoeve" in text and activity.organisation.name in text
    assert "Buurthuis dicht" in text
    assert page.find("strong", string="koffie") is not None
    assert page.find("script", string=lambda s: s and "alert" in s) is None
    assert page.find("a", href=lambda h: h and h.startswith("https://wa.me/?text=")) is not None
    assert page.find("a", href=f"/kaart/plek/{place.id}") is not None


def test_an_old_or_missing_slug_redirects_and_unknown_ids_are_not_found(app, client):
    activity = make_activity(title="Koffieochtend")
    db.session.commit()
    assert client.get(f"/agenda/{activity.id}").status_code == 301
    assert client.get(f"/agenda/{activity.id}-oud").status_code == 301
    assert client.get("/agenda/99999-iets").status_code == 404


def test_a_proposal_is_hidden_from_the_public(app, client):
    proposal = make_activity(
        title="Voorstel", status="proposed", start=_at(today() + timedelta(days=1), 10)
    )
    db.session.commit()
    assert client.get(f"/agenda/{proposal.id}-{proposal.slug}").status_code == 404
    assert b"Voorstel" not in client.get("/agenda").data


def test_the_week_poster_is_printable_with_a_qr_code(app, get_page):
    crabbehof = make_neighbourhood("Crabbehof")
    make_activity(title="Koffieochtend", start=_at(today(), 23), neighbourhood=crabbehof)
    db.session.commit()
    page = get_page("/agenda/poster/crabbehof")
    assert page.find("svg", class_="segno") is not None
    assert "Koffieochtend" in page.get_text()
    # The part's stylesheet, under its content-hashed name once `make static` ran.
    assert page.find("link", href=lambda h: h and re.search(r"/activities\.(\w+\.)?css$", h))


def _count_queries(client, url) -> int:
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return len(statements)


@pytest.mark.parametrize("view", ["month", "list", "week"])
def test_the_agenda_costs_the_same_queries_for_few_or_many_activities(app, client, view):
    neighbourhood = make_neighbourhood("Crabbehof")
    place = make_location("Buurthuis")
    start = _at(today(), 10)
    url = f"/agenda?view={view}&date={today().isoformat()}"

    def add(count: int) -> None:
        for i in range(count):
            activity = make_activity(
                start=start + timedelta(hours=i % 8),
                rrule="FREQ=WEEKLY",
                neighbourhood=neighbourhood,
                location=place,
            )
            change_occurrence(
                activity, start + timedelta(days=7, hours=i % 8), user=None, reason="x", cancel=True
            )
        db.session.commit()

    add(2)
    few = _count_queries(client, url)
    add(60)
    many = _count_queries(client, url)
    assert many == few
    assert few <= 12


def test_the_map_asks_what_happens_at_a_place(app):
    from zoneinfo import ZoneInfo

    from app.activities.queries import occurrences_at_location

    place, elsewhere = make_location("Buurthuis"), make_location("Bibliotheek")
    start = _at(today() + timedelta(days=1), 10)
    make_activity(title="Koffieochtend", start=start, rrule="FREQ=DAILY", location=place)
    make_activity(title="Voorlezen", start=start, location=elsewhere)
    db.session.commit()
    ams = ZoneInfo("Europe/Amsterdam")
    with app.test_request_context():
        found = occurrences_at_location(
            place.id, start.replace(tzinfo=ams), (start + timedelta(days=3)).replace(tzinfo=ams)
        )
    assert [(item["title"], item["start"].day) for item in found] == [
        ("Koffieochtend", start.day),
        ("Koffieochtend", (start + timedelta(days=1)).day),
        ("Koffieochtend", (start + timedelta(days=2)).day),
    ]
    assert found[0]["url"].startswith("/agenda/")
    assert found[0]["end"] - found[0]["start"] == timedelta(hours=2)
