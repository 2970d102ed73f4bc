"""A browser's remembered choices (language, neighbourhood): plain cookies, never the session.

They keep anonymous pages cacheable (the page cache keys on them) and say nothing about who the
visitor is. Every such cookie gets the same attributes: a year, SameSite=Lax, Secure where the
session cookie is (production), HttpOnly because no script of ours reads them.
"""

from __future__ import annotations

from flask import Response, current_app

CHOICE_COOKIE_SECONDS = 365 * 24 * 3600


def remember_choice(response: Response, name: str, value: str) -> None:
    """Set the choice cookie ``name`` to ``value`` on ``response``."""
    response.set_cookie(
        name,
        value,
        max_age=CHOICE_COOKIE_SECONDS,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )
