"""``make bench``: SQL queries, page sizes and times per page, with small and large data.

Runs every module in ``bench/`` (except the harness) against a throwaway database built with
the migrations: SQLite by default, PostgreSQL when ``WIJKPLEIN_BENCH_DATABASE_URL`` is set.
Each module's ``run(bench)`` fills data and measures pages; the results are printed as a table
and the run fails when a module's own assertions fail (e.g. queries growing with the data).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import MetaData  # noqa: E402

import bench  # noqa: E402
from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from bench.harness import Bench  # noqa: E402

# The harness, and the throughput benchmark (scripts/throughput.py), which runs on its own.
NOT_BENCHMARKS = {"harness", "hello", "throughput"}


def main() -> int:
    url = os.environ.get("WIJKPLEIN_BENCH_DATABASE_URL")
    tmp = tempfile.TemporaryDirectory()
    if not url:
        url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    app = create_app(
        {
            "WIJKPLEIN_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": url,
            "MAIL_BACKEND": "console",
            # Measure rendering: a kept page would answer with no query at all.
            "PAGE_CACHE_URL": "off",
        }
    )
    with app.app_context():
        reflected = MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        upgrade(directory=str(ROOT / "migrations"))
    harness = Bench(app)
    failures = 0
    for module_info in pkgutil.iter_modules(bench.__path__):
        if module_info.name in NOT_BENCHMARKS:
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        print(f"== {module_info.name}", flush=True)
        try:
            module.run(harness)
        except AssertionError as error:
            failures += 1
            print(f"FAILED: {error}", flush=True)
    print(harness.table())
    tmp.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
