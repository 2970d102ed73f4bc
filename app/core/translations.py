"""Message catalogues per domain.

Each part of Wijkplein keeps its own catalogue (``translations/<lang>/LC_MESSAGES/<domain>.po``)
so that parts can be translated and extended without touching one big file. Flask-Babel merges
them: its ``BABEL_DOMAIN`` and ``BABEL_TRANSLATION_DIRECTORIES`` are paired lists.
"""

from __future__ import annotations

from flask import Flask

# Catalogue domains; scripts/translations.py extracts each from the paths given here.
DOMAINS: dict[str, dict[str, list[str]]] = {
    "messages": {
        "paths": ["app", "templates"],
        "ignore": ["servicemap", "activities", "helpboard", "taxonomy"],
    },
    "taxonomy": {"paths": ["app/taxonomy"], "ignore": []},
    "servicemap": {"paths": ["app/servicemap", "templates/servicemap"], "ignore": []},
    "activities": {"paths": ["app/activities", "templates/activities"], "ignore": []},
    "helpboard": {"paths": ["app/helpboard", "templates/helpboard"], "ignore": []},
}


def translation_directories_and_domains(app: Flask) -> tuple[str, str]:
    """Return Flask-Babel's paired directory and domain settings for every domain."""
    directory = app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0]
    names = list(DOMAINS)
    return ";".join([directory] * len(names)), ";".join(names)


# Catalogues that must be complete (a test checks it); the other languages may lag behind and
# fall back to the English source text.
ALL_LANGUAGES = ("nl", "en", "ar", "tr", "pl")
REQUIRED_COMPLETE: dict[str, tuple[str, ...]] = {
    "messages": ("nl", "en", "ar"),
    "taxonomy": ("nl", "en", "ar", "tr", "pl"),
    "servicemap": ("nl", "en"),
    "activities": ("nl", "en"),
    "helpboard": ("nl", "en"),
}
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]


def extract_catalog(root, domain: str):
    """Extract the messages of ``domain`` from the source tree at ``root`` into a Catalog."""
    from pathlib import Path

    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    spec = DOMAINS[domain]
    catalog = Catalog(project="Wijkplein", domain=domain)
    ignore = set(spec["ignore"])
    for rel in spec["paths"]:
        base = Path(root) / rel
        if not base.exists():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
            str(base),
            METHOD_MAP,
            keywords=KEYWORDS,
            directory_filter=lambda d: (
                Path(d).name not in ignore and not Path(d).name.startswith(".")
            ),
            strip_comment_tags=True,
        ):
            catalog.add(
                message,
                None,
                [(f"{rel}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog
