"""The figures at /beheer/cijfers: who sees them, and that the numbers are right and safe."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.helpboard.models import DONE, QuestionEvent
from app.neighbourhoods.models import Neighbourhood
from tests.activities.factories import make_activity
from tests.factories import make_neighbourhood, make_user
from tests.helpboard.factories import category, make_question, neighbourhood

URL = "/beheer/cijfers"
OCTOBER = "?wijk=crabbehof&soort=month&van=2026-10-15"


def _at(day: int, month: int = 10, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _ask(slug: str, created: datetime, *, area=None, claim_after: int | None = None, **kw):
    question = make_question(slug=slug, **kw)
    question.created_at = created
    question.opened_at = created
    if area is not None:
        question.neighbourhood_id = area.id
    if claim_after is not None:
        db.session.add(
            QuestionEvent(
                question_id=question.id,
                action="claimed",
                created_at=created + timedelta(hours=claim_after),
            )
        )
    return question


def _world(scale: int = 1) -> None:
    """October 2026 in Crabbehof: 12 money questions, 3 about food, 4 about health."""
    neighbourhood()
    wielwijk = db.session.scalar(
        select(Neighbourhood).where(Neighbourhood.slug == "wielwijk")
    ) or make_neighbourhood("Wielwijk")
    for copy in range(scale):
        for n in range(12):
            question = _ask("money-and-debt", _at(1 + n), claim_after=(n + 1) if n < 11 else None)
            if copy == 0 and n < 11:
                question.status, question.finished_at = DONE, _at(20)
                question.helper_id = None
                question.helped = "yes" if n < 10 else "partly"
        for n in range(3):
            _ask("food", _at(2 + n))
        for n in range(4):
            _ask("health-and-care", _at(3 + n))
        for n in range(10):
            _ask("money-and-debt", _at(1 + n, month=9))
        for n in range(5):
            _ask("food", _at(5 + n), area=wielwijk)
        make_activity(
            start=datetime(2026, 10, 6, 10),
            rrule="FREQ=WEEKLY",
            registration_enabled=True,
            capacity=5,
            categories=[category("meeting-people")],
        )
        if copy:
            _ask("litter", _at(7), guest=True)
    db.session.commit()


def _cells(page, slug: str) -> dict[str, list[str]]:
    table = page.find("section", attrs={"aria-labelledby": f"fig-{slug}"}).find("table")
    return {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("resident", 403),
        ("volunteer", 403),
        ("moderator", 403),
        ("professional", 200),
        ("admin", 200),
    ],
)
def test_only_professionals_and_admins_open_the_figures(client, login_as, role, status):
    login_as(role)
    assert client.get(URL).status_code == status
    assert client.get(f"{URL}/questions.csv").status_code == status
    assert client.get(f"{URL}/afdrukken").status_code == status


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_the_questions_of_a_month_are_counted_beside_the_month_before(app, login_as, get_page):
    _world()
    login_as("professional")
    page = get_page(URL + OCTOBER + "&_lang=en")
    overview = _cells(page, "questions")
    rows = list(overview.values())
    # Put out: October, September, change. September's 10 are all by residents with an account,
    # which would tell that no guest asked: the channel table hides its total, so every table does.
    assert rows[0] == ["19", "x", "–"]
    assert rows[1] == ["11", "<10", "–"]  # picked up in October; none in September
    assert rows[2] == ["11", "<10", "–"]  # done
    assert rows[4][0] == "6" and rows[5][0] == "10"  # median and 90th percentile, hours
    # Channels: the three small channels would add up to 0, so the large one (October) or the
    # total (September) is hidden too.
    assert list(_cells(page, "channels").values()) == [
        ["19", "x"],
        ["x", "10"],
        ["<10", "<10"],
        ["<10", "<10"],
        ["<10", "<10"],
    ]
    helped = list(_cells(page, "helped").values())
    assert helped[0][0] == "11" and helped[1][0] == "10" and helped[2][0] == "<10"


def test_per_pillar_a_small_category_takes_its_only_shown_sibling_with_it(app, login_as, get_page):
    _world()
    login_as("admin")
    page = get_page(URL + OCTOBER)
    table = page.find("section", attrs={"aria-labelledby": "fig-categories"}).find("tbody")
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table("tr")]
    by_class = {tuple(tr["class"]): tr for tr in table("tr")}
    assert by_class  # rows carry their level
    put_out = [r[1] for r in rows]
    assert put_out[0] == "19"  # all questions
    # Work and income: 15 = money 12 + food 3: food is "<10", so money is hidden ("x").
    assert "15" in put_out and "x" in put_out and "<10" in put_out
    assert "12" not in put_out and "3" not in put_out and "4" not in put_out


def test_the_csv_holds_exactly_what_the_table_shows(app, login_as, get_page, client):
    _world()
    login_as("professional")
    page = get_page(URL + OCTOBER)
    for slug in ("questions", "categories", "channels", "helped", "languages"):
        response = client.get(f"{URL}/{slug}.csv{OCTOBER}")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert {r[0]: r[1:] for r in rows[1:]} == _cells(page, slug)


def test_all_neighbourhoods_together_count_wielwijk_too(app, login_as, get_page):
    _world()
    login_as("professional")
    page = get_page(URL + "?soort=month&van=2026-10-01")
    assert list(_cells(page, "questions").values())[0][0] == "24"


def test_an_unknown_table_is_not_found_and_odd_dates_fall_back(app, login_as, client, get_page):
    login_as("professional")
    assert client.get(f"{URL}/nothing.csv").status_code == 404
    get_page(URL + "?soort=custom&van=2026-10-01&tot=1900-01-01&wijk=onbekend")
    get_page(URL + "?soort=eeuw&van=99999-01-01")


def _statements(app, client, url: str) -> int:
    count = 0

    def counter(*_args, **_kwargs):
        nonlocal count
        count += 1

    engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count


def test_the_page_reads_the_same_number_of_queries_whatever_the_data_size(app, login_as, client):
    login_as("professional")
    _world(scale=1)
    _statements(app, client, URL + OCTOBER)  # once first: what a process reads once is not data
    small = _statements(app, client, URL + OCTOBER)
    _world(scale=3)
    make_user("volunteer")
    db.session.commit()
    large = _statements(app, client, URL + OCTOBER)
    assert small == large


def test_the_start_page_of_management_links_to_the_figures_for_professionals(login_as, get_page):
    login_as("professional")
    assert get_page("/beheer/").find("a", href=URL)
    login_as("moderator")
    assert not get_page("/beheer/").find("a", href=URL)


def test_the_printable_report_names_the_neighbourhood_and_period(app, login_as, get_page):
    _world()
    login_as("professional")
    page = get_page(f"{URL}/afdrukken{OCTOBER}")
    assert "Crabbehof" in page.find("h1").get_text()
    assert page.find("svg", attrs={"role": "img"}) is not None
    assert page.find("main").find("form") is None
    activities = list(_cells(page, "activities").values())
    assert activities[0][0] == "4"  # Tuesdays 6, 13, 20 and 27 October
    assert activities[2][0] == "20"  # places: 4 × 5
