"""The form to add or edit a service, and what a filled-in one means (``service_data``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
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

from app.core.forms import FiniteFloatField, as_choices
from app.media.forms import PhotoFields
from app.servicemap.geocoder import GeocoderUnavailable, get_geocoder
from app.servicemap.labels import ACCESS_LABELS, WEEKDAY_LABELS
from app.servicemap.languages import SPOKEN_LANGUAGES
from app.servicemap.operations import ServiceData
from app.servicemap.schedule import (
    WEEKDAY_CODES,
    format_exception,
    format_periods,
    parse_exception_lines,
    parse_periods,
)

if TYPE_CHECKING:
    from app.organisations.models import Organisation
    from app.servicemap.models import Service
    from app.taxonomy.models import Category


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


class ServiceForm(PhotoFields, FlaskForm):
    """Add or edit a service, with its photo."""

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
    latitude = FiniteFloatField(
        _l("Latitude"),
        validators=[
            Optional(),
            NumberRange(50.5, 53.7, message=_l("This is not a place in the Netherlands.")),
        ],
        description=_l(
            "Only needed when the address cannot be found. You can also click on the map."
        ),
    )
    longitude = FiniteFloatField(
        _l("Longitude"),
        validators=[
            Optional(),
            NumberRange(3.2, 7.3, message=_l("This is not a place in the Netherlands.")),
        ],
    )
    wheelchair_accessible = BooleanField(_l("Wheelchair accessible"))
    hearing_loop = BooleanField(_l("Hearing loop"))
    hours_mo = StringField(WEEKDAY_LABELS["MO"], validators=[_periods_validator, Length(max=100)])
    hours_tu = StringField(WEEKDAY_LABELS["TU"], validators=[_periods_validator, Length(max=100)])
    hours_we = StringField(WEEKDAY_LABELS["WE"], validators=[_periods_validator, Length(max=100)])
    hours_th = StringField(WEEKDAY_LABELS["TH"], validators=[_periods_validator, Length(max=100)])
    hours_fr = StringField(WEEKDAY_LABELS["FR"], validators=[_periods_validator, Length(max=100)])
    hours_sa = StringField(WEEKDAY_LABELS["SA"], validators=[_periods_validator, Length(max=100)])
    hours_su = StringField(WEEKDAY_LABELS["SU"], validators=[_periods_validator, Length(max=100)])
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

    def offer(self, organisations: Iterable[Organisation], categories: Iterable[Category]) -> None:
        """Set the organisations and categories one may choose from."""
        self.organisation.choices = as_choices((o.id, o.name) for o in organisations)
        self.categories.choices = as_choices((c.id, c.name) for c in categories)

    def load(self, service: Service) -> None:
        """Fill the form with what ``service`` holds now."""
        location = service.location
        self.name.data = service.name
        self.organisation.data = service.organisation_id
        self.description.data = service.description
        self.categories.data = [c.id for c in service.categories]
        self.languages.data = service.language_codes
        self.target_groups.data = ", ".join(service.target_groups or [])
        self.is_free.data = service.is_free
        self.cost.data = service.cost
        self.access.data = service.access
        self.phone.data = service.phone
        self.email.data = service.email
        self.website.data = service.website
        self.location_name.data = location.name
        self.address.data = location.address
        self.postcode.data = location.postcode
        self.city.data = location.city
        self.latitude.data = location.latitude
        self.longitude.data = location.longitude
        self.wheelchair_accessible.data = location.wheelchair_accessible
        self.hearing_loop.data = location.hearing_loop
        for index, field in enumerate(self.hour_fields()):
            field.data = format_periods(
                [(h.opens_at, h.closes_at) for h in service.hours if h.weekday == index]
            )
        self.exceptions.data = "\n".join(format_exception(e) for e in service.exceptions)
        self.version.data = str(service.version)
        self.load_photo(service.image)

    def expected_version(self) -> int:
        """Return the version of the service the editor started from (0 when unreadable)."""
        try:
            return int(self.version.data or 0)
        except ValueError:
            return 0

    def picked_point(self) -> tuple[float, float] | None:
        """Return the point typed or clicked on the map, when there is a valid one."""
        if (
            self.latitude.data is None
            or self.longitude.data is None
            or self.latitude.errors
            or self.longitude.errors
        ):
            return None
        return self.latitude.data, self.longitude.data


def _coordinates(form: ServiceForm, service: Service | None) -> tuple[float, float] | None:
    """Return coordinates for the address: typed or clicked, else from the geocoder.

    Put an error on the form and return None when there are none.
    """
    lat, lon = form.latitude.data, form.longitude.data
    if service is not None and lat is not None and lon is not None:
        old = service.location
        moved = (old.address.strip().lower(), (old.postcode or "").upper()) != (
            form.address.data.strip().lower(),
            (form.postcode.data or "").strip().upper().replace(" ", " "),
        )
        unchanged_point = (lat, lon) == (old.latitude, old.longitude)
        if moved and unchanged_point:
            lat = lon = None  # the address changed: look its point up again
    if lat is not None and lon is not None:
        return lat, lon
    try:
        found = get_geocoder().geocode(form.address.data, form.postcode.data, form.city.data)
    except GeocoderUnavailable:
        form.latitude.errors = list(form.latitude.errors) + [
            _(
                "The address lookup does not answer right now. Fill in latitude and longitude, "
                "or click on the map."
            )
        ]
        return None
    if found is None:
        form.address.errors = list(form.address.errors) + [
            _("We could not find this address. Check it, or fill in latitude and longitude.")
        ]
        return None
    if not form.postcode.data and found.postcode:
        form.postcode.data = found.postcode
    return found.latitude, found.longitude


def service_data(
    form: ServiceForm,
    *,
    organisations: dict[int, Organisation],
    categories: dict[int, Category],
    service: Service | None = None,
) -> ServiceData | None:
    """Turn a validated ServiceForm into ServiceData, with the address's point on the map.

    :param service: the service being edited (None for a new one): a changed address whose
        point did not move is looked up again.
    Return None, with an error on the form, when the address has no point.
    """
    point = _coordinates(form, service)
    if point is None:
        return None
    postcode = (form.postcode.data or "").strip().upper()
    if len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    return ServiceData(
        name=form.name.data,
        organisation=organisations[form.organisation.data],
        description=form.description.data or "",
        categories=[categories[i] for i in form.categories.data if i in categories],
        languages=list(form.languages.data or []),
        target_groups=[g for g in (form.target_groups.data or "").split(",") if g.strip()],
        is_free=bool(form.is_free.data),
        cost=form.cost.data or "",
        access=form.access.data,
        phone=form.phone.data,
        email=(form.email.data or "").strip().lower() or None,
        website=form.website.data,
        location_name=form.location_name.data or "",
        address=form.address.data.strip(),
        postcode=postcode or None,
        city=form.city.data,
        latitude=point[0],
        longitude=point[1],
        wheelchair_accessible=bool(form.wheelchair_accessible.data),
        hearing_loop=bool(form.hearing_loop.data),
        hours={i: parse_periods(f.data) for i, f in enumerate(form.hour_fields()) if f.data},
        exceptions=parse_exception_lines(form.exceptions.data),
        is_demo=service.is_demo if service is not None else False,
    )
