"""Who may do what on the social map: one ``can_<verb>(user, obj)`` per action.

Professionals keep the entries of their own organisations; admins keep every entry and the
category list. Everything here is built on ``app.core.access`` (``is_active``, ``holds``) and
nothing else. Templates ask ``can("servicemap.<verb>", obj)``.
"""

from __future__ import annotations

from typing import Any

from app.core.access import ADMIN, PROFESSIONAL, holds, register_permissions
from app.organisations.models import Organisation
from app.servicemap.models import Service


def managed_organisation_ids(user: Any) -> list[int] | None:
    """Return the ids of the organisations ``user`` maintains, or None for all (admins)."""
    if holds(user, ADMIN):
        return None
    if not holds(user, PROFESSIONAL):
        return []
    return [o.id for o in user.organisations]


def _maintains(user: Any, organisation_id: int | None) -> bool:
    ids = managed_organisation_ids(user)
    return ids is None or organisation_id in ids


def can_manage_services(user: Any, _obj: Any = None) -> bool:
    """Professionals (of some organisation) and admins may open the map's management."""
    return holds(user, PROFESSIONAL, ADMIN)


def can_create_service(user: Any, organisation: Organisation | None = None) -> bool:
    """A professional adds services for their own organisations (any, without one given)."""
    if organisation is not None:
        return _maintains(user, organisation.id)
    ids = managed_organisation_ids(user)
    return ids is None or bool(ids)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """A professional keeps the logo of their own organisations; admins keep every one."""
    return holds(user, PROFESSIONAL, ADMIN) and _maintains(user, organisation.id)


def can_edit_service(user: Any, service: Service) -> bool:
    """A professional edits the services of their own organisations; admins edit all."""
    return _maintains(user, service.organisation_id)


def can_verify_service(user: Any, service: Service) -> bool:
    """Whoever keeps an entry may mark it as checked and still correct."""
    return can_edit_service(user, service)


def can_view_history(user: Any, service: Service) -> bool:
    """Whoever keeps an entry may read who changed what, and the corrections sent in."""
    return can_edit_service(user, service)


def can_view_service(user: Any, service: Service) -> bool:
    """Everyone sees a service on the map; one taken off it only its maintainers see."""
    return service.is_active or can_edit_service(user, service)


def can_manage_categories(user: Any, _category: Any = None) -> bool:
    """Only admins extend the category list shared by the map, calendar and board."""
    return holds(user, ADMIN)


def can_edit_synonyms(user: Any, _category: Any = None) -> bool:
    """Professionals and admins add the words residents search a category by."""
    return holds(user, PROFESSIONAL, ADMIN)


register_permissions("servicemap", globals())
