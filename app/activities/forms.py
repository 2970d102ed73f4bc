"""One form per use case of the activities part."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.activities.labels import REPEAT_LABELS, WEEKDAY_CODES
from app.activities.models import TARGET_GROUPS
from app.activities.recurrence import parse_key, parse_rule, rule_parts
from app.core.forms import SensibleDateField, as_choices
from app.media.forms import PhotoFields

VIEWS = as_choices([("list", _l("List")), ("week", _l("Week")), ("month", _l("Month"))])
PERIODS = as_choices([("", _l("From today")), ("today", _l("Today")), ("week", _l("This week"))])

REPEATS = as_choices(REPEAT_LABELS.items())


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class FilterForm(FlaskForm):
    """The agenda's filters; a GET form, so it works without JavaScript and can be bookmarked."""

    class Meta:
        csrf = False

    view = SelectField(_l("Show as"), choices=VIEWS, default="list", validate_choice=False)
    period = SelectField(_l("When"), choices=PERIODS, default="", validate_choice=False)
    date = SensibleDateField(_l("From date"), validators=[Optional()])
    category = SelectField(_l("Category"), choices=[], validate_choice=False)
    target = SelectField(_l("For whom"), choices=[], validate_choice=False)
    language = SelectField(_l("Language"), choices=[], validate_choice=False)
    place = SelectField(_l("Place"), choices=[], validate_choice=False)
    free = BooleanField(_l("Free only"))
    submit = SubmitField(_l("Show"))


class ActivityForm(PhotoFields, FlaskForm):
    """Post or edit an activity."""

    # Whether the "custom" repeat rule is offered (organise._choices decides per person).
    offer_custom = True

    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give the activity a title.")), Length(max=160)],
        filters=[_strip],
    )
    description = TextAreaField(
        _l("What happens"),
        validators=[Optional(), Length(max=5000)],
        description=_l("You can use *bold*, lists and links."),
    )
    day = SensibleDateField(
        _l("Date"), validators=[DataRequired(_l("Fill in a date, e.g. 2026-12-01."))]
    )
    start_time = TimeField(
        _l("Start time"), validators=[DataRequired(_l("Fill in a start time, e.g. 10:00."))]
    )
    end_time = TimeField(
        _l("End time"), validators=[DataRequired(_l("Fill in an end time, e.g. 12:00."))]
    )
    repeat = SelectField(_l("Repeats"), choices=REPEATS, default="")
    until = SensibleDateField(
        _l("Repeats until"),
        validators=[Optional()],
        description=_l("Leave empty when it goes on."),
    )
    custom_rule = StringField(
        _l("Repeat rule"),
        validators=[Optional(), Length(max=400)],
        description=_l("Only for 'Another pattern', e.g. FREQ=WEEKLY;BYDAY=MO,WE."),
        filters=[_strip],
    )
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=int, choices=[])
    location_id = SelectField(_l("Place on the map"), coerce=int, choices=[])
    address = StringField(
        _l("Or another address"),
        validators=[Length(max=200)],
        filters=[_strip],
    )
    organisation_id = SelectField(_l("Organised by"), coerce=int, choices=[])
    show_organiser_name = BooleanField(
        _l("My name may be shown as organiser"),
        description=_l("Otherwise the agenda says 'Organised by a resident'."),
    )
    categories = SelectMultipleField(_l("Categories"), coerce=int, choices=[])
    target_group = SelectField(
        _l("For whom"), choices=as_choices(TARGET_GROUPS.items()), default="everyone"
    )
    languages = SelectMultipleField(
        lazy_pgettext("activity", "Languages spoken"), choices=[], default=["nl"]
    )
    is_free = BooleanField(_l("Free"), default=True)
    cost = StringField(
        _l("Cost"),
        validators=[Optional(), Length(max=120)],
        description=_l("For example: € 2 including coffee."),
        filters=[_strip],
    )
    accessibility = TextAreaField(
        _l("Accessibility"),
        validators=[Optional(), Length(max=1000)],
        description=_l("For example: step-free entrance, accessible toilet."),
    )
    registration_enabled = BooleanField(_l("People must sign up"))
    capacity = IntegerField(
        _l("Number of places"),
        validators=[
            Optional(),
            NumberRange(min=1, max=10000, message=_l("Fill in a number from 1 to 10000.")),
        ],
    )
    submit = SubmitField(_l("Save"))

    def validate_end_time(self, field) -> None:
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The end time must be after the start time."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() ends the capacity checks on an empty field, so this check lives here.
        if self.registration_enabled.data and not self.capacity.data and not self.capacity.errors:
            self.capacity.errors = [*self.capacity.errors, _l("Fill in how many places there are.")]
            return False
        return valid

    def validate_custom_rule(self, field) -> None:
        if self.repeat.data != "custom":
            return
        if not field.data:
            raise ValidationError(_l("Fill in a repeat rule."))
        try:
            parse_rule(field.data, datetime(2026, 1, 1, 10, 0))
        except (ValueError, TypeError) as error:
            raise ValidationError(_l("This is not a valid repeat rule.")) from error

    def validate_until(self, field) -> None:
        if field.data and self.day.data and field.data < self.day.data:
            raise ValidationError(_l("This date is before the first date."))

    def validate_address(self, field) -> None:
        if not field.data and not self.location_id.data:
            raise ValidationError(_l("Choose a place or fill in an address."))

    def rrule(self) -> str | None:
        """Return the RRULE the form describes (None: once)."""
        until = ""
        if self.until.data:
            until = ";UNTIL=" + self.until.data.strftime("%Y%m%d") + "T235959"
        day = self.day.data
        match self.repeat.data:
            case "weekly":
                return f"FREQ=WEEKLY{until}"
            case "biweekly":
                return f"FREQ=WEEKLY;INTERVAL=2{until}"
            case "monthly":
                nth = (day.day - 1) // 7 + 1
                return f"FREQ=MONTHLY;BYDAY={nth}{WEEKDAY_CODES[day.weekday()]}{until}"
            case "weekdays":
                return f"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR{until}"
            case "custom":
                text = (self.custom_rule.data or "").upper()
                return text[6:] if text.startswith("RRULE:") else text
        return None


def repeat_choice(rule: str | None, day: date) -> tuple[str, date | None]:
    """Return the form's (repeat choice, until date) for a stored RRULE starting on ``day``.

    The reverse of :meth:`ActivityForm.rrule`, so that editing an activity shows "Every week"
    rather than the rule; a rule the simple choices cannot say stays "custom".
    """
    if not rule:
        return "", None
    parts = rule_parts(rule)
    until_text = parts.pop("UNTIL", "")
    until = None
    if until_text:
        try:
            until = datetime.strptime(until_text[:8], "%Y%m%d").date()
        except ValueError:
            return "custom", None
    nth = (day.day - 1) // 7 + 1
    simple = {
        "weekly": {"FREQ": "WEEKLY"},
        "biweekly": {"FREQ": "WEEKLY", "INTERVAL": "2"},
        "monthly": {"FREQ": "MONTHLY", "BYDAY": f"{nth}{WEEKDAY_CODES[day.weekday()]}"},
        "weekdays": {"FREQ": "WEEKLY", "BYDAY": "MO,TU,WE,TH,FR"},
    }
    for choice, wanted in simple.items():
        if parts == wanted and (not until_text or until_text[8:] in ("", "T235959")):
            return choice, until
    return "custom", None


class SignupForm(FlaskForm):
    """Sign up for (or cancel) one occurrence, or the whole series."""

    occurrence = HiddenField()
    series = HiddenField()
    submit = SubmitField(_l("Sign up"))

    def key(self):
        return parse_key(self.occurrence.data)


class OccurrenceForm(FlaskForm):
    """Cancel or move one occurrence, with a reason people get to see."""

    occurrence = HiddenField()
    action = RadioField(
        _l("What changes"),
        choices=as_choices([("cancel", _l("It does not take place")), ("move", _l("It moves"))]),
        default="cancel",
    )
    new_day = SensibleDateField(_l("New date"), validators=[Optional()])
    new_start = TimeField(_l("New start time"), validators=[Optional()])
    new_end = TimeField(_l("New end time"), validators=[Optional()])
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(_l("Tell people why.")), Length(max=300)],
        description=_l("Shown with the date, e.g. 'The community centre is closed'."),
        filters=[_strip],
    )
    submit = SubmitField(_l("Save change"))

    def validate_new_end(self, field) -> None:
        if self.action.data != "move":
            return
        if not (self.new_day.data and self.new_start.data and field.data):
            raise ValidationError(_l("Fill in the new date, start and end time."))
        if field.data <= self.new_start.data:
            raise ValidationError(_l("The end time must be after the start time."))


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for rejecting"),
        validators=[DataRequired(_l("Tell the proposer why.")), Length(max=1000)],
    )
    submit = SubmitField(_l("Reject"))
