"""Column helpers shared by the models of every domain."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC (how every timestamp is stored)."""
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


def new_uuid() -> str:
    """Return a new random identifier for open data (HSDS ids, feeds)."""
    return str(uuid.uuid4())
