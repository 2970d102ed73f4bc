"""Free-text search of the map: one query function, a full-text index on each database.

What a service is found by (``build_search_text``): its name, description, cost, target groups,
organisation and place, and its categories' names in every language with their synonyms
(``app.taxonomy.synonyms``). That text is folded in Python — lower case, without accents, ł → l,
ı → i — into ``Service.search_text``, and a query is folded the same way, so "BORC" finds "borç".

Dutch stemming makes "schuld" find "schulden":

- PostgreSQL: ``to_tsvector('wijkplein_dutch', search_text)`` with a GIN index
  (``search_schema.py``): the Dutch Snowball stemmer, after ``unaccent``.
- SQLite: the FTS5 table ``service_search`` holds ``Service.search_stems``, the same words
  stemmed in Python by the same Snowball algorithm (``dutch_porter`` is PostgreSQL's ``dutch``).

Every word must match; the last one also as the start of a word ("huisar" finds "huisarts"),
because a person may still be typing it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

import snowballstemmer
from sqlalchemy import ColumnElement, Select, bindparam, func, literal_column, select, text
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.servicemap.models import Service
from app.taxonomy.synonyms import category_terms

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_NOT_LETTER = re.compile(r"[\W_]+")
# Letters that Unicode does not decompose but people type without their stroke or dot.
_PLAIN = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ð": "d"})
MAX_WORDS = 8
TS_CONFIG = "wijkplein_dutch"

_stemmer = snowballstemmer.stemmer("dutch_porter")
_stem_lock = threading.Lock()  # a Snowball stemmer keeps state while it works


def normalise(text: str | None) -> str:
    """Return ``text`` lower-cased, without accents, in ASCII words (for slugs and the like)."""
    if not text:
        return ""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased and without accents, in words of any script."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_LETTER.sub(" ", plain).split())


def search_words(query: str | None, limit: int = MAX_WORDS) -> list[str]:
    """Split a query into folded words (at most ``limit``, so a query stays cheap)."""
    return fold(query).split()[:limit]


def stem(word: str) -> str:
    """Return the Dutch Snowball stem of a folded word."""
    with _stem_lock:
        return _stemmer.stemWord(word)


def stems_of(folded: str) -> str:
    """Return the stems of the words of folded text, space-separated (SQLite's FTS5 input)."""
    return " ".join(stem(w) for w in folded.split())


def build_search_text(service: Service) -> str:
    """Return the folded text a service is found by."""
    parts = [
        service.name,
        service.description,
        service.cost,
        " ".join(service.target_groups or []),
        service.organisation.name if service.organisation else "",
    ]
    if service.location is not None:
        location = service.location
        parts += [location.name, location.address, location.postcode or ""]
    for category in service.categories:
        parts += category_terms(category)
    return " " + fold(" ".join(p for p in parts if p)) + " "


def index_service(service: Service) -> None:
    """Bring a service's search text and stems up to date (before it is flushed)."""
    service.search_text = build_search_text(service)
    service.search_stems = stems_of(service.search_text)


def text_match(query: str | None, dialect: str) -> ColumnElement[bool] | None:
    """Return the condition "the service matches every word of ``query``", or None (no words).

    :param dialect: the database's dialect name, "postgresql" or "sqlite".
    """
    words = search_words(query)
    if not words:
        return None
    *whole, last = words
    if dialect == "postgresql":
        # Folded words hold letters and digits only, so they are safe in a tsquery.
        config: ColumnElement[Any] = literal_column(f"'{TS_CONFIG}'::regconfig")
        simple: ColumnElement[Any] = literal_column("'simple'::regconfig")
        document = func.to_tsvector(config, Service.search_text)
        # The last word as typed, unstemmed, may also begin a stem ("taal" begins "taalcaf").
        typed = func.to_tsquery(config, bindparam("search_last", f"'{last}':*")).op("||")(
            func.to_tsquery(simple, bindparam("search_typed", f"'{last}':*"))
        )
        if whole:
            whole_words = " & ".join(f"'{w}'" for w in whole)
            typed = func.to_tsquery(config, bindparam("search_whole", whole_words)).op("&&")(typed)
        return document.op("@@")(typed)
    phrases = [_phrase(stem(w)) for w in whole]
    phrases.append(f"({_phrase(stem(last))}* OR {_phrase(last)}*)")
    matching: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(text("service_search"))
        .where(
            text("service_search MATCH :search_match").bindparams(
                bindparam("search_match", " AND ".join(phrases))
            )
        )
    )
    return Service.id.in_(matching)


def _phrase(word: str) -> str:
    """Quote a word for an FTS5 query."""
    return '"' + word.replace('"', '""') + '"'


def reindex_services(category_id: int | None = None) -> int:
    """Recompute the search text of every service (of one category); return how many.

    Run after a category's names or synonyms change, and by ``flask map reindex``.
    """
    stmt = select(Service).options(
        joinedload(Service.organisation),
        joinedload(Service.location),
        selectinload(Service.categories),
    )
    if category_id is not None:
        stmt = stmt.where(Service.categories.any(id=category_id))
    services = list(db.session.scalars(stmt))
    for service in services:
        index_service(service)
    db.session.flush()
    return len(services)
