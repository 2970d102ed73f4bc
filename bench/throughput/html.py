"""Just enough HTML reading for the benchmark: form fields and links."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Fields(HTMLParser):
    """Inputs of the forms whose ``action`` is ``action`` (of every form when None)."""

    def __init__(self, action: str | None = None) -> None:
        super().__init__()
        self.action = action
        self.inside = action is None
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and self.action is not None:
            self.inside = values.get("action") == self.action
        if tag != "input" or not self.inside:
            return
        name, kind = values.get("name"), values.get("type", "text")
        if not name:
            return
        if kind == "hidden":
            self.hidden.setdefault(name, values.get("value", ""))
        elif kind == "radio":
            self.radios.setdefault(name, []).append(values.get("value", ""))


def hidden_fields(html: str, action: str | None = None) -> dict[str, str]:
    """Return the first value of every hidden input (csrf_token, form_token, …) of a form."""
    parser = _Fields(action)
    parser.feed(html)
    return parser.hidden


def radio_values(html: str, name: str, action: str | None = None) -> list[str]:
    parser = _Fields(action)
    parser.feed(html)
    return parser.radios.get(name, [])


def csrf_token(html: str) -> str:
    """Return a CSRF token of the page (any form's: they all come from the session's token)."""
    for name, value in hidden_fields(html).items():
        if name == "csrf_token" or name.endswith("-csrf_token"):
            return value
    raise LookupError("no CSRF token on the page")


def first_link(html: str, pattern: str) -> str | None:
    """Return the first ``href`` whose path matches ``pattern`` (a regular expression)."""
    for href in re.findall(r'href="([^"#?]+)"', html):
        if re.fullmatch(pattern, href):
            return href
    return None
