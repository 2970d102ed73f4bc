"""Find the forms a visitor can reach, fill them with valid values and send them, in a browser.

``find_forms`` walks the site as the crawl does (every page rule without arguments, then for
each rule with arguments a link to it), and also follows, on every page, the first link of each
such rule: a question on "my questions" is reached as well as the first one on the board. It
records, per form endpoint, the pages that carry such a form. ``send`` opens one of those pages,
fills the form field by field as a person would (a table entry says what matters, the rest gets
a plain valid value by its type) and presses its submit button.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from flask import Flask
from playwright.sync_api import Locator, Page, Response
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.crawl import SKIPPED_PATH, pages_with_arguments, plain_page_paths

FIRST = object()  # "tick (or choose) the first choice"

# Every POST form of the page: its resolved action (an empty action posts to the page itself).
POST_FORMS = """() => Array.from(document.forms).map(f =>
  (f.getAttribute('method') || 'get').toLowerCase() === 'post' ? f.action : null)"""

# The form's fields in document order, as a person sees them.
FIELDS = """form => Array.from(form.elements).filter(e => e.name && !e.disabled &&
  !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type) && e.tagName !== 'BUTTON'
).map(e => ({
  id: e.id, name: e.name, tag: e.tagName.toLowerCase(), type: e.type || '',
  required: e.required || e.getAttribute('aria-required') === 'true',
  value: e.value, checked: !!e.checked, min: e.getAttribute('min'),
  options: e.tagName === 'SELECT' ? Array.from(e.options).map(o => o.value) : [],
}))"""

OPEN_DETAILS = """form => { for (let d = form.closest('details'); d; d = d.parentElement &&
  d.parentElement.closest('details')) { d.open = true; } }"""

_numbers = itertools.count(1)


@dataclass
class Fill:
    """How a person sends one form, and what they see when it worked.

    :param values: field name → value; a list ticks those checkboxes, ``FIRST`` the first
        choice, ``True`` a single checkbox; a callable gets the page and returns the value.
    :param button: a selector inside the form for the button to press (else its submit button).
    :param expect: a CSS selector the result page must have (default: a success message).
    :param url: a substring the result page's address must contain.
    :param order: forms of one visitor are sent from low to high (what ends a state last).
    """

    values: dict[str, object] = field(default_factory=dict)
    button: str = "button[type=submit], input[type=submit]"
    expect: str | None = ".wp-alert--success"
    url: str | None = None
    order: int = 50
    # visitor → why the site refuses them this form: it must come back with an error message.
    refused: dict[str, str] = field(default_factory=dict)


@dataclass
class FoundForms:
    """Per form endpoint, the pages (paths) that carry one, in the order they were found."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)


class FormFinder:
    """Walk the site in one page and note the POST forms of every page it reaches."""

    def __init__(self, app: Flask, base_url: str, page: Page) -> None:
        self.app = app
        self.base_url = base_url
        self.page = page
        self.adapter = app.url_map.bind(urlsplit(base_url).netloc)
        self.wanted = pages_with_arguments(app)

    def endpoint_of_action(self, action: str) -> str:
        """The endpoint a form's action posts to (``?`` when nothing answers a POST there)."""
        parts = urlsplit(action)
        try:
            endpoint, _ = self.adapter.match(parts.path, method="POST", query_args=parts.query)
        except (HTTPException, RequestRedirect):
            return f"? {parts.path}"
        return str(endpoint)

    def _link_endpoint(self, url: str) -> str | None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base_url or SKIPPED_PATH.search(parts.path):
            return None
        try:
            endpoint, arguments = self.adapter.match(parts.path, method="GET")
        except (HTTPException, RequestRedirect):
            return None
        return str(endpoint) if arguments and endpoint in self.wanted else None

    def find(self, extra_paths: list[str]) -> FoundForms:
        """Walk from ``extra_paths`` and every page rule; the pages are read over HTTP with the
        browser context's cookies (the forms are in the HTML the server sends, so rendering
        each page would only cost time)."""
        found = FoundForms()
        queue = [*extra_paths, *plain_page_paths(self.app)]
        done: set[str] = set()
        request = self.page.context.request
        while queue:
            path = queue.pop(0)
            response = request.get(self.base_url + path, timeout=TIMEOUT_MS)
            landed = urlsplit(response.url).path
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue
            if landed in done:
                continue
            done.add(landed)
            found.visited.append(landed)
            soup = BeautifulSoup(response.text(), "html.parser")
            for form in soup.find_all("form"):
                if str(form.get("method", "get")).lower() != "post":
                    continue
                endpoint = self.endpoint_of_action(
                    urljoin(response.url, str(form.get("action") or ""))
                )
                pages = found.pages.setdefault(endpoint, [])
                if landed not in pages:
                    pages.append(landed)
            seen_here: set[str] = set()
            for anchor in soup.find_all("a", href=True):
                link = urljoin(response.url, str(anchor["href"]))
                endpoint = self._link_endpoint(link)
                if endpoint and endpoint not in seen_here:
                    seen_here.add(endpoint)
                    link_path = urlsplit(link).path
                    if link_path not in done:
                        queue.append(link_path)
        return found

    def forms_on_page(self) -> list[str]:
        """The endpoint of each form of the open page ("" for a form that does not POST)."""
        actions = self.page.evaluate(POST_FORMS)
        return [self.endpoint_of_action(a) if a else "" for a in actions]


def default_value(spec: dict, n: int) -> str:
    """A plain valid value for a field the table says nothing about, by its type."""
    kind = spec["type"]
    if kind == "email":
        return f"formulier{n}@example.org"
    if kind == "tel":
        return "0612345678"
    if kind == "number":
        return spec["min"] or "1"
    if kind == "date":
        return (date.today() + timedelta(days=7)).isoformat()
    if kind == "time":
        return "10:00"
    if kind == "datetime-local":
        return (date.today() + timedelta(days=7)).isoformat() + "T10:00"
    if kind == "url":
        return "https://example.org/"
    if spec["tag"] == "textarea":
        return f"Een korte tekst voor formulier {n}."
    return f"Test {n}"


def _next_step(form: Locator) -> None:
    """Show the next step of a form that shows one step at a time (its 'next' button)."""
    buttons = form.locator("button[type=button]:visible")
    if buttons.count():
        buttons.last.click()


def _reveal(form: Locator, target: Locator) -> None:
    for _ in range(5):
        if target.is_visible():
            return
        _next_step(form)


def fill(page: Page, form: Locator, entry: Fill) -> None:
    """Fill ``form`` as a person would: the table's values, a plain value where one is needed."""
    form.evaluate(OPEN_DETAILS)
    n = next(_numbers)
    specs = form.evaluate(FIELDS)
    groups: dict[str, list[dict]] = {}
    for spec in specs:
        groups.setdefault(spec["name"], []).append(spec)
    for name, members in groups.items():
        value = entry.values.get(name)
        if callable(value):
            value = value(page)
        first = members[0]
        kind = first["type"]
        if kind in ("checkbox", "radio"):
            wanted: list[dict] = []
            if value is FIRST or value is True:
                wanted = [members[0]]
            elif isinstance(value, list | tuple | str):
                values = [value] if isinstance(value, str) else [str(v) for v in value]
                wanted = [m for m in members if m["value"] in values]
                assert wanted, f"{name}: no choice {values} in {[m['value'] for m in members]}"
            elif kind == "radio" and first["required"] and not any(m["checked"] for m in members):
                wanted = [members[0]]
            for member in wanted:
                box = form.locator(f'[id="{member["id"]}"]')
                _reveal(form, form.locator(f'label[for="{member["id"]}"]'))
                box.check(force=True)  # a styled box may hide the input behind its label
            continue
        target = (
            form.locator(f'[id="{first["id"]}"]')
            if first["id"]
            else form.locator(f'[name="{name}"]')
        )
        if first["tag"] == "select":
            options = [o for o in first["options"] if o]
            if value is FIRST or (value is None and first["required"] and not first["value"]):
                value = options[0]
            if value is not None:
                _reveal(form, target)
                target.select_option(value=str(value))
            continue
        if value is None:
            if first["value"] or not first["required"]:
                continue  # already filled in (an edit form) or optional
            value = default_value(first, n)
        _reveal(form, target)
        target.fill(str(value))


def send(page: Page, form: Locator, entry: Fill) -> Response:
    """Fill the form, press its button and return the response the browser ended up with."""
    fill(page, form, entry)
    button = form.locator(entry.button).first
    _reveal(form, button)
    # Some answers take a while on a busy machine (argon2 checks the password, erasing an
    # account touches every part): wait for them longer than for a page.
    with page.expect_navigation(wait_until="load", timeout=3 * TIMEOUT_MS) as navigation:
        button.click(no_wait_after=True)
    response = navigation.value
    assert response is not None
    return response
