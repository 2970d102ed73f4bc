"""A worker never dies (issue 9.8): `/`, `/kaart`, `/kaart` on city-scale data on SQLite.

The requests run in a child process under ``python -X faulthandler`` (scripts/city_requests.py),
so a segmentation fault fails this one test, with the child's traceback, instead of killing the
whole run. The crash the issue reports did not reproduce on the development machine (SQLAlchemy
2.1.9, SQLite 3.40, Python 3.11; see docs/architecture.md, "SQLAlchemy version", for what was
run and how often), so no size is known to trigger it; the test loads a fiftieth of the city to
stay well under a minute (the whole city takes minutes; `scripts/city_requests.py` runs it by
hand, repeatedly and from several threads). SQLAlchemy is held on 2.0 because of it.
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

FACTOR = 0.02


def _script():
    spec = importlib.util.spec_from_file_location(
        "city_requests", ROOT / "scripts" / "city_requests.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def city_database(tmp_path_factory):
    script = _script()
    database = tmp_path_factory.mktemp("city") / "city.db"
    script.build(database, FACTOR)
    return script, database


@pytest.mark.parametrize(("threads", "gc_threshold"), [(1, 0), (4, 100)])
def test_home_then_the_map_twice_on_city_data_answer_without_crashing_the_process(
    city_database, threads, gc_threshold
):
    """One visitor; then four at the same time (threads of one app, as the development server
    has) with an eager garbage collector, since the one crash caught was in a collection."""
    script, database = city_database
    child = script.run_requests(database, threads=threads, gc_threshold=gc_threshold)
    assert child.returncode == 0, f"exit code {child.returncode}\n{child.stdout}\n{child.stderr}"
    answers = sorted(line.split()[:3] for line in child.stdout.splitlines())
    expected = [[str(n), path, "200"] for n in range(threads) for path in script.PATHS]
    assert answers == sorted(expected)
