"""The visitor's chosen neighbourhood: kept in a plain ``wijk`` cookie, part of the cache key.

No session: an anonymous page stays the same for everyone who chose the same neighbourhood, so
the page cache (app/core/page_cache.py) keeps one copy per neighbourhood. A ``?wijk=<slug>``
link sets the cookie when it is a new choice (that one response is then not kept).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import parse_cookie

from app.core.cookies import remember_choice
from app.core.page_cache import add_key_part
from app.neighbourhoods.queries import (
    CHOICE_COOKIE,
    SLUG_PATTERN,
    ContactPoint,
    contact_point,
    current_neighbourhood,
    linked_slug,
    neighbourhood_by_slug,
)

log = logging.getLogger(__name__)


def cache_key_part(environ: dict[str, Any]) -> str:
    """Return the chosen neighbourhood's slug from the cookie (the page cache key part)."""
    value = parse_cookie(environ).get(CHOICE_COOKIE, "")
    return "wijk=" + (value if SLUG_PATTERN.match(value) else "")


def set_choice_cookie(response: Response, slug: str) -> None:
    """Remember the neighbourhood ``slug`` for this browser."""
    remember_choice(response, CHOICE_COOKIE, slug)


def remember_linked_neighbourhood(response: Response) -> Response:
    """Keep the neighbourhood of a ``?wijk=`` link in the cookie when it is a new choice."""
    slug = linked_slug()
    if (
        slug
        and request.cookies.get(CHOICE_COOKIE) != slug
        and response.status_code < 400
        and neighbourhood_by_slug(slug) is not None
    ):
        set_choice_cookie(response, slug)
    return response


def footer_contact_point() -> ContactPoint | None:
    """Return the chosen neighbourhood's contact point for the footer of every page.

    The footer is also on error pages, which may be shown because the database failed: then
    the footer goes without it rather than failing the error page too.
    """
    try:
        return contact_point(current_neighbourhood())
    except SQLAlchemyError:
        log.warning("footer without a contact point: the database did not answer", exc_info=True)
        return None


def init_choice(app: Flask) -> None:
    """Register the hook and the cache key part; call after init_caching (it must run first)."""
    app.after_request(remember_linked_neighbourhood)
    add_key_part(cache_key_part)
    app.jinja_env.globals.update(
        current_neighbourhood=current_neighbourhood,
        footer_contact_point=footer_contact_point,
        # For mails, which name the neighbourhood of their question or activity (no request).
        contact_point_of=contact_point,
    )
