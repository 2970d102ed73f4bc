"""Routes of the helpboard part."""

from __future__ import annotations

from flask import render_template

from app.core.access import public
from app.helpboard import bp


@bp.route("/prikbord")
@public
def index():
    """Show the start page of this part."""
    return render_template("helpboard/index.html")
