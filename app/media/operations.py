"""State changes of photos: store a processed upload, make it public, delete it. Flush only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from app.extensions import db
from app.media.models import Image, ImageVariant
from app.media.processing import ProcessedImage


def store_image(
    processed: ProcessedImage, alt_text: str, user: Any, *, is_public: bool = True
) -> Image:
    """Keep a processed upload and its copies; return the new ``Image``."""
    image = Image(
        sha256=processed.sha256,
        alt_text=alt_text.strip(),
        width=processed.width,
        height=processed.height,
        is_public=is_public,
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(image)
    db.session.flush()
    db.session.add_all(
        ImageVariant(
            image_id=image.id, width=v.width, height=v.height, format=v.format, data=v.data
        )
        for v in processed.variants
    )
    db.session.flush()
    return image


def publish_image(image: Image | None) -> None:
    """Let everyone see ``image`` (a proposal's photo, once the proposal is approved)."""
    if image is not None and not image.is_public:
        image.is_public = True
        db.session.flush()


def delete_image(image: Image | None) -> None:
    """Delete a photo and its copies (without loading their bytes).

    Call it after the row that named the photo no longer does.
    """
    if image is None:
        return
    db.session.execute(delete(ImageVariant).where(ImageVariant.image_id == image.id))
    db.session.delete(image)
    db.session.flush()
