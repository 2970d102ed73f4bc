"""Personal data of the question board: download, account deletion, retention."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import Message, Question
from app.helpboard.privacy import erase_questions, export_questions
from tests.helpboard.factories import make_message, make_question, make_volunteer


def test_the_download_holds_my_questions_and_messages(app):
    question = make_question(title="Mijn vraag")
    make_message(question, question.requester, body="Mijn bericht")
    data = export_questions(question.requester)
    assert data["questions"][0]["title"] == "Mijn vraag"
    assert data["messages"][0]["text"] == "Mijn bericht"


def test_deleting_an_account_removes_its_questions_personal_data_and_frees_its_claims(app):
    helper = make_volunteer()
    own = make_question(status="claimed", helper=helper, title="PERSONAL")
    make_message(own, own.requester)
    other = make_question(status="claimed", helper=helper)
    make_message(other, helper, body="van de helper")
    db.session.commit()
    erase_questions(own.requester)
    erase_questions(helper)
    from app.accounts.models import User

    db.session.delete(db.session.get(User, helper.id))
    db.session.commit()
    db.session.expire_all()
    own = db.session.get(Question, own.id)
    assert own.title == "–" and own.requester_id is None and own.anonymised_at is not None
    other = db.session.get(Question, other.id)
    assert other.status == "open" and other.helper_id is None
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0


def test_the_retention_job_anonymises_old_finished_questions(app, runner):
    old = make_question(guest=True, status="closed", finished_at=utcnow() - timedelta(days=400))
    recent = make_question(guest=True, status="closed", finished_at=utcnow() - timedelta(days=10))
    db.session.commit()
    result = runner.invoke(args=["helpboard", "retention"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Question, old.id).guest_phone is None
    assert db.session.get(Question, recent.id).guest_phone is not None


def test_a_professional_who_vetted_volunteers_deletes_their_account(
    app, client, login_as, get_page
):
    """Issue 12: the volunteer stays vetted (fact and date), a report they handled stays handled;
    the link to the erased person goes."""
    from app.accounts.models import User
    from app.helpboard.models import Report, VolunteerProfile
    from tests.factories import PASSWORD, make_user

    vetter = make_user("professional", email="vetter@example.org")
    volunteer = make_volunteer(vetter=vetter)
    report = Report(
        question_id=make_question().id,
        reason="reclame",
        handled_at=utcnow(),
        handled_by_id=vetter.id,
        outcome="dismissed",
    )
    db.session.add(report)
    db.session.commit()
    report_id = report.id
    vetter_id, volunteer_id = vetter.id, volunteer.id
    checked_on = db.session.scalar(
        select(VolunteerProfile.vetted_on).where(VolunteerProfile.user_id == volunteer_id)
    )

    login_as(user=vetter)
    response = client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, vetter_id) is None
    profile = db.session.scalar(
        select(VolunteerProfile).where(VolunteerProfile.user_id == volunteer_id)
    )
    assert profile.is_vetted and profile.vetted_on == checked_on
    assert profile.vetted_by_id is None and profile.vetted_by_erased
    report = db.session.get(Report, report_id)
    assert report.handled_at is not None and report.outcome == "dismissed"
    assert report.handled_by_id is None and report.handled_by_erased

    # Another professional sees the volunteer as vetted by a former professional.
    colleague = make_user("professional", email="colleague@example.org")
    db.session.commit()
    login_as(user=colleague)
    text = get_page("/beheer/prikbord/vrijwilligers").get_text(" ", strip=True)
    assert volunteer.name in text
    assert "door een professional die hier niet meer werkt" in text

    # Vetting again names the new professional.
    from app.helpboard.volunteering import vet

    vet(profile, colleague, checked_on)
    db.session.commit()
    assert profile.vetted_by_id == colleague.id and not profile.vetted_by_erased
