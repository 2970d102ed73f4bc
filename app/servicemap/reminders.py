"""The weekly reminder: each organisation's professionals get their entries that went stale."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.roles import PROFESSIONAL
from app.core.mail import absolute_url, send_template
from app.extensions import db
from app.organisations.models import organisation_members
from app.servicemap.models import Service
from app.servicemap.queries import stale_services


def send_stale_reminders(days: int, now: datetime | None = None) -> int:
    """Send one mail per professional with the stale entries of their organisations.

    Return the number of mails queued; run twice in one week, the second run queues none.
    """
    by_organisation: dict[int, list[Service]] = defaultdict(list)
    for service in db.session.scalars(stale_services(days, now)):
        by_organisation[service.organisation_id].append(service)
    if not by_organisation:
        return 0
    rows = db.session.execute(
        select(User, organisation_members.c.organisation_id)
        .join(organisation_members, organisation_members.c.user_id == User.id)
        .where(organisation_members.c.organisation_id.in_(list(by_organisation)))
        .where(User.email.is_not(None), User.is_blocked.is_(False))
        .order_by(User.id)
    ).all()
    per_user: dict[int, tuple[User, list[Service]]] = {}
    for row in rows:
        user: User = row[0]
        organisation_id: int = row[1]
        if not user.has_role(PROFESSIONAL) or not user.email:
            continue
        entry = per_user.setdefault(user.id, (user, []))
        entry[1].extend(by_organisation[organisation_id])
    week = "{}-W{:02d}".format(*(now or datetime.now(UTC)).isocalendar()[:2])
    sent = 0
    for user, services in per_user.values():
        sent += _remind(user, services, days, week)
    return sent


def _remind(user: User, services: list[Service], days: int, week: str) -> int:
    """Queue one reminder (one per person per week); return 1 when it was queued."""
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = gettext("Wijkplein: %(count)s map entries to check", count=len(services))
    links = [(s, absolute_url("servicemap.manage.edit", service_id=s.id)) for s in services]
    sent = send_template(
        user.email,
        subject,
        "servicemap/mail/stale.txt",
        locale=locale,
        user=user,
        services=links,
        days=days,
        manage_url=absolute_url("servicemap.manage.index"),
        once_key=f"map-stale:{user.id}:{week}",
    )
    return 1 if sent else 0
