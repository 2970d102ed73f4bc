"""Pages that belong to no single part: home, language, management, privacy, accessibility, health."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from app.pages import (  # noqa: E402,F401  (routes and rules register themselves)
    offline,
    permissions,
    views,
)
