"""Prikbord: residents ask, volunteers and professionals help."""

from flask import Blueprint

bp = Blueprint("helpboard", __name__)

from app.helpboard import admin_views, views  # noqa: E402,F401  (routes register on the blueprint)
from app.helpboard.privacy import register_personal_data  # noqa: E402

register_personal_data()


@bp.context_processor
def _helpboard_globals() -> dict:
    from app.helpboard.pages import ICONS, age

    return {"age": age, "icons": ICONS}
