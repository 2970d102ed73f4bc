"""Mail about one service: a resident's correction goes to the organisation that keeps it."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.access import PROFESSIONAL
from app.core.mail import absolute_url, send_template
from app.extensions import db
from app.servicemap.models import Correction, Service
from app.servicemap.queries import organisation_members_with_email


def correction_recipients(service: Service) -> list[str]:
    """Return the organisation's own address, or else those of its professionals."""
    if service.organisation.email:
        return [service.organisation.email]
    members = db.session.scalars(organisation_members_with_email(service.organisation_id))
    return [u.email for u in members if u.has_role(PROFESSIONAL) and u.email]


def mail_correction(service: Service, correction: Correction) -> bool:
    """Mail a correction to the organisation; tell whether it reached anyone."""
    subject = _("Wijkplein: a correction for %(name)s", name=service.name)
    sent = [
        send_template(
            address,
            subject,
            "servicemap/mail/correction.txt",
            service=service,
            correction=correction,
            service_url=absolute_url("servicemap.detail", service_id=service.id, slug=service.slug),
            edit_url=absolute_url("servicemap.manage.edit", service_id=service.id),
        )
        for address in correction_recipients(service)
    ]
    return any(sent)
