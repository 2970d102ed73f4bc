"""Claiming, handing back, done, closed, "were you helped?" — and two claims at one moment."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Question, QuestionEvent
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer


def _actions(question_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(QuestionEvent.action)
            .where(QuestionEvent.question_id == question_id)
            .order_by(QuestionEvent.id)
        )
    )


def _fresh(question_id: int) -> Question:
    db.session.expire_all()
    return db.session.get(Question, question_id)


def test_a_volunteer_claims_an_open_question_and_the_resident_is_told(
    app, client, login_as, mailbox
):
    question = make_question()
    volunteer = make_volunteer()
    db.session.commit()
    login_as(user=volunteer)
    response = client.post(f"/prikbord/{question.id}/oppakken", follow_redirects=True)
    assert response.status_code == 200
    question = _fresh(question.id)
    assert question.status == "claimed" and question.helper_id == volunteer.id
    assert _actions(question.id) == ["claimed"]
    assert mailbox.to(question.requester.email)
    # the helper now sees the contact details
    assert question.requester.phone in response.get_data(as_text=True)


def test_a_second_volunteer_is_told_the_question_was_taken(app, client, login_as):
    first = make_volunteer()
    question = make_question(status="claimed", helper=first)
    second = make_volunteer()
    db.session.commit()
    login_as(user=second)
    response = client.post(f"/prikbord/{question.id}/oppakken", follow_redirects=True)
    assert response.status_code == 200
    assert "iemand anders heeft deze vraag net opgepakt" in response.get_data(as_text=True)
    assert _fresh(question.id).helper_id == first.id


@pytest.mark.postgres_only
def test_two_volunteers_claiming_at_the_same_moment_get_exactly_one_winner(app, backend, login_as):
    question = make_question()
    volunteers = [make_volunteer() for _ in range(6)]
    db.session.commit()
    url = f"/prikbord/{question.id}/oppakken"
    clients = []
    for volunteer in volunteers:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = volunteer.get_id()
            session["_fresh"] = True
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    results: dict[int, str] = {}

    def claim(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            response = clients[index].post(url)
            with clients[index].session_transaction() as session:
                flashes = session.get("_flashes", [])
            results[index] = " ".join(str(message) for _category, message in flashes) + str(
                response.status_code
            )
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            results[index] = f"error: {error!r}"

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == len(clients), results
    winners = [i for i, text in results.items() if "You picked up" in text or "Je hebt" in text]
    losers = [i for i, text in results.items() if "someone else" in text or "iemand anders" in text]
    assert len(winners) == 1, results
    assert len(losers) == len(clients) - 1, results
    question = _fresh(question.id)
    assert question.helper_id == volunteers[winners[0]].id
    assert _actions(question.id) == ["claimed"]


def _full_volunteer():
    """Return a vetted volunteer who already helps with their maximum (one) question."""
    volunteer = make_volunteer(max_open=1)
    make_question(status="claimed", helper=volunteer)
    return volunteer


def test_a_full_volunteer_whose_claim_crosses_anothers_lands_on_the_board_not_a_404(
    app, client, login_as, monkeypatch
):
    """Issue 9.9: the other claim lands while the full volunteer's is being refused."""
    from app.helpboard import operations

    question = make_question()
    full = _full_volunteer()
    other = make_volunteer()
    db.session.commit()
    real_claim = operations.claim

    def crossed(claimed, volunteer):
        if volunteer.id == full.id:
            real_claim(claimed, other)  # the other volunteer is a moment earlier
            db.session.commit()
        return real_claim(claimed, volunteer)

    monkeypatch.setattr(operations, "claim", crossed)
    login_as(user=full)
    response = client.post(f"/prikbord/{question.id}/oppakken")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/prikbord")
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "You already help with as many questions" in text or "al met zoveel vragen" in text
    assert _fresh(question.id).helper_id == other.id


def _claim_at_once(app, url: str, volunteers) -> dict[int, tuple[int, str]]:
    """POST ``url`` as each volunteer at the same moment; return status and page per id."""
    clients = {}
    for volunteer in volunteers:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = volunteer.get_id()
            session["_fresh"] = True
        clients[volunteer.id] = client
    barrier = threading.Barrier(len(clients))
    results: dict[int, tuple[int, str]] = {}

    def claim(volunteer_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            response = clients[volunteer_id].post(url, follow_redirects=True)
            results[volunteer_id] = (response.status_code, response.get_data(as_text=True))
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            results[volunteer_id] = (0, f"error: {error!r}")

    threads = [threading.Thread(target=claim, args=(v,)) for v in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.postgres_only
def test_a_full_volunteer_claiming_at_the_same_moment_as_another_never_gets_a_404(
    app, backend, login_as
):
    for _round in range(3):
        question = make_question()
        full = _full_volunteer()
        other = make_volunteer()
        db.session.commit()
        results = _claim_at_once(app, f"/prikbord/{question.id}/oppakken", (full, other))
        assert {v: status for v, (status, _text) in results.items()} == {
            full.id: 200,
            other.id: 200,
        }, results
        assert _fresh(question.id).helper_id == other.id


def test_an_unvetted_volunteer_cannot_claim(app, client, login_as):
    question = make_question()
    volunteer = make_volunteer(vetted=False)
    db.session.commit()
    login_as(user=volunteer)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 403
    assert _fresh(question.id).status == "open"


def test_a_volunteer_at_their_maximum_cannot_claim_more(app, client, login_as):
    volunteer = make_volunteer(max_open=1)
    make_question(status="claimed", helper=volunteer)
    question = make_question()
    db.session.commit()
    login_as(user=volunteer)
    page = client.post(f"/prikbord/{question.id}/oppakken", follow_redirects=True)
    assert "as many questions as you said" in page.get_data(as_text=True) or "zoveel vragen" in (
        page.get_data(as_text=True)
    )
    assert _fresh(question.id).status == "open"


def test_a_volunteer_cannot_claim_a_sensitive_question(app, client, login_as):
    question = make_question(slug="money-and-debt")
    volunteer = make_volunteer(skills=("forms-and-paperwork",))
    db.session.commit()
    login_as(user=volunteer)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 404
    assert _fresh(question.id).status == "open"


def test_a_helper_hands_a_question_back_and_it_is_open_again(app, client, login_as):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper)
    db.session.commit()
    login_as(user=helper)
    response = client.post(f"/prikbord/{question.id}/teruggeven", data={"handback-reason": "ziek"})
    assert response.status_code == 302
    question = _fresh(question.id)
    assert question.status == "open" and question.helper_id is None
    event = db.session.scalar(select(QuestionEvent).where(QuestionEvent.question_id == question.id))
    assert event.action == "handed_back" and event.reason == "ziek" and event.actor_id == helper.id


def test_the_helper_marks_done_and_the_resident_answers_yes(app, client, login_as, mailbox):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper)
    requester = question.requester
    db.session.commit()
    login_as(user=helper)
    assert client.post(f"/prikbord/{question.id}/klaar").status_code == 302
    assert _fresh(question.id).status == "done"
    assert mailbox.to(requester.email)
    # the helper may not answer for the resident
    assert (
        client.post(f"/prikbord/{question.id}/geholpen", data={"helped-answer": "yes"}).status_code
        == 403
    )
    login_as(user=requester)
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert 'name="helped-answer"' in page
    assert (
        client.post(f"/prikbord/{question.id}/geholpen", data={"helped-answer": "yes"}).status_code
        == 302
    )
    question = _fresh(question.id)
    assert question.helped == "yes"
    assert _actions(question.id) == ["done", "helped"]


def test_a_wrong_helped_answer_changes_nothing(app, client, login_as):
    question = make_question(status="done", helper=make_volunteer())
    db.session.commit()
    login_as(user=question.requester)
    client.post(f"/prikbord/{question.id}/geholpen", data={"helped-answer": "maybe"})
    assert _fresh(question.id).helped is None


def test_the_resident_closes_a_question_that_is_not_needed_any_more(app, client, login_as):
    question = make_question()
    db.session.commit()
    login_as(user=question.requester)
    response = client.post(f"/prikbord/{question.id}/sluiten", data={"close-reason": "not_needed"})
    assert response.status_code == 302
    question = _fresh(question.id)
    assert question.status == "closed" and question.close_reason == "not_needed"


def test_someone_else_cannot_close_or_finish_a_question(app, client, login_as):
    question = make_question(status="claimed", helper=make_volunteer())
    db.session.commit()
    login_as(user=make_volunteer())
    assert client.post(
        f"/prikbord/{question.id}/sluiten", data={"close-reason": "other"}
    ).status_code in (403, 404)
    assert client.post(f"/prikbord/{question.id}/klaar").status_code in (403, 404)
    assert _fresh(question.id).status == "claimed"


def test_a_claimed_question_without_a_helper_is_refused_by_the_database(app):
    from sqlalchemy.exc import IntegrityError

    question = make_question()
    db.session.commit()
    question.status = "claimed"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_question_without_requester_or_guest_contact_is_refused(app):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        make_question(guest=True, guest_phone=None, guest_email=None)
    db.session.rollback()


def test_a_professional_claims_a_sensitive_question(app, client, login_as):
    question = make_question(slug="money-and-debt")
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 302
    assert _fresh(question.id).helper_id == pro.id
