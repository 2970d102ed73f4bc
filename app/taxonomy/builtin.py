"""The fixed categories. Their names are msgids of the "taxonomy" message domain."""

from __future__ import annotations

from app.extensions import db
from app.taxonomy.models import Category


def N_(message: str) -> str:  # noqa: N802 — the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction; it is translated when shown (Category.name)."""
    return message


# slug, name, icon, colour (WCAG AA against white for marker labels), sensitive, public space, scopes
BUILTIN = [
    (
        "money-and-debt",
        N_("Money and debt"),
        "euro",
        "#8a4b00",
        True,
        False,
        ("map", "calendar", "board"),
    ),
    (
        "health-and-care",
        N_("Health and care"),
        "heart",
        "#b3261e",
        True,
        False,
        ("map", "calendar", "board"),
    ),
    (
        "parenting-and-youth",
        N_("Parenting and youth"),
        "child",
        "#6d28d9",
        False,
        False,
        ("map", "calendar", "board"),
    ),
    (
        "language-and-learning",
        N_("Language and learning"),
        "book",
        "#1d4ed8",
        False,
        False,
        ("map", "calendar", "board"),
    ),
    (
        "work-and-day-activities",
        N_("Work and day activities"),
        "briefcase",
        "#0f766e",
        False,
        False,
        ("map", "calendar", "board"),
    ),
    (
        "meeting-people",
        N_("Meeting people"),
        "people",
        "#b45309",
        False,
        False,
        ("map", "calendar", "board"),
    ),
    # Housing questions are often rent arrears, eviction or a dispute: for professionals only.
    ("housing", N_("Housing"), "house", "#475569", True, False, ("map", "calendar", "board")),
    ("safety", N_("Safety"), "shield", "#991b1b", True, False, ("map", "calendar", "board")),
    ("food", N_("Food"), "bowl", "#15803d", False, False, ("map", "calendar", "board")),
    (
        "sport-and-exercise",
        N_("Sport and exercise"),
        "ball",
        "#0369a1",
        False,
        False,
        ("map", "calendar", "board"),
    ),
    # Question board only.
    ("forms-and-paperwork", N_("Forms and paperwork"), "form", "#374151", False, False, ("board",)),
    (
        "odd-jobs",
        N_("Odd jobs in and around the house"),
        "tools",
        "#57534e",
        False,
        False,
        ("board",),
    ),
    ("company-and-walks", N_("Company and walks"), "walk", "#9d174d", False, False, ("board",)),
    (
        "housing-dispute",
        N_("Problems with my landlord"),
        "house-alert",
        "#7c2d12",
        True,
        False,
        ("board",),
    ),
    ("litter", N_("Litter and rubbish in the street"), "bin", "#3f6212", False, True, ("board",)),
    ("rats-and-pests", N_("Rats and pests"), "bug", "#3f3f46", False, True, ("board",)),
    ("street-lights", N_("Broken street lights"), "lamp", "#854d0e", False, True, ("board",)),
]

BUILTIN_NAMES = {slug: name for slug, name, *_ in BUILTIN}

# The programme pillar of each fixed category (admins can change it on /beheer/kaart/categorieen).
BUILTIN_PILLARS = {
    "money-and-debt": "work",
    "health-and-care": "health",
    "parenting-and-youth": "learning",
    "language-and-learning": "learning",
    "work-and-day-activities": "work",
    "meeting-people": "health",
    "housing": "housing",
    "safety": "safety",
    "food": "work",
    "sport-and-exercise": "health",
    "forms-and-paperwork": "work",
    "odd-jobs": "housing",
    "company-and-walks": "health",
    "housing-dispute": "housing",
    "litter": "safety",
    "rats-and-pests": "housing",
    "street-lights": "safety",
}


def ensure_builtin_categories() -> None:
    """Create the fixed categories that do not exist yet (idempotent)."""
    existing = set(db.session.scalars(db.select(Category.slug)))
    for order, (slug, _name, icon, colour, sensitive, public_space, scopes) in enumerate(BUILTIN):
        if slug in existing:
            continue
        db.session.add(
            Category(
                slug=slug,
                icon=icon,
                colour=colour,
                sort_order=order * 10,
                is_builtin=True,
                is_sensitive=sensitive,
                is_public_space=public_space,
                scopes=list(scopes),
                pillar=BUILTIN_PILLARS.get(slug),
            )
        )
    db.session.flush()


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Demo loader: the fixed categories (the same at every scale)."""
    ensure_builtin_categories()
