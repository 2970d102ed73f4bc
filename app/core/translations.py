"""One message catalogue per language, and the standard Babel flow (``flask translate``).

Source strings are English. ``translations/<lang>/LC_MESSAGES/messages.po`` holds every message
of the app for one language; ``babel.cfg`` says where messages are found. ``flask translate
update`` extracts them with Babel's own frontend (pybabel), updates every catalogue and fills the
English one with the source text (msgstr = msgid), so every catalogue can be checked the same
way; ``flask translate compile`` writes the ``.mo`` files; ``flask translate check`` (and
tests/test_translations.py) reports what is missing, fuzzy or not compiled.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import CommandLineInterface, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "translations"
MAPPING = ROOT / "babel.cfg"
ALL_LANGUAGES = ("nl", "en", "ar", "tr", "pl")
# Staff pages need Dutch and English only (issue 12); every other message needs all five.
STAFF_LANGUAGES = ("nl", "en")
# A message is staff-only when every place it occurs in matches one of these.
STAFF_ONLY_SOURCES = (
    "app/*/manage.py",
    "app/*/manage_*.py",
    "app/*/cli.py",
    "app/cli.py",
    "templates/*/manage/*",
    "templates/pages/management.html",
    "app/figures/*",  # the figures are for professionals and admins only
    "templates/figures/*",
)
# The gettext functions the code calls (the same for pybabel and the in-memory extraction).
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "_l": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
PYBABEL_KEYWORDS = (
    "_ N_ gettext _l lazy_gettext ngettext:1,2 lazy_ngettext:1,2 "
    "pgettext:1c,2 lazy_pgettext:1c,2 npgettext:1c,2,3"
)


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def extract_messages(root: Path = ROOT) -> Catalog:
    """Extract every message of the source tree at ``root`` into a Catalog (in memory)."""
    with (root / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="Wijkplein")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root),
        method_map,
        options_map,
        keywords=KEYWORDS,
        strip_comment_tags=True,
        # Only hidden folders are skipped, not templates/_macros (as `--ignore-dirs .*` below).
        directory_filter=lambda path: not Path(path).name.startswith("."),
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def is_staff_only(message: Message) -> bool:
    """Tell whether ``message`` occurs on staff pages only (then nl and en suffice)."""
    return bool(message.locations) and all(
        any(Path(path).match(pattern) for pattern in STAFF_ONLY_SOURCES)
        for path, _ in message.locations
    )


def is_translated(message: Message | None) -> bool:
    if message is None or "fuzzy" in message.flags:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def untranslated(source: Catalog, lang: str, catalog: Catalog) -> list[str]:
    """Return the source messages ``lang`` must have but misses (or has empty or fuzzy)."""
    missing = []
    for message in source:
        if not message.id or (lang not in STAFF_LANGUAGES and is_staff_only(message)):
            continue
        if not is_translated(catalog.get(message.id, message.context)):
            missing.append(_key_text(message))
    return missing


def _key_text(message: Message) -> str:
    text = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\u0004{text}" if message.context else text


def compiled_messages(mo_bytes: bytes) -> dict[tuple[object, object], object]:
    """Return {(context, id): string} of a compiled catalogue (lists as tuples)."""
    catalog = read_mo(io.BytesIO(mo_bytes))
    return {(m.context, _tuple(m.id)): _tuple(m.string) for m in catalog if m.id}


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def compile_in_memory(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def catalogue_files(lang: str) -> list[str]:
    return sorted(p.name for p in (TRANSLATIONS / lang / "LC_MESSAGES").iterdir())


def _pybabel(*args: str) -> None:
    # From the repository root, so that the catalogues name sources by relative paths (the same
    # on every machine, so an update does not rewrite every location comment).
    with contextlib.chdir(ROOT):
        CommandLineInterface().run(["pybabel", *args])


def fill_english(catalog: Catalog) -> int:
    """Give every English message its source text as translation; return how many changed."""
    changed = 0
    for message in catalog:
        if message.id and not is_translated(message):
            message.string = (
                message.id if isinstance(message.id, str) else tuple(message.id)  # type: ignore[assignment]
            )
            message.flags.discard("fuzzy")
            changed += 1
    return changed


translate_cli = AppGroup("translate", help="Extract, update, compile and check the catalogues.")


@translate_cli.command("extract")
@click.option("--output", default=str(TRANSLATIONS / "messages.pot"), show_default=True)
def extract_command(output: str) -> None:
    """Extract every message into a template (.pot) with pybabel and babel.cfg."""
    _pybabel(
        "extract", "-F", str(MAPPING), "-k", PYBABEL_KEYWORDS, "--no-default-keywords",
        "--strip-comment-tags", "--sort-output", "--ignore-dirs", ".*", "-w", "100", "--project", "Wijkplein",
        "-o", output, ".",
    )  # fmt: skip


@translate_cli.command("update")
def update_command() -> None:
    """Extract, then update every language's catalogue (English gets the source text)."""
    with tempfile.TemporaryDirectory() as tmp:
        template = str(Path(tmp) / "messages.pot")
        click.get_current_context().invoke(extract_command, output=template)
        for lang in ALL_LANGUAGES:
            _pybabel(
                "update", "-i", template, "-d", str(TRANSLATIONS), "-l", lang, "-w", "100",
                "--no-fuzzy-matching", "--ignore-obsolete", "--init-missing",
            )  # fmt: skip
    english = read_catalog("en")
    if fill_english(english):
        with po_path("en").open("wb") as fh:
            write_po(fh, english, width=100)


@translate_cli.command("compile")
def compile_command() -> None:
    """Compile every catalogue into its .mo file."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@translate_cli.command("check")
def check_command() -> None:
    """Report missing, empty or fuzzy messages and stale .mo files; exit 1 if any."""
    problems = list(check_problems())
    for line in problems:
        click.echo(line)
    if problems:
        sys.exit(1)
    click.echo("All catalogues are complete and compiled.")


def check_problems(languages: Iterable[str] = ALL_LANGUAGES) -> Iterable[str]:
    """Yield one line per problem in the catalogues of ``languages``."""
    source = extract_messages()
    for lang in languages:
        if catalogue_files(lang) != ["messages.mo", "messages.po"]:
            yield f"{lang}: more than one catalogue: {catalogue_files(lang)}"
        catalog = read_catalog(lang)
        missing = untranslated(source, lang, catalog)
        if missing:
            yield f"{lang}: {len(missing)} messages without a translation, e.g. {missing[:3]}"
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or compiled_messages(mo.read_bytes()) != compiled_messages(
            compile_in_memory(catalog)
        ):
            yield f"{lang}: messages.mo does not match messages.po (flask translate compile)"
