"""The shared pages: home and the account pages."""

from __future__ import annotations


def run(bench) -> None:
    for name, url in [("home", "/"), ("login", "/account/inloggen"), ("privacy", "/privacy")]:
        result = bench.measure(name, url)
        assert result.status == 200, f"{url} answered {result.status}"
