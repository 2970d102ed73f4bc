"""Who may do what with a service."""

from __future__ import annotations

from typing import Any

from app.accounts.roles import ADMIN, PROFESSIONAL
from app.servicemap.models import Service


def _is_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_role(ADMIN))


def can_manage_services(user: Any) -> bool:
    """Professionals (of some organisation) and admins may open the map's management."""
    return bool(user and user.is_authenticated and user.has_any_role(PROFESSIONAL, ADMIN))


def managed_organisation_ids(user: Any) -> list[int] | None:
    """Return the ids of the organisations ``user`` maintains, or None for all (admins)."""
    if _is_admin(user):
        return None
    if not can_manage_services(user):
        return []
    return [o.id for o in user.organisations]


def can_create_service(user: Any) -> bool:
    ids = managed_organisation_ids(user)
    return ids is None or bool(ids)


def can_edit_service(user: Any, service: Service) -> bool:
    """A professional edits the services of their own organisations; admins edit all."""
    ids = managed_organisation_ids(user)
    return ids is None or service.organisation_id in ids


can_verify_service = can_edit_service
can_view_history = can_edit_service


def can_manage_categories(user: Any) -> bool:
    return _is_admin(user)
