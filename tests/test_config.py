"""Settings read from the environment mean what the README says they mean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setting_in_a_fresh_process(name: str, **env: str) -> str:
    """Return ``app.config[name]`` of an app built in a new process with ``env`` set."""
    code = f"from app import create_app; print(repr(create_app('development').config[{name!r}]))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_an_empty_tile_url_means_no_base_map_not_the_default_tile_server():
    assert setting_in_a_fresh_process("TILE_URL", TILE_URL="") == "''"


def test_without_a_tile_url_the_map_uses_pdok():
    env = {k: v for k, v in os.environ.items() if k != "TILE_URL"}
    code = "from app import create_app; print(create_app('development').config['TILE_URL'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert "service.pdok.nl" in result.stdout


def test_make_run_points_links_at_the_address_it_serves_on():
    """``make run HOST=… PORT=…`` sets PUBLIC_BASE_URL, so mails and QR codes link to it."""
    recipe = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://0.0.0.0:8123}" in recipe
