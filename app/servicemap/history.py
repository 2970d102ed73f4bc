"""A service's history in words: each stored value of ``ServiceChange.changes`` as people read it.

The history is append-only and keeps what ``operations.snapshot`` wrote (codes, slugs, "yes",
ISO times; older rows have "True"/"False"); this module turns a value into words when the page
is shown, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask_babel import format_datetime
from flask_babel import gettext as _

from app.core.i18n import language_name
from app.core.labels import label
from app.servicemap.languages import SPOKEN_LANGUAGES

YES_NO_FIELDS = frozenset({"is_free", "wheelchair_accessible", "hearing_loop", "is_active"})
YES = frozenset({"yes", "true", "1"})
NO = frozenset({"no", "false", "0"})


def _listed(value: str, word) -> str:
    return ", ".join(word(part.strip()) for part in value.split(",") if part.strip())


def shown_value(field: str, value: str | None, category_names: Mapping[str, str]) -> str:
    """Return ``value`` of ``field`` as a word; a value it does not know stays as it is."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if field in YES_NO_FIELDS:
        lowered = text.casefold()
        if lowered in YES:
            return _("Yes")
        if lowered in NO:
            return _("No")
        return text
    if field == "access":
        return label("servicemap.access", text)
    if field == "languages":
        return _listed(text, lambda code: str(SPOKEN_LANGUAGES.get(code) or language_name(code)))
    if field == "categories":
        return _listed(text, lambda slug: category_names.get(slug, slug))
    if field == "last_verified_at":
        try:
            return format_datetime(datetime.fromisoformat(text), "medium")
        except ValueError:
            return text
    return text


def shown_changes(
    changes: Mapping[str, list[str]] | None, category_names: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """Return (field, before, after) in words, sorted by field as the page lists them."""
    rows = []
    for field, values in sorted((changes or {}).items()):
        before, after = (list(values) + ["", ""])[:2]
        rows.append(
            (
                label("servicemap.field", field),
                shown_value(field, before, category_names),
                shown_value(field, after, category_names),
            )
        )
    return rows
