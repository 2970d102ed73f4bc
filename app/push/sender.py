"""Deliver one web push: encrypt the payload for the browser (RFC 8291) and sign with VAPID.

Called by the outbox sender (``flask mail send``), never from a web request.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

# The push service says the subscription no longer exists: forget it (RFC 8030, 7.3).
GONE = (404, 410)


class PushGone(Exception):
    """The push service answered 404 or 410: the subscription is gone for good."""


class PushFailed(Exception):
    """The push did not get through now (service down, refused, slow): try again later."""


@dataclass(frozen=True)
class Target:
    endpoint: str
    p256dh: str
    auth: str


def deliver(target: Target, payload: str) -> None:
    """Send ``payload`` (JSON text) to ``target``; raise PushGone or PushFailed when it fails."""
    # Imported here: pywebpush brings aiohttp, a second of start-up every flask process and web
    # worker would pay, while only the sender ever pushes.
    import requests
    from py_vapid import Vapid
    from pywebpush import WebPushException, webpush

    config = current_app.config
    if not (
        config.get("VAPID_PUBLIC_KEY")
        and config.get("VAPID_PRIVATE_KEY")
        and config.get("VAPID_SUBJECT")
    ):
        raise PushFailed("Web push is not configured (VAPID_* settings).")
    try:
        webpush(
            {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}},
            data=payload,
            vapid_private_key=Vapid.from_string(config["VAPID_PRIVATE_KEY"]),
            vapid_claims={"sub": config["VAPID_SUBJECT"]},
            ttl=config["PUSH_TTL_SECONDS"],
            timeout=config["PUSH_TIMEOUT"],
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in GONE:
            raise PushGone(f"{status}") from error
        raise PushFailed(f"push service answered {status}") from error
    except (requests.RequestException, OSError) as error:
        raise PushFailed(f"{type(error).__name__}: {error}") from error
