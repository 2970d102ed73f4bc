"""Who may read the figures: professionals and admins (the programme office)."""

from __future__ import annotations

from typing import Any

from app.core.access import PROFESSIONAL, holds, register_permissions


def can_view(user: Any) -> bool:
    """Tell whether ``user`` may open the figures (professionals; admins hold every right)."""
    return holds(user, PROFESSIONAL)


register_permissions("figures", globals())
