"""Who may do what with neighbourhoods: one ``can_<verb>(user, obj)`` per action.

Admins open, edit and close neighbourhoods and say which professionals work there; those
professionals keep the neighbourhood's contact point. Templates ask
``can("neighbourhoods.<verb>", obj)``.
"""

from __future__ import annotations

from typing import Any

from app.core.access import ADMIN, PROFESSIONAL, holds, register_permissions
from app.neighbourhoods.models import Neighbourhood


def works_in(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """Tell whether ``user`` is an active professional of ``neighbourhood``."""
    return (
        neighbourhood is not None
        and holds(user, PROFESSIONAL)
        and any(n.id == neighbourhood.id for n in user.neighbourhoods)
    )


def can_manage(user: Any, _obj: Any = None) -> bool:
    """Only admins open, edit, close and reopen neighbourhoods."""
    return holds(user, ADMIN)


def can_keep_contact_points(user: Any, _obj: Any = None) -> bool:
    """Professionals (and admins) may open the list of contact points they keep."""
    return holds(user, PROFESSIONAL, ADMIN)


def can_edit_contact_point(user: Any, neighbourhood: Neighbourhood) -> bool:
    """The neighbourhood's own professionals keep its contact point; admins keep every one."""
    return can_manage(user) or works_in(user, neighbourhood)


register_permissions("neighbourhoods", globals())
