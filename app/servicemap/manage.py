"""Maintenance under /beheer/kaart: professionals keep their organisation's entries current.

The routes live on their own blueprint, nested in the map's (endpoints
``servicemap.manage.<name>``). Each view loads, authorises, validates, operates, commits once
and redirects; what a filled-in form means is ``service_form.service_data``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.core.access import ADMIN, PROFESSIONAL, roles_required
from app.core.forms import as_choices
from app.core.pagination import paginate
from app.extensions import db
from app.media.operations import change_photo
from app.neighbourhoods.queries import default_neighbourhood
from app.organisations.models import Organisation
from app.servicemap.forms import (
    CategoryForm,
    PillarForm,
    RemoveForm,
    RestoreForm,
    SynonymsForm,
    VerifyForm,
)
from app.servicemap.history import shown_changes
from app.servicemap.mapview import render_map
from app.servicemap.models import Service
from app.servicemap.operations import (
    EditConflict,
    create_service,
    set_active,
    update_service,
    verify_service,
)
from app.servicemap.permissions import (
    can_create_service,
    can_edit_service,
    can_edit_synonyms,
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
from app.servicemap.search import reindex_services
from app.servicemap.service_form import ServiceForm, service_data
from app.taxonomy.models import Category
from app.taxonomy.operations import add_category, set_synonyms, slug_taken
from app.taxonomy.synonyms import BUILTIN_SYNONYMS

bp = Blueprint("manage", __name__)


def _stale_days() -> int:
    return current_app.config["STALE_AFTER_DAYS"]


@bp.route("")
@roles_required(PROFESSIONAL, ADMIN)
def index():
    """List the entries this professional maintains, those unchecked longest first."""
    ids = managed_organisation_ids(current_user)
    page = paginate(managed_services(ids), per_page=50)
    organisations = select(Organisation).order_by(Organisation.name)
    if ids is not None:
        organisations = organisations.where(Organisation.id.in_(ids or [-1]))
    return render_template(
        "servicemap/manage/list.html",
        page=page,
        organisations=list(db.session.scalars(organisations)),
        cutoff=stale_before(_stale_days()),
        stale_days=_stale_days(),
        verify_form=VerifyForm(),
    )


def _prepare(form: ServiceForm) -> tuple[dict[int, Organisation], dict[int, Category]]:
    """Offer the organisations this person keeps and the map's categories; return both."""
    ids = managed_organisation_ids(current_user)
    stmt = select(Organisation).order_by(Organisation.name)
    if ids is not None:
        stmt = stmt.where(Organisation.id.in_(ids or [-1]))
    organisations = {o.id: o for o in db.session.scalars(stmt)}
    categories = {c.id: c for c in db.session.scalars(map_categories())}
    form.offer(organisations.values(), categories.values())
    return organisations, categories


def _picker(form: ServiceForm) -> dict[str, Any]:
    """The small map to click a point on: at the point in the form, else the neighbourhood."""
    return render_map(
        default_neighbourhood(), markers_url=None, pick=True, zoom=16, centre=form.picked_point()
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def new():
    """Add a service of one's own organisation."""
    if not can_create_service(current_user):
        abort(403)
    form = ServiceForm()
    organisations, categories = _prepare(form)
    if form.validate_on_submit():
        data = service_data(form, organisations=organisations, categories=categories)
        if data is not None:
            service = create_service(data, current_user)
            change_photo(service, "image", form.photo_change(), current_user)
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


def _editable(service_id: int, rule: Callable[[Any, Service], bool] = can_edit_service) -> Service:
    """Load a service or 404; refuse (403) whoever ``rule`` does not allow."""
    service = db.session.scalar(
        select(Service).options(*list_options()).where(Service.id == service_id)
    )
    if service is None:
        abort(404)
    if not rule(current_user, service):
        abort(403)
    return service


@bp.route("/<int:service_id>/bewerken", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def edit(service_id: int):
    """Edit a service; a save based on an outdated version is refused."""
    service = _editable(service_id)
    form = ServiceForm()
    form.current_image = service.image
    organisations, categories = _prepare(form)
    conflict = False
    if form.validate_on_submit():
        data = service_data(
            form, organisations=organisations, categories=categories, service=service
        )
        if data is not None:
            try:
                changed = update_service(service, data, current_user, form.expected_version())
                changed = (
                    change_photo(service, "image", form.photo_change(), current_user) or changed
                )
            except EditConflict:
                db.session.rollback()
                service = _editable(service_id)
                conflict = True
                form.version.data = str(service.version)
            else:
                db.session.commit()
                flash(_("Saved.") if changed else _("Nothing changed."), "success")
                return redirect(url_for("servicemap.manage.index"))
    elif not form.is_submitted():
        form.load(service)
    return render_template(
        "servicemap/manage/form.html",
        form=form,
        service=service,
        map_parts=_picker(form),
        conflict=conflict,
        status_form=RestoreForm() if not service.is_active else RemoveForm(),
    ), (409 if conflict else 200)


@bp.route("/<int:service_id>/controleren", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def verify(service_id: int):
    """Mark a service as checked and still correct, in one click."""
    service = _editable(service_id, can_verify_service)
    if VerifyForm().validate_on_submit():
        verify_service(service, current_user)
        db.session.commit()
        flash(_("Thank you. %(name)s is marked as checked today.", name=service.name), "success")
    return redirect(url_for("servicemap.manage.index"))


@bp.route("/<int:service_id>/van-de-kaart", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def remove(service_id: int):
    """Take a service that stopped off the map; it stays, with its history, for maintainers."""
    service = _editable(service_id)
    if RemoveForm().validate_on_submit():
        set_active(service, current_user, False)
        db.session.commit()
        flash(_("%(name)s is taken off the map.", name=service.name), "success")
    return redirect(url_for("servicemap.manage.index"))


@bp.route("/<int:service_id>/terug-op-de-kaart", methods=["POST"])
@roles_required(PROFESSIONAL, ADMIN)
def restore(service_id: int):
    """Put a service back on the map."""
    service = _editable(service_id)
    if RestoreForm().validate_on_submit():
        set_active(service, current_user, True)
        db.session.commit()
        flash(_("%(name)s is back on the map.", name=service.name), "success")
    return redirect(url_for("servicemap.manage.index"))


@bp.route("/<int:service_id>/geschiedenis")
@roles_required(PROFESSIONAL, ADMIN)
def history(service_id: int):
    """Show who changed what, and when."""
    service = db.session.scalar(
        select(Service).options(joinedload(Service.organisation)).where(Service.id == service_id)
    )
    if service is None:
        abort(404)
    if not can_view_history(current_user, service):
        abort(403)
    category_names = {c.slug: c.name for c in db.session.scalars(select(Category))}
    return render_template(
        "servicemap/manage/history.html",
        service=service,
        changes=[
            (change, shown_changes(change.changes, category_names))
            for change in db.session.scalars(service_history(service.id))
        ],
        corrections=list(db.session.scalars(service_corrections(service.id))),
    )


@bp.route("/categorieen", methods=["GET", "POST"])
@roles_required(ADMIN)
def categories():
    """Let admins extend the taxonomy with a category named in every language."""
    if not can_manage_categories(current_user):
        abort(403)
    form = CategoryForm()
    if form.validate_on_submit():
        if slug_taken(form.slug.data):
            form.slug.errors = list(form.slug.errors) + [_("This short code is already in use.")]
        else:
            add_category(
                form.slug.data,
                form.names(),
                form.colour.data,
                form.scopes(),
                bool(form.is_sensitive.data),
            )
            db.session.commit()
            flash(_("The category is added."), "success")
            return redirect(url_for("servicemap.manage.categories"))
    return _categories_page(form, PillarForm())


def _categories_page(form: CategoryForm, pillar_form: PillarForm) -> str:
    """Render the categories page with both its forms."""
    categories = list(
        db.session.scalars(select(Category).order_by(Category.sort_order, Category.id))
    )
    pillar_form.category.choices = as_choices((c.slug, c.name) for c in categories)
    return render_template(
        "servicemap/manage/categories.html",
        form=form,
        pillar_form=pillar_form,
        categories=categories,
    )


@bp.route("/categorieen/pijler", methods=["POST"])
@roles_required(ADMIN)
def category_pillar():
    """Let admins place a category under a pillar of the programme."""
    if not can_manage_categories(current_user):
        abort(403)
    form = PillarForm()
    category = db.session.scalar(select(Category).where(Category.slug == form.category.data))
    form.category.choices = as_choices([(category.slug, category.name)] if category else [])
    if category is None or not form.validate_on_submit():
        return _categories_page(CategoryForm(formdata=None), form), 400
    category.pillar = form.pillar.data
    db.session.commit()
    flash(_("The pillar is saved."), "success")
    return redirect(url_for("servicemap.manage.categories"))


@bp.route("/zoekwoorden", methods=["GET", "POST"])
@roles_required(PROFESSIONAL, ADMIN)
def synonyms():
    """Let professionals and admins add the words residents search a category by."""
    if not can_edit_synonyms(current_user):
        abort(403)
    categories = {c.slug: c for c in db.session.scalars(map_categories())}
    form = SynonymsForm()
    form.category.choices = [(c.slug, c.name) for c in categories.values()]
    if form.validate_on_submit() and form.category.data in categories:
        category = categories[form.category.data]
        if set_synonyms(category, form.word_list()):
            reindex_services(category.id)
        db.session.commit()
        flash(_("The search words of %(name)s are saved.", name=category.name), "success")
        return redirect(url_for("servicemap.manage.synonyms"))
    chosen = categories.get(request.args.get("category", ""))
    if chosen is not None and not form.is_submitted():
        form.category.data = chosen.slug
        form.words.data = ", ".join(chosen.synonyms or [])
    return render_template(
        "servicemap/manage/synonyms.html",
        form=form,
        categories=list(categories.values()),
        builtin=BUILTIN_SYNONYMS,
    )
