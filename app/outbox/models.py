"""A mail waiting in, or gone out of, the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import Model

PENDING = "pending"  # waits for (another) attempt at next_attempt_at
SENDING = "sending"  # claimed by a sender that is talking to the mail server right now
SENT = "sent"
FAILED = "failed"  # given up after MAIL_GIVE_UP_AFTER_HOURS; an admin may send it again
UNCERTAIN = "uncertain"  # a sender stopped halfway: it may or may not have gone out
STATUSES = (PENDING, SENDING, SENT, FAILED, UNCERTAIN)


class OutboxMail(Model):
    """One rendered mail. ``message`` is the whole RFC 5322 text, emptied once it went out."""

    __tablename__ = "outbox_mails"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')", name="known_status"
        ),
        CheckConstraint(
            "status != 'sending' OR (attempt_id IS NOT NULL AND claimed_at IS NOT NULL)",
            name="a_sending_mail_is_claimed",
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

    @property
    def masked_recipient(self) -> str:
        """Return the address with most of its local part hidden: ``h***@example.org``."""
        local, at, domain = self.recipient.partition("@")
        return f"{local[:1]}***{at}{domain}" if at else f"{self.recipient[:2]}***"
