"""Whole anonymous responses kept on the server and served before Flask runs.

For a ``GET``/``HEAD`` of a view marked :func:`app.core.caching.cacheable` by a visitor without a
session or remember cookie, the finished response (status 200, headers, body as compressed for
the visitor's ``Accept-Encoding``) is kept in a :mod:`page store <app.core.page_store>`
(``PAGE_CACHE_URL``: Redis, or a bounded LRU in this process) for ``PAGE_CACHE_SECONDS``.
:class:`PageCacheMiddleware` sits in front of Flask (WSGI), so a hit costs no routing, no
session, no template and no query.

- **Key**: method (HEAD is served from GET), scheme, host, path, the query string sorted, the
  language the visitor would get (language cookie, else ``Accept-Language``), the encoding, and
  every part registered with :func:`add_key_part` (the hook for what else a page may vary by,
  such as a chosen neighbourhood).
- **Who never gets or fills it**: anyone with a session cookie, a remember cookie or an
  ``Authorization`` header. The Flask side also checks, after the view ran, that the visitor
  is anonymous, nothing wrote the session, no CSP nonce was used, and the language is the one
  in the key; the middleware stores only a 200 without ``Set-Cookie``.
- **Invalidation**: a *content generation*. A commit that inserted, changed or deleted rows of
  any table except the private ones (:data:`PRIVATE_TABLES`: mail, account events, internal
  notes...) raises it (SQLAlchemy session events); an entry made under an older generation is
  never served. So a change shows at the next request; what changes with the clock alone
  ("open now", today's date) shows within ``PAGE_CACHE_SECONDS``.
- **Conditional requests**: each stored response has a strong ``ETag`` (a hash of the body as
  sent, so each encoding has its own) and a ``Last-Modified`` (when it was made);
  ``If-None-Match`` — or, without it, ``If-Modified-Since`` — gets 304.
- **How long**: ``PAGE_CACHE_SECONDS``; a view marked
  :func:`app.core.caching.kept_until_changed` (the feeds) ``FEED_CACHE_SECONDS``, since only a
  change (a new generation) makes it different.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import Flask, Response, current_app, has_app_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import http_date, parse_accept_header, parse_cookie, parse_date

from app.core.page_store import PageStore, store_for
from app.core.security import nonce_used

EXTENSION = "wijkplein_page_cache"
KEY_ENV = "wijkplein.page_cache.key"
GENERATION_ENV = "wijkplein.page_cache.generation"
STORE_ENV = "wijkplein.page_cache.store"
SECONDS_ENV = "wijkplein.page_cache.seconds"
CHANGED = "wijkplein.public_content_changed"
# Tables whose rows no anonymous page shows: a change there keeps the cached pages.
PRIVATE_TABLES = frozenset(
    {
        "outbox_mails",
        "push_subscriptions",
        "account_events",
        "recovery_codes",
        "request_notifications",
        "request_notes",
        "request_reports",
        "guest_links",
        "service_corrections",
    }
)
# Headers a 304 repeats (RFC 9110, 15.4.5), besides what the security hook always sets.
NOT_MODIFIED_HEADERS = {
    "cache-control",
    "etag",
    "vary",
    "expires",
    "content-location",
    "last-modified",
}
KeyPart = Callable[[dict[str, Any]], str]
_key_parts: list[KeyPart] = []


def add_key_part(part: KeyPart) -> None:
    """Make the cache key cover one more thing pages vary by: ``part(environ)`` → a string.

    A part must read only the request (cookies, headers, path), never the database.
    """
    if part not in _key_parts:
        _key_parts.append(part)


def page_store(app: Flask | None = None) -> PageStore | None:
    """Return the app's page store (None when the cache is off)."""
    target = app or current_app
    return target.extensions.get(EXTENSION)


# --- the key -------------------------------------------------------------------------------


def _language(app: Flask, cookies: dict[str, str], environ: dict[str, Any]) -> str:
    supported = tuple(app.config["LANGUAGES"])
    chosen = cookies.get("wijkplein_lang")
    if chosen in supported:
        return str(chosen)
    accept = parse_accept_header(environ.get("HTTP_ACCEPT_LANGUAGE"), LanguageAccept)
    return accept.best_match(supported) or app.config["BABEL_DEFAULT_LOCALE"]


def _encoding(environ: dict[str, Any]) -> str:
    accepted = {
        value.strip().split(";")[0].strip().lower()
        for value in environ.get("HTTP_ACCEPT_ENCODING", "").split(",")
        if value.strip() and not value.replace(" ", "").endswith(";q=0")
    }
    for name in ("br", "gzip"):
        if name in accepted:
            return name
    return "identity"


def cache_key(app: Flask, environ: dict[str, Any], cookies: dict[str, str]) -> tuple[str, str]:
    """Return (key, language) for a request; the key is a hash of everything a page varies by."""
    language = _language(app, cookies, environ)
    query = urlencode(sorted(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)))
    parts = [
        "GET",
        environ.get("wsgi.url_scheme", "http"),
        environ.get("HTTP_HOST", ""),
        environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
        query,
        language,
        _encoding(environ),
        *(part(environ) for part in _key_parts),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest(), language


# --- entries -------------------------------------------------------------------------------


def _pack(generation: int, status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = json.dumps({"g": generation, "s": status, "h": headers}, separators=(",", ":"))
    return head.encode() + b"\n" + body


def _unpack(raw: bytes) -> tuple[int, str, list[tuple[str, str]], bytes]:
    head, _, body = raw.partition(b"\n")
    meta = json.loads(head)
    return meta["g"], meta["s"], [(k, v) for k, v in meta["h"]], body


def _etag_matches(environ: dict[str, Any], etag: str) -> bool:
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if not wanted:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def _not_modified_since(environ: dict[str, Any], headers: list[tuple[str, str]]) -> bool:
    if "HTTP_IF_NONE_MATCH" in environ:
        return False  # RFC 9110, 13.1.3: If-None-Match decides alone
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    modified = parse_date(next((v for k, v in headers if k.lower() == "last-modified"), None))
    return since is not None and modified is not None and modified <= since


def _respond(
    environ: dict[str, Any],
    start_response: Callable[..., Any],
    status: str,
    headers: list[tuple[str, str]],
    body: bytes,
) -> Iterable[bytes]:
    etag = next((v for k, v in headers if k.lower() == "etag"), "")
    if (etag and _etag_matches(environ, etag)) or _not_modified_since(environ, headers):
        kept = [
            (k, v)
            for k, v in headers
            if k.lower() in NOT_MODIFIED_HEADERS or k.lower().startswith(("x-", "content-sec"))
        ]
        start_response("304 NOT MODIFIED", kept)
        return [b""]
    start_response(status, headers)
    return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


# --- the middleware ------------------------------------------------------------------------


class PageCacheMiddleware:
    """WSGI middleware: serve a stored anonymous response, or let Flask make and store one."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Any], store: PageStore) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.store = store
        self.private_cookies = {
            app.config["SESSION_COOKIE_NAME"],
            app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("REQUEST_METHOD") not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in environ:
            return self.wsgi_app(environ, start_response)
        cookies = parse_cookie(environ)
        if self.private_cookies.intersection(cookies):
            return self.wsgi_app(environ, start_response)
        key, language = cache_key(self.app, environ, cookies)
        generation, raw = self.store.read(key)
        if raw is not None:
            stored_generation, status, headers, body = _unpack(raw)
            if stored_generation == generation:
                return _respond(environ, start_response, status, headers, body)
        if generation < 0 or environ["REQUEST_METHOD"] != "GET":
            return self.wsgi_app(environ, start_response)  # the store is down: just render
        environ[KEY_ENV] = (key, language)
        environ[GENERATION_ENV] = generation
        return self._render_and_store(environ, start_response, key, generation)

    def _render_and_store(
        self,
        environ: dict[str, Any],
        start_response: Callable[..., Any],
        key: str,
        generation: int,
    ) -> Any:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if environ.get(STORE_ENV) and status.startswith("200 ") and _storable(headers):
                captured["status"], captured["headers"] = status, list(headers)
                return captured.setdefault("written", []).append
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, capture)
        if "status" not in captured:
            return result
        try:
            body = b"".join([*captured.get("written", []), *result])
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = captured["headers"]
        if not any(k.lower() == "etag" for k, _ in headers):
            headers.append(("ETag", f'"{hashlib.sha256(body).hexdigest()[:32]}"'))
        if not any(k.lower() == "last-modified" for k, _ in headers):
            headers.append(("Last-Modified", http_date()))
        seconds = environ.get(SECONDS_ENV) or self.app.config["PAGE_CACHE_SECONDS"]
        self.store.write(key, _pack(generation, captured["status"], headers, body), seconds)
        return _respond(environ, start_response, captured["status"], headers, body)


def _storable(headers: list[tuple[str, str]]) -> bool:
    names = {k.lower(): v for k, v in headers}
    return "set-cookie" not in names and "no-store" not in names.get("cache-control", "")


# --- the Flask side: may this response be kept? --------------------------------------------


def mark_storable(response: Response) -> Response:
    """Tell the middleware to keep this response if it is the same for every anonymous visitor."""
    wanted = request.environ.get(KEY_ENV)
    if not wanted or request.method != "GET" or response.status_code != 200:
        return response
    view = current_app.view_functions.get(request.endpoint or "")
    if (
        getattr(view, "cacheable", False)
        and not (current_user and current_user.is_authenticated)
        and not session
        and not session.modified
        and not nonce_used()
        and "Set-Cookie" not in response.headers
        and str(get_locale()) == wanted[1]
    ):
        request.environ[STORE_ENV] = True
        if getattr(view, "kept_until_changed", False):
            request.environ[SECONDS_ENV] = int(current_app.config["FEED_CACHE_SECONDS"])
    return response


# --- invalidation: SQLAlchemy session events -----------------------------------------------


def _table_name(obj: object) -> str:
    return str(getattr(obj, "__tablename__", ""))


def _note_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if _table_name(obj) not in PRIVATE_TABLES:
            session.info[CHANGED] = True
            return


def _note_statement(state: ORMExecuteState) -> None:
    statement = state.statement
    if isinstance(statement, TextClause):
        if not statement.text.lstrip().lower().startswith(("select", "with")):
            state.session.info[CHANGED] = True
        return
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(statement, "table", None)
        if getattr(table, "name", "") not in PRIVATE_TABLES:
            state.session.info[CHANGED] = True


def _after_commit(session: Session) -> None:
    if not session.info.pop(CHANGED, False) or not has_app_context():
        return
    store = page_store()
    if store is not None:
        store.bump()


def _listen() -> None:
    if not event.contains(Session, "before_flush", _note_flush):
        event.listen(Session, "before_flush", _note_flush)
        event.listen(Session, "do_orm_execute", _note_statement)
        event.listen(Session, "after_commit", _after_commit)


def init_page_cache(app: Flask) -> None:
    """Put the middleware in front of the app when ``PAGE_CACHE_URL`` names a store."""
    url = str(app.config.get("PAGE_CACHE_URL") or "")
    if not url:
        storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "")
        url = storage if storage.startswith(("redis://", "rediss://")) else "memory://"
    if (
        url.startswith("memory://")
        and app.config.get("ENV_NAME") == "production"
        and not app.config.get("WIJKPLEIN_SINGLE_PROCESS")
    ):
        return  # each worker would keep its own generation and serve what another changed
    store = store_for(url, int(app.config.get("PAGE_CACHE_ENTRIES", 256)))
    if store is None or int(app.config.get("PAGE_CACHE_SECONDS", 0)) <= 0:
        return
    app.extensions[EXTENSION] = store
    app.after_request(mark_storable)
    app.wsgi_app = PageCacheMiddleware(app, app.wsgi_app, store)  # type: ignore[method-assign]
    _listen()
