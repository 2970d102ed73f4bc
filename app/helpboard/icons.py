"""The icon shown next to each category of the question board (its ``icon`` code)."""

from __future__ import annotations

from markupsafe import Markup

from app.core.icons import icon

# Category icon code -> Lucide icon (app/core/icons.py). An unknown code gets a plain circle.
ICONS = {
    "euro": "euro",
    "heart": "heart",
    "child": "baby",
    "book": "book-open",
    "briefcase": "briefcase",
    "people": "users",
    "house": "house",
    "shield": "shield",
    "bowl": "soup",
    "ball": "volleyball",
    "form": "file-text",
    "tools": "wrench",
    "walk": "footprints",
    "house-alert": "triangle-alert",
    "bin": "trash-2",
    "bug": "rat",
    "lamp": "lightbulb",
}
DEFAULT = "circle"


def icon_for(category) -> Markup:
    """Return the icon of ``category`` as inline SVG (a circle for an unknown code or none)."""
    code = category.icon if category is not None else None
    return icon(ICONS.get(code or "", DEFAULT), class_="wp-icon wp-hb-icon__svg")
