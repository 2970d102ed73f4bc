"""Every value a person reads is a word in their language, never a stored code (issue 12, 5).

Service history, the question page, the activity form and page, the matching reasons and
triage are read as people read them, in Dutch and English and, where it matters, Arabic,
Turkish or Polish; then one scan goes over those pages for codes that slipped through.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from app.activities.agenda import today
from app.activities.operations import record_change, sign_up
from app.core.models import utcnow
from app.extensions import db
from app.servicemap.models import ServiceChange
from tests.activities.factories import make_activity, make_location
from tests.factories import make_organisation, make_user
from tests.helpboard.factories import make_question, make_volunteer
from tests.servicemap.factories import make_service

# Codes that must never reach a page as they are stored.
RAW_CODES = re.compile(
    r"\b(True|False|None|walk_in|by_appointment|money-and-debt|meeting-people|"
    r"forms-and-paperwork|this_week|no_hurry|RRULE|FREQ=\w+)\b|\(s\)|vraag/vragen"
)
LANGUAGE_CODES = {"nl", "en", "tr", "ar", "pl", "bg", "ro", "uk", "ti", "so", "pap", "fa"}


def main_text(page: BeautifulSoup) -> str:
    return page.find("main").get_text(" ", strip=True)


def raw_codes(page: BeautifulSoup) -> list[str]:
    """Return the codes a person would read on ``page`` (text, options, definitions)."""
    main = page.find("main")
    found = [m.group(0) for m in RAW_CODES.finditer(main.get_text(" ", strip=True))]
    for element in main.find_all(["option", "dd", "td", "li", "label"]):
        text = element.get_text(" ", strip=True)
        if text in LANGUAGE_CODES:
            found.append(text)
    return found


def _days_ago(days: int, hour: int = 10) -> datetime:
    day = datetime.now(UTC) - timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


# --- the social map's history -----------------------------------------------------------------


@pytest.fixture
def service_with_history(app):
    organisation = make_organisation()
    keeper = make_user("professional", organisation=organisation)
    service = make_service("Inloopspreekuur", organisation=organisation)
    # As older rows hold them: booleans as "True"/"False", codes, slugs, ISO times.
    db.session.add(
        ServiceChange(
            service_id=service.id,
            user_id=keeper.id,
            action="updated",
            changes={
                "is_active": ["True", "False"],
                "is_free": ["no", "yes"],
                "access": ["walk_in", "appointment"],
                "categories": ["money-and-debt", "meeting-people, money-and-debt"],
                "languages": ["nl", "nl, tr"],
                "last_verified_at": ["", "2026-11-30T09:15:00+00:00"],
            },
        )
    )
    db.session.commit()
    return keeper, service


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ("Ja", "Nee", "Binnenlopen", "Op afspraak", "Geld en schulden", "Turks")),
        ("en", ("Yes", "No", "Walk in", "By appointment", "Money and debt", "Turkish")),
        ("ar", ("التركية",)),
    ],
)
def test_a_services_history_shows_its_values_in_words(
    client, login_as, get_page, service_with_history, language, words
):
    keeper, service = service_with_history
    login_as(user=keeper)
    page = get_page(f"/beheer/kaart/{service.id}/geschiedenis?lang={language}")
    text = main_text(page)
    for word in words:
        assert word in text
    assert raw_codes(page) == []


# --- the question page and the matching reasons -----------------------------------------------


@pytest.mark.parametrize(
    ("language", "word"), [("nl", "Turks"), ("en", "Turkish"), ("tr", "Türkçe"), ("pl", "turecki")]
)
def test_the_question_page_names_the_language_in_words(client, login_as, get_page, language, word):
    question = make_question(language="tr")
    db.session.commit()
    login_as(user=question.requester)
    page = get_page(f"/prikbord/{question.id}?lang={language}")
    contact = page.find(id="contact-heading").find_parent("section")
    assert word in [dd.get_text(strip=True) for dd in contact.find_all("dd")]
    assert raw_codes(page) == []


def test_matching_reasons_say_yesterday_and_count_questions_with_plurals(
    client, login_as, get_page
):
    question = make_question(language="tr", in_triage=True, guest=True)
    volunteer = make_volunteer(languages=("nl", "tr"))
    make_question(helper=volunteer, status="claimed")
    make_question(helper=volunteer, status="done", finished_at=_days_ago(1))
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    text = main_text(get_page(f"/beheer/prikbord/{question.id}?lang=en"))
    assert "speaks Turkish" in text
    assert "helps with 1 other question," in text
    assert "last helped yesterday" in text
    assert "0 days" not in text


# --- the activity form and page -----------------------------------------------------------------


def test_a_resident_is_offered_languages_by_name_and_repeats_in_words(client, login_as, get_page):
    login_as("resident")
    for language, names in {
        "nl": ("Nederlands", "Türkçe (Turks)", "Українська (Oekraïens)", "ትግርኛ (Tigrinya)"),
        "en": ("Nederlands (Dutch)", "Polski (Polish)", "Български (Bulgarian)"),
    }.items():
        page = get_page(f"/agenda/nieuw?lang={language}")
        offered = [o.get_text(strip=True) for o in page.select("#languages option")] or [
            label.get_text(strip=True) for label in page.select("#languages label")
        ]
        for name in names:
            assert name in offered
        repeats = [o["value"] for o in page.select("#repeat option")]
        assert "custom" not in repeats
        assert page.find(id="custom_rule") is None
        assert raw_codes(page) == []


def test_editing_a_weekly_activity_shows_every_week_not_its_rule(client, login_as, get_page):
    organiser = make_user("resident")
    activity = make_activity(
        title="Taalcafé",
        start=datetime.combine(today() + timedelta(days=2), datetime.min.time()).replace(hour=10),
        rrule="FREQ=WEEKLY;UNTIL=20991231T235959",
        organisation=None,
        organiser=organiser,
        created_by=organiser,
    )
    db.session.commit()
    login_as(user=organiser)
    page = get_page(f"/agenda/{activity.id}/bewerken?lang=nl")
    assert page.select_one("#repeat option[selected]")["value"] == "weekly"
    assert page.find(id="until")["value"] == "2099-12-31"
    assert page.find(id="custom_rule") is None


def test_a_professional_may_still_write_a_calendar_rule(client, login_as, get_page):
    login_as("professional", organisation=make_organisation())
    page = get_page("/agenda/nieuw?lang=en")
    custom = page.select_one("#repeat option[value=custom]")
    assert custom.get_text(strip=True) == "Another pattern (a calendar rule)"


@pytest.mark.parametrize(
    ("language", "button", "state"),
    [
        ("nl", "Zet mij op de wachtlijst", "Je staat op de wachtlijst."),
        ("en", "Put me on the waiting list", "You are on the waiting list."),
    ],
)
def test_the_waiting_list_button_is_an_action_and_the_state_is_said_apart(
    client, login_as, get_page, language, button, state
):
    start = datetime.combine(today() + timedelta(days=3), datetime.min.time()).replace(hour=14)
    activity = make_activity(title="Kookles", start=start, registration_enabled=True, capacity=1)
    sign_up(activity, start, make_user("resident"))
    resident = make_user("resident")
    db.session.commit()
    login_as(user=resident)
    url = f"/agenda/{activity.id}-{activity.slug}?lang={language}"
    page = get_page(url)
    date_item = page.select_one(".wp-act-date")
    assert date_item.find("button").get_text(" ", strip=True).startswith(button)
    assert state not in date_item.get_text(" ")
    sign_up(activity, start, resident)
    db.session.commit()
    date_item = get_page(url).select_one(".wp-act-date")
    assert state in date_item.get_text(" ", strip=True)
    assert button not in date_item.get_text(" ")


# --- triage: new questions from guests ----------------------------------------------------------


@pytest.fixture
def triage_questions(app):
    pro = make_user("professional")
    questions = {
        "guest": make_question(guest=True, in_triage=True, title="Vraag van een gast"),
        "resident": make_question(
            slug="money-and-debt", in_triage=True, title="Vraag van een bewoner"
        ),
        "on_behalf": make_question(
            guest=True,
            in_triage=True,
            slug="money-and-debt",
            title="Vraag voor een bewoner",
            on_behalf_by_id=pro.id,
            consent_at=utcnow(),
        ),
    }
    db.session.commit()
    return questions


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
def test_triage_lists_only_guests_as_new_questions_from_guests(
    client, login_as, get_page, triage_questions, role, status
):
    login_as(role)
    if status != 200:
        assert client.get("/beheer/prikbord", unchecked="an error page").status_code == status
        return
    page = get_page("/beheer/prikbord?lang=nl")
    new = page.find(id="triage-new").find_parent("section").get_text(" ")
    sensitive = page.find(id="triage-sensitive").find_parent("section").get_text(" ")
    assert "Vraag van een gast" in new
    assert "Vraag van een bewoner" not in new
    assert "Vraag voor een bewoner" not in new
    assert "Vraag van een bewoner" in sensitive  # it still waits for a professional
    assert "(1)" in page.find(id="triage-new").get_text()
    assert raw_codes(page) == []


# --- one scan over the pages ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en", "ar"])
def test_no_page_of_history_question_activity_or_triage_shows_a_raw_code(
    client, login_as, get_page, service_with_history, triage_questions, language
):
    keeper, service = service_with_history
    question = triage_questions["guest"]
    asked = make_question(language="ar", urgency="no_hurry", contact_route="message")
    activity = make_activity(
        title="Buurtlunch",
        rrule="FREQ=WEEKLY",
        languages=["nl", "ti", "uk"],
        registration_enabled=True,
        capacity=5,
    )
    db.session.commit()
    pages = {}
    login_as(user=keeper)
    pages["history"] = get_page(f"/beheer/kaart/{service.id}/geschiedenis?lang={language}")
    login_as(user=asked.requester)
    pages["question"] = get_page(f"/prikbord/{asked.id}?lang={language}")
    pages["activity"] = get_page(f"/agenda/{activity.id}-{activity.slug}?lang={language}")
    pages["activity form"] = get_page(f"/agenda/nieuw?lang={language}")
    login_as("professional")
    pages["triage"] = get_page(f"/beheer/prikbord?lang={language}")
    pages["triage question"] = get_page(f"/beheer/prikbord/{question.id}?lang={language}")
    found = {name: raw_codes(page) for name, page in pages.items()}
    assert found == {name: [] for name in pages}


# --- figures --------------------------------------------------------------------------------


def test_the_figures_name_every_language_of_the_questions(client, login_as, get_page):
    for n in range(6):
        question = make_question(language="uk" if n % 2 else "ti")
        question.created_at = question.opened_at = datetime(2026, 10, 2 + n, 9, tzinfo=UTC)
    db.session.commit()
    login_as("admin")
    page = get_page("/beheer/cijfers?wijk=crabbehof&soort=month&van=2026-10-15&lang=nl")
    table = page.find("section", attrs={"aria-labelledby": "fig-languages"})
    rows = [tr.find("th").get_text(strip=True) for tr in table.find("tbody").find_all("tr")]
    assert "Українська (Oekraïens)" in rows
    assert "ትግርኛ (Tigrinya)" in rows
    assert not LANGUAGE_CODES & set(rows)


# --- an activity's history ------------------------------------------------------------------


@pytest.fixture
def activity_with_history(app):
    organisation = make_organisation(name="Buurtwerk Crabbehof")
    keeper = make_user("professional", organisation=organisation)
    place = make_location("Buurthuis De Schakel")
    activity = make_activity(title="Taalcafé", organisation=organisation, location=place)
    record_change(
        activity,
        keeper,
        "edited",
        {
            "start_local": ["2026-12-02T10:00", "2026-12-02T11:00"],
            "rrule": [None, "FREQ=WEEKLY;UNTIL=20261231T235959"],
            "is_free": [True, False],
            "registration_enabled": [False, True],
            "target_group": ["everyone", "children"],
            "languages": [["nl"], ["nl", "uk"]],
            "location_id": [None, place.id],
            "organisation_id": [organisation.id, organisation.id],
        },
    )
    db.session.commit()
    return keeper, activity


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ("Begintijd", "2 december 2026, 11:00", "Nee", "Ja", "Українська (Oekraïens)")),
        ("en", ("Start time", "Every week, until 31 December 2026", "Children", "No → Yes")),
        ("pl", ("Українська (Ukraiński)",)),
    ],
)
def test_an_activitys_history_says_what_changed_in_words(
    client, login_as, get_page, activity_with_history, language, words
):
    keeper, activity = activity_with_history
    login_as(user=keeper)
    page = get_page(f"/agenda/{activity.id}/geschiedenis?lang={language}")
    text = main_text(page)
    for word in words:
        assert word in text
    assert "Buurthuis De Schakel" in text and "Buurtwerk Crabbehof" in text
    assert raw_codes(page) == []
    assert not re.search(r"\b(start_local|rrule|is_free|location_id|target_group)\b", text)
