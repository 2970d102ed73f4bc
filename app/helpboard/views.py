"""Routes of the helpboard part."""

from __future__ import annotations

from app.helpboard import bp  # noqa: F401
