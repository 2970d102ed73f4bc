"""State changes of the outbox: queue a mail, claim it, record how the attempt went.

Delivery is *at most once*. A sender first commits the mail as ``sending`` under a fresh
attempt id, then talks to the mail server, then commits ``sent``. A sender that dies in between
leaves the mail in ``sending``; after ``SENDING_TIMEOUT`` it is marked ``uncertain`` and never
resent by itself, because it may well have arrived. An admin decides on /beheer/post. A mail
that did not go out within ``MAIL_GIVE_UP_AFTER_HOURS`` is marked ``failed``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import CursorResult, and_, delete, or_, select, update

from app.core.models import utcnow
from app.extensions import db
from app.outbox.models import FAILED, MAIL, PENDING, PUSH, SENDING, SENT, UNCERTAIN, OutboxMail

# A claim older than this is a sender that died (SMTP timeouts are seconds, not minutes).
SENDING_TIMEOUT = timedelta(minutes=15)
# The first retry comes after a minute, each next one after twice as long, at most an hour.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
# Sent mails are kept (without their text) this long, to answer "did it go out?".
KEEP_SENT = timedelta(days=30)


def queue(
    recipient: str, subject: str, message: str, template: str, *, once_key: str | None = None
) -> OutboxMail | None:
    """Add a rendered mail to the outbox in the caller's transaction (flush, no commit).

    With ``once_key``, a mail with the same key that is already in the outbox wins and nothing
    is added (None is returned).
    """
    if once_key is not None and db.session.scalar(
        select(OutboxMail.id).where(OutboxMail.once_key == once_key)
    ):
        return None
    mail = OutboxMail(
        recipient=recipient,
        subject=subject[:998],
        message=message,
        template=template[:200],
        once_key=once_key,
    )
    db.session.add(mail)
    db.session.flush()
    return mail


def queue_push(
    subscription_id: int,
    service_host: str,
    title: str,
    payload: str,
    template: str,
    *,
    once_key: str | None = None,
) -> OutboxMail | None:
    """Add a web push (its JSON ``payload``) for one subscription in the caller's transaction.

    Flushes, never commits; with ``once_key`` a push with the same key already queued wins.
    """
    if once_key is not None and db.session.scalar(
        select(OutboxMail.id).where(OutboxMail.once_key == once_key)
    ):
        return None
    push = OutboxMail(
        channel=PUSH,
        push_subscription_id=subscription_id,
        recipient=f"push: {service_host}"[:320],
        subject=title[:998],
        message=payload,
        template=template[:200],
        once_key=once_key,
    )
    db.session.add(push)
    db.session.flush()
    return push


def retry_delay(attempts: int) -> timedelta:
    """Return how long to wait after the ``attempts``-th failed attempt."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def give_up_after() -> timedelta:
    return timedelta(hours=current_app.config["MAIL_GIVE_UP_AFTER_HOURS"])


def claim_next(now: datetime, channel: str = MAIL) -> tuple[int, str] | None:
    """Claim the next mail (or push) that is due and commit the claim; return (id, attempt id).

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets senders running side by side pass each
    other's rows; the conditional update keeps SQLite (one writer) just as safe.
    """
    while True:
        mail_id = db.session.scalar(
            select(OutboxMail.id)
            .where(OutboxMail.status == PENDING, OutboxMail.next_attempt_at <= now)
            .where(OutboxMail.channel == channel)
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if mail_id is None:
            db.session.rollback()
            return None
        attempt_id = uuid.uuid4().hex
        result = db.session.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id, OutboxMail.status == PENDING)
            .values(
                status=SENDING,
                attempt_id=attempt_id,
                claimed_at=now,
                attempts=OutboxMail.attempts + 1,
            )
        )
        claimed = result.rowcount if isinstance(result, CursorResult) else 0
        db.session.commit()
        if claimed:
            return mail_id, attempt_id


def mark_sent(mail_id: int, attempt_id: str, now: datetime) -> None:
    """Record that the attempt ``attempt_id`` delivered the mail; forget its text."""
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, OutboxMail.attempt_id == attempt_id)
        .where(OutboxMail.status == SENDING)
        .values(status=SENT, sent_at=now, message="", last_error=None)
    )


def mark_attempt_failed(mail_id: int, attempt_id: str, error: str, now: datetime) -> str:
    """Schedule the next attempt with a longer wait, or give up; return the new status."""
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None or mail.attempt_id != attempt_id or mail.status != SENDING:
        return mail.status if mail else FAILED
    mail.last_error = error[:2000]
    if now - as_utc(mail.queued_at) >= give_up_after():
        mail.status = FAILED
    else:
        mail.status = PENDING
        mail.next_attempt_at = now + retry_delay(mail.attempts)
    return mail.status


def has_work(now: datetime) -> bool:
    """Tell whether a sender has anything to do (a read, so an idle sender never writes)."""
    return (
        db.session.scalar(
            select(OutboxMail.id)
            .where(
                or_(
                    OutboxMail.status.in_((PENDING, SENDING)),
                    and_(OutboxMail.status == SENT, OutboxMail.sent_at < now - KEEP_SENT),
                )
            )
            .limit(1)
        )
        is not None
    )


def sweep(now: datetime) -> None:
    """Mark dead claims uncertain, give up on mails too old to send, forget old sent mails."""
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.status == SENDING, OutboxMail.claimed_at < now - SENDING_TIMEOUT)
        .values(status=UNCERTAIN, last_error="The sender stopped while sending this mail.")
    )
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.status == PENDING, OutboxMail.queued_at < now - give_up_after())
        .values(status=FAILED)
    )
    db.session.execute(
        delete(OutboxMail).where(OutboxMail.status == SENT, OutboxMail.sent_at < now - KEEP_SENT)
    )


def send_again(mail: OutboxMail, now: datetime | None = None) -> None:
    """Put a failed or uncertain mail back in the queue (an admin's decision)."""
    if mail.status not in (FAILED, UNCERTAIN):
        return
    now = now or utcnow()
    mail.status = PENDING
    mail.queued_at = now
    mail.next_attempt_at = now
    mail.attempt_id = None
    mail.claimed_at = None
    db.session.flush()


def needs_decision():
    """Mails an admin must decide on, newest first (a select, for pagination)."""
    return (
        select(OutboxMail)
        .where(OutboxMail.status.in_((FAILED, UNCERTAIN)))
        .order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
    )


def as_utc(moment: datetime) -> datetime:
    """Return ``moment`` as an aware UTC time (SQLite hands times back without a zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
