"""The look: vendored front-end files, the one stylesheet, its size budget and the base layout."""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from flask import url_for

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
STYLESHEET = STATIC / "css" / "wijkplein.css"
CSS_BUDGET_GZIP = 40 * 1024

VENDORED = {
    "utrecht": ["component-library.css"],
    "leaflet": [
        "leaflet.js",
        "leaflet.css",
        "images/marker-icon.png",
        "images/marker-icon-2x.png",
        "images/marker-shadow.png",
        "images/layers.png",
        "images/layers-2x.png",
    ],
    "leaflet.markercluster": [
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
    ],
    "lucide": ["icons/map.svg", "icons/log-in.svg"],  # every icon: tests/core/test_icons.py
}


def _build_css_module():
    spec = importlib.util.spec_from_file_location("build_css", ROOT / "scripts" / "build_css.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _static_url(app, filename: str) -> str:
    """Where the page links ``filename``: its content-hashed name once `make static` ran."""
    from app.core.assets import static_url

    with app.test_request_context():
        return static_url(filename)


# --- vendored files -----------------------------------------------------------------------------


@pytest.mark.parametrize("folder", sorted(VENDORED))
def test_each_vendored_package_ships_its_licence_and_version_note(folder):
    directory = VENDOR / folder
    licences = [p for p in directory.iterdir() if re.match(r"LICEN[CS]E", p.name, re.I)]
    assert licences, f"static/vendor/{folder} has no licence file"
    assert licences[0].stat().st_size > 500, "the licence file is empty"
    note = (directory / "README.md").read_text(encoding="utf-8")
    assert re.search(r"@\d+\.\d+\.\d+", note), "the README does not name the vendored version"
    for name in VENDORED[folder]:
        assert (directory / name).is_file(), f"missing static/vendor/{folder}/{name}"


def test_the_utrecht_components_are_vendored_under_the_eupl():
    licence = (VENDOR / "utrecht" / "LICENSE.md").read_text(encoding="utf-8")
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licence


def test_every_vendor_folder_has_a_licence_file():
    for directory in VENDOR.iterdir():
        if directory.is_dir():
            assert any(re.match(r"LICEN[CS]E", p.name, re.I) for p in directory.iterdir()), (
                f"static/vendor/{directory.name} has no licence file"
            )


def test_nothing_vendored_that_no_page_uses():
    # folium's jQuery and Bootstrap are left out on purpose (app/servicemap/mapview.py).
    assert sorted(p.name for p in VENDOR.iterdir() if p.is_dir()) == sorted(VENDORED)


def test_the_vendor_script_pins_every_version_and_checksum():
    script = (ROOT / "scripts" / "vendor.sh").read_text(encoding="utf-8")
    for name, version in [
        ("@utrecht/component-library-css", "9.0.4"),
        ("leaflet", "1.9.4"),
        ("leaflet.markercluster", "1.5.3"),
        ("lucide-static", "1.62.0"),
    ]:
        assert re.search(
            rf'"{re.escape(name)} {re.escape(version)} sha512-[A-Za-z0-9+/=]+"', script
        )


def test_vendored_scripts_point_to_no_missing_source_map():
    for path in [
        VENDOR / "leaflet" / "leaflet.js",
        VENDOR / "leaflet.markercluster" / "leaflet.markercluster.js",
    ]:
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8")[-300:], path.name


# --- the stylesheet -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/account/inloggen", "/account/registreren", "/privacy"])
def test_the_css_a_phone_downloads_stays_under_40_kb_compressed(app, client, get_page, path):
    page = get_page(path)
    hrefs = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert _static_url(app, "css/wijkplein.css") in hrefs
    total = 0
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200, href
        assert response.mimetype == "text/css"
        total += len(gzip.compress(response.get_data(), compresslevel=6))
    assert total < CSS_BUDGET_GZIP, f"{path}: {total} bytes of CSS after gzip"


def test_the_built_stylesheet_is_up_to_date_with_its_sources_and_the_templates():
    build_css = _build_css_module()
    assert STYLESHEET.read_text(encoding="utf-8") == build_css.build(), (
        "static/css/wijkplein.css is out of date: run `.venv/bin/python scripts/build_css.py` "
        "(a template may use a utrecht-* class the stylesheet does not have yet)"
    )


def test_the_pruned_stylesheet_keeps_the_used_components_and_drops_the_rest():
    css = STYLESHEET.read_text(encoding="utf-8")
    for selector in [
        ".utrecht-button--primary-action",
        ".utrecht-textbox",
        ".utrecht-heading-1",
        ".utrecht-skip-link--visible-on-focus",
        ".utrecht-table__header-cell",
        ".wp-cards",
        ".wp-language__button",
    ]:
        assert selector in css, selector
    for unused in [".utrecht-calendar", ".utrecht-accordion", ".utrecht-youtube-video"]:
        assert unused not in css, unused


def test_the_pruner_keeps_a_selector_only_when_all_its_classes_are_in_use():
    build_css = _build_css_module()
    rules = build_css.parse(
        ".utrecht-a, .utrecht-zz { color: red }\n"
        "@media print { .utrecht-a .utrecht-b { color: blue } .utrecht-zz { x: y } }\n"
        ".utrecht-a--hover { color: green }\n"
        '.utrecht-a::after { content: " ; { " }\n'
    )
    text = build_css.serialise(
        build_css.prune(rules, {"utrecht-a", "utrecht-b", "utrecht-a--hover"})
    )
    assert ".utrecht-a{color:red}" in text
    assert "@media print{.utrecht-a .utrecht-b{color:blue}}" in text
    assert "utrecht-zz" not in text
    assert "--hover" not in text  # documentation-only state classes are dropped
    assert '.utrecht-a::after{content:" ; { "}' in text


def test_every_wijkplein_token_the_stylesheet_reads_is_defined():
    css = STYLESHEET.read_text(encoding="utf-8")
    read = set(re.findall(r"var\((--wp-[a-z0-9-]+)", css))
    defined = set(re.findall(r"(--wp-[a-z0-9-]+):", css))
    assert read and read <= defined, sorted(read - defined)


def test_the_stylesheet_loads_nothing_from_another_origin_and_its_files_exist():
    css = STYLESHEET.read_text(encoding="utf-8")
    assert "@import" not in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    for url in urls:
        assert not re.match(r"^(https?:)?//|^data:", url), f"not from our origin: {url}"
        assert (STYLESHEET.parent / url).resolve().is_file(), f"missing file: {url}"


def test_the_stylesheet_is_mobile_first_mirrors_for_arabic_and_has_print_styles():
    layout = (STATIC / "css" / "src" / "layout.css").read_text(encoding="utf-8")
    # Mobile first: only min-width queries; the desktop layout starts at 48em.
    assert "@media (min-width: 48em)" in layout
    assert "(max-width" not in layout
    # Mirrored for right-to-left by logical properties: no physical left/right anywhere.
    code = re.sub(r"/\*.*?\*/", "", layout, flags=re.S)
    assert not re.search(r"(margin|padding|border)-(left|right)\b|\b(left|right)\s*:", code)
    assert "@media print" in layout
    assert ":focus-visible" in layout
    tokens = (STATIC / "css" / "src" / "tokens.css").read_text(encoding="utf-8")
    assert re.search(r"--wp-font-size-base:\s*1\.125rem", tokens)  # 18px body text
    assert re.search(r"--wp-tap-target:\s*2\.75rem", tokens)  # 44px tap targets


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background", "minimum"),
    [
        ("text", "background", 4.5),
        ("text-muted", "background", 4.5),
        ("text-muted", "surface", 4.5),
        ("primary", "background", 4.5),
        ("on-dark", "primary", 4.5),
        ("on-dark", "accent", 4.5),
        ("on-dark", "header", 4.5),
        ("on-dark", "footer", 4.5),
        ("header", "on-dark", 4.5),  # the current language button
        ("error", "background", 4.5),
        ("error", "error-light", 4.5),
        ("text", "warning-light", 4.5),
        ("text", "info-light", 4.5),
        ("text", "success-light", 4.5),
        ("primary", "primary-light", 4.5),
        ("text", "focus-inverse", 4.5),  # a focused link
        ("border", "background", 3.0),  # form field borders (non-text contrast)
        ("focus-inverse", "header", 3.0),  # the focus ring on the dark header
    ],
)
def test_the_colour_tokens_meet_wcag_aa_contrast(text, background, minimum):
    tokens = dict(
        re.findall(
            r"--wp-color-([a-z-]+):\s*(#[0-9a-f]{6})",
            (STATIC / "css" / "src" / "tokens.css").read_text(encoding="utf-8"),
        )
    )
    ratio = _contrast(tokens[text], tokens[background])
    assert ratio >= minimum, f"{text} on {background}: {ratio:.2f}"


# --- the base layout ----------------------------------------------------------------------------


def test_every_page_has_the_landmarks_and_a_skip_link_to_the_main_content(app, get_page):
    page = get_page("/")
    first_link = page.body.find("a")
    assert "utrecht-skip-link" in first_link["class"]
    assert first_link["href"] == "#main"
    assert page.find("main", id="main") is not None
    assert page.find("header") is not None and page.find("footer") is not None
    nav = page.find("nav")
    assert nav is not None and nav.get("aria-label")
    assert page.find("link", rel="stylesheet", href=_static_url(app, "css/wijkplein.css"))


def test_the_menu_marks_the_page_you_are_on(get_page):
    page = get_page("/account/inloggen")
    current = page.find("nav").find_all("a", attrs={"aria-current": "page"})
    assert [a["href"] for a in current] == ["/account/inloggen"]


@pytest.mark.parametrize("role", [None, "resident"])
def test_the_menu_is_four_tabs_of_an_icon_and_a_word_and_log_out_sits_in_the_header(
    get_page, login_as, role
):
    if role:
        login_as(role)
    page = get_page("/")
    links = page.find("nav", class_="wp-nav").find_all("a")
    wanted = ["/kaart", "/agenda", "/prikbord", "/account/" if role else "/account/inloggen"]
    assert [a["href"] for a in links] == wanted
    for link in links:
        svg = link.find("svg")
        assert svg is not None and svg["aria-hidden"] == "true"
        assert link.find(class_="wp-nav__label").get_text(strip=True)
    logout = page.find("header").find("form", action="/account/uitloggen")
    assert (logout is not None) is bool(role)
    if logout:
        assert logout.find_parent("nav") is None and logout.find("button", type="submit")


@pytest.mark.parametrize(("language", "direction"), [("nl", "ltr"), ("en", "ltr"), ("ar", "rtl")])
def test_the_language_switch_is_a_row_of_buttons_marking_the_current_language(
    app, client, get_page, language, direction
):
    client.set_cookie("wijkplein_lang", language)
    page = get_page("/")
    assert page.html["lang"] == language and page.html["dir"] == direction
    form = page.find("form", class_="wp-language")
    assert form["method"] == "post"
    buttons = form.find_all("button", attrs={"name": "language"})
    assert {b["value"] for b in buttons} == set(app.config["LANGUAGES"])
    current = [b["value"] for b in buttons if b.get("aria-current") == "true"]
    assert current == [language]
    assert all(b["lang"] == b["value"] for b in buttons)


def test_the_home_page_has_one_big_ask_a_question_button_and_a_way_into_each_part(app, get_page):
    with app.test_request_context():
        ask, sections = (
            url_for("helpboard.new"),
            {
                url_for(endpoint)
                for endpoint in ("helpboard.index", "servicemap.index", "activities.index")
            },
        )
    page = get_page("/")
    ctas = page.find_all("a", class_="wp-cta")
    assert [cta["href"] for cta in ctas] == [ask]
    links = {a["href"].split("?")[0] for a in page.select(".wp-home-list a")}
    assert sections <= links


def test_an_error_page_offers_the_way_home_in_the_users_language(get_page):
    page = get_page("/bestaat-niet", status=404, headers={"Accept-Language": "nl"})
    assert page.html["lang"] == "nl"
    assert page.find("main").find("a", href="/") is not None
    assert "404" in page.find("main").get_text()


def test_a_form_with_errors_lists_them_above_the_form_with_links_to_the_fields(client):
    from tests.pages_helper import check_page

    response = client.post("/account/registreren", data={"name": "Henk", "password": "kort"})
    page = check_page(response)
    summary = page.find(class_="wp-error-summary")
    assert summary is not None and summary["role"] == "alert"
    targets = [a["href"] for a in summary.find_all("a")]
    assert "#password" in targets
    for target in targets:
        field = page.find(id=target.removeprefix("#"))
        assert field is not None, f"the summary links to a missing field: {target}"
        assert field.get("aria-invalid") == "true"
    # The error stands between the label and the input, and the input points to it.
    password = page.find(id="password")
    assert "password-error" in password["aria-describedby"].split()
    assert (
        password.find_previous(class_="utrecht-form-field-error-message")["id"] == "password-error"
    )
    assert page.find(id="name")["value"] == "Henk"
