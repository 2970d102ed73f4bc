"""The README's nginx example keeps what Wijkplein's own page cache keeps apart.

A proxy that left a cookie out of its key would hand one visitor's page to another: the
Arabic home page to a Dutch visitor, Wielwijk's board to Crabbehof, a logged-in page to a guest.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask_login import config as login_config

from app.config import Config
from app.core.i18n import LANGUAGE_COOKIE
from app.neighbourhoods.queries import CHOICE_COOKIE

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "nginx.conf.example"


def _directive(name: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    found = re.search(rf"^\s*{name}\s+(.+?);", text, re.MULTILINE | re.DOTALL)
    assert found, f"{name} is missing from {EXAMPLE.name}"
    return found.group(1)


def test_the_proxy_cache_key_holds_everything_a_page_varies_by():
    key = _directive("proxy_cache_key")
    for part in (
        "$request_uri",  # the filters
        f"$cookie_{LANGUAGE_COOKIE}",
        f"$cookie_{CHOICE_COOKIE}",
        "$http_accept_language",
        "$http_accept_encoding",
    ):
        assert part in key, f"the proxy cache key lacks {part}"


def test_the_proxy_never_caches_for_a_visitor_with_a_session_or_remember_cookie():
    mapped = _directive("map")
    remember = getattr(Config, "REMEMBER_COOKIE_NAME", login_config.COOKIE_NAME)
    for name in (Config.SESSION_COOKIE_NAME, remember):
        assert f"$cookie_{name}" in mapped
    assert "proxy_cache_bypass $wijkplein_no_cache" in EXAMPLE.read_text(encoding="utf-8")
    assert "proxy_no_cache $wijkplein_no_cache" in EXAMPLE.read_text(encoding="utf-8")
