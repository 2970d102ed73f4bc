"""The home page: the neighbourhood today, without anybody's personal data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from app.extensions import db
from app.pages.home import HOME_ITEMS, home_page
from tests.activities.factories import make_activity, make_location
from tests.factories import make_neighbourhood
from tests.helpboard.factories import make_question
from tests.servicemap.factories import make_service, open_always

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ENGLISH = {"Accept-Language": "en"}


def _local_today() -> date:
    return datetime.now(AMSTERDAM).date()


def _tomorrow_at(hour: int) -> datetime:
    """Local wall time tomorrow (what make_activity takes)."""
    return datetime.combine(_local_today() + timedelta(days=1), time(hour))


def test_the_home_page_shows_whats_on_and_open_questions_without_personal_data(get_page):
    make_activity("Koffieochtend in de Crabbehoeve", start=_tomorrow_at(10))
    question = make_question(title="Wie helpt met mijn belastingformulier?")
    db.session.commit()
    requester = question.requester

    page = get_page("/", headers={"Accept-Language": "nl"})
    text = page.get_text(" ", strip=True)

    assert "Koffieochtend in de Crabbehoeve" in text
    assert "Wie helpt met mijn belastingformulier?" in text
    for personal in (requester.name, requester.email, requester.phone, question.description):
        assert personal not in str(page)


def test_one_big_button_asks_a_question(get_page):
    page = get_page("/", headers={"Accept-Language": "nl"})
    buttons = [a for a in page.find_all("a") if "Stel een vraag" in a.get_text()]
    assert len(buttons) == 1
    assert buttons[0]["href"] == "/prikbord/nieuw"
    assert "wp-cta" in buttons[0]["class"]


def test_sensitive_and_unapproved_questions_stay_off_the_home_page(get_page):
    make_question(title="Ik heb schulden", slug="money-and-debt")
    make_question(title="Vraag van een gast", guest=True, in_triage=True)
    db.session.commit()

    text = get_page("/").get_text(" ", strip=True)

    assert "Ik heb schulden" not in text
    assert "Vraag van een gast" not in text


def test_questions_of_another_neighbourhood_stay_off_the_home_page(get_page):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    wielwijk = make_neighbourhood("Wielwijk")
    make_question(title="Wie tilt mijn kast?", neighbourhood_id=crabbehof.id)
    make_question(title="Wie leent een ladder?", neighbourhood_id=wielwijk.id)
    db.session.commit()

    text = get_page("/", headers=ENGLISH).get_text(" ", strip=True)

    assert "Wie tilt mijn kast?" in text
    assert "Wie leent een ladder?" not in text


def test_each_section_says_so_when_it_is_empty(get_page, app, monkeypatch):
    monkeypatch.setitem(app.config, "CONTACT_SERVICE_SLUG", "")
    monkeypatch.setitem(app.config, "CONTACT_NAME", "")
    text = get_page("/", headers=ENGLISH).get_text(" ", strip=True)
    assert "Nothing more on the agenda today." in text
    assert "Nothing on the agenda tomorrow yet." in text
    assert "Nothing on the map is open right now." in text
    assert "No open questions right now." in text
    assert "There is no contact point for this neighbourhood yet." in text


def test_the_dutch_empty_state_of_the_questions(get_page):
    text = get_page("/", headers={"Accept-Language": "nl"}).get_text(" ", strip=True)
    assert "Er zijn nu geen open vragen." in text


def test_today_shows_what_is_still_on_and_tomorrow_what_comes(app):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    day = date(2026, 12, 3)
    make_activity("Ochtendkoffie", start=datetime.combine(day, time(9)), hours=1)
    make_activity("Taalcafé", start=datetime.combine(day, time(14)), hours=2)
    make_activity("Huiswerkklas", start=datetime.combine(day + timedelta(days=1), time(15)))
    make_activity("Later deze week", start=datetime.combine(day + timedelta(days=3), time(10)))
    elsewhere = make_neighbourhood("Wielwijk")
    make_activity("Elders", start=datetime.combine(day, time(15)), neighbourhood=elsewhere)
    db.session.commit()
    now = datetime.combine(day, time(13), tzinfo=AMSTERDAM).astimezone(UTC)

    with app.test_request_context():
        page = home_page(crabbehof, now)

    assert [o.activity.title for o in page.activities_today] == ["Taalcafé"]
    assert [o.activity.title for o in page.activities_tomorrow] == ["Huiswerkklas"]
    assert (page.today, page.tomorrow) == (day, day + timedelta(days=1))


def test_a_weekly_activity_shows_once_today_and_not_tomorrow(app):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    day = date(2026, 12, 3)
    make_activity("Buurtlunch", start=datetime.combine(day, time(12)), rrule="FREQ=WEEKLY")
    db.session.commit()
    now = datetime.combine(day, time(8), tzinfo=AMSTERDAM)

    with app.test_request_context():
        page = home_page(crabbehof, now)

    assert [o.activity.title for o in page.activities_today] == ["Buurtlunch"]
    assert page.activities_tomorrow == []


def test_services_open_now_are_listed_nearest_the_centre_first(get_page):
    make_neighbourhood("Crabbehof", is_default=True)  # centre 51.795, 4.667
    make_service("Ver weg open", hours=open_always(), latitude=51.80, longitude=4.70)
    make_service("Dichtbij open", hours=open_always(), latitude=51.7951, longitude=4.6671)
    make_service("Dicht", hours={}, latitude=51.795, longitude=4.667)
    db.session.commit()

    section = get_page("/", headers=ENGLISH).find(id="home-open").find_parent("section")
    names = [a.get_text(strip=True) for a in section.select("li a")]

    assert names == ["Dichtbij open", "Ver weg open"]


def test_the_contact_point_is_the_maps_contact_service(get_page, app, monkeypatch):
    make_neighbourhood("Crabbehof", is_default=True)
    service = make_service("Wijkteam Crabbehof", phone="078 123 45 67")
    db.session.commit()
    monkeypatch.setitem(app.config, "CONTACT_SERVICE_SLUG", service.slug)

    section = get_page("/", headers={"Accept-Language": "nl"}).find(id="home-contact")
    block = section.find_parent("section")

    assert block.find("a", string="Wijkteam Crabbehof")["href"].startswith(f"/kaart/{service.id}-")
    assert block.find("a", href="tel:0781234567").get_text(" ", strip=True) == "Bel 078 123 45 67"


def test_without_that_service_the_contact_point_is_the_configured_number(
    get_page, app, monkeypatch
):
    monkeypatch.setitem(app.config, "CONTACT_SERVICE_SLUG", "nobody-has-this")
    monkeypatch.setitem(app.config, "CONTACT_NAME", "Gemeente Dordrecht")
    monkeypatch.setitem(app.config, "CONTACT_PHONE", "14 078")

    block = get_page("/", headers={"Accept-Language": "nl"}).find(id="home-contact")
    text = block.find_parent("section").get_text(" ", strip=True)

    assert "Gemeente Dordrecht" in text
    assert "Bel 14 078" in text


def _count_queries(client, url) -> tuple[int, int]:
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        response = client.get(url, headers=ENGLISH)
        assert response.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return len(statements), len(response.data)


def test_the_home_page_costs_the_same_queries_for_little_or_much_data(app, client):
    crabbehof = make_neighbourhood("Crabbehof", is_default=True)
    place = make_location("Buurthuis")
    tomorrow = _tomorrow_at(10)

    def add(count: int) -> None:
        for i in range(count):
            make_activity(
                start=tomorrow + timedelta(minutes=i),
                rrule="FREQ=DAILY",
                neighbourhood=crabbehof,
                location=place,
            )
            make_question(title=f"Vraag {i}", neighbourhood_id=crabbehof.id)
            make_service(hours=open_always(), languages=("nl", "ar"))
        db.session.commit()

    add(1)
    few, few_bytes = _count_queries(client, "/")
    add(HOME_ITEMS * 6)
    many, many_bytes = _count_queries(client, "/")

    assert many == few
    assert few <= 20
    # The lists are cut at HOME_ITEMS, so the page stops growing.
    assert many_bytes < 40_000
