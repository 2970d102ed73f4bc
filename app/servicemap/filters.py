"""Reading the list's filters from the query string (shared by the page, the map and the API)."""

from __future__ import annotations

import math
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.core.forms import as_choices
from app.extensions import db
from app.servicemap.forms import FilterForm
from app.servicemap.languages import SPOKEN_LANGUAGES
from app.servicemap.queries import ServiceFilters, map_categories


def filters_from_args(args: MultiDict) -> tuple[FilterForm, ServiceFilters]:
    """Bind the GET form and return it with the filters it holds (bad values are ignored)."""
    form = FilterForm(formdata=args)
    categories = list(db.session.scalars(map_categories()))
    form.category.choices = as_choices(
        [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
    )
    form.language.choices = as_choices(
        [("", _("All languages"))]
        + [(code, str(label)) for code, label in SPOKEN_LANGUAGES.items()]
    )
    form.validate()
    slugs = {c.slug for c in categories}
    near = (form.lat.data, form.lon.data) if _has_position(form) else None
    filters = ServiceFilters(
        category=form.category.data if form.category.data in slugs else None,
        open_now=bool(form.open_now.data),
        language=form.language.data if form.language.data in SPOKEN_LANGUAGES else None,
        q=(form.q.data or "").strip() or None if not form.q.errors else None,
        near=near,
    )
    return form, filters


def _has_position(form: FilterForm) -> bool:
    """Tell whether the form holds a usable position (both numbers, finite, in range)."""
    lat, lon = form.lat.data, form.lon.data
    if lat is None or lon is None or form.lat.errors or form.lon.errors:
        return False
    return math.isfinite(lat) and math.isfinite(lon)


def query_args(form: FilterForm) -> dict[str, Any]:
    """The filters as query parameters (to build links that keep them, and the GeoJSON URL)."""
    args: dict[str, Any] = {}
    if form.q.data and not form.q.errors:
        args["q"] = form.q.data.strip()
    for name in ("category", "language"):
        value = getattr(form, name).data
        if value:
            args[name] = value
    if form.open_now.data:
        args["open_now"] = "y"
    if _has_position(form):
        args["lat"] = form.lat.data
        args["lon"] = form.lon.data
    return args
