"""On the home screen and offline: the web app manifest, the service worker and the offline page.

- ``/manifest.webmanifest``: ``static/manifest.webmanifest`` with its icons under their hashed
  names (app/core/assets.py).
- ``/sw.js``: ``app/pages/sw.js`` with its settings filled in. It is served from the root so that
  its scope is the whole site, with ``no-cache`` so a browser always sees a new version. Its
  version is a hash of the static build's manifest and of the worker's own source, so every
  deploy with changed static files or a changed worker gives new bytes, and browsers update it.
- ``/offline``: what the worker shows for a page it has no copy of; it keeps it at install, in
  the language of the pages the person reads (``Content-Language`` tells the worker which).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Response, current_app, render_template
from flask_babel import get_locale

from app.core.access import public
from app.core.assets import static_url
from app.core.caching import cacheable
from app.pages import bp

HERE = Path(__file__).parent
WORKER_SOURCE = HERE / "sw.js"
CONFIG_PLACEHOLDER = '"__CONFIG__"'
# What the worker keeps at install, so the pages it keeps can be shown with their look offline.
PRECACHED = (
    "css/wijkplein.css",
    "css/activities.css",
    "css/servicemap.css",
    "img/favicon.svg",
    "js/sw-register.js",
)
# Scripts the worker loads with importScripts (its push handlers, static/js/push-sw.js).
IMPORTED = ("js/push-sw.js",)
NO_CACHE = "no-cache"


def _static_folder() -> Path:
    return Path(current_app.static_folder or "static")


def worker_version(source: str) -> str:
    """Return the version of the worker: a hash of the static build and of its ``source``."""
    manifest = current_app.extensions.get("wijkplein_assets", {})
    digest = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode())
    digest.update(source.encode())
    return digest.hexdigest()[:12]


def worker_script() -> str:
    """Return the service worker's source with its settings filled in."""
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    config = {
        "version": worker_version(source),
        "offline": "/offline",
        "precache": [static_url(name) for name in PRECACHED],
        "assets": {name: static_url(name) for name in PRECACHED},
        # Handlers of other parts, loaded into the same worker (web push: app/push).
        "imports": [static_url(name) for name in IMPORTED],
    }
    return source.replace(CONFIG_PLACEHOLDER, json.dumps(config, sort_keys=True), 1)


@bp.route("/sw.js")
@public
def service_worker():
    """Serve the service worker from the root, so that it may look after every page."""
    response = Response(worker_script(), mimetype="text/javascript")
    response.headers["Cache-Control"] = NO_CACHE
    return response


@bp.route("/manifest.webmanifest")
@public
def web_manifest():
    """Serve the web app manifest, which lets a phone put Wijkplein on its home screen."""
    manifest = json.loads((_static_folder() / "manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        icon["src"] = static_url(icon["src"])
    response = Response(
        json.dumps(manifest, ensure_ascii=False, indent=1), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = NO_CACHE
    return response


@bp.route("/offline")
@public
@cacheable
def offline():
    """Say that this page is not on the phone and there is no connection."""
    response = Response(render_template("pages/offline.html"))
    response.headers["Content-Language"] = str(get_locale() or "nl")
    return response
