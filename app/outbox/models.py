"""A mail waiting in, or gone out of, the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import Model

PENDING = "pending"  # waits for (another) attempt at next_attempt_at
SENDING = "sending"  # claimed by a sender that is talking to the mail server right now
SENT = "sent"
FAILED = "failed"  # given up after MAIL_GIVE_UP_AFTER_HOURS; an admin may send it again
UNCERTAIN = "uncertain"  # a sender stopped halfway: it may or may not have gone out
STATUSES = (PENDING, SENDING, SENT, FAILED, UNCERTAIN)

MAIL = "mail"  # ``message`` is an RFC 5322 mail for ``recipient``
PUSH = "push"  # ``message`` is the JSON payload of a web push to ``push_subscription``
CHANNELS = (MAIL, PUSH)


class OutboxMail(Model):
    """One rendered mail (or web push). ``message`` is the whole text, emptied once it went out.

    A push row (``channel`` "push") holds the JSON payload; ``recipient`` names only the push
    service's host. It goes when its subscription goes (the push service said it is gone, or
    the resident stopped it).
    """

    __tablename__ = "outbox_mails"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')", name="known_status"
        ),
        CheckConstraint(
            "status != 'sending' OR (attempt_id IS NOT NULL AND claimed_at IS NOT NULL)",
            name="a_sending_mail_is_claimed",
        ),
        CheckConstraint("channel IN ('mail', 'push')", name="known_channel"),
        CheckConstraint(
            "(channel = 'push') = (push_subscription_id IS NOT NULL)",
            name="a_push_has_a_subscription",
        ),
        Index("ix_outbox_mails_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(998))
    template: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    # A mail with a key is queued at most once (a weekly reminder run twice in one week).
    once_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # When the current series of attempts began (reset by "send again"); the give-up clock.
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempt_id: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(8), default=MAIL, server_default=MAIL)
    push_subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="CASCADE"), index=True
    )

    @property
    def masked_recipient(self) -> str:
        """Return the address with most of its local part hidden: ``h***@example.org``.

        A push names the push service (``push: fcm.googleapis.com``), never the endpoint.
        """
        if self.channel == PUSH:
            return self.recipient
        local, at, domain = self.recipient.partition("@")
        return f"{local[:1]}***{at}{domain}" if at else f"{self.recipient[:2]}***"
