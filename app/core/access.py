"""Access rules for views.

Every view declares who may reach it with exactly one of these decorators; a test walks
``app.url_map`` and fails on any view without one (see tests/test_access_rules.py). The
decorators only decide *whether* someone may open a route; object-level checks are the
``can_<verb>(user, obj)`` predicates of each domain's ``permissions.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

ACCESS_ATTR = "_wijkplein_access"


def _mark(view: Callable[..., Any], rule: str) -> None:
    setattr(view, ACCESS_ATTR, rule)


def public(view: F) -> F:
    """Let anyone, logged in or not, open this view."""
    _mark(view, "public")
    return view


def anonymous_only(view: F) -> F:
    """Let people who are not logged in open this view; send others home."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.is_authenticated:
            return redirect(url_for("pages.home"))
        return view(*args, **kwargs)

    _mark(wrapped, "anonymous")
    return wrapped  # type: ignore[return-value]


def _login_redirect() -> Any:
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def login_required(view: F) -> F:
    """Let any logged-in person open this view; others go to the login page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return _login_redirect()
        return view(*args, **kwargs)

    _mark(wrapped, "login")
    return wrapped  # type: ignore[return-value]


def roles_required(*roles: str) -> Callable[[F], F]:
    """Let a logged-in person holding any of ``roles`` open this view (admins always may)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _login_redirect()
            if not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        _mark(wrapped, "roles:" + ",".join(roles))
        return wrapped  # type: ignore[return-value]

    return decorator


def access_rule(view: Callable[..., Any]) -> str | None:
    """Return the access rule a view declared, or None when it declared none."""
    return getattr(view, ACCESS_ATTR, None)
