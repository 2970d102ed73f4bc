"""Public routes of the social map: the list with its map, one service, one place."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import escape
from sqlalchemy.orm import joinedload

from app.activities import queries as activity_queries
from app.core.access import public
from app.core.assets import IMMUTABLE
from app.core.caching import cacheable
from app.core.i18n import isolate
from app.core.pagination import paginate
from app.extensions import db
from app.neighbourhoods.queries import current_neighbourhood
from app.places.models import Location
from app.servicemap import bp
from app.servicemap.filters import filters_from_args, query_args
from app.servicemap.forms import CorrectionForm
from app.servicemap.mapview import render_map, shell
from app.servicemap.models import Service
from app.servicemap.nearest import no_results
from app.servicemap.notify import mail_correction
from app.servicemap.operations import add_correction, mark_mailed
from app.servicemap.permissions import can_view_service
from app.servicemap.queries import (
    filtered_services,
    list_options,
    map_categories,
    services_at_location,
)
from app.servicemap.schedule import local_now, open_status, week_table

PLACE_SERVICES = 100
PLACE_ACTIVITIES = 20
# What a phone shows of /kaart (?weergave=): the list (the default) or the map.
LIST_VIEW, MAP_VIEW = "lijst", "kaart"


@bp.route("/kaart")
@public
@cacheable
def index():
    """Show the services as a list and, beside it, as a map (on a phone: one of the two)."""
    form, filters = filters_from_args(request.args)
    view = MAP_VIEW if request.args.get("weergave") == MAP_VIEW else LIST_VIEW
    page = paginate(
        filtered_services(filters).options(*list_options()),
        per_page=current_app.config["SERVICES_PER_PAGE"],
    )
    args = query_args(form)
    map_parts = render_map(
        current_neighbourhood(), markers_url=url_for("servicemap.geojson", **args)
    )
    offer = None
    if not page.total and filters.q:
        offer = no_results(filters.q, list(db.session.scalars(map_categories())))
    return render_template(
        "servicemap/index.html",
        form=form,
        page=page,
        statuses={s.id: open_status(s) for s in page.items},
        args=args,
        map_parts=map_parts,
        view=view,
        no_results=offer,
        stale_days=current_app.config["STALE_AFTER_DAYS"],
        now=local_now(),
    )


def _load_service(service_id: int) -> Service:
    """Load a service for its public page, or 404 when this person may not see it."""
    service = db.session.scalar(
        db.select(Service)
        .options(*list_options(), joinedload(Service.verified_by))
        .where(Service.id == service_id)
    )
    if service is None or not can_view_service(current_user, service):
        abort(404)
    return service


def activities_this_week(location_id: int) -> list:
    """Return the calendar's activities at this place in the coming seven days (the first few:
    the agenda's place filter shows them all)."""
    start = local_now().replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        activity_queries.occurrences_at_location(location_id, start, start + timedelta(days=7))
    )[:PLACE_ACTIVITIES]


@bp.route("/kaart/<int:service_id>-<slug>")
@bp.route("/kaart/<int:service_id>", defaults={"slug": None})
@public
@cacheable
def detail(service_id: int, slug: str | None):
    """Show one service: what, where, when open, how to get it, contact."""
    service = _load_service(service_id)
    if slug != service.slug:
        return redirect(url_for("servicemap.detail", service_id=service.id, slug=service.slug), 301)
    others = [
        s
        for s in db.session.scalars(
            services_at_location(service.location_id).limit(PLACE_SERVICES + 1)
        )
        if s.id != service.id
    ]
    return render_template(
        "servicemap/detail.html",
        service=service,
        status=open_status(service),
        week=week_table(service),
        others=others,
        activities=activities_this_week(service.location_id),
        stale_days=current_app.config["STALE_AFTER_DAYS"],
        now=local_now(),
    )


@bp.route("/kaart/plek/<int:location_id>")
@public
@cacheable
def location(location_id: int):
    """Show a place with every service it hosts (e.g. the community centre)."""
    place = db.session.get(Location, location_id)
    if place is None:
        abort(404)
    # Bounded, so that the page never grows with the city (a place hosts a handful in practice).
    services = list(db.session.scalars(services_at_location(location_id).limit(PLACE_SERVICES)))
    return render_template(
        "servicemap/location.html",
        place=place,
        services=services,
        statuses={s.id: open_status(s) for s in services},
        activities=activities_this_week(location_id),
    )


@bp.route("/kaart/<int:service_id>/klopt-niet", methods=["GET", "POST"])
@public
def correction(service_id: int):
    """Let anyone tell the organisation that an entry is not right."""
    service = _load_service(service_id)
    form = CorrectionForm()
    if form.validate_on_submit():
        item = add_correction(service, form.kind.data, form.message.data or "")
        # The mail goes into the outbox with the correction; mailed_at says it is on its way.
        if mail_correction(service, item):
            mark_mailed(item)
        db.session.commit()
        # Escaped text (Markup), so that the organisation's name reaches the page in its <bdi>.
        thanks = escape(_("Thank you. We passed it on to %(org)s."))
        flash(thanks % {"org": isolate(service.organisation.name)}, "success")
        return redirect(url_for("servicemap.detail", service_id=service.id, slug=service.slug))
    return render_template("servicemap/correction.html", service=service, form=form)


@bp.route("/kaart/kaart-<digest>.js")
@public
def map_script(digest: str) -> Response:
    """Serve the map's folium script; its name changes with its content, so it keeps a year."""
    found = shell()
    if digest != found.digest:
        abort(404)
    response = Response(found.script, mimetype="text/javascript")
    response.headers["Cache-Control"] = IMMUTABLE
    return response
