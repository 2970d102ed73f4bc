"""The ceiling of the throughput benchmark: a hello-world Flask route under the same gunicorn.

``gunicorn -c gunicorn.conf.py bench.hello:app`` serves it with exactly Wijkplein's settings.
Its ``post_worker_init`` hook disposes of the database pool inside ``app.app_context()``, so this
app is registered with the (unused) SQLAlchemy extension on an in-memory SQLite database; no
request touches it. Not a ``make bench`` module: ``scripts/bench.py`` skips it.
"""

from __future__ import annotations

from flask import Flask

from app.extensions import db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db.init_app(app)


@app.get("/")
def hello() -> tuple[str, int, dict[str, str]]:
    return "Hello, world!\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
