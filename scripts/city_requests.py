"""Build city-scale demo data in a SQLite file and request `/`, `/kaart`, `/kaart` in a child.

Issue 9.8: with the city data on SQLite these three requests were seen to kill the process with
a segmentation fault inside SQLAlchemy's compiled extensions (during ``db.paginate``). This
script is the reproduction: the requests run with Flask's test client in a subprocess under
``python -X faulthandler``, so a crash shows as a negative exit code with a Python traceback of
every thread on stderr instead of taking the caller down.

    .venv/bin/python scripts/city_requests.py                 # the whole city (minutes)
    .venv/bin/python scripts/city_requests.py --factor 0.1    # a tenth of it
    .venv/bin/python scripts/city_requests.py --db /tmp/c.db --reuse   # requests only

``CITY_GC_THRESHOLD=50`` in the environment makes the child's garbage collector eager (the one
crash seen while investigating was during a collection); ``--threads 4`` asks from four threads
of one app at once; ``--runs 10`` repeats the child.

Exit code: the child's (0 when every request answered 200; -11 on a segmentation fault).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("/", "/kaart", "/kaart")

BUILD = """
import sys
from app import create_app
from app.extensions import db
app = create_app()
with app.app_context():
    db.create_all()
result = app.test_cli_runner().invoke(
    args=["demo", "load", "--scale", "city", "--factor", sys.argv[1]]
)
print(result.output, end="")
sys.exit(result.exit_code)
"""

REQUESTS = """
import gc
import os
import sys
import threading
from app import create_app

if os.environ.get("CITY_GC_THRESHOLD"):  # an eager collector: the one crash seen was in a collection
    gc.set_threshold(int(os.environ["CITY_GC_THRESHOLD"]))

threads, paths = int(sys.argv[1]), sys.argv[2:]
app = create_app()
failed = []


def run(number):
    client = app.test_client()  # one client (cookie jar) per thread, one app for all
    for path in paths:
        response = client.get(path)
        # One write per line: print() writes its parts one by one, and threads interleave them.
        sys.stdout.write(f"{number} {path} {response.status_code} {len(response.data)}\\n")
        sys.stdout.flush()
        if response.status_code != 200:
            failed.append((number, path, response.status_code))


if threads == 1:
    run(0)
else:
    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
sys.exit(1 if failed else 0)
"""


def environment(database: Path) -> dict[str, str]:
    """Return the environment of a development server on ``database``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKPLEIN_")}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        WIJKPLEIN_ENV="development",
        PYTHONPATH=str(ROOT),
        # Keep the child's warnings as the app has them, not as a test run's errors.
        PYTHONWARNINGS="ignore",
    )
    return env


def build(database: Path, factor: float) -> None:
    """Create the schema and load the city demo at ``factor`` into ``database``."""
    database.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", BUILD, str(factor)],
        env=environment(database),
        cwd=ROOT,
        check=True,
    )


def run_requests(
    database: Path, paths: tuple[str, ...] = PATHS, threads: int = 1, gc_threshold: int = 0
) -> subprocess.CompletedProcess:
    """Request ``paths`` in a child under ``-X faulthandler``; return its finished process.

    With ``threads`` above 1, that many threads of the one app each request all of ``paths``
    at the same time (as the development server does with several visitors). Each output line is
    ``thread path status bytes``. ``gc_threshold`` (when not 0) makes the child's garbage
    collector run every that many allocations (``CITY_GC_THRESHOLD``).
    """
    env = environment(database)
    if gc_threshold:
        env["CITY_GC_THRESHOLD"] = str(gc_threshold)
    return subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-X", "faulthandler", "-c", REQUESTS, str(threads), *paths],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=float, default=1.0, help="size of the city (0-1]")
    parser.add_argument("--db", type=Path, help="the SQLite file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="use --db as it is, build nothing")
    parser.add_argument("--threads", type=int, default=1, help="threads asking at once")
    parser.add_argument("--runs", type=int, default=1, help="children to run one after another")
    args = parser.parse_args()
    database = args.db or Path(tempfile.mkdtemp()) / "city.db"
    if not args.reuse:
        build(database, args.factor)
    crashed = 0
    for run in range(1, args.runs + 1):
        child = run_requests(database, threads=args.threads)
        if child.returncode != 0:
            crashed += 1
            sys.stdout.write(child.stdout)
            sys.stderr.write(child.stderr)
        print(f"run {run}: exit code {child.returncode} ({database})", flush=True)
    print(f"{crashed} of {args.runs} runs failed")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
