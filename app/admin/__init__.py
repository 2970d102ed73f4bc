"""Administration (beheer): users, roles and organisations for admins and professionals."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from app.admin import views  # noqa: E402,F401  (routes register on the blueprint)
