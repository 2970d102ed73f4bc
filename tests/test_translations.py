"""Every message is translated in the catalogues that must be complete, and compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from app.core.translations import DOMAINS, REQUIRED_COMPLETE, extract_catalog

ROOT = Path(__file__).resolve().parent.parent
CASES = [(domain, lang) for domain, langs in REQUIRED_COMPLETE.items() for lang in langs]


def _po(lang: str, domain: str):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


@pytest.mark.parametrize(("domain", "lang"), CASES)
def test_every_message_in_the_code_is_translated(domain, lang):
    source = extract_catalog(ROOT, domain)
    catalog = _po(lang, domain)
    missing = [
        m.id
        for m in source
        if m.id
        and (catalog.get(m.id, m.context) is None or not _translated(catalog.get(m.id, m.context)))
    ]
    assert not missing, (
        f"{lang}/{domain}.po misses {len(missing)} messages (make translations): {missing[:5]}"
    )


def _key(value):
    """Plural entries are tuples in one reader and lists in the other."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _translated(message) -> bool:
    if "fuzzy" in message.flags:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


@pytest.mark.parametrize("domain", list(DOMAINS))
@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl"])
def test_every_catalogue_is_compiled_and_up_to_date(domain, lang):
    po_file = ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists(), f"{mo_file} is missing: run make translations"
    with mo_file.open("rb") as fh:
        compiled = {m.id: m.string for m in read_mo(fh) if m.id}
    written = {
        m.id: m.string for m in _po(lang, domain) if m.id and m.string and "fuzzy" not in m.flags
    }
    assert compiled == written, f"{mo_file} is out of date: run make translations"


LAYOUT_FILES = (
    "templates/base.html",
    "templates/_macros/",
    "templates/errors/",
    "app/core/errors.py",
)


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl"])
def test_the_layout_and_error_pages_are_translated_into_every_language(lang):
    """The frame around every page (menu, footer, errors) speaks all five languages."""
    source = extract_catalog(ROOT, "messages")
    catalog = _po(lang, "messages")
    missing = [
        m.id
        for m in source
        if m.id
        and any(path.startswith(LAYOUT_FILES) for path, _ in m.locations)
        and not (catalog.get(m.id) is not None and _translated(catalog.get(m.id)))
    ]
    assert not missing, f"{lang}: layout messages without a translation: {missing}"
