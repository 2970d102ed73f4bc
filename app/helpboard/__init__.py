"""Prikbord: residents ask, volunteers and professionals help."""

from flask import Blueprint

bp = Blueprint("helpboard", __name__)

# The routes register on the blueprint when their modules load; staff routes have their own.
from app.helpboard import api, guest, labels, profile, views  # noqa: E402,F401
from app.helpboard.icons import icon_for  # noqa: E402
from app.helpboard.manage import manage_bp  # noqa: E402
from app.helpboard.privacy import register_personal_data  # noqa: E402
from app.helpboard.words import age  # noqa: E402

bp.register_blueprint(manage_bp, url_prefix="/beheer/prikbord")
register_personal_data()
# Registered on the app when the blueprint is: ``{{ moment|ago }}``, ``{{ category_icon(c) }}``.
bp.add_app_template_filter(age, "ago")
bp.add_app_template_global(icon_for, "category_icon")
