"""Where the page cache keeps whole responses: Redis (shared by every worker) or this process.

Both stores keep a *content generation*, a number raised after every commit that changed public
content; an entry remembers the generation it was made in and counts only while that is still
the current one (:mod:`app.core.page_cache`). Redis failing never fails a request: a read is a
miss, a write is skipped (logged once a minute), as the login throttle does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Protocol

import redis

log = logging.getLogger(__name__)

GENERATION_KEY = "wijkplein:page:generation"
ENTRY_PREFIX = "wijkplein:page:"


class PageStore(Protocol):
    def read(self, key: str) -> tuple[int, bytes | None]:
        """Return the current generation and the entry stored under ``key`` (or None)."""

    def write(self, key: str, value: bytes, seconds: int) -> None:
        """Keep ``value`` under ``key`` for ``seconds``."""

    def bump(self) -> None:
        """Raise the generation: every entry made before counts no more."""

    def clear(self) -> None:
        """Forget every entry (tests; `flask` commands that change content in bulk)."""


class MemoryStore:
    """A bounded LRU in this process: for development and tests (one process, one generation)."""

    def __init__(self, entries: int) -> None:
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._limit = max(1, entries)
        self._generation = 0
        self._lock = threading.Lock()

    def read(self, key: str) -> tuple[int, bytes | None]:
        with self._lock:
            item = self._entries.get(key)
            if item is None:
                return self._generation, None
            expires, value = item
            if expires < time.monotonic():
                del self._entries[key]
                return self._generation, None
            self._entries.move_to_end(key)
            return self._generation, value

    def write(self, key: str, value: bytes, seconds: int) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._limit:
                self._entries.popitem(last=False)

    def bump(self) -> None:
        with self._lock:
            self._generation += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1


class RedisStore:
    """Entries in Redis with a time to live; one round trip per read (MGET of generation+entry)."""

    def __init__(self, url: str) -> None:
        # Short time limits: a slow Redis must not make pages slow (the page is rendered instead).
        self._redis = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self._warned = 0.0

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned > 60:
            self._warned = now
            log.warning("page cache: Redis unavailable, pages are rendered (%s)", error)

    def read(self, key: str) -> tuple[int, bytes | None]:
        try:
            generation, value = self._redis.mget([GENERATION_KEY, ENTRY_PREFIX + key])
        except redis.RedisError as error:
            self._failed(error)
            return -1, None
        return int(generation or 0), value if isinstance(value, bytes) else None

    def write(self, key: str, value: bytes, seconds: int) -> None:
        try:
            self._redis.set(ENTRY_PREFIX + key, value, ex=max(1, seconds))
        except redis.RedisError as error:
            self._failed(error)

    def bump(self) -> None:
        try:
            self._redis.incr(GENERATION_KEY)
        except redis.RedisError as error:
            self._failed(error)

    def clear(self) -> None:
        self.bump()


def store_for(url: str, entries: int) -> PageStore | None:
    """Return the store for ``PAGE_CACHE_URL``: ``redis://…``, ``memory://`` or ``off``."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url)
    if url.startswith("memory://"):
        return MemoryStore(entries)
    return None
