"""Photos of services, activities and organisations: checked, re-encoded, kept in the database.

``processing`` is pure (Pillow); ``models`` keeps the copies; ``views`` serves them from
Wijkplein's own origin at ``/media/<sha256>-<width>.<webp|jpg>``; ``forms`` is the photo part
that a part's form takes in; ``templates/media/_macros.html`` shows a ``<picture>``.
"""

from flask import Blueprint

bp = Blueprint("media", __name__)

from app.media import views  # noqa: E402,F401  (routes register themselves)
from app.media.privacy import register_personal_data  # noqa: E402

# When the app registers the blueprint, not at import: the models of accounts and organisations
# import app.media.models, so this package must not import theirs while it loads.
bp.record_once(lambda _state: register_personal_data())
