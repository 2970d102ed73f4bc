"""The symbol shown next to each category of the question board (its ``icon`` code)."""

from __future__ import annotations

ICONS = {
    "euro": "€",
    "heart": "♥",
    "child": "☺",
    "book": "✎",
    "briefcase": "⚒",
    "people": "☕",
    "house": "⌂",
    "shield": "⛨",
    "bowl": "🍲",
    "ball": "⚽",
    "form": "📄",
    "tools": "🔧",
    "walk": "🚶",
    "house-alert": "⚠",
    "bin": "🗑",
    "bug": "🐀",
    "lamp": "💡",
}


def icon_for(category) -> str:
    """Return the symbol of ``category`` (a dot for an unknown icon or no category)."""
    return ICONS.get(category.icon, "•") if category is not None else "•"
