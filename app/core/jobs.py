"""Jobs that cron runs: one server at a time, through a PostgreSQL advisory lock."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click
from sqlalchemy import text

from app.extensions import db


@contextmanager
def single_runner(name: str) -> Iterator[bool]:
    """Hold a PostgreSQL advisory lock while the job runs, so one server at a time runs it.

    Yields whether the lock was acquired. The lock lives on a connection of its own, so the
    job's commits do not release it. SQLite (one machine) needs no lock.
    """
    if db.engine.dialect.name != "postgresql":
        yield True
        return
    key = zlib.crc32(name.encode())
    with db.engine.connect() as connection:
        acquired = bool(
            connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        )
        try:
            yield acquired
        finally:
            if acquired:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def one_at_a_time(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a CLI command do nothing while the same job runs on another server."""

    def decorator(command: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(command)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            with single_runner(name) as acquired:
                if not acquired:
                    click.echo(f"{name} is running on another server; nothing done.")
                    return None
                return command(*args, **kwargs)

        return wrapped

    return decorator
