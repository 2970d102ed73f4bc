"""The map shell, built with folium: the only module that imports folium.

folium is imported with this module, when the app starts (importing it costs seconds on a
busy machine), never inside the first request. The shell is what is the same on every map:
Leaflet with our tile proxy (/tiles) and an empty marker cluster. What differs per page (the
centre, the zoom, the neighbourhood boundary, where the markers come from) goes into data
attributes of the map's box, and static/js/servicemap.js applies it: it sets the view, draws
the boundary, fetches the markers as GeoJSON and builds their popups with ``textContent``.
So no user text ever reaches folium's JavaScript (folium puts popup text unescaped into it).

Only Leaflet and MarkerCluster are loaded, from static/vendor: not folium's jQuery, Bootstrap,
Font Awesome or awesome-markers (nothing here uses them). folium's whole-page pieces (a
viewport that forbids zooming, full-height html/body, inline styles) are left out through its
own template hook; servicemap.css sizes the map. folium's script is the same on every page, so
it is served as a file of its own (``/kaart/kaart-<digest>.js``, cached for a year) instead of
an inline script with the CSP nonce: a page with the map carries no nonce and a proxy may cache
it. Every script is deferred, so nothing but stylesheets holds up the first paint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import folium
from flask import current_app, url_for
from folium.plugins import MarkerCluster
from folium.template import Template
from markupsafe import Markup

# Where the neighbourhood's centre is not known: Crabbehof, Dordrecht.
CRABBEHOF = (51.7955, 4.6670)


class LeanMap(folium.Map):
    """A folium map with only Leaflet, that leaves the page, its view and its styles alone.

    The view is left unset on purpose: Leaflet adds the layers once servicemap.js sets it from
    the box's data attributes, so no tiles load for a centre that is not the page's.
    """

    default_js = [("leaflet", "vendor/leaflet/leaflet.js")]
    default_css = [("leaflet_css", "vendor/leaflet/leaflet.css")]
    _template = Template(
        """
        {% macro header(this, kwargs) %}{% endmacro %}

        {% macro html(this, kwargs) %}
            <div class="folium-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {crs: L.CRS.{{ this.crs }}, ...{{ this.options|tojavascript }}}
            );
            {%- if this.control_scale %}
            L.control.scale().addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )


class LeanMarkerCluster(MarkerCluster):
    """folium's marker cluster with its scripts and styles from our own origin."""

    default_js = [("markerclusterjs", "vendor/leaflet.markercluster/leaflet.markercluster.js")]
    default_css = [
        ("markerclustercss", "vendor/leaflet.markercluster/MarkerCluster.css"),
        ("markerclusterdefaultcss", "vendor/leaflet.markercluster/MarkerCluster.Default.css"),
    ]


@dataclass(frozen=True)
class Shell:
    """A rendered map shell: its static files, the map's element, its script and its names.

    ``css`` and ``js`` are the static files (names under static/, for ``static_url``) that
    folium's elements declare, in order; ``digest`` names this version of ``script``.
    """

    css: tuple[str, ...]
    js: tuple[str, ...]
    html: Markup
    script: str
    digest: str
    map_name: str
    cluster_name: str


def build_shell() -> Shell:
    """Render the map shell with folium (about 20 ms): the same for every page of this app."""
    config = current_app.config
    fmap = LeanMap(
        location=CRABBEHOF,  # folium wants one; the template leaves it out (see LeanMap)
        zoom_start=None,  # type: ignore[arg-type]  # no zoom option: servicemap.js sets it
        tiles=None,
        maxZoom=config["TILE_MAX_ZOOM"],
        control_scale=True,
    )
    tile_url = url_for("servicemap.tile", z=0, x=0, y=0).replace("/0/0/0.png", "/{z}/{x}/{y}.png")
    tiles = folium.TileLayer(
        tiles=tile_url,
        attr=config["TILE_ATTRIBUTION"],
        name="basemap",
        max_zoom=config["TILE_MAX_ZOOM"],
    )
    tiles.add_to(fmap)
    cluster = LeanMarkerCluster(name="services").add_to(fmap)
    # The same names in every worker, so a page from one matches the script from another.
    for element, name in ((fmap, "wijkplein"), (tiles, "basemap"), (cluster, "services")):
        element._id = name  # branca's random element id, which the names are made of
    root: Any = fmap.get_root()  # a folium Figure: header, html and script parts
    root.render()
    script = root.script.render()
    # folium renders only our settings and names here, no user text and no data.
    return Shell(
        css=tuple(url for _, url in [*LeanMap.default_css, *LeanMarkerCluster.default_css]),
        js=tuple(url for _, url in [*LeanMap.default_js, *LeanMarkerCluster.default_js]),
        html=Markup(root.html.render()),  # noqa: S704  # nosec B704
        script=script,
        digest=hashlib.sha256(script.encode()).hexdigest()[:12],
        map_name=fmap.get_name(),
        cluster_name=cluster.get_name(),
    )


def shell() -> Shell:
    """Return this app's map shell, rendered on first use.

    The cache holds only the empty shell: Leaflet, the tile layer and an empty cluster, made
    from settings that are fixed while the app runs. Nothing that can change (a boundary, a
    centre, a service) is in it; that travels in the page. Two threads rendering it at the
    same moment make the same shell, so no lock is needed.
    """
    found = current_app.extensions.get("servicemap_shell")
    if found is None:
        found = current_app.extensions["servicemap_shell"] = build_shell()
    return found


def map_centre(neighbourhood: Any) -> tuple[float, float]:
    """Return the neighbourhood's centre, or Crabbehof's."""
    return (neighbourhood.centre if neighbourhood and neighbourhood.centre else None) or CRABBEHOF


def render_map(
    neighbourhood: Any,
    *,
    markers_url: str | None,
    pick: bool = False,
    zoom: int = 15,
    centre: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Return what a template needs to show the map (see templates/servicemap/_map.html).

    :param markers_url: where servicemap.js fetches the GeoJSON markers (None: no markers).
    :param pick: let a click on the map fill the latitude/longitude fields of a form.
    :param centre: where to look first (default: the neighbourhood's centre).
    """
    return {
        "shell": shell(),
        "centre": centre or map_centre(neighbourhood),
        "zoom": zoom,
        "boundary": neighbourhood.boundary if neighbourhood else None,
        "markers_url": markers_url,
        "pick": pick,
    }
