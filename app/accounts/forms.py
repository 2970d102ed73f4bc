"""One form per use case of the accounts part."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.accounts.identifiers import normalise_phone
from app.core.forms import CheckboxesField, stripped

MIN_PASSWORD = 10


class LoginForm(FlaskForm):
    identifier = StringField(
        _l("Email address or phone number"),
        validators=[
            DataRequired(_l("Fill in your email address or phone number.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Fill in your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField(_l("Log in"))


NEW_PASSWORD = _l("New password")
NEW_PASSWORD_AGAIN = _l("New password again")


def _new_password_fields(
    label=NEW_PASSWORD, again_label=NEW_PASSWORD_AGAIN
) -> tuple[PasswordField, PasswordField]:
    """Return a new password and its repetition, with the rules every password follows."""
    password = PasswordField(
        label,
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD,
                max=200,
                message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD),
            ),
        ],
        description=_l(
            "At least %(num)d characters. A sentence is easy to remember.", num=MIN_PASSWORD
        ),
        render_kw={"autocomplete": "new-password"},
    )
    again = PasswordField(
        again_label,
        validators=[
            DataRequired(_l("Type your password again.")),
            EqualTo("password", _l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, again


class EmailOrPhoneForm(FlaskForm):
    """A form with ``email`` and ``phone`` fields of which at least one must be filled in."""

    email = EmailField(
        _l("Email address"),
        validators=[
            Optional(),
            Email(_l("This is not an email address. Check it, for example: name@example.nl.")),
            Length(max=254),
        ],
        description=_l("Fill in an email address or a phone number."),
        render_kw={"autocomplete": "email"},
        filters=[stripped],
    )
    phone = TelField(
        _l("Phone number"),
        validators=[Optional(), Length(max=30)],
        filters=[stripped],
        description=_l("For example 06 12345678."),
        render_kw={"autocomplete": "tel"},
    )

    def validate_phone(self, field: TelField) -> None:
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(_l("This is not a phone number. For example: 06 12345678."))

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        if not self.email.data and not self.phone.data:
            self.email.errors = [
                *self.email.errors,
                _l("Fill in an email address or a phone number."),
            ]
            return False
        return ok


class RegisterForm(EmailOrPhoneForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Fill in your name.")), Length(max=120)],
        description=_l("Your first name is enough."),
        render_kw={"autocomplete": "given-name"},
    )
    password, password_again = _new_password_fields(_l("Password"), _l("Password again"))
    submit = SubmitField(_l("Create account"))


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""

    submit = SubmitField(_l("Confirm"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Fill in your email address.")),
            Email(_l("This is not an email address. Check it, for example: name@example.nl.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email"},
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(FlaskForm):
    password, password_again = _new_password_fields()
    submit = SubmitField(_l("Save my new password"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Fill in your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    password, password_again = _new_password_fields()
    submit = SubmitField(_l("Change password"))


class ProfileForm(EmailOrPhoneForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Fill in your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    locale = SelectField(_l("Language"), validators=[DataRequired()])
    neighbourhood = SelectField(_l("Your neighbourhood"), coerce=int, validate_choice=True)
    submit = SubmitField(_l("Save"))


class ConfirmPasswordForm(FlaskForm):
    """Confirm a serious step (delete the account, switch two-step login off) with the password."""

    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(_l("Fill in your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Confirm"))


class TwoFactorCodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Fill in the code.")), Length(max=20)],
        description=_l("The 6 digits from your authenticator app, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "none"},
    )
    submit = SubmitField(_l("Continue"))


class TwoFactorSetupForm(FlaskForm):
    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(_l("Fill in the code.")), Length(max=20)],
        description=_l("Type the 6 digits your app shows now."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Switch on"))


# Management of accounts (accounts.manage): admins, and professionals helping residents.


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
