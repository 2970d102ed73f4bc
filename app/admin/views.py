"""Routes of the administration part."""

from __future__ import annotations

from flask import render_template

from app.accounts.roles import ADMIN, MODERATOR, PROFESSIONAL
from app.admin import bp
from app.core.access import roles_required


@bp.route("/")
@roles_required(PROFESSIONAL, MODERATOR, ADMIN)
def index():
    """Show the start page of the administration."""
    return render_template("admin/index.html")
