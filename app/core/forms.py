"""Form pieces every part uses."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


def as_choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Turn (value, label) pairs into the choices WTForms 3.3 asks for."""
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
