"""Open data (HSDS 3.0 JSON, GeoJSON) and the map tile proxy."""

from __future__ import annotations

import hashlib
import math
from typing import Literal

from flask import Response, abort, current_app, jsonify, request, url_for
from werkzeug.datastructures import MultiDict

from app.core.access import public
from app.core.caching import cacheable
from app.extensions import db
from app.places.models import Location
from app.servicemap import bp
from app.servicemap.filters import filters_from_args
from app.servicemap.hsds import page_document, service_document
from app.servicemap.models import Service
from app.servicemap.queries import (
    count_of,
    filtered_services,
    list_options,
    map_categories,
    marker_rows,
)
from app.servicemap.tiles import TileUnavailable, fetch_tile, valid_tile

MAX_PER_PAGE = 100
MAX_FEATURES = 10000


def _api_args() -> MultiDict:
    """The page's filter names, plus HSDS's own ``search`` for the free text."""
    args = MultiDict(request.args)
    if "search" in args and "q" not in args:
        args["q"] = args["search"]
    return args


def _int_arg(name: str, default: int, lowest: int, highest: int) -> int:
    value = request.args.get(name, type=int)
    if value is None:
        return default
    return max(lowest, min(highest, value))


@bp.route("/api/v1/services")
@public
@cacheable
def api_services():
    """List services in HSDS 3.0 shape, paginated, with the filters of the map page."""
    _form, filters = filters_from_args(_api_args())
    page = _int_arg("page", 1, 1, 1_000_000)
    per_page = _int_arg("per_page", 25, 1, MAX_PER_PAGE)
    stmt = filtered_services(filters)
    total = db.session.scalar(count_of(stmt)) or 0
    services = db.session.scalars(
        stmt.options(*list_options()).limit(per_page).offset((page - 1) * per_page)
    ).unique()
    items = [service_document(s) for s in services]
    response = jsonify(page_document(items, total=total, page=page, per_page=per_page))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/api/v1/services/<string:service_uuid>")
@public
@cacheable
def api_service(service_uuid: str):
    """Return one service in HSDS 3.0 shape."""
    service = db.session.scalar(
        db.select(Service).options(*list_options()).where(Service.uuid == service_uuid)
    )
    if service is None:
        return jsonify({"error": "not found"}), 404
    response = jsonify(service_document(service))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _bbox(value: str | None) -> tuple[float, float, float, float] | None | Literal[False]:
    """Read ``west,south,east,north`` (None: no box; False: not a valid box)."""
    if value is None or value == "":
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        return False
    if not all(math.isfinite(n) for n in (west, south, east, north)):
        return False
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return False
    return west, south, east, north


@bp.route("/api/v1/services.geojson")
@public
@cacheable
def geojson():
    """Return the services matching the filters as GeoJSON points (the map's markers)."""
    box = _bbox(request.args.get("bbox"))
    if box is False:
        return jsonify(error="Give bbox as west,south,east,north in degrees (WGS 84)."), 400
    _form, filters = filters_from_args(_api_args())
    categories = {c.slug: c for c in db.session.scalars(map_categories())}
    features = []
    rows = marker_rows(filters, limit=MAX_FEATURES)
    if box:
        west, south, east, north = box
        rows = rows.where(
            Location.longitude.between(west, east), Location.latitude.between(south, north)
        )
    for row in db.session.execute(rows):
        category = categories.get(row.category) if row.category else None
        features.append(
            {
                "type": "Feature",
                "id": row.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row.longitude, 6), round(row.latitude, 6)],
                },
                "properties": {
                    "name": row.name,
                    "organisation": row.organisation,
                    "address": row.address,
                    "url": url_for("servicemap.detail", service_id=row.id, slug=row.slug),
                    "category": row.category,
                    "category_name": category.name if category else None,
                    "colour": category.colour if category else "#4b5563",
                    "open_now": bool(row.open_now),
                    "demo": bool(row.is_demo),
                },
            }
        )
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.headers["Content-Type"] = "application/geo+json"
    return response


@bp.route("/tiles/<int:z>/<int:x>/<int:y>.png")
@public
def tile(z: int, x: int, y: int):
    """Pass a map tile through our own origin (no cookies or referrer reach the tile server)."""
    if not valid_tile(z, x, y, current_app.config["TILE_MAX_ZOOM"]):
        abort(404)
    try:
        body = fetch_tile(z, x, y)
    except TileUnavailable:
        current_app.logger.warning("tile %s/%s/%s unavailable", z, x, y)
        response = Response(b"", status=502, mimetype="text/plain")
        response.headers["Cache-Control"] = "no-store"
        return response
    response = Response(body, mimetype="image/png")
    response.headers["Cache-Control"] = (
        f"public, max-age={current_app.config['TILE_CACHE_SECONDS']}"
    )
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    response.headers.pop("Set-Cookie", None)
    return response.make_conditional(request)
