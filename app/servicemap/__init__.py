"""Sociale kaart: the map of neighbourhood services, kept current by professionals."""

from flask import Blueprint

bp = Blueprint("servicemap", __name__)

from app.servicemap import (  # noqa: E402,F401
    api,
    manage,
    views,  # noqa: E402,F401  (routes register on the blueprint)
)
