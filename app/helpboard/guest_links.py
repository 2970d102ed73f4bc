"""Guest links: an opaque random token per link, kept only as its SHA-256, and withdrawable.

The link in a guest's mail (``/prikbord/gast/<token>``) carries nothing about the guest. The
database holds the token's hash, so a copy of the database opens no question. Every link of a
question ends when the question closes, when the guest presses "stop this link", or when a
professional stops them; links also end ``HELPBOARD_GUEST_LINK_DAYS`` after they were made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta

from flask import current_app
from sqlalchemy import select, update

from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import GuestLink, Question

ENDED_BY = ("closed", "guest", "professional")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(question: Question) -> str:
    """Make a new link for the guest of ``question``; return its token (shown once, never kept)."""
    token = secrets.token_urlsafe(32)
    db.session.add(GuestLink(question_id=question.id, token_hash=_hash(token)))
    db.session.flush()
    return token


def find(token: str) -> GuestLink | None:
    """Return the working link of ``token``: not ended, not too old, of a guest's question."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(select(GuestLink).where(GuestLink.token_hash == _hash(token)))
    if link is None or link.ended_at is not None:
        return None
    created = link.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)  # SQLite keeps no time zone
    if created < utcnow() - timedelta(days=current_app.config["HELPBOARD_GUEST_LINK_DAYS"]):
        return None
    if link.question.requester_id is not None:
        return None
    return link


def end_all(question: Question, reason: str) -> int:
    """End every working link of ``question``; return how many ended.

    The guest's push subscriptions (made through these links) end with them.
    """
    from app.push.operations import remove_for_guest_links

    if reason not in ENDED_BY:
        raise ValueError(reason)
    remove_for_guest_links(working_link_ids(question))
    result = db.session.execute(
        update(GuestLink)
        .where(GuestLink.question_id == question.id, GuestLink.ended_at.is_(None))
        .values(ended_at=utcnow(), ended_reason=reason)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def has_working_links(question: Question) -> bool:
    """Tell whether the guest of ``question`` has a link that still works."""
    return (
        db.session.scalar(
            select(GuestLink.id)
            .where(GuestLink.question_id == question.id, GuestLink.ended_at.is_(None))
            .limit(1)
        )
        is not None
    )


def working_link_ids(question: Question) -> list[int]:
    """Return the ids of the links of ``question`` that have not ended (for the guest's push)."""
    if question.requester_id is not None:
        return []
    return list(
        db.session.scalars(
            select(GuestLink.id).where(
                GuestLink.question_id == question.id, GuestLink.ended_at.is_(None)
            )
        )
    )
