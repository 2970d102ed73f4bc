"""The map shell, built with folium: the only module that imports folium.

No user text reaches folium (see RECIPES.md: folium puts popup text unescaped into JavaScript).
The shell holds the tile layer (through /tiles), the neighbourhood boundary and an empty marker
cluster; static/js/servicemap.js fetches the markers as GeoJSON and builds popups with
``textContent``. Leaflet and its plugins come from static/vendor, the scripts carry the nonce.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from typing import Any

import folium
from flask import current_app, url_for
from folium.plugins import MarkerCluster
from markupsafe import Markup

from app.core.security import csp_nonce

_VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>", re.IGNORECASE)
_STYLE = re.compile(r"<style>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script>", re.IGNORECASE)
_FULL_PAGE_CSS = re.compile(r"html,\s*body\s*\{[^}]*\}", re.IGNORECASE)
_SHELL_LOCK = threading.Lock()


def _static(path: str) -> str:
    return url_for("static", filename=path)


def build_map(
    centre: tuple[float, float], boundary: dict[str, Any] | None, zoom: int = 15
) -> folium.Map:
    """Return a folium map with local assets, our tile proxy and an empty marker cluster."""
    fmap = folium.Map(
        location=list(centre),
        zoom_start=zoom,
        tiles=None,
        maxZoom=current_app.config["TILE_MAX_ZOOM"],
        control_scale=True,
        prefer_canvas=False,
    )
    # Only Leaflet and jQuery, from our own origin; no Bootstrap, no fonts, no CDN.
    fmap.default_js = [
        ("leaflet", _static("vendor/leaflet/leaflet.js")),
        ("jquery", _static("vendor/jquery/jquery.min.js")),
    ]
    fmap.default_css = [("leaflet_css", _static("vendor/leaflet/leaflet.css"))]
    tile_url = url_for("servicemap.tile", z=0, x=0, y=0).replace("/0/0/0.png", "/{z}/{x}/{y}.png")
    folium.TileLayer(
        tiles=tile_url,
        attr=current_app.config["TILE_ATTRIBUTION"],
        name="basemap",
        max_zoom=current_app.config["TILE_MAX_ZOOM"],
    ).add_to(fmap)
    if boundary:
        folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": boundary},
            name="boundary",
            style_function=lambda _feature: {
                "color": "#1d4ed8",
                "weight": 2,
                "fillOpacity": 0.04,
            },
        ).add_to(fmap)
    cluster = MarkerCluster(name="services")
    cluster.default_js = [
        ("markerclusterjs", _static("vendor/leaflet.markercluster/leaflet.markercluster.js"))
    ]
    cluster.default_css = [
        ("markerclustercss", _static("vendor/leaflet.markercluster/MarkerCluster.css")),
        (
            "markerclusterdefaultcss",
            _static("vendor/leaflet.markercluster/MarkerCluster.Default.css"),
        ),
    ]
    cluster.add_to(fmap)
    fmap._wp_cluster = cluster  # type: ignore[attr-defined]
    return fmap


NONCE_PLACEHOLDER = "__wp_csp_nonce__"
SHELL_CACHE_SIZE = 32


def _render_shell(
    centre: tuple[float, float], boundary: dict[str, Any] | None, zoom: int
) -> tuple[str, str, str, str]:
    """Render folium once: (header, body html+script, map name, cluster name), nonce left open."""
    fmap = build_map(centre, boundary, zoom)
    root: Any = fmap.get_root()  # a folium Figure: header, html and script parts
    root.render()
    header = root.header.render()
    header = _VIEWPORT.sub("", header)
    header = _FULL_PAGE_CSS.sub("", header)
    header = _STYLE.sub(f'<style nonce="{NONCE_PLACEHOLDER}">', header)
    header = _SCRIPT.sub(f'<script nonce="{NONCE_PLACEHOLDER}">', header)
    body = f'{root.html.render()}</div><script nonce="{NONCE_PLACEHOLDER}">{root.script.render()}</script>'
    cluster_name = fmap._wp_cluster.get_name()  # type: ignore[attr-defined]
    return header, body, fmap.get_name(), cluster_name


def _shell(
    centre: tuple[float, float], boundary: dict[str, Any] | None, zoom: int
) -> tuple[str, str, str, str]:
    """Return the rendered shell from this worker's small cache (folium takes ~20 ms a render).

    The key holds everything the shell is made of, so a changed boundary or setting makes a
    new entry and an old one is never served for it.
    """
    config = current_app.config
    key = json.dumps(
        [centre, boundary, zoom, config["TILE_ATTRIBUTION"], config["TILE_MAX_ZOOM"], _static("")],
        sort_keys=True,
    )
    cache: OrderedDict[str, tuple[str, str, str, str]] = current_app.extensions.setdefault(
        "servicemap_shells", OrderedDict()
    )
    with _SHELL_LOCK:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            return found
    rendered = _render_shell(centre, boundary, zoom)
    with _SHELL_LOCK:
        cache[key] = rendered
        while len(cache) > SHELL_CACHE_SIZE:
            cache.popitem(last=False)
    return rendered


def render_map(
    centre: tuple[float, float],
    boundary: dict[str, Any] | None,
    *,
    markers_url: str | None,
    pick: bool = False,
    zoom: int = 15,
) -> dict[str, Markup]:
    """Render the map shell as ``head`` (assets) and ``body`` (div and script) fragments.

    :param markers_url: where servicemap.js fetches the GeoJSON markers (None: no markers).
    :param pick: let a click on the map fill the latitude/longitude fields of a form.
    """
    header, body, map_name, cluster_name = _shell(centre, boundary, zoom)
    nonce = csp_nonce()
    attrs = (
        f'data-map="{map_name}" data-cluster="{cluster_name}"'
        + (f' data-markers="{Markup.escape(markers_url)}"' if markers_url else "")
        + (' data-pick="1"' if pick else "")
    )
    body = f'<div class="wp-map" id="wp-map" {attrs}>' + body
    # folium's output holds no user text (markers come from the GeoJSON API, see above).
    return {
        "head": Markup(header.replace(NONCE_PLACEHOLDER, nonce)),  # noqa: S704
        "body": Markup(body.replace(NONCE_PLACEHOLDER, nonce)),  # noqa: S704
    }
