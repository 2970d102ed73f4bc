"""Web push end to end: a resident subscribes, a volunteer claims, the outbox sender delivers.

The push service is a server on loopback (conftest.py) that decrypts what it receives with the
browser's private key, so the tests read the payload as the phone would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import func, select, update

from app.core.models import utcnow
from app.extensions import db
from app.helpboard import notify
from app.helpboard import operations as hb_ops
from app.outbox.models import PENDING, PUSH, SENT, OutboxMail
from app.outbox.sender import deliver_pending
from app.push.models import PushSubscription
from tests.conftest import ROOT
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer


def flask_mail_send(vapid_keys: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``flask mail send`` as cron would: its own process, production settings."""
    db.session.commit()  # the process sees what the test made, and nothing stays locked
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WIJKPLEIN_", "MAIL_", "DATABASE_", "FLASK_", "VAPID_", "PUSH_"))
    }
    env.update(
        FLASK_APP="wsgi",
        WIJKPLEIN_ENV="production",
        WIJKPLEIN_SINGLE_PROCESS="true",
        SECRET_KEY="push-process-test-" + "x" * 24,
        DATABASE_URL=db.engine.url.render_as_string(hide_password=False),
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT="1",  # no mail is due; a mail would fail and be retried, never sent
        PUBLIC_BASE_URL="https://wijkplein.example",
        PUSH_TIMEOUT="5",
        **vapid_keys,
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "mail", "send"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return result


def push_row() -> OutboxMail:
    """Return the one push in the outbox, detached (the sender's bulk updates skip it)."""
    row = db.session.scalar(select(OutboxMail).where(OutboxMail.channel == PUSH))
    assert row is not None
    db.session.expunge(row)
    return row


def deliver() -> None:
    """Run the outbox sender once, as `flask mail send` does (in this process)."""
    deliver_pending()


def _resident_without_email():
    return make_user("resident", name="Fatima", phone="0612340000", locale="en")


def test_a_subscribed_resident_hears_their_question_was_picked_up(
    app, client, login_as, vapid, vapid_keys, push_service, make_phone
):
    resident = _resident_without_email()
    question = make_question(requester=resident, title="Help with the rent allowance form")
    volunteer = make_volunteer()
    db.session.commit()
    phone = make_phone()

    login_as(user=resident)
    response = client.post("/account/meldingen", json=phone.subscription())
    assert response.status_code == 201
    login_as(user=volunteer)
    assert client.post(f"/prikbord/{question.id}/oppakken").status_code == 302
    assert push_service.to(phone.path) == []  # no web request talks to the push service

    result = flask_mail_send(vapid_keys)

    assert "1 push(es) sent" in result.stdout
    [received] = push_service.to(phone.path)
    payload = phone.read(received)
    assert payload["title"] == "Your question was picked up"
    assert payload["body"] == "Help with the rent allowance form"
    assert payload["url"].endswith(f"/prikbord/{question.id}")
    db.session.expire_all()
    subscription = db.session.scalar(select(PushSubscription))
    assert subscription.last_success_at is not None
    row = push_row()
    assert row.status == SENT and row.message == ""  # the payload is not kept once it went out
    # A second run sends nothing again.
    deliver()
    assert len(push_service.to(phone.path)) == 1


def test_a_push_service_that_says_gone_removes_the_subscription(
    app, client, login_as, vapid, push_service, make_phone
):
    resident = _resident_without_email()
    question = make_question(requester=resident)
    volunteer = make_volunteer()
    db.session.commit()
    phone = make_phone()
    push_service.answers[phone.path] = 410
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201

    hb_ops.claim(question, volunteer)
    assert notify.push_to_requester(question, "claimed") == 1
    db.session.commit()
    deliver()

    assert len(push_service.to(phone.path)) == 1
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 0
    # Nothing is queued any more for a resident whose only phone is gone.
    assert notify.push_to_requester(question, "message") == 0


def test_a_sensitive_question_gets_only_plain_words(
    app, client, login_as, vapid, push_service, make_phone
):
    resident = _resident_without_email()
    question = make_question(
        requester=resident, slug="money-and-debt", title="Debts with the energy company"
    )
    professional = make_user("professional")
    db.session.commit()
    phone = make_phone()
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201

    hb_ops.claim(question, professional)
    notify.send_status(question, "claimed")
    hb_ops.add_message(question, "About your debts: call me on Monday", professional)
    notify.send_new_message(question, hb_ops.add_message(question, "Debts again", professional))
    db.session.commit()
    deliver()

    received = push_service.to(phone.path)
    assert len(received) == 2
    for push in received:
        payload = phone.read(push)
        assert payload["title"] == "There is news about your question"
        assert payload["body"] == "Open Wijkplein to read it."
        text = str(payload).lower()
        assert "debt" not in text and "energy" not in text


def test_a_message_to_the_resident_is_pushed_but_not_their_own(
    app, client, login_as, vapid, push_service, make_phone
):
    resident = _resident_without_email()
    volunteer = make_volunteer()
    question = make_question(
        requester=resident, title="Lamp in the hall", helper=volunteer, status="claimed"
    )
    db.session.commit()
    phone = make_phone()
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201
    assert (
        client.post(
            f"/prikbord/{question.id}/bericht", data={"message-body": "Thank you!"}
        ).status_code
        == 302
    )
    login_as(user=volunteer)
    assert (
        client.post(
            f"/prikbord/{question.id}/bericht", data={"message-body": "I come on Tuesday."}
        ).status_code
        == 302
    )
    deliver()

    [received] = push_service.to(phone.path)
    payload = phone.read(received)
    assert payload["title"] == "New message about your question"
    assert payload["body"] == "Lamp in the hall"


def test_a_push_service_that_is_down_gets_the_push_later_once(
    app, client, login_as, vapid, push_service, make_phone
):
    resident = _resident_without_email()
    question = make_question(requester=resident)
    volunteer = make_volunteer()
    db.session.commit()
    phone = make_phone()
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201
    hb_ops.claim(question, volunteer)
    notify.send_status(question, "claimed")
    db.session.commit()

    push_service.answers[phone.path] = 503
    deliver()
    row = push_row()
    assert row.status == PENDING and row.attempts == 1 and "503" in (row.last_error or "")
    assert row.next_attempt_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None)
    deliver()  # not due yet: nothing is tried
    assert len(push_service.to(phone.path)) == 1

    del push_service.answers[phone.path]
    db.session.execute(
        update(OutboxMail)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    deliver()
    deliver()

    received = push_service.to(phone.path)
    assert len(received) == 2  # the failed attempt, then the one that arrived; no more
    assert phone.read(received[-1])["title"] == "Your question was picked up"
    row = push_row()
    assert row.status == SENT and row.attempts == 2
