"""The one place where user text becomes HTML.

bleach, named in the design card, is no longer maintained (its maintainers ended it in June
2026); nh3 (Rust's ammonia) replaces it. Limited Markdown is rendered with markdown-it-py with
raw HTML switched off, links are made clickable with linkify, and nh3 cleans the result against a
single allow-list. Templates render what these functions return and never use ``|safe`` on user
data.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# "commonmark" with raw HTML off; headings, images and tables are not part of limited Markdown.
_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable("linkify")
    .disable(["image", "heading", "lheading", "html_block", "html_inline", "fence", "code"])
)
_plain = MarkdownIt("zero", {"html": False, "linkify": True, "breaks": True}).enable(
    ["linkify", "newline"]
)


class SafeHTML(Markup):
    """HTML that went through :func:`clean_html`; the only kind templates may trust."""


def clean_html(html: str) -> SafeHTML:
    """Clean ``html`` against the allow-list and return it as trusted markup."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return SafeHTML(cleaned)


def render_markdown(text: str | None) -> SafeHTML:
    """Render limited Markdown written by a user as sanitised HTML."""
    if not text:
        return SafeHTML("")
    return clean_html(_markdown.render(text))


def render_plain(text: str | None) -> SafeHTML:
    """Render plain text (messages): escape it, keep line breaks, make links clickable."""
    if not text:
        return SafeHTML("")
    return clean_html(_plain.render(str(text)))
