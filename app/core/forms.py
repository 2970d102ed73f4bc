"""Form pieces every part uses."""

from __future__ import annotations

import math
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FloatField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.params import EARLIEST_DATE, LATEST_DATE, sensible_date


def as_choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Turn (value, label) pairs into the choices WTForms 3.3 asks for."""
    return [SelectChoice(value, label) for value, label in pairs]


def stripped(value: object) -> object:
    """A field filter: text without spaces around it (so " " counts as not filled in)."""
    return value.strip() if isinstance(value, str) else value


class GroupCheckboxInput(CheckboxInput):
    """One checkbox of a group: never ``required`` on its own.

    WTForms hands each option the field's validators, so a required group would mark every box
    ``required`` and a browser would refuse the form until *all* are ticked. "Choose at least
    one" is checked on the server and said next to the group.
    """

    def __call__(self, field, **kwargs):
        kwargs.setdefault("required", False)
        return super().__call__(field, **kwargs)


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = GroupCheckboxInput()


class SensibleDateField(DateField):
    """A date between 1900 and 2999: a year 9999 is refused next to the field, not a 500.

    Weeks, months and repeats are counted from these dates; far outside this range the
    arithmetic would leave the calendar (``date.max``) and fail.
    """

    def pre_validate(self, form) -> None:
        if self.data is not None and not sensible_date(self.data):
            raise ValidationError(
                _l(
                    "Choose a date between %(first)s and %(last)s.",
                    first=EARLIEST_DATE.year,
                    last=LATEST_DATE.year,
                )
            )


class FiniteFloatField(FloatField):
    """A number such as 51.7956; ``NaN`` and ``inf`` are refused next to the field.

    Python reads both as floats, and they slip past comparisons (``nan < 3`` is false).
    """

    data: float | None

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(_l("Fill in a number, for example 4.6670."))
