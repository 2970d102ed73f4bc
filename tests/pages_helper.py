"""``page``-level checks every HTML response gets (after GOV.UK Notify's ``client_request``).

The ``client`` fixture is a :class:`CheckingClient`: it runs :func:`check_page` on every HTML
page it gets (status 200 or 4xx). A test that fetches something odd on purpose says why:
``client.get(url, unchecked="a fragment for the map's pop-up")``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import current_app, has_app_context
from flask.testing import FlaskClient

from app.extensions import db


def check_page(response) -> BeautifulSoup:
    """Parse an HTML response and fail on what would make it broken or unsafe."""
    html = response.get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("html") is not None, "not an HTML page"
    assert soup.html.get("lang"), "the page has no language"
    assert soup.html.get("dir") in {"ltr", "rtl"}, "the page has no text direction"
    title = soup.find("title")
    assert title is not None and title.get_text(strip=True), "the page has no title"
    assert soup.find("h1") is not None, "the page has no main heading"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [key for key, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, "a loose CSP"
    # Every inline script or style carries this response's nonce; a page without any needs
    # none (and then may be kept and shared: app/core/page_cache.py).
    nonce = re.search(r"'nonce-([^']+)'", csp)
    inline = [s for s in soup.find_all("script") if not s.get("src")] + soup.find_all("style")
    for element in inline:
        assert nonce, f"an inline <{element.name}> but no nonce in the CSP"
        assert element.get("nonce") == nonce.group(1), (
            f"an inline <{element.name}> without the CSP nonce"
        )
    for tag in soup.find_all(style=True):
        raise AssertionError(f"inline style attribute (blocked by the CSP): {tag.name}")
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") in {"hidden", "submit", "button"}:
            continue
        field_id = field.get("id")
        has_label = field_id and soup.find("label", attrs={"for": field_id})
        assert has_label or field.get("aria-label") or field.get("aria-labelledby"), (
            f"a field without a label: {field}"
        )
    for src in [t.get("src") for t in soup.find_all(src=True)] + [
        t.get("href") for t in soup.find_all("link", href=True)
    ]:
        assert not re.match(r"^(https?:)?//", src or ""), f"loads from another origin: {src}"
    return soup


def is_page(response) -> bool:
    """Tell whether ``response`` is an HTML page that :func:`check_page` must pass."""
    status = response.status_code
    if response.headers.get("Content-Encoding"):
        # The test asked for compressed bytes (tests/test_serving.py); the same page uncompressed
        # is checked by every other test that opens it.
        return False
    return response.mimetype == "text/html" and (status == 200 or 400 <= status < 500)


class CheckingClient(FlaskClient):
    """A test client that checks every HTML page and gives each request its own app context.

    ``unchecked="why"`` skips :func:`check_page` for one call (the reason is required, so that
    the test says what is odd about the page). After ``follow_redirects=True`` the last page is
    checked.

    Each request runs in a fresh app context, as in production: its own ``g`` (logged-in user,
    language) and its own database session. Before each request the test's own session is
    committed, so the request sees what the test set up, and the test's objects are expired, so
    that the test reads afresh what the request wrote.
    """

    _depth = 0

    def open(self, *args: Any, unchecked: str | None = None, **kwargs: Any):  # type: ignore[override]
        if unchecked is not None and not unchecked.strip():
            raise ValueError("unchecked= needs a reason")
        self._depth += 1
        try:
            response = super().open(*args, **kwargs)
        finally:
            self._depth -= 1
        if self._depth == 0 and unchecked is None and is_page(response):
            response.page = check_page(response)  # type: ignore[attr-defined]
        return response

    def run_wsgi_app(self, environ, buffered: bool = False):  # type: ignore[override]
        if has_app_context() and "sqlalchemy" in current_app.extensions:
            db.session.commit()  # the test's own work, in the test's own app context
        with self.application.app_context():
            return super().run_wsgi_app(environ, buffered=buffered)


@pytest.fixture
def get_page(client):
    """GET ``url``, assert the status, and return the parsed, checked page."""

    def _get(url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        response = client.get(url, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return getattr(response, "page", None) or check_page(response)

    return _get


@pytest.fixture
def post_page(client):
    """POST ``data`` to ``url``, assert the status, and return the parsed, checked page."""

    def _post(url: str, data: dict, status: int = 200, **kwargs) -> BeautifulSoup:
        response = client.post(url, data=data, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return getattr(response, "page", None) or check_page(response)

    return _post


def field_errors(soup: BeautifulSoup, field_id: str) -> list[str]:
    """Return the error messages shown next to a field."""
    box = soup.find(id=f"{field_id}-error")
    return [p.get_text(strip=True) for p in box.find_all("p")] if box else []
