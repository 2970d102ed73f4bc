"""Pages that belong to no single part: home, language, privacy, accessibility, health."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from app.pages import views  # noqa: E402,F401  (routes register on the blueprint)
