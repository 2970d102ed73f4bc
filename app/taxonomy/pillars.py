"""The words for the programme pillars (``label("taxonomy.pillar", code)`` in templates)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import register_labels

# The programme's own names: Dutch in Dordrecht, translated for the other languages.
PILLAR_LABELS = register_labels(
    "taxonomy.pillar",
    {
        "housing": _l("Housing and physical surroundings"),
        "health": _l("Living healthily and together"),
        "learning": _l("Learning and development"),
        "work": _l("Work and income security"),
        "safety": _l("Liveable and safe"),
    },
)
