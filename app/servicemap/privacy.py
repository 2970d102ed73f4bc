"""Personal data on the social map, for the "my data" download: what a professional changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.servicemap.models import Service, ServiceChange


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export_services(user: User) -> dict[str, Any]:
    """Return the changes the person made to services and the services they last checked."""
    changes = db.session.execute(
        select(ServiceChange, Service.name)
        .join(Service, ServiceChange.service_id == Service.id)
        .where(ServiceChange.user_id == user.id)
        .order_by(ServiceChange.id)
    ).all()
    checked = db.session.scalars(
        select(Service).where(Service.verified_by_id == user.id).order_by(Service.id)
    ).all()
    return {
        "changes": [
            {
                "service_id": change.service_id,
                "service": name,
                "action": change.action,
                "changes": change.changes,
                "when": _when(change.at),
            }
            for change, name in changes
        ],
        "last_checked": [
            {"service_id": s.id, "service": s.name, "when": _when(s.last_verified_at)}
            for s in checked
        ],
    }


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "services",
            export=export_services,
            covers=("service_changes.user_id", "services.verified_by_id"),
        )
    )
