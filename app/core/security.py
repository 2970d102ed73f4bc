"""Security headers and the per-request CSP nonce."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, has_request_context, request

NONCE_KEY = "wijkplein.csp_nonce"


def csp_nonce() -> str:
    """Return this request's nonce for inline ``<script>``/``<style>`` elements.

    It lives in the request's WSGI environment, so :func:`nonce_used` can tell whether a page
    used one (and it is new in every request, even where requests share an app context).
    """
    if not has_request_context():
        if "csp_nonce" not in g:
            g.csp_nonce = secrets.token_urlsafe(18)
        return g.csp_nonce
    return request.environ.setdefault(NONCE_KEY, secrets.token_urlsafe(18))


def nonce_used() -> bool:
    """Tell whether this response's page holds the nonce (so it must never be shared)."""
    return NONCE_KEY in request.environ


def content_security_policy(nonce: str | None) -> str:
    """Build the CSP: everything from our own origin, inline code only with the nonce.

    A page that used no nonce (no inline script or style) gets none in its policy, so that the
    response is the same for every visitor and may be kept (app/core/page_cache.py).
    """
    inline = f" 'nonce-{nonce}'" if nonce else ""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self'{inline}",
            f"style-src 'self'{inline}",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def set_security_headers(response: Response) -> Response:
    """Add the CSP and the other security headers to every response."""
    headers = response.headers
    nonce = request.environ.get(NONCE_KEY) if has_request_context() else None
    headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
    hsts = current_app.config.get("HSTS_SECONDS", 0)
    if hsts and request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={hsts}; includeSubDomains")
    if (
        request.endpoint
        and not request.endpoint.endswith("static")
        and "Cache-Control" not in headers
    ):
        # Pages can hold personal data: keep them out of shared caches.
        headers["Cache-Control"] = "private, no-store" if _is_personal() else "no-cache"
    return response


def _is_personal() -> bool:
    from flask_login import current_user

    return bool(current_user and current_user.is_authenticated)


def is_safe_redirect(target: str | None) -> bool:
    """Tell whether ``target`` is a path on this site (no open redirects)."""
    if not target:
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return (
        not parts.scheme
        and not parts.netloc
        and target.startswith("/")
        and not target.startswith("//")
    )


def is_same_origin_request() -> bool:
    """Tell whether this request comes from a page of this site (or CSRF checks are off).

    For the few forms that carry no CSRF token because a token needs a session (the language
    switch on every page): browsers send ``Origin`` with every POST, ``Sec-Fetch-Site`` too,
    and a request from another site cannot forge either.
    """
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    origin = request.headers.get("Origin")
    if origin:
        return urlsplit(origin).netloc == request.host
    site = request.headers.get("Sec-Fetch-Site")
    if site:
        return site == "same-origin"
    referrer = request.headers.get("Referer")
    return bool(referrer) and urlsplit(referrer).netloc == request.host


def init_security(app: Flask) -> None:
    """Register the header hook and expose the nonce to templates."""
    app.after_request(set_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
