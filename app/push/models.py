"""A browser's push subscription: where to send, and the keys to encrypt for it."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import Model


class PushSubscription(Model):
    """One browser that agreed to get notifications, for one account or one guest's question.

    ``endpoint`` is the push service's URL for that browser (unique: a browser that subscribes
    again moves its subscription); ``p256dh`` and ``auth`` are the browser's keys (base64url) the
    payload is encrypted with (RFC 8291). A push service that answers 404 or 410 says the
    subscription is gone: the sender deletes it.
    """

    __tablename__ = "push_subscriptions"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (guest_link_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # A guest subscribes through the link of their question; the subscription works as long as
    # that link does (it ends when the question closes or the guest or a professional stops it).
    guest_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("guest_links.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def service_host(self) -> str:
        """The push service's host name (what admins see instead of the endpoint)."""
        return urlsplit(self.endpoint).hostname or "?"

    def info(self) -> dict:
        """Return the subscription as pywebpush takes it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
