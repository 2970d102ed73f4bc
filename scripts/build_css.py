"""Build the stylesheets: static/css/wijkplein.css for every page, one more per part.

``static/css/wijkplein.css`` (the base, loaded by every page) is made of three parts, in order:

1. ``static/css/src/tokens.css`` — Wijkplein's design tokens (``--wp-*``) and how they map onto the
   ``--utrecht-*`` custom properties the NL Design System components read;
2. the rules of the vendored Utrecht component library (``static/vendor/utrecht/``, refreshed by
   ``scripts/vendor.sh``), pruned to the components the shared pages use: a selector is kept when
   every ``utrecht-*`` class in it is named in ``BASE_SOURCES`` (or listed in ``BASE`` or
   ``ALWAYS``);
3. ``static/css/src/layout.css`` — Wijkplein's own ``wp-*`` layout classes and the print styles.

``static/css/<part>.css`` (loaded after the base by the part's pages, through the part's
``templates/<part>/_layout.html``) holds the Utrecht rules that the part uses and the base does
not have — named in the part's templates, module or scripts — followed by
``static/css/src/<part>.css``, the part's own classes.

The results are minified (comments and white space dropped). Run it after changing a source file
or after using a new ``utrecht-*`` class in a template::

    .venv/bin/python scripts/build_css.py           # rebuild
    .venv/bin/python scripts/build_css.py --check   # fail when the built file is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "static" / "vendor" / "utrecht" / "component-library.css"
TOKENS = ROOT / "static" / "css" / "src" / "tokens.css"
LAYOUT = ROOT / "static" / "css" / "src" / "layout.css"
OUTPUT = ROOT / "static" / "css" / "wijkplein.css"
SCANNED = [ROOT / "templates", ROOT / "static" / "js", ROOT / "app"]
# What the base stylesheet serves: the page shell, the shared macros and the pages of no part.
BASE_SOURCES = [
    ROOT / "templates" / "base.html",
    ROOT / "templates" / "_macros",
    ROOT / "templates" / "pages",
    ROOT / "templates" / "errors",
    ROOT / "app" / "core",
    ROOT / "app" / "pages",
]
# The parts with a stylesheet of their own: their templates, module and scripts (js/<part>*.js).
PARTS = ("accounts", "activities", "figures", "helpboard", "servicemap")
# Components in the base although only parts use them: layout.css restyles them on the same
# element with a single class (``wp-cta`` on a button link), and layout.css must come after them.
BASE = {
    "utrecht-button-link",
    "utrecht-button-link--html-a",
    "utrecht-button-link--primary-action",
}

# Classes in the base stylesheet even when no template names them yet, so that every part of the
# app can use them (once, in the base, rather than repeated in every part's stylesheet). Everything
# else is kept only when a template, script or Python module names the class in full: a class put
# together at run time (``utrecht-status-badge--{{ state }}``) must be listed here.
ALWAYS = {
    "utrecht-alert",
    "utrecht-body",
    "utrecht-button",
    "utrecht-button--primary-action",
    "utrecht-button--secondary-action",
    "utrecht-button--subtle",
    "utrecht-button--danger",
    "utrecht-button-group",
    "utrecht-checkbox",
    "utrecht-checkbox--html-input",
    "utrecht-data-list",
    "utrecht-data-list__item",
    "utrecht-data-list__item-key",
    "utrecht-data-list__item-value",
    "utrecht-document",
    "utrecht-form-field",
    "utrecht-form-field--invalid",
    "utrecht-form-field-description",
    "utrecht-form-field-error-message",
    "utrecht-form-fieldset",
    "utrecht-form-fieldset__legend",
    "utrecht-form-label",
    "utrecht-form-label--checkbox",
    "utrecht-form-label--radio",
    "utrecht-heading-1",
    "utrecht-heading-2",
    "utrecht-heading-3",
    "utrecht-heading-4",
    "utrecht-link",
    "utrecht-ordered-list",
    "utrecht-ordered-list__item",
    "utrecht-page-content",
    "utrecht-page-footer",
    "utrecht-page-header",
    "utrecht-paragraph",
    "utrecht-paragraph--lead",
    "utrecht-paragraph--small",
    "utrecht-radio-button",
    "utrecht-radio-button--html-input",
    "utrecht-select",
    "utrecht-select--html-select",
    "utrecht-separator",
    "utrecht-skip-link",
    "utrecht-skip-link--visible-on-focus",
    "utrecht-status-badge",
    "utrecht-status-badge--safe",
    "utrecht-status-badge--warning",
    "utrecht-status-badge--danger",
    "utrecht-status-badge--neutral",
    "utrecht-status-badge--inactive",
    "utrecht-table",
    "utrecht-table__body",
    "utrecht-table__caption",
    "utrecht-table__cell",
    "utrecht-table__header",
    "utrecht-table__header-cell",
    "utrecht-table__row",
    "utrecht-textarea",
    "utrecht-textarea--html-textarea",
    "utrecht-textarea--invalid",
    "utrecht-textbox",
    "utrecht-textbox--html-input",
    "utrecht-textbox--invalid",
    "utrecht-unordered-list",
    "utrecht-unordered-list__item",
}

# Modifiers that only simulate a state for the component library's own documentation.
PSEUDO_STATE = re.compile(r"--(hover|focus|focus-visible|active|busy|pressed|disabled)$")
UTRECHT_CLASS = re.compile(r"\.(utrecht-[a-zA-Z0-9_-]+)")
CLASS_IN_SOURCE = re.compile(r"utrecht-[a-z0-9_-]*[a-z0-9]")

LICENCE = (
    "/*! Wijkplein stylesheet, built by scripts/build_css.py. Contains NL Design System components "
    "from @utrecht/component-library-css (EUPL-1.2, (c) Gemeente Utrecht, Frameless B.V.), "
    "see /static/vendor/utrecht/. */\n"
)


@dataclass
class Rule:
    """A style rule (``prelude { body }``), an at-rule with a block, or a statement."""

    prelude: str
    body: str | None = None  # declarations of a style rule
    children: list[Rule] | None = None  # rules inside an at-rule block
    statement: bool = False


def strip_comments(css: str) -> str:
    """Remove ``/* … */`` comments, leaving strings alone."""
    out: list[str] = []
    i, n = 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            out.append(css[i : j + 1])
            i = j + 1
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _block_end(css: str, start: int) -> int:
    """Return the index of the ``}`` that closes the block opened at ``start``."""
    depth, i, n = 0, start, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced braces in CSS")


def parse(css: str) -> list[Rule]:
    """Parse comment-free CSS into a list of rules (nested at-rules included)."""
    rules: list[Rule] = []
    i, n = 0, len(css)
    while i < n:
        while i < n and css[i].isspace():
            i += 1
        if i >= n:
            break
        brace, semi = css.find("{", i), css.find(";", i)
        if css[i] == "@" and semi != -1 and (brace == -1 or semi < brace):
            rules.append(Rule(prelude=css[i:semi].strip(), statement=True))
            i = semi + 1
            continue
        if brace == -1:
            break
        prelude = css[i:brace].strip()
        end = _block_end(css, brace)
        inner = css[brace + 1 : end]
        if prelude.startswith("@") and not prelude.startswith(("@font-face", "@page")):
            if prelude.startswith("@keyframes"):
                rules.append(Rule(prelude=prelude, body=inner))
            else:
                rules.append(Rule(prelude=prelude, children=parse(inner)))
        else:
            rules.append(Rule(prelude=prelude, body=inner))
        i = end + 1
    return rules


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside ``:is(…)``)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for c in prelude:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def class_in_use(name: str, used: set[str]) -> bool:
    """Tell whether the Utrecht class ``name`` belongs to what Wijkplein uses."""
    if PSEUDO_STATE.search(name):
        return False
    return name in used


def prune(rules: list[Rule], used: set[str], elsewhere: set[str] | None = None) -> list[Rule]:
    """Keep only the selectors (and at-rule blocks) that style classes in use.

    :param elsewhere: classes another stylesheet (the base) already styles: a selector whose
        classes are all among them is left out.
    """
    kept: list[Rule] = []
    for rule in rules:
        if rule.statement:
            continue  # @charset, @import: not wanted in the built file
        if rule.children is not None:
            children = prune(rule.children, used, elsewhere)
            if children:
                kept.append(Rule(prelude=rule.prelude, children=children))
            continue
        if rule.prelude.startswith("@keyframes"):
            continue  # added back by build() when a kept rule names the animation
        selectors = []
        for selector in split_selectors(rule.prelude):
            classes = UTRECHT_CLASS.findall(selector)
            shown_elsewhere = elsewhere is not None and all(
                class_in_use(c, elsewhere) for c in classes
            )
            if classes and all(class_in_use(c, used) for c in classes) and not shown_elsewhere:
                selectors.append(selector)
        if selectors:
            kept.append(Rule(prelude=",".join(selectors), body=rule.body))
    return kept


STRING = re.compile(r"(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')")


def minify_declarations(body: str) -> str:
    """Collapse white space in a declaration block (strings are left as they are)."""
    pieces = STRING.split(body)
    for index in range(0, len(pieces), 2):  # even pieces are outside strings
        piece = re.sub(r"\s+", " ", pieces[index])
        pieces[index] = re.sub(r"\s*([;:{},])\s*", r"\1", piece)
    return "".join(pieces).strip().rstrip(";")


def minify_prelude(prelude: str) -> str:
    prelude = re.sub(r"\s+", " ", prelude).strip()
    prelude = re.sub(r"\s*,\s*", ",", prelude)
    return re.sub(r"\s*([>+~])\s*(?![^()]*\))", r"\1", prelude)


def serialise(rules: list[Rule]) -> str:
    out: list[str] = []
    for rule in rules:
        if rule.statement:
            out.append(minify_prelude(rule.prelude) + ";")
        elif rule.children is not None:
            out.append(minify_prelude(rule.prelude) + "{" + serialise(rule.children) + "}")
        else:
            out.append(
                minify_prelude(rule.prelude) + "{" + minify_declarations(rule.body or "") + "}"
            )
    return "\n".join(out)


def classes_in_sources(sources: list[Path] | None = None) -> set[str]:
    """Collect every ``utrecht-*`` class named in templates, scripts and Python code.

    :param sources: files and folders to read (default: all of ``SCANNED``).
    """
    used: set[str] = set()
    for source in sources or SCANNED:
        paths = source.rglob("*") if source.is_dir() else [source]
        for path in paths:
            if path.suffix in {".html", ".js", ".py"} and "vendor" not in path.parts:
                used.update(CLASS_IN_SOURCE.findall(path.read_text(encoding="utf-8")))
    return used


def part_sources(part: str) -> list[Path]:
    """Return the templates, module and scripts of ``part``."""
    scripts = sorted((ROOT / "static" / "js").glob(f"{part}*.js"))
    return [ROOT / "templates" / part, ROOT / "app" / part, *scripts]


def base_classes() -> set[str]:
    return classes_in_sources(BASE_SOURCES) | BASE | ALWAYS


def unset_properties(css: str) -> list[str]:
    """List the ``--utrecht-*`` properties read without a fallback and never set (for review)."""
    read = set(re.findall(r"var\((--utrecht-[a-z0-9-]+)\)", css))
    defined = set(re.findall(r"(--utrecht-[a-z0-9-]+)\s*:", css))
    return sorted(read - defined)


def components(vendored: list[Rule], used: set[str], elsewhere: set[str] | None = None) -> str:
    """Return the minified Utrecht rules for ``used`` (with the animations they name)."""
    pruned = prune(vendored, used, elsewhere)
    kept_text = serialise(pruned)
    pruned += [
        rule
        for rule in vendored
        if rule.prelude.startswith("@keyframes") and rule.prelude.split()[1] in kept_text
    ]
    return serialise(pruned)


def vendored_rules() -> list[Rule]:
    return parse(strip_comments(VENDORED.read_text(encoding="utf-8")))


def minified(path: Path) -> str:
    return serialise(parse(strip_comments(path.read_text(encoding="utf-8"))))


def build() -> str:
    """Return the text of the base stylesheet (static/css/wijkplein.css)."""
    parts = [
        minified(TOKENS),
        components(vendored_rules(), base_classes()),
        minified(LAYOUT),
    ]
    return LICENCE + "\n".join(parts) + "\n"


def build_part(part: str, vendored: list[Rule] | None = None) -> str:
    """Return the text of ``part``'s stylesheet (static/css/<part>.css)."""
    base = base_classes()
    used = classes_in_sources(part_sources(part)) | base
    pieces = [
        components(vendored or vendored_rules(), used, elsewhere=base),
        minified(ROOT / "static" / "css" / "src" / f"{part}.css"),
    ]
    return LICENCE + "\n".join(piece for piece in pieces if piece) + "\n"


def outputs() -> dict[Path, str]:
    """Return every stylesheet to write, by path."""
    vendored = vendored_rules()
    built = {OUTPUT: build()}
    for part in PARTS:
        built[OUTPUT.parent / f"{part}.css"] = build_part(part, vendored)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the file is out of date")
    parser.add_argument("--unset", action="store_true", help="list --utrecht-* never set")
    args = parser.parse_args(argv)
    built = outputs()
    if args.unset:
        print("\n".join(unset_properties("\n".join(built.values()))))
        return 0
    if args.check:
        stale = [
            path
            for path, css in built.items()
            if not path.exists() or path.read_text(encoding="utf-8") != css
        ]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run scripts/build_css.py")
        return 1 if stale else 0
    for path, css in built.items():
        path.write_text(css, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(css.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
