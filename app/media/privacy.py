"""Personal data of photos, for "my data" and deleting an account: who uploaded which photo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from app.extensions import db
from app.media.models import Image

if TYPE_CHECKING:
    from app.accounts.models import User


def export_images(user: User) -> list[dict[str, Any]]:
    """Return the photos the person uploaded: what they show, when, and whether they are public."""
    images = db.session.scalars(
        select(Image).where(Image.created_by_id == user.id).order_by(Image.id)
    )
    return [
        {
            "image_id": image.id,
            "alt_text": image.alt_text,
            "width": image.width,
            "height": image.height,
            "public": image.is_public,
            "when": image.created_at.isoformat() if image.created_at else None,
        }
        for image in images
    ]


def erase_images(user: User) -> None:
    """Keep the photos (they belong to a service or activity) but forget who uploaded them."""
    db.session.execute(
        update(Image).where(Image.created_by_id == user.id).values(created_by_id=None)
    )
    db.session.flush()


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "photos",
            export=export_images,
            erase=erase_images,
            covers=("images.created_by_id",),
        )
    )
