"""Who may keep a copy of a page: Cache-Control and Vary on every HTML response.

- A logged-in visitor's pages: ``private, no-store`` (they can hold personal data).
- A page whose view is marked :func:`cacheable`, asked for by an anonymous visitor without a
  session (no login, no form filled in, no message waiting) and rendered without the CSP nonce
  (no inline script or style): ``public, max-age=PUBLIC_CACHE_SECONDS``, so a proxy in front of
  the app (see docs/nginx.conf.example) can serve it; a change shows within that many seconds.
- Another page asked for with a session or remember cookie (an anonymous visitor who filled in
  a form or has a message waiting): ``private, no-cache``. ``private`` tells the service worker
  (app/pages/sw.js), which cannot see the cookies, never to keep it for offline use.
- Every other page: ``no-cache`` (a browser may keep it but asks again each time).

HTML pages vary by the language (the language cookie, ``Accept-Language``) and by the session
cookie, so they say ``Vary: Accept-Language, Cookie``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request, session
from flask_login import current_user

from app.core.security import nonce_used

F = TypeVar("F", bound=Callable[..., Any])


def cacheable(view: F) -> F:
    """Mark a view whose page, for an anonymous visitor, is the same for everyone."""
    view.cacheable = True  # type: ignore[attr-defined]
    return view


def kept_until_changed(view: F) -> F:
    """Mark a cacheable view whose body changes only with the data, never with the clock.

    The page cache keeps such a response ``FEED_CACHE_SECONDS`` (an hour) instead of
    ``PAGE_CACHE_SECONDS``: a change still shows at the next request (the content generation),
    so a large feed is rendered once per change, not once a minute.
    """
    view.cacheable = True  # type: ignore[attr-defined]
    view.kept_until_changed = True  # type: ignore[attr-defined]
    return view


def _is_shared(response: Response) -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return (
        getattr(view, "cacheable", False)
        and request.method in {"GET", "HEAD"}
        and response.status_code == 200
        and not session
        and not session.modified
        and "Set-Cookie" not in response.headers
        and not nonce_used()  # a nonce must be new in every response, so never shared
    )


def carries_session() -> bool:
    """Tell whether the request came with a session or remember cookie."""
    config = current_app.config
    names = {config["SESSION_COOKIE_NAME"], config.get("REMEMBER_COOKIE_NAME", "remember_token")}
    return any(name in request.cookies for name in names)


def set_cache_headers(response: Response) -> Response:
    """Say who may keep a copy of this response (HTML pages; others set their own)."""
    if response.mimetype != "text/html" or request.endpoint == "static":
        return response
    response.vary.update(["Accept-Language", "Cookie"])
    if "Cache-Control" in response.headers:
        return response
    if current_user and current_user.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"
    elif _is_shared(response):
        seconds = current_app.config["PUBLIC_CACHE_SECONDS"]
        response.headers["Cache-Control"] = f"public, max-age={seconds}"
    elif carries_session():
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response


def init_caching(app: Flask) -> None:
    """Register the header hook; it runs before the CSP hook, which creates the nonce."""
    app.after_request(set_cache_headers)
