"""Reading numbers and dates from addresses and forms so that no value can cause an error.

A value typed into an address bar goes to the database and into date arithmetic. Python's
integers and dates are wider than what a database column or ``date + timedelta`` takes, so
every id and every date from outside passes through one of these: what does not fit is
treated as not given (an id) or refused (a date), never as an error of the server. A NUL
character, which no person types and PostgreSQL cannot store, is refused for the whole
request (400).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

# The largest value of a 32-bit INTEGER column (ids, SQLite and PostgreSQL alike).
DB_INT_MAX = 2**31 - 1

# Dates from outside lie between these; weeks and months around them stay within date's range.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def parse_id(value: object) -> int | None:
    """Return ``value`` as a row id (a whole number from 1 to ``DB_INT_MAX``), else None.

    Works as ``request.args.get(name, type=parse_id)``: plain ASCII digits only (no sign, no
    spaces, no ``٣``), so ``"99999999999999999999999"`` or ``"1e3"`` simply mean "no id".
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= DB_INT_MAX else None
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    if len(value) > len(str(DB_INT_MAX)):
        return None
    number = int(value)
    return number if 1 <= number <= DB_INT_MAX else None


class IdConverter(IntegerConverter):
    """The ``<int:…>`` of every route: a number past ``DB_INT_MAX`` matches no route (404)."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def sensible_date(day: date | None) -> bool:
    """Tell whether ``day`` lies between ``EARLIEST_DATE`` and ``LATEST_DATE``."""
    return day is not None and EARLIEST_DATE <= day <= LATEST_DATE


def parse_date(text: object) -> date | None:
    """Return an ISO date (``2026-12-01``) within the sensible range, else None."""
    if not isinstance(text, str):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if sensible_date(day) else None


def refuse_nul_characters() -> None:
    """Before each request: answer 400 when the address or a form field holds a NUL character."""
    texts = [request.path]
    for source in (request.args, request.form):
        for key, values in source.lists():
            texts.append(key)
            texts.extend(values)
    if any("\x00" in text for text in texts):
        abort(400)


def init_input(app: Flask) -> None:
    """Bound the ``<int:…>`` of every route and refuse NUL characters; call before routes."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)
