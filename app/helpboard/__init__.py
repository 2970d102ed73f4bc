"""Prikbord: residents ask, volunteers and professionals help."""

from flask import Blueprint

bp = Blueprint("helpboard", __name__)

from app.helpboard import views  # noqa: E402,F401  (routes register on the blueprint)
