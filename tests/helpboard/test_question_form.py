"""Putting out a question at /prikbord/nieuw, as a guest and with an account."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.helpboard.models import Question, QuestionEvent
from tests.helpboard.factories import category, neighbourhood
from tests.pages_helper import field_errors


def _form(**overrides):
    data = {
        "category": str(category("forms-and-paperwork").id),
        "title": "Wie helpt mij met een formulier?",
        "description": "Een brief van de Belastingdienst.",
        "urgency": "this_week",
        "parts_of_day": ["morning"],
        "contact_route": "phone",
        "language": "tr",
        "guest_name": "Ayşe",
        "guest_phone": "06 12345678",
        "guest_email": "ayse@example.org",
        "form_token": "token-1",
    }
    data.update(overrides)
    return data


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Question))


def test_the_question_form_shows_three_steps_and_works_without_javascript(app, get_page):
    category("forms-and-paperwork")
    page = get_page("/prikbord/nieuw")
    legends = [
        legend.get_text(strip=True) for legend in page.select("fieldset.wp-hb-step > legend")
    ]
    assert len(legends) == 3
    assert page.find("input", attrs={"name": "form_token"})["value"]
    assert page.find("button", attrs={"type": "submit"})
    # a guest gives a name and a phone number or email
    assert page.find(id="guest_name") and page.find(id="guest_phone")


def test_a_guest_puts_out_a_question_in_turkish_and_it_waits_for_triage(app, client, mailbox):
    neighbourhood()
    response = client.post("/prikbord/nieuw", data=_form())
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert question.in_triage and question.status == "open" and question.requester_id is None
    assert question.language == "tr" and question.guest_phone == "+31612345678"
    assert question.neighbourhood is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wie helpt mij met een formulier?" in page
    mails = mailbox.to("ayse@example.org")
    assert len(mails) == 1
    assert "/prikbord/gast/" in mailbox.body(mails[0])
    assert db.session.scalar(select(QuestionEvent.action)) == "created"


def test_a_resident_with_an_account_puts_out_a_question_that_opens_at_once(app, client, login_as):
    neighbourhood()
    user = login_as("resident")
    data = _form()
    for key in ("guest_name", "guest_phone", "guest_email"):
        data.pop(key)
    response = client.post("/prikbord/nieuw", data=data)
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert (
        question.requester_id == user.id
        and not question.in_triage
        and question.opened_at is not None
    )


def test_sending_the_form_twice_makes_one_question(app, client, mailbox):
    neighbourhood()
    first = client.post("/prikbord/nieuw", data=_form())
    second = client.post("/prikbord/nieuw", data=_form())
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert _count() == 1
    assert len(mailbox.to("ayse@example.org")) == 1


def test_an_error_brings_the_form_back_with_what_was_typed(app, post_page):
    neighbourhood()
    page = post_page(
        "/prikbord/nieuw", _form(title="", guest_phone="", guest_email="", description="Mijn tekst")
    )
    assert field_errors(page, "title")
    assert field_errors(page, "guest_phone")
    assert page.find(id="description").get_text().strip() == "Mijn tekst"
    assert page.find("input", attrs={"name": "form_token"})["value"] == "token-1"
    assert _count() == 0


def test_a_bad_phone_number_gets_a_clear_message(app, post_page):
    neighbourhood()
    page = post_page("/prikbord/nieuw", _form(guest_phone="12", guest_email=""))
    assert field_errors(page, "guest_phone")
    assert _count() == 0


def test_a_broken_street_light_goes_to_the_municipality_instead(app, post_page):
    neighbourhood()
    page = post_page("/prikbord/nieuw", _form(category=str(category("street-lights").id)))
    links = [a["href"] for a in page.find_all("a")]
    assert app.config["FIXI_URL"] in links
    assert _count() == 0


def test_the_form_links_to_fixi_for_street_matters(app, get_page):
    category("litter")
    page = get_page("/prikbord/nieuw")
    assert page.find("a", href=app.config["FIXI_URL"])


def test_a_guest_hits_the_daily_limit_with_a_clear_message(app, client, post_page):
    neighbourhood()
    limit = app.config["HELPBOARD_QUESTIONS_PER_DAY_GUEST"]
    for n in range(limit):
        assert client.post("/prikbord/nieuw", data=_form(form_token=f"t{n}")).status_code == 302
    page = post_page("/prikbord/nieuw", _form(form_token="one-too-many"))
    assert page.find(class_="wp-alert--error")
    assert _count() == limit


def test_an_account_hits_the_daily_limit(app, client, login_as, post_page):
    neighbourhood()
    login_as("resident")
    limit = app.config["HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT"]
    for n in range(limit):
        assert client.post("/prikbord/nieuw", data=_form(form_token=f"a{n}")).status_code == 302
    post_page("/prikbord/nieuw", _form(form_token="extra"))
    assert _count() == limit


def test_the_confirmation_page_is_only_for_the_browser_that_sent_it(app, client):
    neighbourhood()
    response = client.post("/prikbord/nieuw", data=_form())
    other = app.test_client()
    assert other.get(response.headers["Location"]).status_code == 404


def test_the_question_form_is_in_arabic_right_to_left(app, get_page):
    category("forms-and-paperwork")
    page = get_page("/prikbord/nieuw", headers={"Accept-Language": "ar"})
    assert page.html["dir"] == "rtl"
    assert "اطرح سؤالًا" in page.find("h1").get_text()


def test_the_question_form_is_in_plain_dutch_by_default(app, get_page):
    category("forms-and-paperwork")
    page = get_page("/prikbord/nieuw")
    assert page.find("h1").get_text(strip=True) == "Stel een vraag"
    assert "Stap 1 van 3" in page.get_text()


@pytest.mark.postgres_only
def test_two_sends_of_the_same_form_at_the_same_moment_make_one_question(app, backend):
    import threading

    neighbourhood()
    data = _form(form_token="parallel")
    db.session.commit()
    clients = [app.test_client() for _ in range(4)]
    barrier = threading.Barrier(len(clients))
    statuses: list[int | str] = []

    def send(client) -> None:
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post("/prikbord/nieuw", data=data).status_code)
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            statuses.append(repr(error))

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302] * len(clients)
    assert _count() == 1
