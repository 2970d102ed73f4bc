"""The words for the calendar's codes, declared once: templates show them with ``label(...)``.

Weekday names come from the CLDR data of Babel, so they exist in every language without a
catalogue entry; the other words are messages of the "activities" catalogue.
"""

from __future__ import annotations

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.activities.models import PROPOSED, PUBLISHED, REJECTED
from app.core.i18n import language_label
from app.core.labels import register_labels

# The languages an activity can be held in: the site's own five, then the languages that many
# people in Dordrecht West speak at home (Bulgarian and Romanian labour migrants, Ukrainian,
# Eritrean and Somali newcomers, Papiamentu from the Antilles, Dari/Persian from Afghanistan
# and Iran). Babel names each one; no catalogue entry is needed.
LANGUAGE_CODES = ("nl", "en", "tr", "ar", "pl", "bg", "ro", "uk", "ti", "so", "pap", "fa")


def _day_name(weekday: int) -> str:
    return str(get_day_names("abbreviated", locale=get_locale())[weekday])


# Weekdays by their RFC 5545 codes (BYDAY), Monday first as date.weekday() counts.
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_LABELS = register_labels(
    "activities.weekday",
    {code: LazyString(_day_name, n) for n, code in enumerate(WEEKDAY_CODES)},
)

STATUS_LABELS = register_labels(
    "activities.status",
    {
        PROPOSED: _l("Waiting for a moderator"),
        PUBLISHED: _l("On the agenda"),
        REJECTED: _l("Not approved"),
    },
)

# The actions of the audit history (ActivityChange.action).
CHANGE_LABELS = register_labels(
    "activities.change",
    {
        "created": _l("Created"),
        "edited": _l("Edited"),
        "approved": _l("Approved"),
        "rejected": _l("Rejected"),
        "cancelled_occurrence": _l("Date cancelled"),
        "moved_occurrence": _l("Date moved"),
        "restored_occurrence": _l("Date restored"),
    },
)

REPEAT_LABELS = register_labels(
    "activities.repeat",
    {
        "": _l("Once"),
        "weekly": _l("Every week"),
        "biweekly": _l("Every other week"),
        "monthly": _l("Every month (same weekday)"),
        "weekdays": _l("Every working day"),
        "custom": _l("Another pattern (a calendar rule)"),
    },
)

# Each language named in itself and, when that differs, in the visitor's language.
LANGUAGE_LABELS = register_labels(
    "activities.language", {code: LazyString(language_label, code) for code in LANGUAGE_CODES}
)
