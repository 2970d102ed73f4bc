"""One way to show a long list a page at a time: ``paginate(select, per_page=…)``.

The page number comes from ``?page=`` (``?pagina=`` is still read, for links made before the
two were one). Anything that is not a positive whole number of sensible size means page 1, so
no address can produce an error; a page past the end is simply empty. The template macro
``pagination(page, endpoint, **args)`` in ``templates/_macros/pagination.html`` draws the
links.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app.extensions import db

# Far past any real list, small enough that OFFSET never overflows a database integer.
MAX_PAGE = 10_000


def page_number() -> int:
    """Return the page asked for in the query string (1 when missing or not sensible)."""
    raw = request.args.get("page") or request.args.get("pagina") or "1"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 5:
        return 1
    return min(max(1, int(raw)), MAX_PAGE)


def paginate(statement: Select[Any], *, per_page: int) -> Pagination:
    """Run ``statement`` (and a COUNT of it) for the requested page."""
    return db.paginate(
        statement,
        page=page_number(),
        per_page=per_page,
        max_per_page=per_page,
        error_out=False,
    )
