"""The admins' neighbourhood form and the professionals' contact point form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp

from app.core.forms import CheckboxesField, stripped
from app.neighbourhoods.manage_boundary import MAX_BYTES, BoundaryError, parse_boundary

# A pasted or uploaded file is written back into the text box when a form comes back with an
# error, so nothing typed is lost; past this size it is not (it would make the page heavy).
ECHO_BYTES = 200_000


class NeighbourhoodForm(FlaskForm):
    """Open or edit a neighbourhood: name, municipality, boundary, professionals, link."""

    name = StringField(
        _l("Name"),
        filters=[stripped],
        validators=[DataRequired(_l("Fill in a name.")), Length(max=120)],
    )
    slug = StringField(
        _l("Short name in links"),
        filters=[stripped],
        validators=[
            DataRequired(_l("Fill in a short name.")),
            Length(max=120),
            Regexp(
                r"^[a-z0-9][a-z0-9-]*$",
                message=_l("Use small letters, digits and dashes only, such as oud-krispijn."),
            ),
        ],
        description=_l("A link with ?wijk=<short name> opens the site in this neighbourhood."),
    )
    city = StringField(
        _l("Municipality"),
        filters=[stripped],
        validators=[DataRequired(_l("Fill in the municipality.")), Length(max=120)],
    )
    boundary_file = FileField(
        _l("Boundary (GeoJSON file)"),
        description=_l(
            "A polygon in WGS84 (longitude, latitude), as a .geojson or .json file. "
            "Or paste the GeoJSON in the box below."
        ),
    )
    boundary_text = TextAreaField(
        _l("Boundary (GeoJSON text)"),
        filters=[stripped],
        validators=[Optional(), Length(max=MAX_BYTES)],
    )
    reporting_url = StringField(
        _l("Link to report problems in the street"),
        filters=[stripped],
        validators=[
            Optional(),
            Length(max=500),
            URL(require_tld=False, message=_l("Fill in a web address starting with https://.")),
            # Only web links: a "javascript://" address would pass URL() and run on click.
            Regexp(r"(?i)^https?://", message=_l("Fill in a web address starting with https://.")),
        ],
        description=_l("Empty: the municipality's reporting service for every neighbourhood."),
    )
    professionals = CheckboxesField(_l("Professionals of this neighbourhood"), coerce=int)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, boundary_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.boundary_required = boundary_required
        self.boundary: dict[str, Any] | None = None

    def validate(self, extra_validators=None) -> bool:
        """Check the fields, then read the boundary from the file or else the text box."""
        valid = super().validate(extra_validators)
        upload = self.boundary_file.data
        raw: bytes | str | None = None
        if isinstance(upload, FileStorage) and upload.filename:
            content: bytes = upload.read(MAX_BYTES + 1)
            raw = content
            if len(content) <= ECHO_BYTES:
                try:
                    self.boundary_text.data = content.decode("utf-8-sig")
                except UnicodeDecodeError:
                    self.boundary_text.data = ""
            target = self.boundary_file
        elif self.boundary_text.data:
            raw = self.boundary_text.data
            target = self.boundary_text
        else:
            target = self.boundary_file
        if raw is None:
            if self.boundary_required:
                target.errors = [*target.errors, _l("Upload the boundary as a GeoJSON file.")]
                return False
            return valid
        try:
            self.boundary = parse_boundary(raw)
        except BoundaryError as error:
            target.errors = [*target.errors, str(error)]
            return False
        return valid


class ContactPointForm(FlaskForm):
    """The neighbourhood's one fixed contact point, kept by its professionals."""

    name = StringField(
        _l("Name of the neighbourhood point"),
        filters=[stripped],
        validators=[Optional(), Length(max=200)],
        description=_l("For example: Wijkpunt Crabbehoeve."),
    )
    address = StringField(
        _l("Address"), filters=[stripped], validators=[Optional(), Length(max=300)]
    )
    opening_hours = TextAreaField(
        _l("Opening hours"),
        filters=[stripped],
        validators=[Optional(), Length(max=1000)],
        description=_l("One line per day, for example: Monday 9:00 to 12:00."),
    )
    phone = StringField(
        _l("Phone"),
        filters=[stripped],
        validators=[
            Optional(),
            Length(max=40),
            Regexp(r"^[0-9+() -]+$", message=_l("Use digits, spaces and + only.")),
        ],
    )
    team = TextAreaField(
        _l("Who residents meet there"),
        filters=[stripped],
        validators=[Optional(), Length(max=1000)],
        description=_l("For example: the social neighbourhood team and the community worker."),
    )
    submit = SubmitField(_l("Save"))


class ConfirmForm(FlaskForm):
    """An empty form, for the CSRF token of a button (close, reopen)."""

    submit = SubmitField(_l("Confirm"))
