"""Triage for professionals under /beheer/prikbord, escalation, digests, vetting, referrals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import InternalNote, Notification, Question, Referral, VolunteerProfile
from tests.conftest import Mailbox
from tests.factories import make_user
from tests.helpboard.factories import category, make_question, make_volunteer, neighbourhood
from tests.pages_helper import field_errors


def _fresh(question_id: int) -> Question:
    db.session.expire_all()
    return db.session.get(Question, question_id)


def test_a_professional_sees_new_guest_questions_and_approves_one(
    app, client, login_as, get_page, mailbox
):
    question = make_question(
        guest=True, in_triage=True, title="Gastvraag over formulier", language="tr"
    )
    best = make_volunteer(languages=("nl", "tr"), availability=("mon-morning", "tue-morning"))
    make_volunteer(skills=("odd-jobs",), notify_mode="none")
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    page = get_page("/beheer/prikbord")
    new_list = page.find(id="triage-new").find_parent("section")
    assert "Gastvraag over formulier" in new_list.get_text()
    detail = get_page(f"/beheer/prikbord/{question.id}")
    assert question.guest_name in detail.get_text()  # professionals see the contact
    assert best.name in detail.get_text()  # ranked list with reasons
    assert client.post(f"/beheer/prikbord/{question.id}/goedkeuren").status_code == 302
    assert not _fresh(question.id).in_triage
    mails = mailbox.to(best.email)
    assert len(mails) == 1 and f"/prikbord/{question.id}" in mailbox.body(mails[0])


def test_at_most_the_configured_mails_per_volunteer_per_day_then_the_digest(
    app, client, login_as, runner, mailbox, monkeypatch
):
    monkeypatch.setitem(app.config, "HELPBOARD_MAILS_PER_VOLUNTEER_PER_DAY", 1)
    volunteer = make_volunteer()
    first = make_question(guest=True, in_triage=True, title="Eerste")
    second = make_question(guest=True, in_triage=True, title="Tweede")
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    client.post(f"/beheer/prikbord/{first.id}/goedkeuren")
    client.post(f"/beheer/prikbord/{second.id}/goedkeuren")
    assert len(mailbox.to(volunteer.email)) == 1
    kinds = dict(db.session.execute(select(Notification.question_id, Notification.kind)).all())
    assert kinds == {first.id: "instant", second.id: "digest"}
    mailbox.clear()
    result = runner.invoke(args=["helpboard", "digest"])
    assert result.exit_code == 0, result.output
    mails = mailbox.to(volunteer.email)
    assert len(mails) == 1 and "Tweede" in mailbox.body(mails[0])
    # a second run sends nothing again
    mailbox.clear()
    runner.invoke(args=["helpboard", "digest"])
    assert not mailbox.to(volunteer.email)


def test_a_professional_assigns_a_question_to_a_ranked_volunteer(app, client, login_as):
    question = make_question()
    volunteer = make_volunteer()
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    response = client.post(
        f"/beheer/prikbord/{question.id}/toewijzen", data={"assign-helper": volunteer.id}
    )
    assert response.status_code == 302
    question = _fresh(question.id)
    assert question.status == "claimed" and question.helper_id == volunteer.id


def test_a_professional_cannot_assign_someone_outside_the_ranked_list(app, client, login_as):
    question = make_question()
    outsider = make_volunteer(vetted=False)
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    client.post(f"/beheer/prikbord/{question.id}/toewijzen", data={"assign-helper": outsider.id})
    assert _fresh(question.id).status == "open"


def test_a_professional_assigns_a_sensitive_question_to_themselves(app, client, login_as):
    question = make_question(slug="money-and-debt")
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    client.post(f"/beheer/prikbord/{question.id}/toewijzen", data={"assign-helper": pro.id})
    assert _fresh(question.id).helper_id == pro.id


def test_a_professional_changes_the_category_and_adds_an_internal_note(
    app, client, login_as, get_page
):
    question = make_question()
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    debt = category("money-and-debt")
    client.post(f"/beheer/prikbord/{question.id}/categorie", data={"cat-category": debt.id})
    assert _fresh(question.id).category_id == debt.id
    client.post(f"/beheer/prikbord/{question.id}/notitie", data={"note-body": "INTERNAL-NOTE-TEXT"})
    assert db.session.scalar(select(InternalNote.body)) == "INTERNAL-NOTE-TEXT"
    assert "INTERNAL-NOTE-TEXT" in get_page(f"/beheer/prikbord/{question.id}").get_text()
    # the requester never sees the note
    login_as(user=_fresh(question.id).requester)
    assert "INTERNAL-NOTE-TEXT" not in get_page(f"/prikbord/{question.id}").get_text()


def test_unanswered_questions_are_escalated_by_the_cron_job(
    app, runner, mailbox, login_as, get_page
):
    old = make_question(title="Al lang open", opened_at=utcnow() - timedelta(hours=49))
    fresh = make_question(title="Net open")
    pro = make_user("professional", neighbourhood_id=neighbourhood().id)
    db.session.commit()
    result = runner.invoke(args=["helpboard", "escalate"])
    assert result.exit_code == 0, result.output
    assert _fresh(old.id).escalated_at is not None
    assert _fresh(fresh.id).escalated_at is None
    assert mailbox.to(pro.email)
    login_as(user=pro)
    section = get_page("/beheer/prikbord").find(id="triage-escalated").find_parent("section")
    assert "Al lang open" in section.get_text()
    # running again does not escalate twice
    mailbox.clear()
    runner.invoke(args=["helpboard", "escalate"])
    assert not mailbox.messages


def test_a_professional_puts_out_a_question_for_a_resident_with_consent(
    app, client, login_as, post_page
):
    neighbourhood()
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    data = {
        "category": category("odd-jobs").id,
        "title": "Lamp vervangen voor mevrouw",
        "urgency": "this_week",
        "contact_route": "phone",
        "language": "nl",
        "guest_name": "Mevrouw De Vries",
        "guest_phone": "0612345670",
        "form_token": "behalf-1",
    }
    page = post_page("/beheer/prikbord/nieuw", data)
    assert page.find(id="consent-error")
    assert db.session.scalar(select(db.func.count()).select_from(Question)) == 0
    response = client.post("/beheer/prikbord/nieuw", data={**data, "consent": "y"})
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert (
        question.on_behalf_by_id == pro.id
        and question.consent_at is not None
        and not question.in_triage
    )


def test_a_professional_vets_a_volunteer(app, client, login_as, get_page):
    volunteer = make_volunteer(vetted=False)
    pro = make_user("professional")
    db.session.commit()
    login_as(user=pro)
    assert volunteer.name in get_page("/beheer/prikbord/vrijwilligers").get_text()
    response = client.post(
        f"/beheer/prikbord/vrijwilligers/{volunteer.id}",
        data={f"vet{volunteer.id}-vetted_on": "2026-03-01"},
    )
    assert response.status_code == 302
    profile = db.session.scalar(
        select(VolunteerProfile).where(VolunteerProfile.user_id == volunteer.id)
    )
    db.session.refresh(profile)
    assert str(profile.vetted_on) == "2026-03-01" and profile.vetted_by_id == pro.id


def test_a_volunteer_fills_in_their_profile(app, client, login_as, get_page):
    neighbourhood()
    category("odd-jobs")
    volunteer = make_user("volunteer")
    db.session.commit()
    login_as(user=volunteer)
    get_page("/prikbord/vrijwilliger")
    response = client.post(
        "/prikbord/vrijwilliger",
        data={
            "skills": [category("odd-jobs").id],
            "languages": ["nl", "pl"],
            "availability": ["sat-morning"],
            "neighbourhood": neighbourhood().id,
            "max_open": "2",
            "notify_mode": "digest",
        },
    )
    assert response.status_code == 302
    profile = db.session.scalar(select(VolunteerProfile))
    assert profile.languages == ["nl", "pl"] and profile.max_open == 2
    assert profile.vetted_on is None  # a volunteer cannot vet themselves


def test_a_bad_maximum_comes_back_with_an_error(app, login_as, post_page):
    neighbourhood()
    login_as("volunteer")
    page = post_page(
        "/prikbord/vrijwilliger", {"max_open": "99", "notify_mode": "instant", "neighbourhood": "0"}
    )
    assert page.find(id="max_open-error")


def test_a_helper_refers_to_a_service_of_the_social_map(app, client, login_as, get_page, mailbox):
    from tests.servicemap.factories import make_service

    service = make_service("Schuldhulp Crabbehoeve")
    pro = make_user("professional")
    question = make_question(slug="money-and-debt", status="claimed", helper=pro)
    db.session.commit()
    login_as(user=pro)
    response = client.post(
        f"/prikbord/{question.id}/doorverwijzen",
        data={"referral-services": [service.id], "referral-note": "Dinsdag om 10 uur"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Referral.service_id)) == service.id
    login_as(user=_fresh(question.id).requester)
    text = get_page(f"/prikbord/{question.id}").get_text()
    assert "Schuldhulp Crabbehoeve" in text and "Dinsdag om 10 uur" in text
    # Money and debt is sensitive: the mail says there is advice, not which.
    (mail,) = mailbox.to(question.contact_email)
    assert "Schuldhulp" not in Mailbox.body(mail) and "Schuldhulp" not in str(mail["Subject"])
    assert f"/prikbord/{question.id}" in Mailbox.body(mail)


def test_no_box_of_the_referral_is_required_on_its_own(app, login_as, get_page):
    from tests.servicemap.factories import make_service

    make_service("Schuldhulp Crabbehoeve")
    make_service("Taalcafé Crabbehoeve")
    volunteer = make_volunteer()
    question = make_question(slug="forms-and-paperwork", status="claimed", helper=volunteer)
    db.session.commit()
    login_as(user=volunteer)
    page = get_page(f"/prikbord/{question.id}")
    boxes = page.select('input[type=checkbox][name="referral-services"]')
    assert len(boxes) >= 2
    # A browser would refuse the form until every required box is ticked.
    assert not [box for box in boxes if box.has_attr("required")]


def test_a_referral_without_a_service_says_so_next_to_the_services_and_keeps_the_note(
    app, client, login_as, post_page
):
    from tests.servicemap.factories import make_service

    service = make_service("Schuldhulp Crabbehoeve")
    volunteer = make_volunteer()
    volunteer.locale = "tr"  # the message is in the helper's language
    question = make_question(slug="forms-and-paperwork", status="claimed", helper=volunteer)
    db.session.commit()
    login_as(user=volunteer)
    page = post_page(
        f"/prikbord/{question.id}/doorverwijzen", {"referral-note": "Elke donderdag om 10 uur"}
    )
    assert field_errors(page, "referral-services") == ["En az bir hizmet seçin."]
    assert page.find(id="referral-note").get_text().strip() == "Elke donderdag om 10 uur"
    assert page.find(id="referral-services-error").find_parent("details").has_attr("open")
    # A note that is too long: the chosen service stays ticked.
    page = post_page(
        f"/prikbord/{question.id}/doorverwijzen",
        {"referral-services": [service.id], "referral-note": "x" * 1001},
    )
    assert field_errors(page, "referral-note")
    assert page.find("input", {"name": "referral-services", "value": str(service.id)}).has_attr(
        "checked"
    )
    assert db.session.scalar(select(Referral.id)) is None


def test_the_resident_gets_the_referred_service_by_mail(app, client, login_as, mailbox):
    from tests.servicemap.factories import make_service

    service = make_service("Taalcafé Crabbehoeve")
    volunteer = make_volunteer()
    question = make_question(slug="forms-and-paperwork", status="claimed", helper=volunteer)
    db.session.commit()
    login_as(user=volunteer)
    response = client.post(
        f"/prikbord/{question.id}/doorverwijzen",
        data={"referral-services": [service.id], "referral-note": "Elke donderdag"},
    )
    assert response.status_code == 302
    (mail,) = mailbox.to(question.contact_email)
    body = Mailbox.body(mail)
    assert "Taalcafé Crabbehoeve" in body and "Elke donderdag" in body
    assert f"/kaart/{service.id}-" in body


def test_volunteers_get_the_questions_that_fit_them_best_first(app, login_as, get_page):
    volunteer = make_volunteer(skills=("odd-jobs",), languages=("nl", "pl"))
    make_question(slug="forms-and-paperwork", title="Formulier")
    make_question(slug="odd-jobs", title="Klusje", language="pl")
    db.session.commit()
    login_as(user=volunteer)
    page = get_page("/prikbord?voor=mij")
    titles = [h.get_text(strip=True) for h in page.select(".wp-hb-card__title")]
    assert titles == ["Klusje", "Formulier"]
    assert "Polski" in page.get_text()
