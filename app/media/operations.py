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


def change_photo(owner: Any, attr: str, change: Any, user: Any, *, is_public: bool = True) -> bool:
    """Apply a form's :class:`app.media.forms.PhotoChange` to ``owner.<attr>``.

    A new photo replaces the old one (deleted), "remove" deletes it, and a changed alt text is
    saved on the photo kept. Return whether anything changed.
    """
    current: Image | None = getattr(owner, attr)
    if change.processed is not None or (change.remove and current is not None):
        new = (
            store_image(change.processed, change.alt_text, user, is_public=is_public)
            if change.processed is not None
            else None
        )
        setattr(owner, attr, new)
        db.session.flush()
        delete_image(current)
        return True
    if current is not None and change.alt_text and change.alt_text != current.alt_text:
        current.alt_text = change.alt_text
        db.session.flush()
        return True
    return False
