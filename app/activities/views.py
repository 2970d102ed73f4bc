"""Routes of the activities part."""

from __future__ import annotations

from flask import render_template

from app.activities import bp
from app.core.access import public


@bp.route("/agenda")
@public
def index():
    """Show the start page of this part."""
    return render_template("activities/index.html")
