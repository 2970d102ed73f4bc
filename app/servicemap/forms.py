"""One form per use case of the social map."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.core.forms import as_choices
from app.servicemap.languages import SPOKEN_LANGUAGES
from app.servicemap.schedule import WEEKDAY_CODES, parse_exception_lines, parse_periods

ACCESS_LABELS = {
    "walk_in": _l("Walk in"),
    "appointment": _l("By appointment"),
    "referral": _l("With a referral"),
}
WEEKDAY_LABELS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
CORRECTION_LABELS = {
    "hours": _l("The opening hours are wrong"),
    "address": _l("The address or the place on the map is wrong"),
    "contact": _l("The phone number, email or website is wrong"),
    "closed": _l("This service no longer exists"),
    "other": _l("Something else"),
}


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
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100000)])
    submit = SubmitField(_l("Show"))


def _periods_validator(form: FlaskForm, field) -> None:
    try:
        parse_periods(field.data)
    except ValueError as exc:
        raise ValidationError(
            _l("Write the hours like 09:00-12:00, 13:00-17:00 (not: %(part)s).", part=str(exc))
        ) from exc


def _exceptions_validator(form: FlaskForm, field) -> None:
    try:
        parse_exception_lines(field.data)
    except ValueError as exc:
        raise ValidationError(
            _l(
                "Line %(line)s cannot be read. Write for example: 2026-12-25 closed, or 2026-12-24 09:00-12:00.",
                line=str(exc),
            )
        ) from exc


class ServiceForm(FlaskForm):
    """Add or edit a service."""

    name = StringField(
        _l("Name of the service"),
        validators=[DataRequired(_l("Fill in the name.")), Length(max=200)],
    )
    organisation = SelectField(_l("Organisation"), coerce=int)
    description = TextAreaField(
        _l("What is it?"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Short and in plain words. You can use *bold* and lists."),
    )
    categories = SelectMultipleField(
        _l("Categories"),
        coerce=int,
        validators=[DataRequired(_l("Choose at least one category."))],
    )
    languages = SelectMultipleField(
        _l("Languages spoken"),
        choices=as_choices(SPOKEN_LANGUAGES.items()),
        validators=[Optional()],
    )
    target_groups = StringField(
        _l("For whom"),
        validators=[Optional(), Length(max=300)],
        description=_l("Separate groups with a comma, e.g. parents, people over 65."),
    )
    is_free = BooleanField(_l("Free of charge"))
    cost = StringField(
        _l("Cost"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: € 2 per time. Leave empty when it is free."),
    )
    access = RadioField(
        _l("How do people get it?"),
        choices=as_choices(ACCESS_LABELS.items()),
        default="walk_in",
        validators=[InputRequired(_l("Choose how people get it."))],
    )
    phone = TelField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=40),
            Regexp(
                r"^[0-9 +()-]{6,40}$", message=_l("Fill in a phone number, e.g. 078 123 45 67.")
            ),
        ],
    )
    email = EmailField(
        _l("Email"),
        validators=[Optional(), Length(max=254), Email(_l("Fill in a valid email address."))],
    )
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=300),
            URL(require_tld=False, message=_l("Fill in a web address starting with https://.")),
            # Only web links: a "javascript://" address would pass URL() and run on click.
            Regexp(r"(?i)^https?://", message=_l("Fill in a web address starting with https://.")),
        ],
    )
    location_name = StringField(
        _l("Name of the place"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: Buurthuis Crabbehoeve."),
    )
    address = StringField(
        _l("Street and number"),
        validators=[DataRequired(_l("Fill in the street and number.")), Length(max=200)],
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[
            Optional(),
            Regexp(
                r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$",
                message=_l("Fill in a postcode like 3317 AB."),
            ),
        ],
    )
    city = StringField(
        _l("City"),
        default="Dordrecht",
        validators=[DataRequired(_l("Fill in the city.")), Length(max=100)],
    )
    latitude = FloatField(
        _l("Latitude"),
        validators=[
            Optional(),
            NumberRange(50.5, 53.7, message=_l("This is not a place in the Netherlands.")),
        ],
        description=_l(
            "Only needed when the address cannot be found. You can also click on the map."
        ),
    )
    longitude = FloatField(
        _l("Longitude"),
        validators=[
            Optional(),
            NumberRange(3.2, 7.3, message=_l("This is not a place in the Netherlands.")),
        ],
    )
    wheelchair_accessible = BooleanField(_l("Wheelchair accessible"))
    hearing_loop = BooleanField(_l("Hearing loop"))
    hours_mo = StringField(WEEKDAY_LABELS[0], validators=[_periods_validator, Length(max=100)])
    hours_tu = StringField(WEEKDAY_LABELS[1], validators=[_periods_validator, Length(max=100)])
    hours_we = StringField(WEEKDAY_LABELS[2], validators=[_periods_validator, Length(max=100)])
    hours_th = StringField(WEEKDAY_LABELS[3], validators=[_periods_validator, Length(max=100)])
    hours_fr = StringField(WEEKDAY_LABELS[4], validators=[_periods_validator, Length(max=100)])
    hours_sa = StringField(WEEKDAY_LABELS[5], validators=[_periods_validator, Length(max=100)])
    hours_su = StringField(WEEKDAY_LABELS[6], validators=[_periods_validator, Length(max=100)])
    exceptions = TextAreaField(
        _l("Other hours and closed days"),
        validators=[_exceptions_validator, Length(max=3000)],
        description=_l(
            "One day per line, e.g. 2026-12-25 closed Christmas, or 2026-12-24 09:00-12:00."
        ),
    )
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    def validate_longitude(self, field) -> None:
        if (self.latitude.data is None) != (field.data is None):
            raise ValidationError(_l("Fill in both latitude and longitude, or neither."))

    def hour_fields(self):
        return [getattr(self, f"hours_{code.lower()}") for code in WEEKDAY_CODES]


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


ACTION_LABELS = {
    "created": _l("Added"),
    "updated": _l("Changed"),
    "verified": _l("Checked: still correct"),
    "imported": _l("Imported"),
    "removed": _l("Taken off the map"),
    "restored": _l("Put back on the map"),
}
FIELD_LABELS = {
    "name": _l("Name of the service"),
    "organisation": _l("Organisation"),
    "description": _l("What is it?"),
    "categories": _l("Categories"),
    "languages": _l("Languages spoken"),
    "target_groups": _l("For whom"),
    "cost": _l("Cost"),
    "is_free": _l("Free of charge"),
    "access": _l("How do people get it?"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "website": _l("Website"),
    "location_name": _l("Name of the place"),
    "address": _l("Street and number"),
    "postcode": _l("Postcode"),
    "city": _l("City"),
    "coordinates": _l("Place on the map"),
    "wheelchair_accessible": _l("Wheelchair accessible"),
    "hearing_loop": _l("Hearing loop"),
    "exceptions": _l("Other hours and closed days"),
    "last_verified_at": _l("Last checked"),
    "is_active": _l("On the map"),
    **{
        f"hours_{code.lower()}": label
        for code, label in zip(WEEKDAY_CODES, WEEKDAY_LABELS, strict=True)
    },
}
