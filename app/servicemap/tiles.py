"""Map tiles through Wijkplein's own origin, so residents' browsers talk only to us.

The server fetches a tile from ``TILE_URL`` without cookies or referrer, keeps a bounded number
of tiles in memory per worker (tiles are static images; nginx may cache in front as well) and
answers with long cache headers.
"""

from __future__ import annotations

import struct
import threading
import urllib.error
import urllib.request
import zlib
from collections import OrderedDict

from flask import current_app

USER_AGENT = "Wijkplein tile proxy"


def _blank_png(size: int = 256, grey: int = 0xEE) -> bytes:
    """A plain light-grey tile, served when no tile server is configured (TILE_URL empty)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([grey]) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


BLANK_TILE = _blank_png()


class TileUnavailable(Exception):
    """The tile server did not give us a tile."""


class TileCache:
    """A small least-recently-used store of tile bytes, safe across threads."""

    def __init__(self) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes, limit: int) -> None:
        if limit <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def valid_tile(z: int, x: int, y: int, max_zoom: int) -> bool:
    """Tell whether z/x/y names a tile that exists in Web Mercator at zoom ``z``."""
    return 0 <= z <= max_zoom and 0 <= x < 2**z and 0 <= y < 2**z


def tile_cache() -> TileCache:
    cache = current_app.extensions.get("servicemap_tiles")
    if cache is None:
        cache = current_app.extensions.setdefault("servicemap_tiles", TileCache())
    return cache


def fetch_tile(z: int, x: int, y: int) -> bytes:
    """Return the PNG bytes of a tile, from memory or the tile server."""
    config = current_app.config
    if not config.get("TILE_URL"):
        return BLANK_TILE
    url = config["TILE_URL"].format(z=z, x=x, y=y)
    cache = tile_cache()
    cached = cache.get(url)
    if cached is not None:
        return cached
    # No cookies, no referrer: only what the tile server needs to answer.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/png"})  # noqa: S310
    try:
        # TILE_URL is the operator's setting (http or https); a visitor only picks z, x and y.
        with urllib.request.urlopen(request, timeout=config["TILE_TIMEOUT"]) as response:  # noqa: S310  # nosec B310
            if response.status != 200:
                raise TileUnavailable(str(response.status))
            body = response.read(2_000_000)
    except (OSError, urllib.error.URLError) as exc:
        raise TileUnavailable(str(exc)) from exc
    if not body.startswith(b"\x89PNG"):
        raise TileUnavailable("not a PNG")
    cache.put(url, body, config["TILE_CACHE_ENTRIES"])
    return body
