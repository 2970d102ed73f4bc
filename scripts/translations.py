"""Extract, update and compile every message catalogue (``make translations``).

Source strings are English. The English catalogue is filled from the source text; the other
languages keep their translations and get new, empty entries to translate.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.translations import ALL_LANGUAGES, DOMAINS, extract_catalog  # noqa: E402


def po_path(lang: str, domain: str) -> Path:
    return ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def update(lang: str, domain: str, template: Catalog) -> Catalog:
    path = po_path(lang, domain)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=domain)
    else:
        catalog = Catalog(locale=lang, domain=domain, project="Wijkplein")
    # update() shares Message objects with the template: give each language its own copy.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    if lang == "en":
        for message in catalog:
            if message.id and not _is_translated(message):
                message.string = message.id
            message.flags.discard("fuzzy")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True, omit_header=False)
    return catalog


def compile_catalog(lang: str, domain: str) -> None:
    path = po_path(lang, domain)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    with path.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)


def main(argv: list[str]) -> int:
    """Process the domains named in ``argv`` (all when none are named)."""
    (ROOT / "translations").mkdir(exist_ok=True)
    for domain in argv or list(DOMAINS):
        template = extract_catalog(ROOT, domain)
        for lang in ALL_LANGUAGES:
            catalog = update(lang, domain, template)
            compile_catalog(lang, domain)
            missing = sum(1 for m in catalog if m.id and not _is_translated(m))
            print(f"{lang}/{domain}: {len(catalog)} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
