"""Who sees the way into management, and which of the parts' staff pages it links to.

The start page of management (``/beheer/``) links to pages of several parts; these rules say
when a link is worth showing and follow the access rules of the routes they point at.
"""

from __future__ import annotations

from typing import Any

from app.core.access import MODERATOR, PROFESSIONAL, holds, register_permissions


def can_open_staff_area(user: Any) -> bool:
    """Tell whether ``user`` may open the start page of management."""
    return holds(user, PROFESSIONAL, MODERATOR)


def can_open_triage(user: Any) -> bool:
    """Tell whether ``user`` may open the triage of the question board (professionals)."""
    return holds(user, PROFESSIONAL)


def can_open_reports(user: Any) -> bool:
    """Tell whether ``user`` may open the reports of the question board."""
    return holds(user, MODERATOR, PROFESSIONAL)


def can_open_map_management(user: Any) -> bool:
    """Tell whether ``user`` may open the management of the map (professionals)."""
    return holds(user, PROFESSIONAL)


register_permissions("pages", globals())
