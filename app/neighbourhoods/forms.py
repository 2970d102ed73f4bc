"""Forms of the neighbourhoods: the visitor's location, and the admins' neighbourhood form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, HiddenField, SubmitField
from wtforms.validators import InputRequired, NumberRange


class LocationForm(FlaskForm):
    """The location a visitor's browser shares, to suggest the neighbourhood that holds it.

    Without a session there is no CSRF token (as the language switch): the view checks that
    the request comes from this site instead. It changes nothing; it only suggests.
    """

    class Meta:
        csrf = False

    lat = FloatField(_l("Latitude"), validators=[InputRequired(), NumberRange(-90, 90)])
    lon = FloatField(_l("Longitude"), validators=[InputRequired(), NumberRange(-180, 180)])
    next = HiddenField()
    submit = SubmitField(_l("Find my neighbourhood"))
