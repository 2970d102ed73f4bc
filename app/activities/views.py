"""Routes of the activities part."""

from __future__ import annotations

from app.activities import bp  # noqa: F401
