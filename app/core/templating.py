"""What every template can use."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale

from app.core.access import can
from app.core.i18n import (
    current_language,
    isolate,
    language_choices,
    language_label,
    language_name,
    text_direction,
)
from app.core.icons import icon
from app.core.labels import label
from app.core.sanitize import render_markdown, render_plain


def request_path() -> str:
    """Return the path and query of this request (where to come back to), "/" outside one."""
    return request.full_path.rstrip("?") if has_request_context() else "/"


def init_templating(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=can,
        label=label,
        icon=icon,
        get_locale=get_locale,
        current_language=current_language,
        text_direction=text_direction,
        language_choices=language_choices,
        language_name=language_name,
        language_label=language_label,
        demo_banner=lambda: current_app.config.get("DEMO_BANNER", False),
    )
    app.jinja_env.filters.update(
        markdown=render_markdown,
        plaintext=render_plain,
        date=format_date,
        datetime=format_datetime,
        bdi=isolate,
    )
    app.jinja_env.globals["request_path"] = request_path
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
