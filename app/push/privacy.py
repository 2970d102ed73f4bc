"""Personal data of web push: which browsers of a person get notifications (for "my data")."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.push.models import PushSubscription


def export_push(user) -> list[dict]:
    """Return the person's subscriptions: the push service, when made, when last delivered."""
    return [
        {
            "push_service": s.service_host,
            "created_at": s.created_at.isoformat() if s.created_at else None,
            "last_success_at": s.last_success_at.isoformat() if s.last_success_at else None,
        }
        for s in db.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.user_id == user.id)
            .order_by(PushSubscription.id)
        )
    ]


def erase_push(user) -> None:
    from app.push.operations import remove

    for subscription in db.session.scalars(
        select(PushSubscription).where(PushSubscription.user_id == user.id)
    ).all():
        remove(subscription)


def register_personal_data() -> None:
    from app.accounts.personal_data import PersonalDataPart, register

    register(
        PersonalDataPart(
            "push",
            export=export_push,
            erase=erase_push,
            covers=("push_subscriptions.user_id",),
        )
    )
