"""Neighbourhoods (wijken): everything in Wijkplein belongs to one."""

from flask import Blueprint

bp = Blueprint("neighbourhoods", __name__)

# The routes register on the blueprint when their modules load; staff routes have their own.
from app.neighbourhoods import views  # noqa: E402,F401
from app.neighbourhoods.manage import bp as manage_bp  # noqa: E402

bp.register_blueprint(manage_bp, url_prefix="/beheer/wijken")
