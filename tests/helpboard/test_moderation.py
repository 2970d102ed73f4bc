"""Reports, hiding with a reason, blocking accounts."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Question, Report
from tests.factories import make_user
from tests.helpboard.factories import make_message, make_question, make_volunteer


def test_anyone_logged_in_reports_a_question_and_a_moderator_hides_it_everywhere(
    app, client, login_as, get_page
):
    question = make_question(title="SPAM-TITEL")
    db.session.commit()
    login_as("resident")
    response = client.post(f"/prikbord/{question.id}/melden", data={"report-reason": "Reclame"})
    assert response.status_code == 302
    report = db.session.scalar(select(Report))
    assert report.reason == "Reclame" and report.message_id is None
    login_as("moderator")
    assert "SPAM-TITEL" in get_page("/beheer/prikbord/meldingen").get_text()
    client.post(
        f"/beheer/prikbord/meldingen/{report.id}/verbergen",
        data={f"hide{report.id}-reason": "Spam"},
    )
    db.session.expire_all()
    assert db.session.get(Question, question.id).hidden_reason == "Spam"
    assert db.session.get(Report, report.id).handled_at is not None
    for role in ("resident", "professional"):
        login_as(role)
        assert "SPAM-TITEL" not in client.get("/prikbord").get_data(as_text=True)
        assert client.get(f"/prikbord/{question.id}").status_code == 404
    login_as(user=db.session.get(Question, question.id).requester)
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    assert "SPAM-TITEL" not in client.get("/prikbord/mijn").get_data(as_text=True)


def test_hiding_needs_a_reason(app, client, login_as):
    question = make_question()
    report = Report(question_id=question.id, reason="x")
    db.session.add(report)
    db.session.commit()
    login_as("moderator")
    client.post(f"/beheer/prikbord/meldingen/{report.id}/verbergen", data={})
    db.session.expire_all()
    assert db.session.get(Question, question.id).hidden_at is None


def test_a_reported_message_is_hidden_and_its_author_blocked(app, client, login_as):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper)
    message = make_message(question, helper, body="SCHELDWOORD")
    requester = question.requester
    db.session.commit()
    login_as(user=requester)
    client.post(
        f"/prikbord/{question.id}/melden",
        data={"report-reason": "Onaardig", "report-message_id": str(message.id)},
    )
    report = db.session.scalar(select(Report))
    assert report.message_id == message.id
    login_as("moderator")
    response = client.post(
        f"/beheer/prikbord/meldingen/{report.id}/blokkeren",
        data={f"block{report.id}-reason": "Schelden"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert helper.is_blocked and helper.session_epoch == 1
    assert message.hidden_at is not None
    login_as(user=requester)
    assert "SCHELDWOORD" not in client.get(f"/prikbord/{question.id}").get_data(as_text=True)


def test_a_blocked_helper_is_logged_out_everywhere(app, client, login_as):
    helper = make_volunteer()
    db.session.commit()
    login_as(user=helper)
    assert client.get("/prikbord/mijn").status_code == 200
    helper.is_blocked = True
    helper.end_all_sessions()
    db.session.commit()
    assert client.get("/prikbord/mijn").status_code == 302


def test_a_moderator_dismisses_a_report(app, client, login_as):
    question = make_question()
    report = Report(question_id=question.id, reason="niks")
    db.session.add(report)
    db.session.commit()
    login_as("moderator")
    client.post(f"/beheer/prikbord/meldingen/{report.id}/afwijzen")
    db.session.expire_all()
    assert db.session.get(Report, report.id).outcome == "dismissed"
    assert db.session.get(Question, question.id).hidden_at is None


def test_a_report_without_a_reason_is_refused(app, client, login_as):
    question = make_question()
    db.session.commit()
    login_as("resident")
    client.post(f"/prikbord/{question.id}/melden", data={"report-reason": ""})
    assert db.session.scalar(select(db.func.count()).select_from(Report)) == 0


def test_guests_cannot_report(app, client):
    question = make_question()
    db.session.commit()
    assert (
        client.post(f"/prikbord/{question.id}/melden", data={"report-reason": "x"}).status_code
        == 302
    )
    assert db.session.scalar(select(db.func.count()).select_from(Report)) == 0


def test_a_moderator_cannot_block_an_admin(app, client, login_as):
    admin = make_user("admin")
    question = make_question(requester=admin)
    report = Report(question_id=question.id, reason="x")
    db.session.add(report)
    db.session.commit()
    login_as("moderator")
    response = client.post(
        f"/beheer/prikbord/meldingen/{report.id}/blokkeren", data={f"block{report.id}-reason": "x"}
    )
    assert response.status_code == 403


def test_a_moderator_does_not_read_the_text_of_a_reported_sensitive_question(
    app, login_as, get_page
):
    question = make_question(slug="money-and-debt", description="SCHULD-DETAILS")
    db.session.add(Report(question_id=question.id, reason="x"))
    db.session.commit()
    login_as("moderator")
    assert "SCHULD-DETAILS" not in get_page("/beheer/prikbord/meldingen").get_text()
    login_as("professional")
    assert "SCHULD-DETAILS" in get_page("/beheer/prikbord/meldingen").get_text()


def test_the_volunteers_page_lists_those_waiting_for_vetting_first_in_pages(
    app, client, login_as, get_page
):
    for n in range(31):
        make_volunteer(name=f"Gecheckt {n:02d}")
    make_user("volunteer", name="Zeynep nog niet gecheckt")
    db.session.commit()
    login_as("professional")

    first = get_page("/beheer/prikbord/vrijwilligers").get_text(" ", strip=True)
    assert first.index("Zeynep nog niet gecheckt") < first.index("Gecheckt 00")
    second = get_page("/beheer/prikbord/vrijwilligers?pagina=2").get_text(" ", strip=True)
    assert "Gecheckt 30" in second and "Gecheckt 00" not in second
