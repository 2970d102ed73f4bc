"""The home page: the neighbourhood today, without anybody's personal data."""

from __future__ import annotations

from app.extensions import db
from tests.activities.factories import make_activity
from tests.helpboard.factories import make_question


def test_the_home_page_shows_whats_on_and_open_questions_without_personal_data(get_page):
    make_activity("Koffieochtend in de Crabbehoeve")
    question = make_question(title="Wie helpt met mijn belastingformulier?")
    db.session.commit()
    requester = question.requester

    page = get_page("/", headers={"Accept-Language": "nl"})
    text = page.get_text(" ", strip=True)

    assert "Koffieochtend in de Crabbehoeve" in text
    assert "Wie helpt met mijn belastingformulier?" in text
    assert page.find("a", string="Stel een vraag") is not None
    for personal in (requester.name, requester.email, requester.phone, question.description):
        assert personal not in str(page)


def test_sensitive_and_unapproved_questions_stay_off_the_home_page(get_page):
    make_question(title="Ik heb schulden", slug="money-and-debt")
    make_question(title="Vraag van een gast", guest=True, in_triage=True)
    db.session.commit()

    text = get_page("/").get_text(" ", strip=True)

    assert "Ik heb schulden" not in text
    assert "Vraag van een gast" not in text


def test_the_home_page_says_so_when_nothing_is_planned(get_page):
    text = get_page("/", headers={"Accept-Language": "nl"}).get_text(" ", strip=True)
    assert "Er staat deze week nog niets op de agenda." in text
    assert "Er zijn nu geen open vragen." in text
