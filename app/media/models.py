"""Photos (``images``) and their encoded copies (``image_variants``), kept in the database.

The copies live in the database so that every app server sees them (nothing is written to an
app server's disk). A page never loads their bytes: it needs only the ``images`` row (hash, alt
text, size), from which :func:`app.media.processing.variant_widths` tells which copies exist.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import utcnow
from app.extensions import Model


class Image(Model):
    """One uploaded photo, after checking; its alt text says what it shows."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Of the uploaded bytes: the name of its copies (/media/<sha256>-<width>.<ext>).
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    alt_text: Mapped[str] = mapped_column(String(300))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    # False while it belongs to a resident's proposal that is not approved yet: only staff and
    # the uploader may then fetch it.
    is_public: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Image {self.id} {self.sha256[:12]}>"


class ImageVariant(Model):
    """One encoded copy of a photo: a width and a format."""

    __tablename__ = "image_variants"
    __table_args__ = (CheckConstraint("format IN ('webp', 'jpeg')", name="known_format"),)

    image_id: Mapped[int] = mapped_column(
        ForeignKey("images.id", ondelete="CASCADE"), primary_key=True
    )
    width: Mapped[int] = mapped_column(Integer, primary_key=True)
    format: Mapped[str] = mapped_column(String(4), primary_key=True)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column("bytes", LargeBinary, deferred=True)
