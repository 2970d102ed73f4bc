"""Activiteitenkalender: what is on in the neighbourhood."""

from flask import Blueprint

bp = Blueprint("activities", __name__)

from app.activities import feeds, manage, views  # noqa: E402,F401  (routes register on the blueprint)
from app.activities.privacy import register_personal_data  # noqa: E402

register_personal_data()
