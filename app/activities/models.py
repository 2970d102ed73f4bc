"""Models of the activities part."""

from __future__ import annotations
