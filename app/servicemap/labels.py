"""The words for the social map's stored codes, shown with ``label("servicemap.<kind>", code)``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import register_labels
from app.servicemap.schedule import WEEKDAY_CODES

ACCESS_LABELS = register_labels(
    "servicemap.access",
    {
        "walk_in": _l("Walk in"),
        "appointment": _l("By appointment"),
        "referral": _l("With a referral"),
    },
)
WEEKDAY_LABELS = register_labels(
    "servicemap.weekday",
    dict(
        zip(
            WEEKDAY_CODES,
            (
                _l("Monday"),
                _l("Tuesday"),
                _l("Wednesday"),
                _l("Thursday"),
                _l("Friday"),
                _l("Saturday"),
                _l("Sunday"),
            ),
            strict=True,
        )
    ),
)
CORRECTION_LABELS = register_labels(
    "servicemap.correction",
    {
        "hours": _l("The opening hours are wrong"),
        "address": _l("The address or the place on the map is wrong"),
        "contact": _l("The phone number, email or website is wrong"),
        "closed": _l("This service no longer exists"),
        "other": _l("Something else"),
    },
)
# What happened to an entry, in its history.
ACTION_LABELS = register_labels(
    "servicemap.action",
    {
        "created": _l("Added"),
        "updated": _l("Changed"),
        "verified": _l("Checked: still correct"),
        "imported": _l("Imported"),
        "removed": _l("Taken off the map"),
        "restored": _l("Put back on the map"),
    },
)
# The fields an entry's history names (the keys of operations.snapshot).
FIELD_LABELS = register_labels(
    "servicemap.field",
    {
        "name": _l("Name of the service"),
        "organisation": _l("Organisation"),
        "description": _l("What is it?"),
        "categories": _l("Categories"),
        "languages": _l("Languages spoken"),
        "target_groups": _l("For whom"),
        "cost": _l("Cost"),
        "is_free": _l("Free of charge"),
        "access": _l("How do people get it?"),
        "phone": _l("Phone"),
        "email": _l("Email"),
        "website": _l("Website"),
        "location_name": _l("Name of the place"),
        "address": _l("Street and number"),
        "postcode": _l("Postcode"),
        "city": _l("City"),
        "coordinates": _l("Place on the map"),
        "wheelchair_accessible": _l("Wheelchair accessible"),
        "hearing_loop": _l("Hearing loop"),
        "exceptions": _l("Other hours and closed days"),
        "last_verified_at": _l("Last checked"),
        "is_active": _l("On the map"),
        **{f"hours_{code.lower()}": word for code, word in WEEKDAY_LABELS.items()},
    },
)
