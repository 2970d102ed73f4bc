"""Icons drawn inline as SVG, from Lucide (``static/vendor/lucide/``, see ``scripts/vendor.sh``).

Inline, because a symbol from a font (an emoji) shows as an empty box on a phone that lacks the
font, and because nothing has to be fetched: the icon is part of the page, coloured by the text
around it (``currentColor``). Only the icons listed in ``scripts/vendor.sh`` are there.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

ICON_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "lucide" / "icons"
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_INSIDE_SVG = re.compile(r"<svg\b[^>]*>(.*?)</svg>", re.S)


@cache  # vendored files: they change with a deployment, never while the app runs
def shapes(name: str) -> str:
    """Return the shapes (paths, circles…) of Lucide's icon ``name``, on one line.

    :raises ValueError: for a name that is not one of the vendored icons.
    """
    path = ICON_DIR / f"{name}.svg"
    if not NAME.match(name) or not path.is_file():
        raise ValueError(f"no icon {name!r} in static/vendor/lucide/icons (scripts/vendor.sh)")
    match = _INSIDE_SVG.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path} holds no <svg> element")
    return " ".join(line.strip() for line in match.group(1).splitlines() if line.strip())


def icon(name: str, label: str | None = None, class_: str = "wp-icon") -> Markup:
    """Return the icon ``name`` as an inline ``<svg>``.

    :param label: what the icon says, for an icon that stands alone; without it the icon is
        decoration beside its text and hidden from screen readers.
    """
    named = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
    # Markup is safe here: the shapes come from our own vendored files, the rest is escaped.
    return Markup(  # noqa: S704  # nosec B704
        f'<svg class="{escape(class_)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"'
        ' width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"'
        f' stroke-linecap="round" stroke-linejoin="round" focusable="false"{named}>'
        f"{shapes(name)}</svg>"
    )
