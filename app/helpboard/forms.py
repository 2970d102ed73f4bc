"""One form per use case of the question board."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from app.accounts.identifiers import normalise_phone
from app.core.forms import CheckboxesField, FiniteFloatField, SensibleDateField, as_choices
from app.core.i18n import LANGUAGE_NAMES
from app.helpboard.asking import QuestionInput
from app.helpboard.labels import (
    CLOSE_LABELS,
    CONTACT_LABELS,
    HELPED_LABELS,
    NOTIFY_LABELS,
    PART_OF_DAY_LABELS,
    URGENCY_LABELS,
)
from app.helpboard.models import PARTS_OF_DAY, WEEKDAYS

LANGUAGE_CHOICES = as_choices(LANGUAGE_NAMES.items())


class PrefixedForm(FlaskForm):
    """A form whose fields carry a prefix, so several forms share a page without id clashes."""

    default_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", self.default_prefix)
        super().__init__(*args, **kwargs)


class ActionForm(PrefixedForm):
    """Only the CSRF token, for a button that changes something (prefix per button)."""

    submit = SubmitField(_l("Confirm"))


def _phone(form, field) -> None:
    if field.data and normalise_phone(field.data) is None:
        raise ValidationError(_l("This is not a phone number. For example: 06 12345678."))


class QuestionForm(FlaskForm):
    """Put out a question: what, when, how to reach you (three steps on a phone)."""

    # Step 1: what do you need
    category = RadioField(
        _l("What is your question about?"),
        coerce=int,
        validators=[InputRequired(_l("Choose what your question is about."))],
    )
    title = StringField(
        _l("Your question in a few words"),
        validators=[DataRequired(_l("Write your question in a few words.")), Length(max=120)],
        description=_l("For example: Who can help me fill in a form?"),
    )
    description = TextAreaField(
        _l("Tell a bit more"),
        validators=[Optional(), Length(max=2000, message=_l("Use at most 2000 characters."))],
        description=_l("Do not write your address or phone number here."),
    )
    # Where help is needed: the chosen neighbourhood, or a location the phone shares (which
    # wins when it lies inside a neighbourhood; see asking.put_out).
    # Not checked against the choices: a form without it (an older page) is fine, and
    # asking.neighbourhood_for uses an open neighbourhood only.
    neighbourhood = SelectField(
        _l("In which neighbourhood?"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    latitude = FiniteFloatField(
        _l("Latitude"), widget=HiddenInput(), validators=[Optional(), NumberRange(-90, 90)]
    )
    longitude = FiniteFloatField(
        _l("Longitude"), widget=HiddenInput(), validators=[Optional(), NumberRange(-180, 180)]
    )
    professionals_only = BooleanField(
        _l("Only neighbourhood professionals may read my question"),
        description=_l(
            "Tick this for money, health, safety or housing problems. Volunteers do not see it."
        ),
    )
    # Step 2: when and how urgent
    urgency = RadioField(
        _l("How urgent is it?"),
        choices=as_choices(URGENCY_LABELS.items()),
        default="this_week",
        validators=[InputRequired(_l("Choose how urgent it is."))],
    )
    parts_of_day = CheckboxesField(
        _l("When does it suit you?"),
        choices=as_choices((p, PART_OF_DAY_LABELS[p]) for p in PARTS_OF_DAY),
        validators=[Optional()],
    )
    # Step 3: how can we reach you
    contact_route = RadioField(
        _l("How do you want to be contacted?"),
        choices=as_choices(CONTACT_LABELS.items()),
        default="message",
        validators=[InputRequired(_l("Choose how we can reach you."))],
    )
    language = SelectField(
        _l("Which language do you prefer?"), choices=LANGUAGE_CHOICES, default="nl"
    )
    guest_name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Fill in your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    guest_phone = TelField(
        _l("Phone number"),
        validators=[Optional(), Length(max=30), _phone],
        description=_l("Fill in a phone number or an email address."),
        render_kw={"autocomplete": "tel"},
    )
    guest_email = EmailField(
        _l("Email address"),
        validators=[
            Optional(),
            Email(_l("This is not an email address. Check it, for example: name@example.nl.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email"},
    )
    form_token = HiddenField()
    submit = SubmitField(_l("Send my question"))

    def to_input(self, category) -> QuestionInput:
        """Return what was typed, for :func:`app.helpboard.asking.put_out`."""

        def typed(name: str) -> str | None:
            return self._fields[name].data or None if name in self._fields else None

        return QuestionInput(
            category=category,
            title=self.title.data,
            description=self.description.data or "",
            urgency=self.urgency.data,
            parts_of_day=self.parts_of_day.data or [],
            contact_route=self.contact_route.data,
            language=self.language.data,
            guest_name=typed("guest_name"),
            guest_phone=typed("guest_phone"),
            guest_email=typed("guest_email"),
            form_token=self.form_token.data,
            professionals_only=bool(self.professionals_only.data),
            neighbourhood_id=self.neighbourhood.data if "neighbourhood" in self._fields else None,
            latitude=self.latitude.data if self.longitude.data is not None else None,
            longitude=self.longitude.data if self.latitude.data is not None else None,
        )

    def validate(self, extra_validators=None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)
        if "guest_name" in self._fields and not self.guest_phone.data and not self.guest_email.data:
            self.guest_phone.errors = [
                *self.guest_phone.errors,
                _l("Fill in a phone number or an email address, so we can reach you."),
            ]
            return False
        guest = "guest_email" in self._fields
        if guest and self.contact_route.data == "email" and not self.guest_email.data:
            self.guest_email.errors = [
                *self.guest_email.errors,
                _l("You chose email: fill in your email address."),
            ]
            return False
        if guest and self.contact_route.data == "phone" and not self.guest_phone.data:
            self.guest_phone.errors = [
                *self.guest_phone.errors,
                _l("You chose a phone call: fill in your phone number."),
            ]
            return False
        return ok


class OnBehalfForm(QuestionForm):
    """A professional puts out a question for a resident who agreed to it."""

    consent = BooleanField(
        _l("The resident agreed that I put this question out for them"),
        validators=[DataRequired(_l("Ask the resident first; tick this when they agreed."))],
    )
    submit = SubmitField(_l("Put the question out"))


class MessageForm(PrefixedForm):
    default_prefix = "message"
    body = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(_l("Write a message.")),
            Length(max=4000, message=_l("Use at most 4000 characters.")),
        ],
    )
    submit = SubmitField(_l("Send message"))


class HelpedForm(PrefixedForm):
    default_prefix = "helped"
    answer = RadioField(
        _l("Were you helped?"),
        choices=as_choices(HELPED_LABELS.items()),
        validators=[InputRequired(_l("Choose an answer."))],
    )
    submit = SubmitField(_l("Send answer"))


class CloseForm(PrefixedForm):
    default_prefix = "close"
    reason = RadioField(
        _l("Why do you close this question?"),
        choices=as_choices(CLOSE_LABELS.items()),
        validators=[InputRequired(_l("Choose a reason."))],
    )
    submit = SubmitField(_l("Close the question"))


class HandBackForm(PrefixedForm):
    default_prefix = "handback"
    reason = StringField(_l("Why do you hand it back?"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Hand back"))


class ReportForm(PrefixedForm):
    default_prefix = "report"
    reason = TextAreaField(
        _l("What is wrong?"),
        validators=[DataRequired(_l("Tell us what is wrong.")), Length(max=1000)],
    )
    message_id = HiddenField()
    submit = SubmitField(_l("Report"))


class ReasonForm(PrefixedForm):
    """Hide a question or a message, or block an account: always with a reason."""

    default_prefix = "reason"

    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(_l("Give a reason.")), Length(max=1000)]
    )
    submit = SubmitField(_l("Confirm"))


class NoteForm(PrefixedForm):
    default_prefix = "note"
    body = TextAreaField(
        _l("Internal note"),
        validators=[DataRequired(_l("Write a note.")), Length(max=4000)],
        description=_l("Only professionals see this note."),
    )
    submit = SubmitField(_l("Add note"))


class CategoryForm(PrefixedForm):
    default_prefix = "cat"
    category = SelectField(_l("Category"), coerce=int)
    submit = SubmitField(_l("Change category"))


class AssignForm(PrefixedForm):
    default_prefix = "assign"
    helper = SelectField(_l("Helper"), coerce=int)
    submit = SubmitField(_l("Assign"))


class ReferralForm(PrefixedForm):
    default_prefix = "referral"
    services = CheckboxesField(
        _l("Services"), coerce=int, validators=[DataRequired(_l("Choose at least one service."))]
    )
    note = TextAreaField(
        _l("What should the resident do?"),
        validators=[Optional(), Length(max=1000)],
        description=_l("For example: go to the debt help on Tuesday morning."),
    )
    submit = SubmitField(_l("Send referral"))


class ProfileForm(FlaskForm):
    skills = CheckboxesField(_l("What can you help with?"), coerce=int)
    languages = CheckboxesField(_l("Which languages do you speak?"), choices=LANGUAGE_CHOICES)
    availability = CheckboxesField(
        _l("When are you free?"),
        choices=as_choices((f"{d}-{p}", f"{d}-{p}") for d in WEEKDAYS for p in PARTS_OF_DAY),
    )
    neighbourhood = SelectField(_l("Where do you help?"), coerce=int)
    max_open = IntegerField(
        _l("How many questions at the same time at most?"),
        default=3,
        validators=[
            InputRequired(_l("Fill in a number.")),
            NumberRange(min=1, max=20, message=_l("Choose a number from 1 to 20.")),
        ],
    )
    notify_mode = RadioField(
        _l("Mail about new questions"),
        choices=as_choices(NOTIFY_LABELS.items()),
        default="instant",
        validators=[InputRequired(_l("Choose an option."))],
    )
    submit = SubmitField(_l("Save"))


class VetForm(FlaskForm):
    vetted_on = SensibleDateField(
        _l("VOG checked on"),
        validators=[Optional()],
        description=_l("Leave empty to withdraw the vetting."),
    )
    submit = SubmitField(_l("Save"))
