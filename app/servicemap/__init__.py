"""Sociale kaart: the map of neighbourhood services, kept current by professionals."""

from flask import Blueprint

bp = Blueprint("servicemap", __name__)

# The routes register on the blueprint when their modules load; staff routes have their own.
from app.servicemap import (  # noqa: E402,F401
    api,
    manage_logo,  # noqa: E402,F401
    views,
)
from app.servicemap.manage import bp as manage_bp  # noqa: E402
from app.servicemap.privacy import register_personal_data  # noqa: E402

bp.register_blueprint(manage_bp, url_prefix="/beheer/kaart")
register_personal_data()
