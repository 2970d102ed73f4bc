"""gunicorn settings for Wijkplein (``gunicorn -c gunicorn.conf.py wsgi:app``).

Every value can be overridden from the environment (``GUNICORN_WORKERS=4``) or the command line.
The README's systemd unit and ``make bench`` use this file.
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Wijkplein's pages are short database reads. Two per core is plenty.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Load the app once in the master and fork it, warm (see when_ready below): each worker, and each
# worker gunicorn replaces, starts serving at once, without importing or compiling anything.
preload_app = True
# A request that takes this long is stuck; gunicorn replaces the worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Replace workers now and then, so that a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same machine sets X-Forwarded-For; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The path only, never the query string (%(q)s) or the full request line (%(r)s): query strings
# can carry tokens (password-reset and guest links) and search words that say something personal.
# Nor the Referer, which carries the previous page's query string.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def when_ready(server) -> None:  # noqa: ANN001 — gunicorn's hook signature
    """In the master, before the first fork: make what the app otherwise makes on first use.

    Compiled templates and statements, catalogues, configured mappers, the map shell: every
    worker inherits them (app/core/warmup.py). Only with preload_app, where the app lives in
    the master anyway.
    """
    if not server.cfg.preload_app:
        return
    app = server.app.wsgi()
    # Not Wijkplein: the benchmark's hello-world ceiling (bench/hello.py) registers SQLAlchemy
    # too, but has none of Wijkplein's settings; warming it crashed the master on start.
    if "ENV_NAME" not in getattr(app, "config", {}):
        return
    from app.core.warmup import warm_up

    warm_up(app)


def post_worker_init(worker) -> None:  # noqa: ANN001 — gunicorn's hook signature
    """Start every worker with a fresh database pool: connections are never shared over fork."""
    app = worker.wsgi
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return  # not Wijkplein (the benchmark's hello-world ceiling runs under this file too)
    from app.extensions import db

    with app.app_context():
        db.engine.dispose(close=False)
