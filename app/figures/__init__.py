"""Figures for the programme office: counts per neighbourhood, period and pillar (/beheer/cijfers)."""

from flask import Blueprint

bp = Blueprint("figures", __name__, url_prefix="/beheer/cijfers")

from app.figures import views  # noqa: E402, F401  (routes register on bp)
