"""Who may do what: the roles, their order, the route decorators and the ``can`` registry.

Three layers, one vocabulary:

* **Roles and their order.** ``is_active(user)`` is the one definition of "logged in and not
  blocked"; ``holds(user, *roles)`` adds "and holds one of these roles (admins hold every
  right)"; ``outranks(actor, subject)`` follows resident < volunteer < moderator < professional
  < admin. Every ``permissions.py`` builds on these three and on nothing else.
* **Route decorators.** Every view declares who may reach it with exactly one of ``public``,
  ``anonymous_only``, ``login_required`` or ``roles_required``; a test walks ``app.url_map``
  and fails on any view without one (see tests/test_access_rules.py). They only decide
  *whether* someone may open a route.
* **Object rules.** Each part's ``permissions.py`` holds ``can_<verb>(user, obj)`` predicates
  and registers them with ``register_permissions``; views call them directly and templates
  through the ``can`` global: ``{% if can("helpboard.claim", question) %}``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

RESIDENT = "resident"
VOLUNTEER = "volunteer"
MODERATOR = "moderator"
PROFESSIONAL = "professional"
ADMIN = "admin"

# The order of rights, lowest first: nobody blocks, hides or changes the roles of someone who
# holds a role at least as high as their own highest (admins excepted for non-admins).
ROLE_ORDER = (RESIDENT, VOLUNTEER, MODERATOR, PROFESSIONAL, ADMIN)


def is_active(user: Any) -> bool:
    """Tell whether ``user`` is logged in and not blocked: the ground of every rule."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and not getattr(user, "is_blocked", False)
    )


def holds(user: Any, *roles: str) -> bool:
    """Tell whether ``user`` is active and holds one of ``roles`` (admins hold every right)."""
    return is_active(user) and user.has_any_role(*roles)


def rank(user: Any) -> int:
    """Return the position of ``user``'s highest role in ``ROLE_ORDER`` (-1 without a role)."""
    held = getattr(user, "roles", None) or set()
    return max((ROLE_ORDER.index(r) for r in held if r in ROLE_ORDER), default=-1)


def outranks(actor: Any, subject: Any) -> bool:
    """Tell whether ``actor`` (active) holds a higher role than ``subject`` and is not them."""
    if not is_active(actor) or getattr(actor, "id", None) == getattr(subject, "id", None):
        return False
    return rank(actor) > rank(subject)


_PERMISSIONS: dict[str, Callable[..., bool]] = {}


def register_permissions(part: str, namespace: dict[str, Any]) -> None:
    """Make every ``can_<verb>`` of a part's ``permissions.py`` known as ``"<part>.<verb>"``.

    Call it at the bottom of the module as ``register_permissions("helpboard", globals())``.
    """
    for name, rule in namespace.items():
        if name.startswith("can_") and callable(rule):
            _PERMISSIONS[f"{part}.{name[4:]}"] = rule


def can(name: str, *objects: Any, user: Any = None) -> bool:
    """Ask the rule ``"<part>.<verb>"`` about the current user (or ``user``) and ``objects``.

    An unknown name raises ``KeyError``: a typo in a template must fail a test, not hide a
    button.
    """
    return bool(_PERMISSIONS[name](current_user if user is None else user, *objects))


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
