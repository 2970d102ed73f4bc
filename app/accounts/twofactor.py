"""Two-step login with an authenticator app (TOTP, RFC 6238) and single-use recovery codes.

After the password, a person with two-step login is not logged in yet: the session only holds a
*pending* login (:data:`PENDING_KEY`) until the code step succeeds. Then the session gets
:data:`TWO_FACTOR_OK`. Professionals, moderators and admins must use two-step login: a
``before_request`` hook (:func:`enforce_two_factor`) sends such a person without it to the set-up
page before any other page.
"""

from __future__ import annotations

import hmac
import secrets
import time
from datetime import UTC, datetime
from typing import Any

import pyotp
import segno
from flask import redirect, request, session, url_for
from flask_login import current_user, logout_user
from markupsafe import Markup
from sqlalchemy import select

from app.accounts.models import RecoveryCode, User
from app.accounts.passwords import hash_password, verify_password
from app.core.models import utcnow
from app.extensions import db

TWO_FACTOR_OK = "two_factor_ok"
PENDING_KEY = "two_factor_pending"
SETUP_SECRET_KEY = "two_factor_setup_secret"  # noqa: S105 — a session key name
NEXT_KEY = "two_factor_next"
ISSUER = "Wijkplein"
RECOVERY_CODE_COUNT = 10
PENDING_SECONDS = 600
# Pages a logged-in person who still has to set up two-step login may open.
EXEMPT_ENDPOINTS = frozenset(
    {
        "static",
        "accounts.twofactor_setup",
        "accounts.twofactor_code",
        "accounts.logout",
        "pages.set_language",
        "pages.privacy",
        "pages.accessibility",
        "pages.security_txt",
        "pages.healthz",
    }
)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy from paper


# --- TOTP ----------------------------------------------------------------------------------------


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    label = user.email or user.phone or str(user.id)
    return pyotp.TOTP(secret).provisioning_uri(name=label, issuer_name=ISSUER)


def qr_svg(uri: str, title: str) -> Markup:
    """Return the QR code of ``uri`` as inline SVG (the CSP allows no data: images)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=2, title=title, svgclass="wp-qr", lineclass=None
    )
    # segno's own output, no user text but the title, which segno escapes.
    return Markup(svg)  # noqa: S704  # nosec B704


def format_secret(secret: str) -> str:
    """Return the secret in groups of four, easier to type into an app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def matching_step(secret: str, code: str, *, after: int | None, now: float | None = None) -> int:
    """Return the time step ``code`` belongs to (one step of clock drift allowed), or -1.

    A step at or before ``after`` (the last accepted one) never matches, so a code cannot be
    used twice.
    """
    code = _clean_code(code)
    if not (code.isdigit() and len(code) == 6):
        return -1
    totp = pyotp.TOTP(secret)
    moment = datetime.fromtimestamp(now if now is not None else time.time(), UTC)
    current = totp.timecode(moment)
    for step in (current - 1, current, current + 1):
        if after is not None and step <= after:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return -1


def verify_totp(user: User, code: str) -> bool:
    """Accept a code from the app once; remember its time step."""
    if not user.totp_secret:
        return False
    step = matching_step(user.totp_secret, code, after=user.totp_last_step)
    if step < 0:
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


# --- recovery codes ------------------------------------------------------------------------------


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def new_recovery_codes(user: User) -> list[str]:
    """Replace ``user``'s recovery codes by ten new ones; return them (shown once)."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        db.session.add(RecoveryCode(user_id=user.id, code_hash=hash_password(_clean_code(code))))
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code once."""
    cleaned = _clean_code(code)
    if len(cleaned) != 10:
        return False
    unused = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all()
    for row in unused:
        if verify_password(row.code_hash, cleaned):
            row.used_at = utcnow()
            db.session.flush()
            return True
    return False


def recovery_codes_left(user: User) -> int:
    count = db.session.scalar(
        select(db.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    return int(count or 0)


def verify_second_step(user: User, code: str) -> bool:
    """Accept a code from the app or an unused recovery code."""
    return verify_totp(user, code) or use_recovery_code(user, code)


# --- turning it on and off -----------------------------------------------------------------------


def enable(user: User, secret: str, code: str) -> list[str] | None:
    """Switch two-step login on when ``code`` fits ``secret``; return the recovery codes."""
    step = matching_step(secret, code, after=None)
    if step < 0:
        return None
    user.totp_secret = secret
    user.totp_last_step = step
    user.totp_enabled_at = utcnow()
    return new_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret = None
    user.totp_last_step = None
    user.totp_enabled_at = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()


# --- the login flow ------------------------------------------------------------------------------


def begin_second_step(user: User, next_url: str) -> Any:
    """Return a redirect to the second login step when ``user`` has one, else None."""
    if not user.two_factor_enabled:
        return None
    session[PENDING_KEY] = {
        "user": user.id,
        "epoch": user.session_epoch,
        "at": int(time.time()),
        "next": next_url,
    }
    return redirect(url_for("accounts.twofactor_code"))


def pending_user() -> tuple[User | None, str]:
    """Return the person halfway through logging in (and where they go next)."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None, ""
    if int(time.time()) - int(pending.get("at", 0)) > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        return None, ""
    user = db.session.get(User, pending.get("user"))
    if user is None or user.is_blocked or user.session_epoch != pending.get("epoch"):
        return None, ""
    return user, str(pending.get("next") or "")


def enforce_two_factor() -> Any:
    """Before any page: finish or set up two-step login where it is needed."""
    if request.endpoint in EXEMPT_ENDPOINTS or request.endpoint is None:
        return None
    if not current_user.is_authenticated or session.get(TWO_FACTOR_OK):
        return None
    if current_user.two_factor_enabled:
        # Switched on elsewhere after this session began: log in again with the code.
        logout_user()
        session.clear()
        return redirect(url_for("accounts.login"))
    if current_user.two_factor_required:
        if request.method == "GET" and request.endpoint != "accounts.twofactor_setup":
            session.setdefault(NEXT_KEY, request.full_path.rstrip("?"))
        return redirect(url_for("accounts.twofactor_setup"))
    return None
