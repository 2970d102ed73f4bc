"""An activity's audit history in words: each field and value of ``ActivityChange.changes``.

The history keeps what ``operations.record_change`` wrote (field names, ids, ISO times, codes,
RRULEs, booleans); this module names the field and turns the value into words when the page is
shown, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import format_datetime, lazy_pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.activities.forms import repeat_choice
from app.activities.labels import REPEAT_LABELS
from app.core.i18n import language_label
from app.core.labels import label, register_labels

FIELD_LABELS = register_labels(
    "activities.field",
    {
        "title": _l("Title"),
        "description": _l("What happens"),
        "start_local": _l("Start time"),
        "end_local": _l("End time"),
        "rrule": _l("Repeats"),
        "location_id": _l("Place on the map"),
        "address": _l("Or another address"),
        "organisation_id": _l("Organised by"),
        "show_organiser_name": _l("My name may be shown as organiser"),
        "target_group": _l("For whom"),
        "languages": lazy_pgettext("activity", "Languages spoken"),
        "is_free": _l("Free"),
        "cost": _l("Cost"),
        "accessibility": _l("Accessibility"),
        "registration_enabled": _l("People must sign up"),
        "capacity": _l("Number of places"),
        "neighbourhood_id": _l("Neighbourhood"),
        "categories": _l("Categories"),
        "reason": _l("Reason"),
        "occurrence": _l("Date"),
        "new_start": _l("New start time"),
        "new_end": _l("New end time"),
    },
)
BOOLEAN_FIELDS = frozenset({"show_organiser_name", "is_free", "registration_enabled"})
TIME_FIELDS = frozenset({"start_local", "end_local", "occurrence", "new_start", "new_end"})


@dataclass(frozen=True)
class Names:
    """What ids and slugs in the history stand for (loaded once per page by the view)."""

    locations: Mapping[int, str]
    organisations: Mapping[int, str]
    neighbourhoods: Mapping[int, str]
    categories: Mapping[str, str]
    first_day: date


ID_FIELDS = ("location_id", "organisation_id", "neighbourhood_id")


def mentioned_ids(entries: Iterable[Any]) -> dict[str, set[int]]:
    """Return the ids of places, organisations and neighbourhoods the entries name."""
    ids: dict[str, set[int]] = {field: set() for field in ID_FIELDS}
    for entry in entries:
        for field in ID_FIELDS:
            value = (entry.changes or {}).get(field)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, int):
                    ids[field].add(item)
    return ids


def _repeat_words(rule: str, first_day: date) -> str:
    choice, until = repeat_choice(rule, first_day)
    words = str(REPEAT_LABELS[choice])
    if choice == "custom":
        return f"{words}: {rule}"
    if until is not None:
        day = format_datetime(datetime.combine(until, datetime.min.time()), "d MMMM yyyy")
        return _("%(repeat)s, until %(date)s", repeat=words, date=day)
    return words


def shown_value(field: str, value: Any, names: Names) -> str:
    """Return one stored value of ``field`` as words; "–" for nothing."""
    if value is None or value == "" or value == []:
        if field == "rrule":
            return str(REPEAT_LABELS[""])
        if field == "organisation_id":
            return _("Myself (a resident or volunteer)")
        return "–"
    if field in BOOLEAN_FIELDS or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field in TIME_FIELDS:
        try:
            return format_datetime(datetime.fromisoformat(str(value)), "d MMMM yyyy, HH:mm")
        except ValueError:
            return str(value)
    if field == "rrule":
        return _repeat_words(str(value), names.first_day)
    lookups: dict[str, Mapping[Any, str]] = {
        "location_id": names.locations,
        "organisation_id": names.organisations,
        "neighbourhood_id": names.neighbourhoods,
    }
    if field in lookups:
        return lookups[field].get(value, "–")
    if field == "target_group":
        return label("activities.target_group", value)
    if field == "languages":
        return ", ".join(language_label(code) for code in value)
    if field == "categories":
        return ", ".join(names.categories.get(slug, slug) for slug in value)
    return str(value)


LIST_FIELDS = frozenset({"languages", "categories"})


def _is_pair(field: str, value: Any) -> bool:
    if not isinstance(value, list) or len(value) != 2:
        return False
    return field not in LIST_FIELDS or all(v is None or isinstance(v, list) for v in value)


def shown_changes(changes: Mapping[str, Any] | None, names: Names) -> list[tuple[str, str]]:
    """Return (field, "before → after", or the value) in words for one history entry."""
    rows = []
    for field, value in (changes or {}).items():
        if _is_pair(field, value):
            before, after = (shown_value(field, v, names) for v in value)
            text = f"{before} → {after}"
        else:
            text = shown_value(field, value, names)
        rows.append((label("activities.field", field), text))
    return rows
