"""Every page a guest, a resident or a volunteer can reach, in Dutch, Turkish, Arabic and Polish:
no English text that the language's catalogue translates (issue 12, item 2).

The English strings come from the catalogues, not from this file: a text node (or a
placeholder, aria-label, title, alt, or a button's value) that equals an English msgid whose
translation in the page's language differs from it is untranslated text. Strings that are the
same in both languages ("Wijkplein", "WhatsApp") are never reported, because their translation
equals the msgid.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString
from playwright.sync_api import Browser
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from tests.browser.actions import log_in
from tests.browser.conftest import TIMEOUT_MS, LiveServer
from tests.browser.crawl import SKIPPED_PATH, pages_with_arguments, plain_page_paths
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "tr", "ar", "pl")
VISITORS = ("anonymous", "resident", "volunteer")
# Shown in their own language on every page (the language menu), whatever the page's language.
ENDONYMS = {"Nederlands", "English", "Türkçe", "العربية", "Polski"}
# Proper names as they are written on the spot: a neighbourhood's name comes from the database
# (the catalogue's Arabic spelling of "Crabbehof" is for sentences that name it).
PROPER_NAMES = {"Crabbehof", "Wielwijk", "Oud-Krispijn", "Nieuw-Krispijn", "Dordrecht"}
ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
INVISIBLE = ("script", "style", "template", "noscript")
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sd]|\{\w*\}")


@cache
def untranslated_english(language: str) -> frozenset[str]:
    """English texts that, in ``language``, must show as something else."""
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    found = set()
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if PLACEHOLDER.search(english) or not english.strip():
                continue  # filled in on the page, so never seen as it is
            if any(s and s != english for s in strings):
                found.add(" ".join(english.split()))
    return frozenset(found - ENDONYMS - PROPER_NAMES)


def _visible_texts(soup: BeautifulSoup) -> list[str]:
    """Text nodes and text attributes a person sees or hears, whitespace folded."""
    texts = []
    for node in soup.find_all(string=True):
        if not isinstance(node, NavigableString) or node.parent is None:
            continue
        if any(parent.name in INVISIBLE for parent in node.parents if parent.name):
            continue
        text = " ".join(str(node).split())
        if text:
            texts.append(text)
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str) and value.strip():
                texts.append(" ".join(value.split()))
        if element.name in ("button", "input") and element.get("type") in ("submit", "button"):
            value = element.get("value")
            if isinstance(value, str) and value.strip() and element.name == "input":
                texts.append(" ".join(value.split()))
    return texts


def _walk(browser: Browser, context_args: dict, server: LiveServer, visitor: str) -> dict:
    """Return {language: [(path, English text)]} for every page the visitor reaches."""
    context = browser.new_context(**context_args)
    context.set_default_timeout(TIMEOUT_MS)
    found: dict[str, list[tuple[str, str]]] = {language: [] for language in LANGUAGES}
    html_attributes: dict[str, set[tuple[str | None, str | None]]] = {}
    try:
        page = context.new_page()
        person = server.people.get(visitor)
        if person:
            log_in(page, server.url, person.login, person.password)
        adapter = server.app.url_map.bind(urlsplit(server.url).netloc)
        wanted = pages_with_arguments(server.app)
        queue = [p for p in plain_page_paths(server.app) if not p.startswith("/beheer")]
        done: set[str] = set()
        linked: set[str] = set()
        while queue:
            path = queue.pop(0)
            for language in LANGUAGES:
                response = context.request.get(f"{server.url}{path}?lang={language}")
                if not response.headers.get("content-type", "").startswith("text/html"):
                    break
                landed = urlsplit(response.url).path
                if language == LANGUAGES[0]:
                    if landed in done or landed.startswith("/beheer"):
                        break
                    done.add(landed)
                soup = BeautifulSoup(response.text(), "html.parser")
                html = soup.find("html")
                html_attributes.setdefault(language, set()).add(
                    (html.get("lang"), html.get("dir")) if html else (None, None)
                )
                english = untranslated_english(language)
                for text in _visible_texts(soup):
                    if text in english:
                        found[language].append((landed, text))
                if language == LANGUAGES[0]:
                    for anchor in soup.find_all("a", href=True):
                        link = urljoin(response.url, str(anchor["href"]))
                        parts = urlsplit(link)
                        if f"{parts.scheme}://{parts.netloc}" != server.url:
                            continue
                        if SKIPPED_PATH.search(parts.path):
                            continue
                        try:
                            endpoint, arguments = adapter.match(parts.path, method="GET")
                        except (HTTPException, RequestRedirect):  # not a page of this app
                            continue
                        if arguments and endpoint in wanted and endpoint not in linked:
                            linked.add(endpoint)
                            queue.append(parts.path)
        found["_html"] = sorted(html_attributes.get("ar", set()))  # type: ignore[assignment]
        found["_pages"] = sorted(done)  # type: ignore[assignment]
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def walks(browser: Browser, browser_context_args: dict, live_server: LiveServer) -> dict:
    return {v: _walk(browser, browser_context_args, live_server, v) for v in VISITORS}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visitor", VISITORS)
def test_no_page_shows_english_that_the_language_translates(walks, visitor, language):
    walk = walks[visitor]
    assert len(walk["_pages"]) > 10, walk["_pages"]
    untranslated = sorted(set(walk[language]))
    assert not untranslated, f"untranslated text in {language} (page, text): {untranslated[:40]}"


@pytest.mark.parametrize("visitor", VISITORS)
def test_arabic_pages_are_right_to_left(walks, visitor):
    assert walks[visitor]["_html"] == [("ar", "rtl")]


def test_the_check_finds_english_text_that_has_a_translation():
    """The check can fail: a well-known English string counts as untranslated in Dutch."""
    soup = BeautifulSoup("<main><h1>Log in</h1><p>Wijkplein</p></main>", "html.parser")
    english = untranslated_english("nl")
    assert [t for t in _visible_texts(soup) if t in english] == ["Log in"]
