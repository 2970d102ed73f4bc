"""Static files: content-hashed names, precompressed copies and a long cache lifetime.

``flask static build`` (``make static``) copies each file a browser loads from ``static/`` to
``static/dist/`` under a name with a hash of its content (``css/wijkplein.3f2a9c1d0b7e.css``),
points the ``url(…)`` references inside CSS files at the hashed names, writes a ``.gz`` and a
``.br`` copy beside every text file, and writes ``static/dist/manifest.json`` (plain name →
hashed name). Templates ask for a file by its plain name through :func:`static_url`; with a
manifest they get the hashed name, which is served with ``Cache-Control: public,
max-age=31536000, immutable`` (and its precompressed copy when the browser accepts it). A new
build keeps the files of older builds, so a page that a proxy cached a minute ago still finds
the stylesheet it names. Without a build (a fresh clone, before ``make static``) the plain names
are used and served with ``Cache-Control: no-cache``, as Flask does by default.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import posixpath
import re
from pathlib import Path

import brotli
import click
from flask import Flask, Response, current_app, request, send_from_directory, url_for
from flask.cli import AppGroup

DIST = "dist"
MANIFEST = "manifest.json"
IMMUTABLE = "public, max-age=31536000, immutable"
# What browsers load; sources (css/src, the whole Utrecht library) and notes stay out.
DIGESTED_SUFFIXES = {".css", ".js", ".svg", ".png", ".gif", ".ico", ".webp", ".woff2"}
SKIPPED = ("css/src/", "vendor/utrecht/", f"{DIST}/")
# Compressing these pays; images are compressed already (except SVG).
COMPRESSED_SUFFIXES = {".css", ".js", ".svg"}
MIN_COMPRESSED_SIZE = 500
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# Leaflet finds its marker images by looking for "marker-icon.png" at the end of a CSS URL, so
# its stylesheet keeps pointing at the plain name (served with no-cache, like any plain name).
PLAIN_REFERENCES = {"vendor/leaflet/images/marker-icon.png"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")

static_cli = AppGroup("static", help="Static files with hashed names (run after changing them).")


def _hashed_name(name: str, content: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def _rewrite_css_urls(css_name: str, text: str, manifest: dict[str, str]) -> str:
    """Point the relative ``url(…)`` references of ``css_name`` at the hashed files."""
    folder = posixpath.dirname(css_name)

    def replace(match: re.Match[str]) -> str:
        quote, url = match.group(1), match.group(2)
        path, hash_sign, fragment = url.partition("#")
        if re.match(r"^([a-z]+:|/|#)", url):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, path))
        if target not in manifest:
            return match.group(0)
        served = target if target in PLAIN_REFERENCES else manifest[target]
        relative = posixpath.relpath(served, posixpath.join(DIST, folder))
        return f"url({quote}{relative}{hash_sign}{fragment}{quote})"

    return CSS_URL.sub(replace, text)


def _write(path: Path, content: bytes) -> None:
    if path.exists() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def build(static_folder: Path) -> dict[str, str]:
    """Write the hashed and precompressed copies and the manifest; return the manifest.

    :param static_folder: the folder to read (``static/``); the output goes to its ``dist/``.
    """
    names = sorted(
        path.relative_to(static_folder).as_posix()
        for path in static_folder.rglob("*")
        if path.is_file() and path.suffix in DIGESTED_SUFFIXES
    )
    names = [name for name in names if not name.startswith(SKIPPED)]
    # CSS last: it names images (and other stylesheets never name each other here).
    names.sort(key=lambda name: name.endswith(".css"))
    manifest: dict[str, str] = {}
    for name in names:
        content = (static_folder / name).read_bytes()
        if name.endswith(".css"):
            text = _rewrite_css_urls(name, content.decode("utf-8"), manifest)
            content = text.encode("utf-8")
        hashed = f"{DIST}/{_hashed_name(name, content)}"
        manifest[name] = hashed
        target = static_folder / hashed
        _write(target, content)
        if target.suffix in COMPRESSED_SUFFIXES and len(content) >= MIN_COMPRESSED_SIZE:
            _write(target.with_name(target.name + ".gz"), gzip.compress(content, 9, mtime=0))
            _write(target.with_name(target.name + ".br"), brotli.compress(content, quality=11))
    _write(
        static_folder / DIST / MANIFEST,
        (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode(),
    )
    return manifest


def load_manifest(app: Flask) -> dict[str, str]:
    """Read the manifest of the last build into the app (empty without a build)."""
    path = Path(app.static_folder or "static") / DIST / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    app.extensions["wijkplein_assets"] = manifest
    return manifest


def static_url(filename: str) -> str:
    """Return the URL of the static file ``filename``: its hashed name once it is built."""
    manifest: dict[str, str] = current_app.extensions.get("wijkplein_assets", {})
    return url_for("static", filename=manifest.get(filename, filename))


def send_static(filename: str) -> Response:
    """Serve a static file; a hashed one for a year, precompressed when the browser accepts it."""
    if not filename.startswith(f"{DIST}/"):
        return current_app.send_static_file(filename)
    folder = Path(current_app.static_folder or "static")
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = None
    for encoding, suffix in ENCODINGS:
        if request.accept_encodings[encoding] and (folder / (filename + suffix)).is_file():
            response = send_from_directory(folder, filename + suffix, mimetype=mimetype)
            response.headers["Content-Encoding"] = encoding
            break
    if response is None:
        response = send_from_directory(folder, filename, mimetype=mimetype)
    response.headers["Cache-Control"] = IMMUTABLE
    response.vary.add("Accept-Encoding")
    return response


@static_cli.command("build")
def build_command() -> None:
    """Write static/dist: hashed names, .gz and .br copies, and the manifest."""
    folder = Path(current_app.static_folder or "static")
    manifest = build(folder)
    load_manifest(current_app)
    click.echo(f"{len(manifest)} static files in {folder / DIST}")


def init_assets(app: Flask) -> None:
    """Serve static files through :func:`send_static` and give templates ``static_url``."""
    load_manifest(app)
    app.view_functions["static"] = send_static
    app.jinja_env.globals["static_url"] = static_url
    app.cli.add_command(static_cli)
