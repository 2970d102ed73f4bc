"""Routes of the servicemap part."""

from __future__ import annotations

from flask import render_template

from app.core.access import public
from app.servicemap import bp


@bp.route("/kaart")
@public
def index():
    """Show the start page of this part."""
    return render_template("servicemap/index.html")
