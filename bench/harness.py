"""What a benchmark module gets: a client, a query counter and a report table."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import event

from app.extensions import db


@dataclass
class Measurement:
    name: str
    url: str
    status: int
    queries: int
    bytes: int
    gzip_bytes: int
    ms: float


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block."""
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


@dataclass
class Bench:
    app: Flask
    results: list[Measurement] = field(default_factory=list)

    def client(self):
        return self.app.test_client()

    def measure(self, name: str, url: str, *, client=None, repeat: int = 5) -> Measurement:
        """GET ``url`` ``repeat`` times; record queries and size of the last, the median time."""
        client = client or self.client()
        client.get(url)  # warm up caches and lazy imports
        timings = []
        for _ in range(repeat):
            with count_queries(self.app) as statements:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
        body = response.get_data()
        result = Measurement(
            name=name,
            url=url,
            status=response.status_code,
            queries=len(statements),
            bytes=len(body),
            gzip_bytes=len(gzip.compress(body)),
            ms=sorted(timings)[len(timings) // 2],
        )
        self.results.append(result)
        return result

    def table(self) -> str:
        rows = [f"{'page':<44} {'status':>6} {'SQL':>5} {'KB':>7} {'KB gz':>7} {'ms':>8}"]
        for r in self.results:
            rows.append(
                f"{r.name:<44} {r.status:>6} {r.queries:>5} {r.bytes / 1024:>7.1f} "
                f"{r.gzip_bytes / 1024:>7.1f} {r.ms:>8.1f}"
            )
        return "\n".join(rows)
