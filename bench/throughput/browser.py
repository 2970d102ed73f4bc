"""A phone's first visit in Debian's Chromium (bytes on the wire) and Lighthouse's verdict."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# As in tests/browser/conftest.py.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LIGHTHOUSE_VERSION = "12"


def lighthouse_dir() -> Path:
    return Path(os.environ.get("TMPDIR") or tempfile.gettempdir()) / "wijkplein-lighthouse"


def first_visits(base: str, paths: list[str]) -> dict[str, dict]:
    """Sum the encoded body bytes of everything a fresh phone browser loads for each page.

    Encoded: as the response came over the wire, with its own Content-Encoding (gunicorn sends
    none; nginx would compress). ``gzip_bytes`` says what gzip -6 of each body would weigh.
    Map tiles (/tiles/…) are left out.
    """
    if not CHROMIUM.exists():
        return {path: {"error": f"not measured: {CHROMIUM} is missing"} for path in paths}
    from playwright.sync_api import sync_playwright

    found: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for path in paths:
                found[path] = _one_visit(browser, base, path)
        finally:
            browser.close()
    return found


def _one_visit(browser, base: str, path: str) -> dict:  # noqa: ANN001 — a Playwright Browser
    context = browser.new_context(**PHONE)
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    try:
        page.goto(base + path, wait_until="networkidle", timeout=120_000)
        files = []
        for request in finished:
            url, response = request.url, request.response()
            if response is None or "/tiles/" in url or not url.startswith(base):
                continue
            sizes = request.sizes()
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 — a redirect has no body
                body = b""
            files.append(
                {
                    "url": url[len(base) :],
                    "status": response.status,
                    "encoding": response.headers.get("content-encoding", ""),
                    "bytes": sizes["responseBodySize"],
                    "headers_bytes": sizes["responseHeadersSize"],
                    "gzip_bytes": len(gzip.compress(body, 6)) if body else 0,
                }
            )
    finally:
        context.close()
    return {
        "bytes": sum(f["bytes"] for f in files),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files),
        "headers_bytes": sum(f["headers_bytes"] for f in files),
        "requests": len(files),
        "encodings": sorted({f["encoding"] or "identity" for f in files}),
        "files": files,
    }


def install_lighthouse() -> tuple[Path | None, str]:
    """Install Lighthouse from npm into a cache folder outside the repository (once)."""
    folder = lighthouse_dir()
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.exists():
        return cli, ""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None, "not measured: node/npm are not installed"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(  # noqa: S603
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, "not measured: npm install lighthouse timed out"
    if result.returncode != 0 or not cli.exists():
        reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"not measured: npm install lighthouse failed ({reason[0][:200]})"
    return cli, ""


def lighthouse(base: str, paths: list[str], out_dir: Path) -> dict[str, dict]:
    """Lighthouse's mobile performance score and LCP (its default simulated throttling)."""
    cli, reason = install_lighthouse()
    if cli is None:
        return {path: {"error": reason} for path in paths}
    if not CHROMIUM.exists():
        return {path: {"error": f"not measured: {CHROMIUM} is missing"} for path in paths}
    found = {}
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    for path in paths:
        report = out_dir / f"lighthouse-{path.strip('/').replace('/', '-') or 'home'}.json"
        try:
            result = subprocess.run(  # noqa: S603
                [
                    shutil.which("node") or "node",
                    str(cli),
                    base + path,
                    "--only-categories=performance",
                    "--form-factor=mobile",
                    "--chrome-flags=--headless " + " ".join(CHROMIUM_ARGS),
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired:
            found[path] = {"error": "not measured: Lighthouse took longer than 300 s"}
            continue
        if result.returncode != 0 or not report.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            found[path] = {"error": f"not measured: Lighthouse failed ({tail[0][:200]})"}
            continue
        data = json.loads(report.read_text())
        score = data["categories"]["performance"]["score"]
        lcp = data["audits"].get("largest-contentful-paint", {}).get("numericValue")
        found[path] = {
            "score": round(score * 100) if score is not None else None,
            "lcp_s": round(lcp / 1000, 2) if lcp is not None else None,
            "version": data.get("lighthouseVersion"),
            "report": str(report.name),
        }
    return found
