"""User text becomes HTML only through app.core.sanitize, and nothing dangerous survives."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.sanitize import ALLOWED_TAGS, SafeHTML, render_markdown, render_plain


def assert_harmless(html: str) -> None:
    """Fail when the HTML has a tag, attribute or link that could run script or load content."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, f"tag <{tag.name}> survived: {html}"
        assert set(tag.attrs) <= {"href", "rel"}, f"attributes {tag.attrs} survived: {html}"
        href = tag.get("href", "")
        assert not href or href.split(":")[0] in {"http", "https", "mailto", "tel"}, href


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '"><script>alert(1)</script>',
]


def test_limited_markdown_keeps_emphasis_lists_and_links():
    html = render_markdown(
        "**Let op**: *dinsdag*\n\n- koffie\n- thee\n\nZie https://www.dordrecht.nl"
    )
    assert "<strong>Let op</strong>" in html
    assert "<em>dinsdag</em>" in html
    assert "<li>koffie</li>" in html
    assert '<a href="https://www.dordrecht.nl" rel="nofollow noopener noreferrer">' in html
    assert isinstance(html, SafeHTML)


def test_markdown_headings_and_images_are_not_part_of_limited_markdown():
    html = render_markdown("# Kop\n\n![foto](https://evil.example/x.png)")
    assert "<h1" not in html and "<img" not in html


def test_known_attacks_are_defused_in_markdown_and_plain_text():
    for attack in ATTACKS:
        for render in (render_markdown, render_plain):
            assert_harmless(str(render(attack)))


def test_plain_text_keeps_line_breaks_and_makes_links_clickable():
    html = render_plain("Hoi,\nbel me op dinsdag.\n\nZie www.dordrecht.nl & <b>niet vet</b>")
    assert "<br>" in html
    assert '<a href="http://www.dordrecht.nl"' in html
    assert "&lt;b&gt;niet vet&lt;/b&gt;" in html
    assert "&amp;" in html


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("<>\"'=/:;()[]{}!*_`#-\n abcjsvrpt") + ATTACKS + ["javascript", "href", "on"]
        ),
        max_size=40,
    ).map("".join)
)
def test_no_input_produces_script_or_event_handlers(text):
    for render in (render_markdown, render_plain):
        assert_harmless(str(render(text)))
