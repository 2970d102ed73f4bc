"""The whole journey from the issue's "done means", through the pages as people use them."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Message, Question
from tests.factories import make_user
from tests.helpboard.factories import category, make_volunteer, neighbourhood


def test_a_guest_asks_in_turkish_a_professional_approves_a_volunteer_helps_and_it_helped(
    app, client, login_as, mailbox
):
    neighbourhood()
    forms = category("forms-and-paperwork")
    ahmet = make_volunteer(name="Ahmet", languages=("nl", "tr"), availability=("tue-morning",))
    other = make_volunteer(name="Kees", skills=("odd-jobs",))
    pro = make_user("professional")
    db.session.commit()

    # 1. A guest on a phone puts out a question in Turkish.
    guest = app.test_client()
    response = guest.post(
        "/prikbord/nieuw",
        data={
            "category": forms.id,
            "title": "Vergi formunu doldurmama kim yardım edebilir?",
            "description": "Belastingdienst mektubu",
            "urgency": "this_week",
            "parts_of_day": ["morning"],
            "contact_route": "email",
            "language": "tr",
            "guest_name": "Ayşe",
            "guest_email": "ayse@example.org",
            "form_token": "journey",
        },
        headers={"Accept-Language": "tr"},
    )
    assert response.status_code == 302
    question = db.session.scalar(select(Question))
    assert question.in_triage
    confirmation = mailbox.body(mailbox.to("ayse@example.org")[0])
    guest_link = re.search(r"http\S+/prikbord/gast/\S+", confirmation).group(0)

    # 2. A professional approves it from triage; the best match gets a mail.
    login_as(user=pro)
    assert client.post(f"/beheer/prikbord/{question.id}/goedkeuren").status_code == 302
    assert mailbox.to(ahmet.email)
    from app.helpboard.suggest import suggested_volunteers

    assert (
        suggested_volunteers(db.session.get(Question, question.id))[0].candidate.user_id == ahmet.id
    )

    # 3. Ahmet claims it; Kees, a moment later, is told it was taken.
    login_as(user=ahmet)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 302
    kees = app.test_client()
    with kees.session_transaction() as session:
        session["_user_id"] = other.get_id()
    page = kees.post(f"/prikbord/{question.id}/oppakken", follow_redirects=True)
    assert "iemand anders" in page.get_data(as_text=True)

    # 4. Two messages: Ahmet writes, Ayşe answers through the link in her mail.
    client.post(f"/prikbord/{question.id}/bericht", data={"message-body": "Merhaba, salı sabah?"})
    mail = mailbox.to("ayse@example.org")[-1]
    assert "/prikbord/gast/" in mailbox.body(mail)
    path = guest_link.split("127.0.0.1:5000", 1)[-1]
    assert (
        guest.post(path, data={"guest-body": "Evet, teşekkürler!", "guest-submit": "x"}).status_code
        == 302
    )
    assert db.session.scalar(select(db.func.count()).select_from(Message)) == 2

    # 5. Ahmet marks it done; Ayşe answers "yes".
    assert client.post(f"/prikbord/{question.id}/klaar").status_code == 302
    guest.post(path, data={"helped-answer": "yes", "helped-submit": "x"})
    db.session.expire_all()
    question = db.session.get(Question, question.id)
    assert question.status == "done" and question.helped == "yes" and question.helper_id == ahmet.id


def test_a_question_is_kept_when_the_mail_server_is_down(app, client, monkeypatch):
    neighbourhood()
    forms = category("forms-and-paperwork")
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens there
    response = client.post(
        "/prikbord/nieuw",
        data={
            "category": forms.id,
            "title": "Hulp gevraagd",
            "urgency": "this_week",
            "contact_route": "email",
            "language": "nl",
            "guest_name": "Piet",
            "guest_email": "piet@example.org",
            "form_token": "no-mail",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Question.title)) == "Hulp gevraagd"
