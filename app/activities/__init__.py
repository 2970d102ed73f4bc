"""Activiteitenkalender: what is on in the neighbourhood."""

from flask import Blueprint

bp = Blueprint("activities", __name__)

from app.activities import feeds, labels, organise, views  # noqa: E402,F401  (routes register)
from app.activities.manage import bp as manage_bp  # noqa: E402
from app.activities.occurrences import listen  # noqa: E402
from app.activities.privacy import register_personal_data  # noqa: E402

bp.register_blueprint(manage_bp, url_prefix="/beheer/agenda")
register_personal_data()
listen()  # occurrences are rewritten in the transaction that changes an activity
