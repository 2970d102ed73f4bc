"""Models of the helpboard part."""

from __future__ import annotations
