"""The figures' one form: which neighbourhood and which period (a GET form, so links can say it)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.validators import Optional

from app.core.forms import SensibleDateField, as_choices

KIND_LABELS = {
    "month": _l("Month"),
    "quarter": _l("Quarter"),
    "year": _l("Year"),
    "custom": _l("Chosen dates"),
}


class FiguresForm(FlaskForm):
    """Choose the neighbourhood (or all) and the period of the figures."""

    class Meta:
        csrf = False  # a GET form changes nothing

    wijk = SelectField(_l("Neighbourhood"), choices=[], validate_choice=False, default="")
    soort = SelectField(
        _l("Period"),
        choices=as_choices(KIND_LABELS.items()),
        default="quarter",
        validate_choice=False,
    )
    van = SensibleDateField(
        _l("From date"),
        validators=[Optional()],
        description=_l("A month, quarter or year: any day in it."),
    )
    tot = SensibleDateField(
        _l("Up to and including"),
        validators=[Optional()],
        description=_l("Only for chosen dates."),
    )
    submit = SubmitField(_l("Show figures"))
