"""The outbox: mail is written with its cause, sent once, retried while the relay is down."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.core.mail import send_template
from app.core.models import utcnow
from app.extensions import db
from app.outbox import operations as ops
from app.outbox.models import OutboxMail
from app.outbox.sender import deliver_pending


def _queue(to: str = "henk@example.org") -> None:
    send_template(to, "Hallo", "mail/password_reset.txt", user=None, link="x", minutes=5)


def _mail() -> OutboxMail:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMail)).one()


def _make_due() -> None:
    db.session.execute(update(OutboxMail).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def test_a_change_that_is_rolled_back_leaves_no_mail(app, mailbox):
    _queue()
    db.session.rollback()
    assert db.session.scalars(select(OutboxMail)).all() == []
    assert mailbox.messages == []


def test_a_mail_goes_out_once_however_often_the_sender_runs(app, mailbox):
    _queue()
    db.session.commit()
    assert deliver_pending().sent == 1
    assert deliver_pending().sent == 0
    assert len(mailbox.to("henk@example.org")) == 1
    mail = _mail()
    assert mail.status == "sent" and mail.message == ""  # the text (a reset link) is not kept


def test_the_sender_retries_with_growing_waits_and_then_gives_up(app, mailbox, monkeypatch):
    _queue()
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens there
    waits = []
    for _ in range(3):
        before = utcnow()
        assert deliver_pending().failed == 1
        waits.append(ops.as_utc(_mail().next_attempt_at) - before)
        assert deliver_pending().failed == 0  # not due yet
        _make_due()
    assert waits[0] >= timedelta(seconds=59) and waits[1] > waits[0] * 1.9
    assert waits[2] > waits[1] * 1.9
    old = utcnow() - timedelta(hours=app.config["MAIL_GIVE_UP_AFTER_HOURS"], minutes=1)
    db.session.execute(update(OutboxMail).values(queued_at=old))
    db.session.commit()
    deliver_pending()
    monkeypatch.undo()
    mail = _mail()
    assert mail.status == "failed" and mail.attempts == 3 and "Error" in (mail.last_error or "")
    assert mailbox.messages == []


def test_a_sender_that_died_while_sending_leaves_the_mail_uncertain_not_resent(app, mailbox):
    _queue()
    db.session.commit()
    claim = ops.claim_next(utcnow())  # a sender claimed it … and died before marking it
    assert claim is not None
    assert deliver_pending().sent == 0  # still within the timeout: nobody touches it
    long_ago = utcnow() - ops.SENDING_TIMEOUT - timedelta(minutes=1)
    db.session.execute(update(OutboxMail).values(claimed_at=long_ago))
    db.session.commit()
    assert deliver_pending().sent == 0
    assert _mail().status == "uncertain"
    assert mailbox.messages == []


def test_an_admin_sees_failed_mail_masked_and_sends_it_again(app, client, login_as, mailbox):
    from tests.pages_helper import check_page

    _queue("henk.dejong@example.org")
    db.session.commit()
    mail = _mail()
    mail.status = "failed"
    mail.attempts = 7
    mail.last_error = "ConnectionRefusedError: [Errno 111] Connection refused"
    db.session.commit()
    login_as("admin")
    page = check_page(client.get("/beheer/post", headers={"Accept-Language": "en"}))
    text = page.get_text()
    assert "h***@example.org" in text and "henk.dejong" not in text
    assert "Connection refused" in text and "Hallo" in text
    response = client.post(f"/beheer/post/{mail.id}/opnieuw")
    assert response.status_code == 302
    assert len(mailbox.to("henk.dejong@example.org")) == 1
    assert "Alle e-mails zijn verstuurd" in client.get("/beheer/post").get_data(as_text=True)


@pytest.mark.parametrize("role", ["resident", "professional", "moderator"])
def test_only_admins_see_the_failed_mail(client, login_as, role):
    login_as(role)
    assert client.get("/beheer/post").status_code == 403


@pytest.mark.postgres_only
def test_two_senders_at_once_never_take_the_same_mail(app, mailbox):
    for n in range(40):
        _queue(f"p{n}@example.org")
    db.session.commit()
    results = []

    def run() -> None:
        with app.app_context():
            results.append(deliver_pending())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.sent for r in results) == 40
    received = [str(m["To"]) for m in mailbox.messages]
    assert sorted(received) == sorted(f"p{n}@example.org" for n in range(40))


def _database_away_for(statements: dict[str, int]):
    """Make the next statements that start with each key fail as a lost connection would."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    left = dict(statements)

    def fail(conn, cursor, statement, parameters, context, executemany):
        for start, count in left.items():
            if count and statement.lstrip().startswith(start):
                left[start] = count - 1
                raise OperationalError(statement, parameters, Exception("server closed"))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", fail)
    return lambda: event.remove(engine, "before_cursor_execute", fail), left


def test_a_sender_waits_out_a_database_that_goes_away_while_it_holds_a_claim(
    app, mailbox, monkeypatch
):
    # make stress stopped PostgreSQL between a claim and the read of the claimed mail: the mail
    # stayed "sending" and never went out. Now the sender keeps asking until the database is back.
    import app.outbox.sender as sender

    monkeypatch.setattr(sender.time, "sleep", lambda seconds: None)
    _queue()
    db.session.commit()
    restore, left = _database_away_for({"SELECT outbox_mails.message": 2, "UPDATE outbox_mails": 0})
    try:
        # The claim itself goes through; the read after it and the mark after sending fail twice.
        claim_then_fail = ops.claim_next

        def claim(now, channel="mail"):
            result = claim_then_fail(now, channel)
            if result is not None:
                left["UPDATE outbox_mails"] = 2  # the mark "sent"
            return result

        monkeypatch.setattr(ops, "claim_next", claim)
        assert deliver_pending().sent == 1
    finally:
        restore()
    assert left == {"SELECT outbox_mails.message": 0, "UPDATE outbox_mails": 0}
    assert len(mailbox.to("henk@example.org")) == 1
    assert _mail().status == "sent"
    assert deliver_pending().sent == 0
    assert len(mailbox.to("henk@example.org")) == 1


def test_a_sender_gives_a_claim_up_when_the_database_stays_away(app, mailbox, monkeypatch):
    import app.outbox.sender as sender

    clock = [0.0]
    monkeypatch.setattr(
        sender.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds)
    )
    monkeypatch.setattr(sender.time, "monotonic", lambda: clock[0])
    _queue()
    db.session.commit()
    restore, _ = _database_away_for({"SELECT outbox_mails.message": 1000})
    try:
        with pytest.raises(Exception, match="server closed"):
            deliver_pending()
    finally:
        restore()
    assert sender.CLAIM_DB_PATIENCE_SECONDS - 10 <= clock[0] <= sender.CLAIM_DB_PATIENCE_SECONDS
    assert mailbox.messages == []
    assert _mail().status == "sending"  # the sweep makes it "uncertain" after the timeout
