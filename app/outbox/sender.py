"""The sender: deliver what is due in the outbox (``flask mail send``, and in development a thread).

A web request never talks to the mail server; it only writes to the outbox.
"""

from __future__ import annotations

import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email import message_from_string, policy
from email.message import EmailMessage
from typing import ParamSpec, TypeVar

from flask import Flask, current_app
from sqlalchemy import Row
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from app.core.mail import send_message
from app.core.models import utcnow
from app.extensions import db
from app.outbox import operations as ops
from app.outbox.models import MAIL, PUSH
from app.push import operations as push_ops
from app.push.models import PushSubscription
from app.push.sender import PushFailed, PushGone, Target
from app.push.sender import deliver as deliver_push

# The mail server answered, but refused this one mail: the others may still go.
REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
# How long a sender holding a claim waits out a database that went away (a restart, a failover)
# before it gives the claim up to the sweep (``uncertain``): it knows what it did, the database
# does not, so it keeps asking rather than leave a mail that went out marked as "sending".
CLAIM_DB_PATIENCE_SECONDS = 60.0


T = TypeVar("T")
P = ParamSpec("P")


def _while_claimed(step: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run one database step for a claimed mail and commit it, retrying while the database is down.

    Found by ``make stress``: PostgreSQL stopped between a claim and reading the claimed mail's
    text, and the mail stayed "sending" (never sent) until the sweep made it "uncertain".
    """
    delay = 0.5
    deadline = time.monotonic() + CLAIM_DB_PATIENCE_SECONDS
    while True:
        try:
            value = step(*args, **kwargs)
            db.session.commit()
            return value
        except DBAPIError as error:
            db.session.rollback()
            lost = isinstance(error, OperationalError | InterfaceError)
            if not (error.connection_invalidated or lost):
                raise
            if time.monotonic() + delay > deadline:
                raise
            current_app.logger.warning("Database unavailable, retrying in %.1f s: %s", delay, error)
            time.sleep(delay)
            delay = min(delay * 2, 8.0)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0  # attempts that failed this run (retried later unless given up)
    pushed: int = 0
    push_failed: int = 0
    gone: int = 0  # subscriptions the push service said no longer exist (removed)


def deliver_pending(limit: int = 500) -> Delivery:
    """Send the mails and pushes that are due; stop mail early when the relay is down."""
    result = Delivery()
    if not ops.has_work(utcnow()):
        db.session.rollback()
        return result
    ops.sweep(utcnow())
    db.session.commit()
    _deliver_mail(limit, result)
    _deliver_pushes(limit, result)
    return result


def _deliver_mail(limit: int, result: Delivery) -> None:
    for _ in range(limit):
        claim = ops.claim_next(utcnow(), MAIL)
        if claim is None:
            break
        mail_id, attempt_id = claim
        # The commit ends the read's transaction: none is held while the mail server is slow.
        stored = _while_claimed(_text_of, mail_id)
        message = message_from_string(stored or "", _class=EmailMessage, policy=policy.default)
        try:
            send_message(message)
        except OSError as error:  # smtplib's errors are OSErrors too
            current_app.logger.warning("Mail %s could not be sent: %s", mail_id, error)
            reason = f"{type(error).__name__}: {error}"
            _while_claimed(ops.mark_attempt_failed, mail_id, attempt_id, reason, utcnow())
            result.failed += 1
            if not isinstance(error, REFUSALS):
                break  # the relay is down: the rest waits for the next run
            continue
        _while_claimed(ops.mark_sent, mail_id, attempt_id, utcnow())
        result.sent += 1


def _deliver_pushes(limit: int, result: Delivery) -> None:
    """Send the pushes that are due, each to its own push service (one down stops no other)."""
    for _ in range(limit):
        claim = ops.claim_next(utcnow(), PUSH)
        if claim is None:
            break
        push_id, attempt_id = claim
        row = _while_claimed(_push_of, push_id)
        if row is None:
            continue  # its subscription went in the meantime, and the push with it
        subscription_id = int(row[1])
        target = Target(endpoint=str(row[2]), p256dh=str(row[3]), auth=str(row[4]))
        try:
            deliver_push(target, str(row[0] or ""))
        except PushGone:
            _while_claimed(push_ops.remove_by_id, subscription_id)
            result.gone += 1
            continue
        except PushFailed as error:
            current_app.logger.warning("Push %s could not be sent: %s", push_id, error)
            reason = str(error)
            _while_claimed(ops.mark_attempt_failed, push_id, attempt_id, reason, utcnow())
            result.push_failed += 1
            continue
        _while_claimed(_mark_pushed, push_id, attempt_id, subscription_id, utcnow())
        result.pushed += 1


def _text_of(mail_id: int) -> str | None:
    return db.session.scalar(db.select(ops.OutboxMail.message).where(ops.OutboxMail.id == mail_id))


def _push_of(push_id: int) -> Row[tuple[str, int, str, str, str]] | None:
    return db.session.execute(
        db.select(
            ops.OutboxMail.message,
            PushSubscription.id,
            PushSubscription.endpoint,
            PushSubscription.p256dh,
            PushSubscription.auth,
        )
        .join(PushSubscription, PushSubscription.id == ops.OutboxMail.push_subscription_id)
        .where(ops.OutboxMail.id == push_id)
    ).first()


def _mark_pushed(push_id: int, attempt_id: str, subscription_id: int, now: datetime) -> None:
    ops.mark_sent(push_id, attempt_id, now)
    push_ops.mark_delivered(subscription_id, now)


def init_outbox(app: Flask) -> None:
    """Start the in-process sender with the first request, when the settings ask for it."""
    if not app.config.get("MAIL_SEND_IN_PROCESS") or app.config["ENV_NAME"] == "production":
        return
    started: list[threading.Thread] = []
    lock = threading.Lock()

    def start_once() -> None:
        with lock:
            if not started:
                started.append(start_in_process_sender(app))

    app.before_request(start_once)


def start_in_process_sender(app: Flask, interval: float = 2.0) -> threading.Thread:
    """Deliver the outbox every ``interval`` seconds from a daemon thread of this process.

    Only for ``make run`` (development with the console backend) and the browser tests' live
    server: a production web server leaves delivery to ``flask mail send`` from cron.
    """

    def loop() -> None:
        while True:
            time.sleep(interval)
            with app.app_context():
                try:
                    deliver_pending()
                except Exception:  # noqa: BLE001 — keep the thread alive; cron would retry too
                    app.logger.exception("The in-process mail sender failed")
                finally:
                    db.session.remove()

    thread = threading.Thread(target=loop, name="wijkplein-mail-sender", daemon=True)
    thread.start()
    return thread
