"""The social map's small forms; the service form has its own module (service_form.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.core.forms import as_choices
from app.media.forms import PhotoFields
from app.servicemap.labels import CORRECTION_LABELS
from app.taxonomy.pillars import PILLAR_LABELS


class FilterForm(FlaskForm):
    """The filters above the list: a plain GET form, so a filtered list can be shared."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), validators=[Optional()], validate_choice=False)
    language = SelectField(_l("Language spoken"), validators=[Optional()], validate_choice=False)
    open_now = BooleanField(_l("Open now"))
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)], widget=None)
    lon = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    submit = SubmitField(_l("Show"))


class CorrectionForm(FlaskForm):
    """ "This is not right": what is wrong, in a few words."""

    kind = RadioField(
        _l("What is not right?"),
        choices=as_choices(CORRECTION_LABELS.items()),
        validators=[InputRequired(_l("Choose what is not right."))],
    )
    message = TextAreaField(
        _l("Tell us more"),
        validators=[Optional(), Length(max=2000, message=_l("Use at most 2000 characters."))],
        description=_l("Do not write your name, address or phone number here."),
    )
    submit = SubmitField(_l("Send"))


class VerifyForm(FlaskForm):
    submit = SubmitField(_l("Still correct"))


class RemoveForm(FlaskForm):
    submit = SubmitField(_l("Take off the map"))


class RestoreForm(FlaskForm):
    submit = SubmitField(_l("Put back on the map"))


class PillarForm(FlaskForm):
    """An admin places a category under one of the programme's pillars (for the figures)."""

    category = SelectField(_l("Category"), choices=[], coerce=str)
    pillar = SelectField(_l("Pillar"), choices=as_choices(PILLAR_LABELS.items()))
    submit = SubmitField(_l("Save pillar"))


class SynonymsForm(FlaskForm):
    """Professionals and admins add the words residents use for a category."""

    category = SelectField(_l("Category"), validators=[DataRequired()], validate_choice=False)
    words = TextAreaField(
        _l("Extra search words"),
        validators=[Optional(), Length(max=2000, message=_l("Use at most 2000 characters."))],
        description=_l("Separate the words with commas. Any language is fine."),
    )
    submit = SubmitField(_l("Save search words"))

    def word_list(self) -> list[str]:
        """Return the words typed, without empty ones."""
        text = (self.words.data or "").replace("\n", ",")
        return [w.strip()[:60] for w in text.split(",") if w.strip()][:100]


class CategoryForm(FlaskForm):
    """An admin adds a category to the taxonomy."""

    slug = StringField(
        _l("Short code"),
        validators=[
            DataRequired(_l("Fill in a short code.")),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use small letters, digits and hyphens.")
            ),
            Length(max=60),
        ],
        description=_l("For example: computer-help. It cannot be changed later."),
    )
    name_nl = StringField(
        _l("Name in Dutch"),
        validators=[DataRequired(_l("Fill in the Dutch name.")), Length(max=100)],
    )
    name_en = StringField(
        _l("Name in English"),
        validators=[DataRequired(_l("Fill in the English name.")), Length(max=100)],
    )
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=100)])
    name_tr = StringField(_l("Name in Turkish"), validators=[Optional(), Length(max=100)])
    name_pl = StringField(_l("Name in Polish"), validators=[Optional(), Length(max=100)])
    colour = StringField(
        _l("Colour"),
        default="#4b5563",
        validators=[
            DataRequired(_l("Fill in a colour.")),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("Write a colour like #1d4ed8.")),
        ],
    )
    on_map = BooleanField(_l("Use on the map"), default=True)
    on_calendar = BooleanField(_l("Use in the calendar"), default=True)
    on_board = BooleanField(_l("Use on the question board"), default=True)
    is_sensitive = BooleanField(
        _l("Sensitive"), description=_l("Questions in this category are for professionals only.")
    )
    submit = SubmitField(_l("Add category"))

    def names(self) -> dict[str, str]:
        """Return the category's name per language, for the languages filled in."""
        return {
            lang: getattr(self, f"name_{lang}").data.strip()
            for lang in ("nl", "en", "ar", "tr", "pl")
            if getattr(self, f"name_{lang}").data
        }

    def scopes(self) -> list[str]:
        """Return where the category is used: on the map, in the calendar, on the board."""
        chosen = (
            ("map", self.on_map.data),
            ("calendar", self.on_calendar.data),
            ("board", self.on_board.data),
        )
        return [scope for scope, on in chosen if on]

    def validate_colour(self, field) -> None:
        if field.data and not field.errors and contrast_with_white(field.data) < 4.5:
            raise ValidationError(_l("This colour is too light on white. Choose a darker colour."))


def contrast_with_white(colour: str) -> float:
    """Return the WCAG contrast ratio of ``colour`` (#rrggbb) against white."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


class LogoForm(PhotoFields, FlaskForm):
    """Add, change or remove an organisation's logo."""

    submit = SubmitField(_l("Save"))
