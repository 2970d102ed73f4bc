"""State changes of web push: subscribe, stop, queue a push, forget a subscription that is gone.

Operations flush; the caller commits. A push is an outbox row (``app.outbox``) written in the
transaction of the change it tells about; ``flask mail send`` delivers it (``sender.py``).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, or_, select

from app.core.operations import OperationError
from app.extensions import db
from app.outbox.models import OutboxMail
from app.outbox.operations import queue_push
from app.push.keys import b64url_decode, push_enabled
from app.push.models import PushSubscription

# One person rarely has more than a phone and a computer; beyond this the oldest goes.
MAX_PER_OWNER = 10
LOOPBACK_HOSTS = ("localhost",)


class PushError(OperationError):
    """A subscription that cannot be accepted; ``code`` says why."""


@dataclass(frozen=True)
class Payload:
    """What the phone shows: a title, a short text, and the page a tap opens."""

    title: str
    body: str
    url: str
    tag: str = "wijkplein"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_endpoint(endpoint: str) -> bool:
    """Tell whether the sender may post to ``endpoint``: https to a known push service.

    The sender posts to whatever URL a browser handed over, so anything else (an address
    inside the network) is refused. Tests and development also allow loopback.
    """
    if len(endpoint) > 1000:
        return False
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        return False
    if current_app.config.get("PUSH_ALLOW_LOOPBACK") and _is_loopback(host):
        return parts.scheme in ("http", "https")
    if parts.scheme != "https":
        return False
    return any(
        host == known or host.endswith("." + known)
        for known in current_app.config["PUSH_SERVICE_HOSTS"]
    )


def _key(value: Any, length: int) -> str:
    """Return ``value`` when it is base64url of ``length`` bytes, else raise."""
    if not isinstance(value, str) or len(value) > 200:
        raise PushError("keys")
    try:
        raw = b64url_decode(value.strip())
    except ValueError as error:
        raise PushError("keys") from error
    if len(raw) != length:
        raise PushError("keys")
    return value.strip()


def parse_subscription(data: Any) -> tuple[str, str, str]:
    """Return (endpoint, p256dh, auth) of a browser's ``PushSubscription.toJSON()``, or raise."""
    if not isinstance(data, dict):
        raise PushError("format")
    endpoint = data.get("endpoint")
    keys = data.get("keys")
    if not isinstance(endpoint, str) or not isinstance(keys, dict):
        raise PushError("format")
    if not allowed_endpoint(endpoint):
        raise PushError("endpoint")
    # p256dh: an uncompressed P-256 point; auth: 16 random bytes (RFC 8291).
    return endpoint, _key(keys.get("p256dh"), 65), _key(keys.get("auth"), 16)


def _owned_by(user_id: int | None, guest_link_ids: Iterable[int]):
    ids = list(guest_link_ids)
    conditions = []
    if user_id is not None:
        conditions.append(PushSubscription.user_id == user_id)
    if ids:
        conditions.append(PushSubscription.guest_link_id.in_(ids))
    return or_(*conditions) if conditions else None


def subscriptions_for(
    user_id: int | None = None, guest_link_ids: Iterable[int] = ()
) -> list[PushSubscription]:
    """Return the subscriptions of an account and/or of guest links (oldest first)."""
    owned = _owned_by(user_id, guest_link_ids)
    if owned is None:
        return []
    return list(
        db.session.scalars(select(PushSubscription).where(owned).order_by(PushSubscription.id))
    )


def has_subscription(user_id: int | None = None, guest_link_ids: Iterable[int] = ()) -> bool:
    """Tell whether pushes can reach the account or guest (a subscription not reported gone)."""
    owned = _owned_by(user_id, guest_link_ids)
    if owned is None:
        return False
    return db.session.scalar(select(PushSubscription.id).where(owned).limit(1)) is not None


def subscribe(
    data: Any, *, user_id: int | None = None, guest_link_id: int | None = None
) -> PushSubscription:
    """Keep the subscription a browser sent, for an account or a guest link; return it.

    A browser has one endpoint: subscribing again (another account on the same phone, new
    keys) moves the subscription rather than adding a second one.
    """
    if (user_id is None) == (guest_link_id is None):
        raise ValueError("a subscription has exactly one owner")
    endpoint, p256dh, auth = parse_subscription(data)
    subscription = db.session.scalar(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint)
    )
    if subscription is not None and (
        subscription.user_id != user_id or subscription.guest_link_id != guest_link_id
    ):
        remove(subscription)  # what was queued for the previous owner stays theirs: dropped
        subscription = None
    if subscription is None:
        subscription = PushSubscription(
            endpoint=endpoint, user_id=user_id, guest_link_id=guest_link_id
        )
        db.session.add(subscription)
    subscription.p256dh = p256dh
    subscription.auth = auth
    db.session.flush()
    owned = subscriptions_for(user_id, [guest_link_id] if guest_link_id else [])
    for old in owned[:-MAX_PER_OWNER]:
        remove(old)
    return subscription


def unsubscribe(
    endpoint: str, *, user_id: int | None = None, guest_link_ids: Iterable[int] = ()
) -> bool:
    """Remove the owner's subscription with ``endpoint``; return whether there was one."""
    owned = _owned_by(user_id, guest_link_ids)
    if owned is None or not isinstance(endpoint, str):
        return False
    subscription = db.session.scalar(
        select(PushSubscription).where(owned, PushSubscription.endpoint == endpoint)
    )
    if subscription is None:
        return False
    remove(subscription)
    return True


def remove(subscription: PushSubscription) -> None:
    """Forget a subscription and the pushes still waiting for it."""
    db.session.execute(
        delete(OutboxMail)
        .where(OutboxMail.push_subscription_id == subscription.id)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(subscription)
    db.session.flush()


def remove_for_guest_links(guest_link_ids: Iterable[int]) -> int:
    """Forget the subscriptions made through these guest links (the links ended); return how many."""
    found = subscriptions_for(guest_link_ids=guest_link_ids)
    for subscription in found:
        remove(subscription)
    return len(found)


def remove_by_id(subscription_id: int) -> None:
    """Forget the subscription ``subscription_id`` (the push service said it is gone)."""
    subscription = db.session.get(PushSubscription, subscription_id)
    if subscription is not None:
        remove(subscription)


def queue(
    subscriptions: Iterable[PushSubscription],
    payload: Payload,
    event: str,
    *,
    once_key: str | None = None,
) -> int:
    """Put one push per subscription in the outbox (flush, no commit); return how many.

    ``event`` names what it tells ("claimed", "message", "reminder"); with ``once_key`` each
    subscription gets it at most once, ever.
    """
    if not push_enabled():
        return 0
    queued = 0
    for subscription in subscriptions:
        key = f"{once_key}:{subscription.id}" if once_key else None
        if queue_push(
            subscription.id,
            subscription.service_host,
            payload.title,
            payload.to_json(),
            f"push/{event}",
            once_key=key,
        ):
            queued += 1
    return queued


def mark_delivered(subscription_id: int, now) -> None:
    subscription = db.session.get(PushSubscription, subscription_id)
    if subscription is not None:
        subscription.last_success_at = now
