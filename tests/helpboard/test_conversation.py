"""The private message thread of a question, its mails, and guests replying by signed link."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.helpboard.models import Message
from app.helpboard.notify import guest_token
from tests.factories import make_user
from tests.helpboard.factories import make_message, make_question, make_volunteer


def test_the_helper_and_the_resident_exchange_two_messages(app, client, login_as, mailbox):
    helper = make_volunteer(name="Hanneke")
    question = make_question(status="claimed", helper=helper)
    requester = question.requester
    db.session.commit()
    login_as(user=helper)
    response = client.post(
        f"/prikbord/{question.id}/bericht",
        data={"message-body": "Zie https://example.org <b>hoi</b>"},
    )
    assert response.status_code == 302
    mails = mailbox.to(requester.email)
    assert len(mails) == 1 and "https://example.org" in mailbox.body(mails[0])
    login_as(user=requester)
    client.post(
        f"/prikbord/{question.id}/bericht", data={"message-body": "Dank je, dinsdag is goed."}
    )
    assert mailbox.to(helper.email)
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert '<a href="https://example.org"' in page
    assert "<b>hoi</b>" not in page and "&lt;b&gt;hoi&lt;/b&gt;" in page
    assert db.session.scalar(select(db.func.count()).select_from(Message)) == 2


def test_mail_about_a_sensitive_question_does_not_carry_the_message(app, client, login_as, mailbox):
    pro = make_user("professional")
    question = make_question(slug="money-and-debt", status="claimed", helper=pro)
    db.session.commit()
    login_as(user=pro)
    client.post(
        f"/prikbord/{question.id}/bericht", data={"message-body": "Uw schuld van 4000 euro"}
    )
    mails = mailbox.to(question.requester.email)
    assert len(mails) == 1
    body = mailbox.body(mails[0])
    assert "4000" not in body and "/prikbord/" in body


def test_an_empty_message_comes_back_with_an_error(app, client, login_as, post_page):
    helper = make_volunteer()
    question = make_question(status="claimed", helper=helper)
    db.session.commit()
    login_as(user=helper)
    page = post_page(f"/prikbord/{question.id}/bericht", {"message-body": ""})
    assert page.find(id="message-body-error")


def test_an_outsider_cannot_read_or_write_the_thread(app, client, login_as):
    question = make_question(status="claimed", helper=make_volunteer())
    make_message(question, question.requester, body="PRIVATE-MESSAGE")
    db.session.commit()
    login_as(user=make_volunteer())
    assert client.get(f"/prikbord/{question.id}").status_code == 404
    assert (
        client.post(f"/prikbord/{question.id}/bericht", data={"message-body": "x"}).status_code
        == 404
    )
    other = make_volunteer()
    db.session.commit()
    open_question = make_question()
    make_message(open_question, open_question.requester, body="PRIVATE-OPEN")
    db.session.commit()
    login_as(user=other)
    page = client.get(f"/prikbord/{open_question.id}").get_data(as_text=True)
    assert "PRIVATE-OPEN" not in page
    assert (
        client.post(f"/prikbord/{open_question.id}/bericht", data={"message-body": "x"}).status_code
        == 403
    )


def test_a_guest_replies_through_the_signed_link_in_the_mail(app, client, mailbox):
    helper = make_volunteer()
    question = make_question(guest=True, status="claimed", helper=helper)
    make_message(question, helper, body="Hallo, ik help je graag.")
    db.session.commit()
    with app.test_request_context():
        token = guest_token(question)
    page = client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
    assert "Hallo, ik help je graag." in page
    response = client.post(
        f"/prikbord/gast/{token}", data={"guest-body": "Top, tot dinsdag!", "guest-submit": "x"}
    )
    assert response.status_code == 302
    message = db.session.scalar(select(Message).where(Message.from_guest.is_(True)))
    assert message.body == "Top, tot dinsdag!" and message.author_id is None
    assert mailbox.to(helper.email)


def test_a_guest_answers_were_you_helped_through_the_link(app, client):
    question = make_question(guest=True, status="done", helper=make_volunteer())
    db.session.commit()
    with app.test_request_context():
        token = guest_token(question)
    client.post(f"/prikbord/gast/{token}", data={"helped-answer": "partly", "helped-submit": "x"})
    db.session.expire_all()
    assert question.helped == "partly"


def test_a_helper_mail_to_a_guest_links_to_the_signed_page(app, client, login_as, mailbox):
    helper = make_volunteer()
    question = make_question(guest=True, status="claimed", helper=helper)
    db.session.commit()
    login_as(user=helper)
    client.post(
        f"/prikbord/{question.id}/bericht", data={"message-body": "Wanneer kan ik langskomen?"}
    )
    body = mailbox.body(mailbox.to(question.guest_email)[0])
    assert "/prikbord/gast/" in body
