"""``page``-level checks every HTML response gets (after GOV.UK Notify's ``client_request``)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup


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
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce, "no CSP nonce"
    for script in soup.find_all("script"):
        if not script.get("src"):
            assert script.get("nonce") == nonce.group(1), "an inline script without the CSP nonce"
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


@pytest.fixture
def get_page(client):
    """GET ``url``, assert the status, and return the parsed, checked page."""

    def _get(url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        response = client.get(url, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return check_page(response)

    return _get


@pytest.fixture
def post_page(client):
    """POST ``data`` to ``url``, assert the status, and return the parsed, checked page."""

    def _post(url: str, data: dict, status: int = 200, **kwargs) -> BeautifulSoup:
        response = client.post(url, data=data, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return check_page(response)

    return _post


def field_errors(soup: BeautifulSoup, field_id: str) -> list[str]:
    """Return the error messages shown next to a field."""
    box = soup.find(id=f"{field_id}-error")
    return [p.get_text(strip=True) for p in box.find_all("p")] if box else []
