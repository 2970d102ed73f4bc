"""The visitor's choice of neighbourhood: the picker at /wijk."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, abort, render_template, request, url_for

from app.core.access import public
from app.core.caching import cacheable
from app.core.security import is_safe_redirect, is_same_origin_request
from app.extensions import csrf, db
from app.neighbourhoods.forms import LocationForm
from app.neighbourhoods.manage import bp as manage_bp
from app.neighbourhoods.queries import (
    CHOICE_PARAM,
    active_neighbourhoods,
    current_neighbourhood,
    neighbourhood_at,
)

bp = Blueprint("neighbourhoods", __name__)
bp.register_blueprint(manage_bp, url_prefix="/beheer/wijken")


def _target() -> str:
    wanted = request.values.get("next")
    return wanted if wanted and is_safe_redirect(wanted) else url_for("pages.home")


def choice_url(target: str, slug: str) -> str:
    """Return ``target`` with ``?wijk=<slug>``: following it chooses the neighbourhood."""
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != CHOICE_PARAM]
    query.append((CHOICE_PARAM, slug))
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def _render(form: LocationForm, suggestion=None, searched: bool = False, status: int = 200):
    return (
        render_template(
            "neighbourhoods/choose.html",
            neighbourhoods=db.session.scalars(active_neighbourhoods()).all(),
            current=current_neighbourhood(),
            form=form,
            suggestion=suggestion,
            searched=searched,
            choice_url=lambda slug: choice_url(_target(), slug),
        ),
        status,
    )


@bp.route("/wijk")
@public
@cacheable
def choose():
    """Show the neighbourhoods to choose from, and a way to find yours from your location."""
    form = LocationForm(formdata=None)
    form.next.data = _target()
    return _render(form)


@bp.route("/wijk", methods=["POST"])
@public
@csrf.exempt  # no token without a session: checked by origin instead (see LocationForm)
def suggest():
    """Suggest the neighbourhood that holds the location the browser shared (nothing is kept)."""
    if not is_same_origin_request():
        abort(400)
    form = LocationForm()
    if not form.validate_on_submit():
        return _render(form, status=422)
    assert form.lat.data is not None and form.lon.data is not None
    return _render(form, suggestion=neighbourhood_at(form.lat.data, form.lon.data), searched=True)
