"""Warm the app up once in gunicorn's master, so that every forked worker starts warm.

With ``preload_app`` gunicorn imports the app in the master and forks it, so what is imported
there (folium, SQLAlchemy, the models) costs a worker nothing. But much of an app is made on
first *use*, per process: SQLAlchemy configures its mappers and compiles each statement on the
first query that needs it, Jinja compiles each template on its first render, Flask-Babel reads a
catalogue and Babel its locale data on the first page in that language, the map's folium shell
is rendered on the first map. Without a warm-up every fresh worker pays all of that inside its
first requests — about a second each for `/` and `/kaart` on an idle machine, many seconds under
load, and again for every worker gunicorn replaces (issue 9.4).

:func:`warm_up` pays it once, in the master, before the fork: it compiles every template, reads
every catalogue and renders the public pages once (``gunicorn.conf.py`` calls it from its
``when_ready`` hook). Then it closes the master's database connections, so that no worker ever
shares one, and freezes what it made out of the garbage collector's way (fewer copied pages).

The renders carry an ``Authorization`` header, which keeps them out of the page cache
(app/core/page_cache.py): the warm-up stores nothing and changes nothing. A page that fails
(the database not up yet) is logged and skipped; the workers then make it on first use, as
before, and the server starts anyway.
"""

from __future__ import annotations

import gc
import logging
import time

from flask import Flask, url_for
from sqlalchemy import select
from sqlalchemy.orm import configure_mappers

log = logging.getLogger(__name__)

# The public pages and feeds a fresh worker is most likely to be asked for first.
PAGES = (
    "/",
    "/kaart",
    "/agenda",
    "/agenda?view=month",
    "/prikbord",
    "/privacy",
    "/api/v1/services",
    "/api/v1/services.geojson",
    "/agenda.ics",
    "/account/inloggen",
)
# Not a real credential: only its presence matters (the page cache leaves such requests alone).
NOT_CACHED = {"Authorization": "Warm-up"}


def _detail_pages(app: Flask) -> list[str]:
    """Return one service page and one activity page, when there are any."""
    from app.activities.models import Activity
    from app.extensions import db
    from app.servicemap.models import Service

    paths = []
    with app.app_context():
        service = db.session.scalars(select(Service).limit(1)).first()
        activity = db.session.scalars(select(Activity).limit(1)).first()
        with app.test_request_context():
            if service is not None:
                paths.append(url_for("servicemap.detail", service_id=service.id, slug=service.slug))
            if activity is not None:
                paths.append(
                    url_for("activities.detail", activity_id=activity.id, slug=activity.slug)
                )
        db.session.remove()
    return paths


def warm_up(app: Flask) -> dict[str, int]:
    """Make in this process what the app otherwise makes on first use; return each page's status.

    Meant for gunicorn's master after ``preload_app`` (see the module's docstring). Safe to call
    when the database is down: what fails is logged and left to the workers.
    """
    from app.extensions import db

    started = time.perf_counter()
    configure_mappers()
    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith((".html", ".txt"))):
        app.jinja_env.get_template(name)
    statuses: dict[str, int] = {}
    try:
        paths = [*PAGES, *_detail_pages(app)]
    except Exception as error:  # noqa: BLE001 — the server must start without a database
        log.warning("warm-up: no detail pages (%s)", error.__class__.__name__)
        paths = list(PAGES)
    client = app.test_client()
    # Every page once in the default language, the home page in each other one: that reads each
    # catalogue and Babel's locale data for dates and numbers.
    requests = [(path, app.config["BABEL_DEFAULT_LOCALE"]) for path in paths]
    requests += [("/", language) for language in app.config["LANGUAGES"]]
    for path, language in requests:
        try:
            response = client.get(path, headers={**NOT_CACHED, "Accept-Language": language})
            statuses.setdefault(path, response.status_code)
            response.close()
        except Exception as error:  # noqa: BLE001 — one broken page must not stop the server
            log.warning("warm-up: %s failed (%s)", path, error.__class__.__name__)
            statuses.setdefault(path, 500)
    failed = sorted(path for path, status in statuses.items() if status >= 500)
    if failed:
        log.warning("warm-up: %s answered 5xx; workers make them on first use", ", ".join(failed))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # no connection of the master's may reach a worker
    gc.collect()
    gc.freeze()  # what the master made stays out of the collector's way: fewer copied pages
    log.info("warm-up: %d pages in %.1f s", len(requests), time.perf_counter() - started)
    return statuses
