"""Routes of the social map."""

from __future__ import annotations

from app.servicemap import (
    bp,  # noqa: F401
    models,  # noqa: F401
)
