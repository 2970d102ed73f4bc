"""Forms of the administration part."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.accounts.identifiers import normalise_phone
from app.core.forms import CheckboxesField


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField(
        _l("Name, email address or phone number"), validators=[Optional(), Length(max=100)]
    )
    role = SelectField(_l("Role"), validators=[Optional()])
    submit = SubmitField(_l("Search"))


class UserRolesForm(FlaskForm):
    roles = CheckboxesField(_l("Roles"), validators=[Optional()])
    organisations = CheckboxesField(_l("Organisations"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Save roles"))


class BlockForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(_l("Say why you block this person.")), Length(max=1000)],
        description=_l("Only administrators see this reason."),
    )
    submit = SubmitField(_l("Block"))


class ResidentLookupForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    phone = TelField(
        _l("Phone number of the resident"),
        validators=[DataRequired(_l("Fill in a phone number.")), Length(max=30)],
        description=_l("For example 06 12345678."),
        render_kw={"autocomplete": "off"},
    )
    submit = SubmitField(_l("Find"))

    def validate_phone(self, field: TelField) -> None:
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(_l("This is not a phone number. For example: 06 12345678."))
