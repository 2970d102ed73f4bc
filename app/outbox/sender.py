"""The sender: deliver what is due in the outbox (``flask mail send``, and in development a thread).

A web request never talks to the mail server; it only writes to the outbox.
"""

from __future__ import annotations

import smtplib
import threading
import time
from dataclasses import dataclass
from email import message_from_string, policy
from email.message import EmailMessage

from flask import Flask, current_app

from app.core.mail import send_message
from app.core.models import utcnow
from app.extensions import db
from app.outbox import operations as ops

# The mail server answered, but refused this one mail: the others may still go.
REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0  # attempts that failed this run (retried later unless given up)


def deliver_pending(limit: int = 500) -> Delivery:
    """Send the mails that are due, one claim at a time; stop early when the relay is down."""
    result = Delivery()
    if not ops.has_work(utcnow()):
        db.session.rollback()
        return result
    ops.sweep(utcnow())
    db.session.commit()
    for _ in range(limit):
        claim = ops.claim_next(utcnow())
        if claim is None:
            break
        mail_id, attempt_id = claim
        stored = db.session.scalar(
            db.select(ops.OutboxMail.message).where(ops.OutboxMail.id == mail_id)
        )
        db.session.rollback()  # hold no transaction open while the mail server is slow
        message = message_from_string(stored or "", _class=EmailMessage, policy=policy.default)
        try:
            send_message(message)
        except OSError as error:  # smtplib's errors are OSErrors too
            current_app.logger.warning("Mail %s could not be sent: %s", mail_id, error)
            ops.mark_attempt_failed(
                mail_id, attempt_id, f"{type(error).__name__}: {error}", utcnow()
            )
            db.session.commit()
            result.failed += 1
            if not isinstance(error, REFUSALS):
                break  # the relay is down: the rest waits for the next run
            continue
        ops.mark_sent(mail_id, attempt_id, utcnow())
        db.session.commit()
        result.sent += 1
    return result


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
