"""Helpers for account tests: log in through the real pages, read mailed links."""

from __future__ import annotations

import re
import time

import pyotp

from tests.factories import PASSWORD


def log_in(client, identifier: str, password: str = PASSWORD, *, next_url: str | None = None, **kw):
    """POST the login form; return the response (not followed)."""
    url = "/account/inloggen" + (f"?next={next_url}" if next_url else "")
    data = {"identifier": identifier, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(url, data=data, **kw)


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` time steps later)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def link_in(body: str) -> str:
    """Return the path of the first Wijkplein link in a mail or page text."""
    match = re.search(r"https?://[^\s/]+(/account/wachtwoord-herstellen/[^\s<\"]+)", body)
    assert match, f"no reset link in: {body}"
    return match.group(1)


def is_logged_in(client) -> bool:
    """Tell whether ``client``'s session still opens a page that needs a login."""
    return client.get("/account/").status_code == 200
