"""Serve a photo's copies from Wijkplein's own origin, for a year (their names never change)."""

from __future__ import annotations

import re

from flask import Response, abort, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.core.access import ADMIN, MODERATOR, PROFESSIONAL, holds, public
from app.extensions import db
from app.media import bp
from app.media.models import Image, ImageVariant
from app.media.processing import CONTENT_TYPES, EXTENSIONS, variant_widths

_NAME = re.compile(r"^([0-9a-f]{64})-([0-9]{1,5})\.(webp|jpg)$")
_FORMAT_OF = {ext: fmt for fmt, ext in EXTENSIONS.items()}
YEAR = 31536000


def variant_url(image: Image, width: int, fmt: str) -> str:
    """Return the address of one copy of ``image``."""
    return url_for("media.variant", name=f"{image.sha256}-{width}.{EXTENSIONS[fmt]}")


def srcset(image: Image, fmt: str) -> str:
    """Return the ``srcset`` of ``image`` in ``fmt``: every copy with its width."""
    return ", ".join(f"{variant_url(image, w, fmt)} {w}w" for w in variant_widths(image.width))


@bp.app_template_global("photo")
def photo(image: Image | None) -> dict[str, object] | None:
    """Give a template what a ``<picture>`` of ``image`` needs (None without a photo)."""
    if image is None:
        return None
    widths = variant_widths(image.width)
    largest = widths[-1]
    return {
        "alt": image.alt_text,
        "webp": srcset(image, "webp"),
        "jpeg": srcset(image, "jpeg"),
        "src": variant_url(image, widths[0], "jpeg"),
        "width": largest,
        "height": max(1, round(image.height * largest / image.width)),
    }


def _may_see_hidden(image: Image) -> bool:
    """Staff who moderate, and whoever uploaded it, see a photo that is not public yet."""
    return holds(current_user, MODERATOR, PROFESSIONAL, ADMIN) or (
        getattr(current_user, "id", None) is not None and current_user.id == image.created_by_id
    )


@bp.route("/media/<name>")
@public
def variant(name: str):
    """Send one copy of a photo, or 404."""
    match = _NAME.match(name)
    if match is None:
        abort(404)
    sha256, width, fmt = match.group(1), int(match.group(2)), _FORMAT_OF[match.group(3)]
    row = db.session.execute(
        select(Image.id, Image.is_public, Image.created_by_id)
        .join(ImageVariant, ImageVariant.image_id == Image.id)
        .where(Image.sha256 == sha256, ImageVariant.width == width, ImageVariant.format == fmt)
        .order_by(Image.is_public.desc(), Image.id)
        .limit(1)
    ).first()
    if row is None:
        abort(404)
    image = db.session.get(Image, row.id)
    assert image is not None
    if not image.is_public and not _may_see_hidden(image):
        abort(404)
    etag = f"{sha256}-{width}-{fmt}"
    public_copy = f"public, max-age={YEAR}, immutable"
    cache_control = public_copy if image.is_public else "private, no-store"
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        data = db.session.scalar(
            select(ImageVariant.data).where(
                ImageVariant.image_id == row.id,
                ImageVariant.width == width,
                ImageVariant.format == fmt,
            )
        )
        response = Response(data, mimetype=CONTENT_TYPES[fmt])
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
