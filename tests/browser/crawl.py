"""Visit every page of the live app in a browser, run axe-core on it and watch its requests.

Pages are found generically, so a new page is covered without touching this module:

- every GET rule of the url_map without arguments (minus files, feeds and the API), and
- for every rule *with* arguments, the first link to it found on a page already visited
  (``/kaart/12-buurthuis``, ``/agenda/3-…``, ``/prikbord/7``…).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Flask
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response
from playwright.sync_api import Error as PlaywrightError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = (
    "async tags => {"
    " const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
    " return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
    " helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '),"
    " html: n.html.slice(0, 200), summary: n.failureSummary}))}));"
    "}"
)

# WCAG 2.2 AA on top of 2.1, with target-size (off by default in axe-core) switched on; only
# violations are collected (resultTypes), which spares axe the work of listing what passed.
AXE_22_TAGS = [*AXE_TAGS, "wcag22aa"]
# Target size is checked apart, without the map's markers: WCAG 2.2's 2.5.8 exempts a target
# whose place is essential to what it means ("Essential"), and a marker's place is where the
# service is; clusters of nearby services overlap by nature. The list view, one tap away, offers
# every service as a large target, and every other rule still runs on the markers.
AXE_22_RUN = (
    "async tags => {"
    " const all = await axe.run(document, {runOnly: {type: 'tag', values: tags},"
    " rules: {'target-size': {enabled: false}}, resultTypes: ['violations']});"
    " const size = await axe.run({exclude: [['.leaflet-marker-pane']]},"
    " {runOnly: {type: 'rule', values: ['target-size']}, resultTypes: ['violations']});"
    " return all.violations.concat(size.violations).map(v => ({id: v.id, impact: v.impact,"
    " help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '),"
    " html: n.html.slice(0, 200), summary: n.failureSummary}))}));"
    "}"
)

NOT_FOUND_PATH = "/deze-pagina-bestaat-niet"
# Pages that a plain path does not reach: the other views of the agenda and the map.
VIEWS = ("/agenda?view=week", "/agenda?view=month", "/kaart?weergave=kaart")
# Query parameters that do not make another page (where to go after logging in, the language).
NOT_A_PAGE_PARAMS = {"next", "lang"}

# The page as axe sees it, minus what differs on every request (the CSRF token).
DOM_FINGERPRINT = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll('input[name="csrf_token"]').forEach(e => e.removeAttribute('value'));
  copy.querySelectorAll('[nonce]').forEach(e => e.removeAttribute('nonce'));
  return copy.outerHTML;
}"""

# Not pages: files, feeds, machine-readable answers and the tile proxy.
SKIPPED_ENDPOINTS = {"static", "pages.healthz"}
SKIPPED_PATH = re.compile(
    r"^/\.well-known/|^/healthz|\.(ics|json|geojson|csv|xml|txt|png|svg|pdf|js|webmanifest)$"
    r"|(^|/)api(/|$)|(^|/)tiles(/|$)"
)


def is_page_rule(rule) -> bool:
    """Tell whether a url_map rule serves an HTML page worth visiting in a browser."""
    return (
        "GET" in (rule.methods or ())
        and rule.endpoint not in SKIPPED_ENDPOINTS
        and not rule.endpoint.endswith(".static")
        and not SKIPPED_PATH.search(rule.rule)
    )


def plain_page_paths(app: Flask) -> list[str]:
    """The paths of every page rule without arguments, in a stable order."""
    return sorted(
        rule.rule for rule in app.url_map.iter_rules() if not rule.arguments and is_page_rule(rule)
    )


def pages_with_arguments(app: Flask) -> set[str]:
    """The endpoints of every page rule with arguments."""
    return {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.arguments and is_page_rule(rule)
    }


@dataclass
class Visit:
    url: str  # what was asked for
    final_url: str  # where the browser ended up (after redirects)
    status: int
    content_type: str
    violations: list[dict] = field(default_factory=list)
    checked: bool = False  # axe ran on it


@dataclass
class Crawl:
    """What one browser context saw while visiting every page."""

    label: str
    visits: list[Visit] = field(default_factory=list)
    other_origin: list[tuple[str, str]] = field(default_factory=list)  # (page, request)
    csp_reports: list[tuple[str, str]] = field(default_factory=list)  # (page, console text)
    script_errors: list[tuple[str, str]] = field(default_factory=list)  # (page, error)
    endpoints_with_arguments: dict[str, str] = field(default_factory=dict)  # endpoint -> path

    def checked(self) -> list[Visit]:
        return [v for v in self.visits if v.checked]

    def violation_report(self) -> str:
        lines = []
        for visit in self.visits:
            for v in visit.violations:
                lines.append(
                    f"{self.label} {visit.final_url}: {v['id']} ({v['impact']}) {v['help']}"
                )
                lines.append(f"    {v['helpUrl']}")
                for node in v["nodes"][:5]:
                    lines.append(f"    at {node['target']}: {node['html']}")
                    summary = " ".join(node["summary"].split()) if node["summary"] else ""
                    if summary:
                        lines.append(f"       {summary[:300]}")
                if len(v["nodes"]) > 5:
                    lines.append(f"    … and {len(v['nodes']) - 5} more elements")
        return "\n".join(lines)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@cache
def _axe_source() -> str:
    # Completes with ``true`` so that Playwright evaluates the file as a script, not a function.
    return AXE_SCRIPT.read_text(encoding="utf-8") + "\n;true"


def run_axe(page: Page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page and return the violations.

    ``page.add_script_tag`` would add an inline ``<script>``, which the app's CSP (rightly)
    refuses; evaluating through the DevTools protocol is not subject to the page's CSP, so the
    page is checked with its real policy in force.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(AXE_RUN, AXE_TAGS)


def run_axe_22(page: Page) -> list[dict]:
    """Run axe-core's WCAG 2.2 A/AA rules, target size included, and return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(AXE_22_RUN, AXE_22_TAGS)


def with_language(url: str, language: str | None) -> str:
    """Return ``url`` with ``?lang=`` set, as a link shared in a language carries it."""
    if not language:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"] + [("lang", language)]
    return parts._replace(query=urlencode(query)).geturl()


def landing_key(url: str) -> str:
    """Name the page ``url`` shows: its path, and a query that picks a view (not ``?next=``)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in NOT_A_PAGE_PARAMS]
    return parts.path + (f"?{urlencode(query)}" if query else "")


def open_page(page: Page, url: str) -> Response | None:
    """Go to ``url`` and return the response, or None when the answer is a download."""
    try:
        response = page.goto(url, wait_until="load")
    except PlaywrightError as error:
        if "Download is starting" in str(error):  # a file, not a page
            return None
        raise
    assert response is not None, f"no response for {url}"
    return response


def _links(page: Page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


class Crawler:
    """Walks the live app in one browser context (one page, reused)."""

    def __init__(
        self,
        app: Flask,
        base_url: str,
        context: BrowserContext,
        label: str,
        axe_results: dict[str, list[dict]] | None = None,
        *,
        language: str | None = None,
        axe: Callable[[Page], list[dict]] = run_axe,
        views: Sequence[str] = (),
        ask_first: bool = False,
    ) -> None:
        """``axe_results`` may be shared by crawls at the same window size: a page whose DOM is
        identical to one checked before (another visitor, same page) gets the same result.

        :param language: ask every page in this language (``?lang=``), else the browser's.
        :param axe: what checks a page (WCAG 2.1 by default; ``run_axe_22`` for 2.2).
        :param views: pages with a query to visit as well (``VIEWS``).
        :param ask_first: ask a page over HTTP first, and open it in the browser only when it
            lands somewhere new (the login page that twenty staff pages send a guest to opens
            once): much faster, at the price of not watching the skipped loads' requests.
        """
        self.axe_results = axe_results if axe_results is not None else {}
        self.language = language
        self.axe = axe
        self.views = tuple(views)
        self.ask_first = ask_first
        self.app = app
        self.base_url = base_url
        self.origin = origin(base_url)
        self.context = context
        self.result = Crawl(label)
        self.adapter = app.url_map.bind(urlsplit(base_url).netloc)
        self.wanted = pages_with_arguments(app)
        self.page = context.pages[0] if context.pages else context.new_page()
        self.in_flight: set[Request] = set()
        self.page.on("request", self._on_request)
        self.page.on("requestfinished", lambda request: self.in_flight.discard(request))
        self.page.on("requestfailed", lambda request: self.in_flight.discard(request))
        self.page.on("console", self._on_console)
        self.page.on(
            "pageerror", lambda error: self.result.script_errors.append((self.page.url, str(error)))
        )

    def _on_request(self, request: Request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        self.in_flight.add(request)
        if origin(url) != self.origin:
            self.result.other_origin.append((self.page.url, url))

    def _on_console(self, message: ConsoleMessage) -> None:
        # A load from another origin that the CSP stopped. (A blocked data: URL, such as the
        # blank image Leaflet swaps in for a tile, asks nothing of another server.)
        if message.type != "error" or "Content Security Policy" not in message.text:
            return
        urls = re.findall(r"https?://[^\s'\"]+", message.text)
        if any(origin(url) != self.origin for url in urls):
            self.result.csp_reports.append((self.page.url, message.text))

    def _endpoint_with_arguments(self, url: str) -> str | None:
        if origin(url) != self.origin:
            return None
        path = urlsplit(url).path
        try:
            endpoint, arguments = self.adapter.match(path, method="GET")
        except (HTTPException, RequestRedirect):
            return None
        if not arguments or endpoint not in self.wanted or SKIPPED_PATH.search(path):
            return None
        return str(endpoint)

    def visit(self, path: str) -> Visit:
        url = with_language(self.base_url + path, self.language)
        response = open_page(self.page, url)
        if response is None:
            visit = Visit(url, url, 200, "attachment")
            self.result.visits.append(visit)
            return visit
        content_type = response.headers.get("content-type", "")
        visit = Visit(url, self.page.url, response.status, content_type)
        self.result.visits.append(visit)
        return visit

    def crawl(self) -> Crawl:
        # Every page, plus the "page not found" page.
        queue = [*plain_page_paths(self.app), *self.views, NOT_FOUND_PATH]
        done_urls: set[str] = set()
        while queue:
            path = queue.pop(0)
            if self.ask_first and self._lands_where_known(path, done_urls):
                continue
            visit = self.visit(path)
            # Pages sent to the same place (the login page with another ?next=) count once.
            landed_on = landing_key(visit.final_url)
            if not visit.content_type.startswith("text/html") or landed_on in done_urls:
                continue
            done_urls.add(landed_on)
            if self.in_flight:
                # The page's scripts are still loading things (markers, tiles): let them finish.
                self.page.wait_for_load_state("networkidle")
            fingerprint = hashlib.sha256(self.page.evaluate(DOM_FINGERPRINT).encode()).hexdigest()
            if fingerprint not in self.axe_results:
                self.axe_results[fingerprint] = self.axe(self.page)
            visit.violations = self.axe_results[fingerprint]
            visit.checked = True
            for link in _links(self.page):
                endpoint = self._endpoint_with_arguments(link)
                if endpoint and endpoint not in self.result.endpoints_with_arguments:
                    link_path = urlsplit(link).path
                    self.result.endpoints_with_arguments[endpoint] = link_path
                    queue.append(link_path)
        return self.result

    def _lands_where_known(self, path: str, done_urls: set[str]) -> bool:
        """Ask ``path`` over HTTP: record it and say True when it is no new page to open."""
        url = with_language(self.base_url + path, self.language)
        response = self.context.request.get(url)
        content_type = response.headers.get("content-type", "")
        if content_type.startswith("text/html") and landing_key(response.url) not in done_urls:
            return False
        self.result.visits.append(Visit(url, response.url, response.status, content_type))
        return True


def describe(items: list[tuple[str, str]]) -> str:
    return json.dumps(items[:20], indent=1, ensure_ascii=False)
