"""The photo part of a form: a file, what is on it (alt text), and "remove the photo".

A part's form takes it in as a base class (``class ServiceForm(PhotoFields, FlaskForm)``) and
sets ``current_image`` before validating. The upload is checked while the form validates, so a
refused file gets its message next to the field; a valid one is kept as ``processed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, StringField
from wtforms.validators import Length, ValidationError

from app.core.forms import stripped
from app.media.models import Image
from app.media.processing import ImageRefused, ProcessedImage, process

CHOOSE_AGAIN = _l("Choose the photo again: a browser does not keep a chosen file.")

REFUSALS = {
    ImageRefused.TOO_BIG: _l("This photo is too big. Choose a photo of at most 8 MB."),
    ImageRefused.TOO_MANY_PIXELS: _l(
        "This photo has too many pixels. Choose a smaller photo (at most 40 megapixels)."
    ),
    ImageRefused.NOT_AN_IMAGE: _l("This is not a photo we can use. Choose a JPEG, PNG or WebP."),
    ImageRefused.EMPTY: _l("This file is empty. Choose a photo."),
}


@dataclass(frozen=True)
class PhotoChange:
    """What the person asked for: a new photo, a new alt text, or no photo."""

    processed: ProcessedImage | None
    alt_text: str
    remove: bool


class PhotoFields:
    """The photo fields; mix in before ``FlaskForm``."""

    current_image: Image | None = None
    processed: ProcessedImage | None = None

    photo = FileField(
        _l("Photo"),
        description=_l("A JPEG, PNG or WebP photo of at most 8 MB. It is shown on the page."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    photo_alt = StringField(
        _l("What is on the photo?"),
        filters=[stripped],
        validators=[Length(max=300)],
        description=_l(
            "For people who cannot see the photo. For example: Three women knit at a table."
        ),
    )
    remove_photo = BooleanField(_l("Remove the photo"))

    def uploaded(self) -> FileStorage | None:
        """Return the chosen file, when one was chosen."""
        data = self.photo.data  # type: ignore[attr-defined]
        if isinstance(data, FileStorage) and data.filename:
            return data
        return None

    def validate_photo(self, field: Any) -> None:
        upload = self.uploaded()
        if upload is None:
            return
        limit = current_app.config["MAX_IMAGE_BYTES"]
        data = upload.stream.read(limit + 1)
        try:
            self.processed = process(
                data, max_bytes=limit, max_pixels=current_app.config["MAX_IMAGE_PIXELS"]
            )
        except ImageRefused as refused:
            raise ValidationError(REFUSALS[refused.reason]) from refused

    def validate_photo_alt(self, field: Any) -> None:
        removing = bool(self.remove_photo.data)  # type: ignore[attr-defined]
        keeps_one = self.current_image is not None and not removing
        if not field.data and (self.uploaded() is not None or keeps_one):
            message = _l("Say in a few words what is on the photo.")
            if self.uploaded() is not None:
                raise ValidationError(f"{message} {CHOOSE_AGAIN}")
            raise ValidationError(message)

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)  # type: ignore[misc]
        photo = self.photo  # type: ignore[attr-defined]
        if not valid and self.uploaded() is not None and not photo.errors:
            # The photo itself was fine, but the form comes back: its file is gone.
            photo.errors = [*photo.errors, CHOOSE_AGAIN]
        return valid

    def load_photo(self, image: Image | None) -> None:
        """Fill the alt text with that of the current photo."""
        self.current_image = image
        if image is not None:
            self.photo_alt.data = image.alt_text  # type: ignore[attr-defined]

    def photo_change(self) -> PhotoChange:
        """Return what a validated form asks for the photo."""
        return PhotoChange(
            processed=self.processed,
            alt_text=self.photo_alt.data or "",  # type: ignore[attr-defined]
            remove=bool(self.remove_photo.data) and self.processed is None,  # type: ignore[attr-defined]
        )
