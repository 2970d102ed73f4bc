"""Slowing down password and code guessing without letting anyone lock the owner out.

Two brakes, both counted in Flask-Limiter's storage (Redis in production), so every worker and
every app server sees the same counts:

- **Per client address**: failed attempts from one address are limited by Flask-Limiter
  (``LOGIN_LIMIT_PER_ADDRESS`` on the login and code routes). This module also counts them, to
  know which addresses are *clean* (no failure in the last window).
- **Per account** (the normalised login name, whether or not it has an account, so the answer
  never tells): after ``LOGIN_LIMIT_PER_ACCOUNT`` failures in a window the account is *held*.
  While held, an attempt from an address with recent failures is refused (429) until a delay has
  passed since the last failure; the delay doubles with every further failure, up to the window.
  An attempt from a clean address is always checked. So an attacker elsewhere slows only
  themselves: the resident at home (a clean address) logs in as usual, and even behind the
  attacker's own address the right password works once the delay is over.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app
from limits import parse

from app.extensions import limiter

FIRST_DELAY_SECONDS = 15

F = TypeVar("F", bound=Callable[..., Any])


def _open_when_storage_fails(fallback: Any) -> Callable[[F], F]:
    """Answer ``fallback`` (no brake) when the counters' storage (Redis) cannot be reached.

    Like Flask-Limiter's ``RATELIMIT_SWALLOW_ERRORS``: an outage of Redis must not turn every
    login into a 500; passwords are still checked, only the brake is off until Redis is back.
    """

    def decorator(function: F) -> F:
        @wraps(function)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except Exception:  # the storage's own errors (redis.ConnectionError, timeouts)
                current_app.logger.exception("Login throttle storage unreachable")
                return fallback

        return wrapped  # type: ignore[return-value]

    return decorator


def _window() -> tuple[int, int]:
    """Return (failures allowed, window in seconds) of ``LOGIN_LIMIT_PER_ACCOUNT``."""
    item = parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])
    return item.amount, item.get_expiry()


def hold_seconds(failures_over: int) -> int:
    """Return the delay after the ``failures_over``-th failure beyond the allowed number."""
    _, window = _window()
    return min(FIRST_DELAY_SECONDS * 2 ** max(failures_over - 1, 0), window)


def _keys(account: str, address: str) -> tuple[str, str, str]:
    return f"wp-fail/account/{account}", f"wp-hold/account/{account}", f"wp-fail/address/{address}"


@_open_when_storage_fails(False)
def must_wait(account: str, address: str) -> bool:
    """Tell whether an attempt on ``account`` from ``address`` is refused without checking."""
    storage = limiter.storage
    failures_key, hold_key, address_key = _keys(account, address)
    allowed, _ = _window()
    if storage.get(failures_key) < allowed:
        return False
    if storage.get(address_key) == 0:
        return False  # a clean address: the owner at home is never held back by others
    return storage.get(hold_key) > 0


@_open_when_storage_fails(None)
def record_failure(account: str, address: str) -> None:
    """Count a wrong password or code for ``account`` from ``address``."""
    storage = limiter.storage
    failures_key, hold_key, address_key = _keys(account, address)
    allowed, window = _window()
    storage.incr(address_key, window)
    failures = storage.incr(failures_key, window)
    if failures >= allowed:
        storage.clear(hold_key)
        storage.incr(hold_key, hold_seconds(failures - allowed + 1))


@_open_when_storage_fails(None)
def record_success(account: str) -> None:
    """Forget the failures on ``account``: its owner is in."""
    storage = limiter.storage
    failures_key, hold_key, _ = _keys(account, "")
    storage.clear(failures_key)
    storage.clear(hold_key)
