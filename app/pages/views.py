"""Routes of the shared pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_login import current_user
from sqlalchemy import text

from app.core.access import ADMIN, MODERATOR, PROFESSIONAL, public, roles_required
from app.core.caching import cacheable
from app.core.i18n import language_choices, set_language_cookie
from app.core.privacy import REGISTER
from app.core.security import is_safe_redirect, is_same_origin_request
from app.extensions import csrf, db
from app.neighbourhoods.queries import contact_point, current_neighbourhood
from app.pages import bp
from app.pages.forms import LanguageForm
from app.pages.home import home_page
from app.servicemap.nearest import contact_point as map_contact_point


@bp.route("/")
@public
@cacheable
def home():
    """Show the neighbourhood today: what is on, who asks for help, what is open, whom to ask."""
    neighbourhood = current_neighbourhood()
    cp = contact_point(neighbourhood)
    return render_template(
        "pages/home.html",
        neighbourhood=neighbourhood,
        page=home_page(neighbourhood, datetime.now(UTC)),
        cp=cp,
        # Without a contact point of its own: the map's "nothing found" contact
        # (CONTACT_SERVICE_SLUG, else CONTACT_NAME/CONTACT_PHONE).
        contact=None if cp else map_contact_point(),
    )


@bp.route("/taal", methods=["POST"])
@public
@csrf.exempt  # no token without a session: checked by origin instead (see LanguageForm)
def set_language():
    """Remember the chosen language in a cookie and, when logged in, in the profile."""
    if not is_same_origin_request():
        abort(400)
    form = LanguageForm()
    form.language.choices = language_choices()
    target = form.next.data if is_safe_redirect(form.next.data) else url_for("pages.home")
    if not form.validate_on_submit():
        return redirect(target)
    response = redirect(target)
    set_language_cookie(response, form.language.data)
    if current_user.is_authenticated:
        current_user.locale = form.language.data
        db.session.commit()
    return response


@bp.route("/privacy")
@public
@cacheable
def privacy():
    """Show the privacy statement, generated from the privacy register."""
    return render_template(
        "pages/privacy.html",
        register=REGISTER,
        retention_months=current_app.config["RETENTION_MONTHS"],
    )


@bp.route("/toegankelijkheid")
@public
@cacheable
def accessibility():
    """Show the accessibility statement (in the Dutch government's model)."""
    return render_template("pages/accessibility.html")


@bp.route("/.well-known/security.txt")
@public
def security_txt():
    """Tell how to report a vulnerability (RFC 9116)."""
    expires = (datetime.now(UTC) + timedelta(days=180)).strftime("%Y-%m-%dT00:00:00Z")
    body = "\n".join(
        [
            f"Contact: {current_app.config['SECURITY_CONTACT']}",
            f"Expires: {expires}",
            "Preferred-Languages: nl, en",
            f"Canonical: {current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/.well-known/security.txt",
            f"Policy: {current_app.config['PUBLIC_BASE_URL'].rstrip('/')}{url_for('pages.privacy')}",
            "",
        ]
    )
    return Response(body, mimetype="text/plain")


@bp.route("/beheer/")
@roles_required(PROFESSIONAL, MODERATOR, ADMIN)
def management():
    """Show the start page of management: a way to each part's staff pages."""
    return render_template("pages/management.html")


@bp.route("/api/v1/openapi.json")
@public
def openapi():
    """Describe the open-data API (OpenAPI 3): services, markers and activities."""
    response = send_from_directory(Path(__file__).parent, "openapi.json", max_age=3600)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/healthz")
@public
def healthz():
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 — any database failure means "not healthy"
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
