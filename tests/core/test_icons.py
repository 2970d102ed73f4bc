"""Icons are inline SVG from the vendored Lucide files: no emoji that a phone may lack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.icons import ICON_DIR, icon
from app.helpboard.icons import DEFAULT, ICONS, icon_for
from app.taxonomy.builtin import BUILTIN

ROOT = Path(__file__).resolve().parents[2]
# icon("map"), icon('list', …) and the menu's nav_link(…, 'calendar-days')
NAMED_IN_TEMPLATE = re.compile(
    r"""\bicon\(\s*["']([a-z0-9-]+)["']|nav_link\(.*?,\s*["']([a-z0-9-]+)["']\s*\)\s*}}"""
)


def _names_in_templates() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        for match in NAMED_IN_TEMPLATE.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    return names


def _vendored() -> set[str]:
    return {path.stem for path in ICON_DIR.glob("*.svg")}


def test_every_icon_a_page_names_is_vendored_and_every_vendored_icon_is_named():
    named = _names_in_templates() | set(ICONS.values()) | {DEFAULT}
    assert {"map", "list", "log-in", "log-out", "circle-user"} <= named  # the search works
    assert named - _vendored() == set(), "named but not in static/vendor/lucide (vendor.sh)"
    assert _vendored() - named == set(), "vendored but no page uses it"


def test_a_decorative_icon_is_hidden_from_screen_readers_and_says_nothing():
    svg = str(icon("map"))
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
    assert "role=" not in svg and "<title" not in svg
    assert 'stroke="currentColor"' in svg  # it takes the colour of the text around it
    assert "<path" in svg and "license" not in svg.lower()  # the shapes, not the file's comment


def test_an_icon_that_stands_alone_is_named_and_the_name_is_escaped():
    svg = str(icon("map", label='Kaart "<b>"'))
    assert 'role="img"' in svg and "aria-hidden" not in svg
    assert 'aria-label="Kaart &#34;&lt;b&gt;&#34;"' in svg


@pytest.mark.parametrize("name", ["no-such-icon", "../../../etc/passwd", "MAP", ""])
def test_only_vendored_icons_can_be_drawn(name):
    with pytest.raises(ValueError):
        icon(name)


def test_every_built_in_category_has_an_icon_of_its_own():
    codes = {entry[2] for entry in BUILTIN}
    assert codes - set(ICONS) == set(), "a category would fall back to the plain circle"


def test_a_category_without_a_known_icon_gets_the_plain_circle():
    class Category:
        icon = "something-new"

    unknown = str(icon_for(Category()))
    assert unknown == str(icon_for(None))
    assert "<circle" in unknown


def test_the_topic_tiles_show_svg_icons_and_no_emoji(app, get_page):
    from tests.helpboard.factories import category

    category("litter")
    category("money-and-debt")
    page = get_page("/prikbord/nieuw")
    tiles = page.select(".wp-hb-category__label")
    assert len(tiles) >= 2
    for tile in tiles:
        mark = tile.find(class_="wp-hb-icon")
        assert mark is not None and mark.find("svg") is not None
        assert mark.get_text(strip=True) == "", f"text beside the icon: {mark.get_text()!r}"
    # No symbol outside the Basic Multilingual Plane (emoji) anywhere on the page.
    assert not re.search(r"[\U00010000-\U0010FFFF]", str(page))
