"""Maintenance under /beheer/kaart: professionals keep their organisation's entries current."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.accounts.roles import ADMIN, PROFESSIONAL
from app.core.access import roles_required
from app.extensions import db
from app.organisations.models import Organisation
from app.servicemap import bp
from app.servicemap.forms import (
    CORRECTION_LABELS,
    CategoryForm,
    RemoveForm,
    RestoreForm,
    ServiceForm,
    VerifyForm,
    as_choices,
)
from app.servicemap.geocoder import GeocoderUnavailable, get_geocoder
from app.servicemap.models import Service
from app.servicemap.operations import (
    EditConflict,
    ServiceData,
    create_service,
    set_active,
    update_service,
    verify_service,
)
from app.servicemap.permissions import (
    can_create_service,
    can_edit_service,
    can_manage_categories,
    can_verify_service,
    can_view_history,
    managed_organisation_ids,
)
from app.servicemap.queries import (
    list_options,
    managed_services,
    map_categories,
    service_corrections,
    service_history,
    stale_before,
)
from app.servicemap.schedule import (
    WEEKDAY_CODES,
    format_exception,
    format_periods,
    parse_exception_lines,
    parse_periods,
)
from app.taxonomy.models import Category
from app.taxonomy.operations import add_category, slug_taken


def _stale_days() -> int:
    return current_app.config["STALE_AFTER_DAYS"]


@bp.route("/beheer/kaart")
@roles_required(PROFESSIONAL, ADMIN)
def manage():
    """List the entries this professional maintains, those unchecked longest first."""
    pagination = db.paginate(
        managed_services(managed_organisation_ids(current_user)), per_page=50, error_out=False
    )
    return render_template(
        "servicemap/manage/list.html",
        pagination=pagination,
        cutoff=stale_before(_stale_days()),
        stale_days=_stale_days(),
        verify_form=VerifyForm(),
    )


def _organisation_choices() -> list[tuple[int, str]]:
    ids = managed_organisation_ids(current_user)
    stmt = select(Organisation).order_by(Organisation.name)
    if ids is not None:
        stmt = stmt.where(Organisation.id.in_(ids or [-1]))
    return [(o.id, o.name) for o in db.session.scalars(stmt)]


def _prepare(form: ServiceForm) -> dict[int, Category]:
    form.organisation.choices = as_choices(_organisation_choices())
    categories = {c.id: c for c in db.session.scalars(map_categories())}
    form.categories.choices = as_choices((c.id, c.name) for c in categories.values())
    return categories


def _fill_form(form: ServiceForm, service: Service) -> None:
    location = service.location
    form.name.data = service.name
    form.organisation.data = service.organisation_id
    form.description.data = service.description
    form.categories.data = [c.id for c in service.categories]
    form.languages.data = service.language_codes
    form.target_groups.data = ", ".join(service.target_groups or [])
    form.is_free.data = service.is_free
    form.cost.data = service.cost
    form.access.data = service.access
    form.phone.data = service.phone
    form.email.data = service.email
    form.website.data = service.website
    form.location_name.data = location.name
    form.address.data = location.address
    form.postcode.data = location.postcode
    form.city.data = location.city
    form.latitude.data = location.latitude
    form.longitude.data = location.longitude
    form.wheelchair_accessible.data = location.wheelchair_accessible
    form.hearing_loop.data = location.hearing_loop
    for index, field in enumerate(form.hour_fields()):
        field.data = format_periods(
            [(h.opens_at, h.closes_at) for h in service.hours if h.weekday == index]
        )
    form.exceptions.data = "\n".join(format_exception(e) for e in service.exceptions)
    form.version.data = str(service.version)


def _coordinates(form: ServiceForm, service: Service | None) -> tuple[float, float] | None:
    """Return coordinates for the address: typed or clicked, else from the geocoder.

    Put an error on the form and return None when there are none.
    """
    lat, lon = form.latitude.data, form.longitude.data
    if service is not None and lat is not None and lon is not None:
        old = service.location
        moved = (old.address.strip().lower(), (old.postcode or "").upper()) != (
            form.address.data.strip().lower(),
            (form.postcode.data or "").strip().upper().replace(" ", " "),
        )
        unchanged_point = (lat, lon) == (old.latitude, old.longitude)
        if moved and unchanged_point:
            lat = lon = None  # the address changed: look its point up again
    if lat is not None and lon is not None:
        return lat, lon
    try:
        found = get_geocoder().geocode(form.address.data, form.postcode.data, form.city.data)
    except GeocoderUnavailable:
        form.latitude.errors = list(form.latitude.errors) + [
            _(
                "The address lookup does not answer right now. Fill in latitude and longitude, "
                "or click on the map."
            )
        ]
        return None
    if found is None:
        form.address.errors = list(form.address.errors) + [
            _("We could not find this address. Check it, or fill in latitude and longitude.")
        ]
        return None
    if not form.postcode.data and found.postcode:
        form.postcode.data = found.postcode
    return found.latitude, found.longitude


def _data_from(
    form: ServiceForm, categories: dict[int, Category], point: tuple[float, float], is_demo: bool
) -> ServiceData:
    organisation = db.session.get(Organisation, form.organisation.data)
    assert organisation is not None
    postcode = (form.postcode.data or "").strip().upper()
    if len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    return ServiceData(
        name=form.name.data,
        organisation=organisation,
        description=form.description.data or "",
        categories=[categories[i] for i in form.categories.data if i in categories],
        languages=list(form.languages.data or []),
        target_groups=[g for g in (form.target_groups.data or "").split(",") if g.strip()],
        is_free=bool(form.is_free.data),
        cost=form.cost.data or "",
        access=form.access.data,
        phone=form.phone.data,
        email=(form.email.data or "").strip().lower() or None,
        website=form.website.data,
        location_name=form.location_name.data or "",
        address=form.address.data.strip(),
        postcode=postcode or None,
        city=form.city.data,
        latitude=point[0],
        longitude=point[1],
        wheelchair_accessible=bool(form.wheelchair_accessible.data),
        hearing_loop=bool(form.hearing_loop.data),
        hours={i: parse_periods(f.data) for i, f in enumerate(form.hour_fields()) if f.data},
        exceptions=parse_exception_lines(form.exceptions.data),
        is_demo=is_demo,
    )


def _picker(form: ServiceForm):
    from app.neighbourhoods.queries import default_neighbourhood
    from app.servicemap.mapview import render_map
    from app.servicemap.views import _map_centre

    neighbourhood = default_neighbourhood()
    centre = _map_centre(neighbourhood)
    if (
        form.latitude.data is not None
        and form.longitude.data is not None
        and not form.latitude.errors
    ):
        centre = (form.latitude.data, form.longitude.data)
    return render_map(
        centre,
        neighbourhood.boundary if neighbourhood else None,
        markers_url=None,
        pick=True,
        zoom=16,
    )


@bp.route("/beheer/kaart/nieuw", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def manage_new():
    """Add a service of one's own organisation."""
    if not can_create_service(current_user):
        abort(403)
    form = ServiceForm()
    categories = _prepare(form)
    if form.validate_on_submit():
        point = _coordinates(form, None)
        if point is not None:
            service = create_service(_data_from(form, categories, point, False), current_user)
            db.session.commit()
            flash(_("The service is on the map."), "success")
            return redirect(url_for("servicemap.detail", service_id=service.id, slug=service.slug))
    return render_template(
        "servicemap/manage/form.html",
        form=form,
        service=None,
        map_parts=_picker(form),
        conflict=False,
    )


def _editable(service_id: int, rule=can_edit_service) -> Service:
    """Load a service or 404; refuse (403) whoever ``rule`` does not allow."""
    service = db.session.scalar(
        select(Service).options(*list_options()).where(Service.id == service_id)
    )
    if service is None:
        abort(404)
    if not rule(current_user, service):
        abort(403)
    return service


@bp.route("/beheer/kaart/<int:service_id>/bewerken", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def manage_edit(service_id: int):
    """Edit a service; a save based on an outdated version is refused."""
    service = _editable(service_id)
    form = ServiceForm()
    categories = _prepare(form)
    conflict = False
    if form.validate_on_submit():
        try:
            expected = int(form.version.data or 0)
        except ValueError:
            expected = 0
        point = _coordinates(form, service)
        if point is not None:
            try:
                changed = update_service(
                    service,
                    _data_from(form, categories, point, service.is_demo),
                    current_user,
                    expected,
                )
            except EditConflict:
                db.session.rollback()
                service = _editable(service_id)
                conflict = True
                form.version.data = str(service.version)
            else:
                db.session.commit()
                flash(_("Saved.") if changed else _("Nothing changed."), "success")
                return redirect(url_for("servicemap.manage"))
    elif not form.is_submitted():
        _fill_form(form, service)
    return render_template(
        "servicemap/manage/form.html",
        form=form,
        service=service,
        map_parts=_picker(form),
        conflict=conflict,
        status_form=RestoreForm() if not service.is_active else RemoveForm(),
    ), (409 if conflict else 200)


@bp.route("/beheer/kaart/<int:service_id>/controleren", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def manage_verify(service_id: int):
    """Mark a service as checked and still correct, in one click."""
    service = _editable(service_id, can_verify_service)
    form = VerifyForm()
    if form.validate_on_submit():
        verify_service(service, current_user)
        db.session.commit()
        flash(_("Thank you. %(name)s is marked as checked today.", name=service.name), "success")
    return redirect(url_for("servicemap.manage"))


@bp.route("/beheer/kaart/<int:service_id>/van-de-kaart", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def manage_remove(service_id: int):
    """Take a service that stopped off the map; it stays, with its history, for maintainers."""
    service = _editable(service_id)
    if RemoveForm().validate_on_submit():
        set_active(service, current_user, False)
        db.session.commit()
        flash(_("%(name)s is taken off the map.", name=service.name), "success")
    return redirect(url_for("servicemap.manage"))


@bp.route("/beheer/kaart/<int:service_id>/terug-op-de-kaart", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def manage_restore(service_id: int):
    """Put a service back on the map."""
    service = _editable(service_id)
    if RestoreForm().validate_on_submit():
        set_active(service, current_user, True)
        db.session.commit()
        flash(_("%(name)s is back on the map.", name=service.name), "success")
    return redirect(url_for("servicemap.manage"))


@bp.route("/beheer/kaart/<int:service_id>/geschiedenis")
@roles_required(PROFESSIONAL, ADMIN)
def manage_history(service_id: int):
    """Show who changed what, and when."""
    service = db.session.scalar(
        select(Service).options(joinedload(Service.organisation)).where(Service.id == service_id)
    )
    if service is None:
        abort(404)
    if not can_view_history(current_user, service):
        abort(403)
    changes = list(db.session.scalars(service_history(service.id)))
    corrections = list(db.session.scalars(service_corrections(service.id)))
    return render_template(
        "servicemap/manage/history.html",
        service=service,
        changes=changes,
        corrections=corrections,
        correction_label=lambda kind: CORRECTION_LABELS.get(kind, kind),
    )


@bp.route("/beheer/kaart/categorieen", methods=["GET", "POST"])
@roles_required(ADMIN)
def manage_categories():
    """Let admins extend the taxonomy with a category named in every language."""
    if not can_manage_categories(current_user):
        abort(403)
    form = CategoryForm()
    if form.validate_on_submit():
        if slug_taken(form.slug.data):
            form.slug.errors = list(form.slug.errors) + [_("This short code is already in use.")]
        else:
            scopes = [
                s
                for s, on in (
                    ("map", form.on_map.data),
                    ("calendar", form.on_calendar.data),
                    ("board", form.on_board.data),
                )
                if on
            ]
            names = {
                lang: getattr(form, f"name_{lang}").data.strip()
                for lang in ("nl", "en", "ar", "tr", "pl")
                if getattr(form, f"name_{lang}").data
            }
            add_category(
                form.slug.data, names, form.colour.data, scopes, bool(form.is_sensitive.data)
            )
            db.session.commit()
            flash(_("The category is added."), "success")
            return redirect(url_for("servicemap.manage_categories"))
    categories = list(
        db.session.scalars(select(Category).order_by(Category.sort_order, Category.id))
    )
    return render_template(
        "servicemap/manage/categories.html",
        form=form,
        categories=categories,
        weekday_codes=WEEKDAY_CODES,
    )
