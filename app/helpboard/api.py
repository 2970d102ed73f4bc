"""The question board's JSON: the open questions, with exactly what the viewer may see."""

from __future__ import annotations

from flask import jsonify, url_for
from flask_login import current_user

from app.core.access import public
from app.extensions import db
from app.helpboard import bp
from app.helpboard.queries import board_select, categories_by_id, viewer_for


@bp.route("/api/v1/prikbord")
@public
def api_board():
    """Return the open questions as JSON, with exactly what the viewer may see."""
    viewer = viewer_for(current_user)
    categories = categories_by_id()
    rows = db.session.execute(board_select(viewer).limit(200)).all()
    items = []
    for row in rows:
        item = {
            "id": row.id,
            "title": row.title,
            "category": categories[row.category_id].slug,
            "neighbourhood": row.neighbourhood_name,
            "created_at": row.created_at.isoformat(),
            "url": url_for("helpboard.detail", question_id=row.id),
        }
        if row.description is not None:
            item["description"] = row.description
        if row.latitude is not None:
            item["location"] = {"lat": row.latitude, "lon": row.longitude}
        items.append(item)
    return jsonify({"questions": items})
