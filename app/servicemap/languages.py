"""Languages a service can be offered in (ISO 639-1 codes), with names to show."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import register_labels

SPOKEN_LANGUAGES = register_labels(
    "servicemap.language",
    {
        "nl": _l("Dutch"),
        "en": _l("English"),
        "tr": _l("Turkish"),
        "ar": _l("Arabic"),
        "pl": _l("Polish"),
        "ti": _l("Tigrinya"),
        "uk": _l("Ukrainian"),
        "de": _l("German"),
        "fr": _l("French"),
        "es": _l("Spanish"),
        "so": _l("Somali"),
        "fa": _l("Persian"),
        "pap": _l("Papiamento"),
        "ber": _l("Berber"),
    },
)
