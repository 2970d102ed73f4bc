"""One way to show a stored code (a status, an urgency, a weekday) as a translated word.

Each part declares its words once, in Python, next to the codes they name::

    URGENCY_LABELS = register_labels("helpboard.urgency", {"today": _l("Today"), ...})

and templates write ``{{ label("helpboard.urgency", question.urgency) }}``. A code without a
word shows as itself, so a new code is visible in review instead of disappearing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_LABELS: dict[str, Mapping[str, Any]] = {}


def register_labels(kind: str, words: Mapping[str, Any]) -> Mapping[str, Any]:
    """Make ``words`` (code → lazy translated word) known as ``kind``; return them."""
    _LABELS[kind] = words
    return words


def label(kind: str, code: Any) -> str:
    """Return the word for ``code`` of ``kind`` in the current language."""
    word = _LABELS[kind].get(code)
    return str(word) if word is not None else str(code)
