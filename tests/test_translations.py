"""One catalogue per language, every message translated where it must be, and compiled."""

from __future__ import annotations

import pytest

from app.core.translations import (
    ALL_LANGUAGES,
    catalogue_files,
    compile_in_memory,
    compiled_messages,
    extract_messages,
    is_staff_only,
    is_translated,
    po_path,
    read_catalog,
    untranslated,
)


@pytest.fixture(scope="module")
def source():
    """The messages in the code now (extracted in memory, as `flask translate extract` does)."""
    return extract_messages()


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_each_language_has_exactly_one_catalogue(lang):
    assert catalogue_files(lang) == ["messages.mo", "messages.po"]


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_every_message_in_the_code_is_translated(source, lang):
    """Every message in every language; staff-only messages (by source path) in nl and en."""
    missing = untranslated(source, lang, read_catalog(lang))
    assert not missing, (
        f"{lang}/messages.po misses {len(missing)} messages (make translations): {missing[:5]}"
    )


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_every_catalogue_is_compiled_and_up_to_date(lang):
    mo_file = po_path(lang).with_suffix(".mo")
    assert mo_file.exists(), f"{mo_file} is missing: run make translations"
    expected = compiled_messages(compile_in_memory(read_catalog(lang)))
    assert compiled_messages(mo_file.read_bytes()) == expected, (
        f"{mo_file} does not match its .po: run make translations"
    )


def test_the_catalogue_knows_no_message_the_code_does_not_use(source):
    """Stale entries would hide a changed message id (update drops obsolete ones)."""
    wanted = {(m.context, str(m.id)) for m in source if m.id}
    for lang in ALL_LANGUAGES:
        stale = [m.id for m in read_catalog(lang) if m.id and (m.context, str(m.id)) not in wanted]
        assert not stale, f"{lang}: messages no longer in the code: {stale[:5]}"


LAYOUT_FILES = (
    "templates/base.html",
    "templates/_macros/",
    "templates/errors/",
    "app/core/errors.py",
)


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_the_layout_and_error_pages_are_translated_into_every_language(source, lang):
    """The frame around every page (menu, footer, errors) speaks all five languages."""
    catalog = read_catalog(lang)
    missing = [
        m.id
        for m in source
        if m.id
        and any(path.startswith(LAYOUT_FILES) for path, _ in m.locations)
        and not is_translated(catalog.get(m.id, m.context))
    ]
    assert not missing, f"{lang}: layout messages without a translation: {missing}"


def test_staff_only_messages_are_recognised_by_their_source_path(source):
    by_id = {m.id: m for m in source if m.id}
    assert not is_staff_only(by_id["Ask a question"])
    staff = [m for m in source if m.id and is_staff_only(m)]
    assert staff and all(
        "manage" in path or "cli" in path or "figures" in path
        for m in staff
        for path, _ in m.locations
    )


def test_one_english_word_with_two_meanings_has_a_context_per_meaning():
    dutch = read_catalog("nl")
    assert dutch.get("Monday").string == "Maandag"
    assert dutch.get("Monday", "in a sentence").string == "maandag"
    assert dutch.get("Languages spoken").string == "Gesproken talen"
    assert dutch.get("Languages spoken", "activity").string == "Talen die je hoort"
