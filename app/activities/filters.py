"""The agenda's filters: the form read from the query string, and what it narrows down to."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, or_, select

from app.activities.forms import FilterForm, as_choices
from app.activities.labels import LANGUAGE_CODES, LANGUAGE_LABELS
from app.activities.models import TARGET_GROUPS, Activity
from app.activities.queries import Filters, published_activities
from app.core.params import parse_id
from app.extensions import db
from app.places.models import Location
from app.taxonomy.models import Category


def filter_form(first: date | None = None, last: date | None = None) -> FilterForm:
    """Build the agenda's filter form from the query string, with its choices.

    The place filter offers only the places where a published activity can take place between
    ``first`` and ``last`` (all days when not given), plus the place already chosen: its length
    follows the activities shown, not the city's number of addresses. The agenda calls
    :func:`offer_places` again once it knows the period the form chose.
    """
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
    form.validate()
    if first is not None or last is not None:
        offer_places(form, first, last)
    return form


def offer_places(
    form: FilterForm, first: date | None, last: date | None, neighbourhood_id: int | None = None
) -> None:
    """Set the place filter's choices: places with activities between ``first`` and ``last``.

    :param neighbourhood_id: only places of that neighbourhood's activities (the agenda's).
    """
    held = (
        published_activities(Filters(neighbourhood_id=neighbourhood_id), first=first, last=last)
        .with_only_columns(Activity.location_id)
        .order_by(None)
    )
    chosen = parse_id(form.place.data or "")
    where: ColumnElement[bool] = Location.id.in_(
        held.where(Activity.location_id.is_not(None)).scalar_subquery()
    )
    if chosen:
        where = or_(where, Location.id == chosen)
    places = db.session.scalars(select(Location).where(where).order_by(Location.name)).all()
    form.place.choices = as_choices([("", _("All places"))] + [(str(p.id), p.name) for p in places])


def filters_from(form: FilterForm, neighbourhood_id: int | None = None) -> Filters:
    """Return what the filled-in form narrows the agenda down to (unknown codes: no filter).

    :param neighbourhood_id: the neighbourhood the agenda follows (None: all, as the feeds).
    """
    place = form.place.data or ""
    return Filters(
        neighbourhood_id=neighbourhood_id,
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
