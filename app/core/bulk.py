"""Writing many generated rows at once (the city-scale demo data): SQLAlchemy Core in batches.

One ORM object per row costs about a hundred times as much as a row in an executemany, so the
generators of ``flask demo load --scale city`` build plain dicts and hand them over here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, insert

from app.extensions import db

BATCH = 5000


def _table(target: Any) -> Table:
    return target if isinstance(target, Table) else target.__table__


def insert_rows(target: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Insert ``rows`` into ``target`` (a model or a table) in batches; return how many.

    Every row must have the same keys: an executemany binds the columns of the first one.
    """
    table = _table(target)
    batch: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            db.session.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        db.session.execute(insert(table), batch)
        count += len(batch)
    return count


def insert_returning_ids(target: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` and return their new ids, in the order of ``rows``."""
    table = _table(target)
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        result = db.session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            list(rows[start : start + BATCH]),
        )
        ids.extend(result.scalars())
    return ids


def scaled(size: int, factor: float) -> int:
    """Return ``size`` times ``factor``, at least 1 (tests run the generators small)."""
    return max(1, round(size * factor))
