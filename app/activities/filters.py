"""The agenda's filters: the form read from the query string, and what it narrows down to."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select

from app.activities.forms import FilterForm, as_choices
from app.activities.labels import LANGUAGE_CODES, LANGUAGE_LABELS
from app.activities.models import TARGET_GROUPS
from app.activities.queries import Filters
from app.core.params import parse_id
from app.extensions import db
from app.places.models import Location
from app.taxonomy.models import Category


def filter_form() -> FilterForm:
    """Build the agenda's filter form from the query string, with its choices."""
    form = FilterForm(request.args)
    categories = db.session.scalars(select(Category).order_by(Category.sort_order)).all()
    form.category.choices = as_choices(
        [("", _("All categories"))]
        + [(c.slug, c.name) for c in categories if "calendar" in (c.scopes or [])]
    )
    form.target.choices = as_choices(
        [("", _("Everyone"))]
        + [(code, str(label)) for code, label in TARGET_GROUPS.items() if code != "everyone"]
    )
    form.language.choices = as_choices(
        [("", _("All languages"))] + [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES]
    )
    places = db.session.scalars(select(Location).order_by(Location.name)).all()
    form.place.choices = as_choices([("", _("All places"))] + [(str(p.id), p.name) for p in places])
    form.validate()
    return form


def filters_from(form: FilterForm) -> Filters:
    """Return what the filled-in form narrows the agenda down to (unknown codes: no filter)."""
    place = form.place.data or ""
    return Filters(
        category=form.category.data or None,
        target_group=form.target.data if form.target.data in TARGET_GROUPS else None,
        language=form.language.data if form.language.data in LANGUAGE_CODES else None,
        free=bool(form.free.data),
        location_id=parse_id(place),
    )


def query_args(form: FilterForm, **changes: Any) -> dict[str, Any]:
    """Return the current filters as query arguments, with ``changes`` applied."""
    args = {
        "view": form.view.data or "list",
        "period": form.period.data or "",
        "date": form.date.data.isoformat() if form.date.data and not form.date.errors else "",
        "category": form.category.data or "",
        "target": form.target.data or "",
        "language": form.language.data or "",
        "place": form.place.data or "",
        "free": "y" if form.free.data else "",
    }
    args.update(changes)
    return {k: v for k, v in args.items() if v}
