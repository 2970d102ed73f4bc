"""Language choice: a link's ``?lang=``, the profile, the cookie, the browser's Accept-Language.

A link can carry its language (``/kaart?lang=ar``), so that a professional can send a resident an
Arabic link. That request is shown in the language of the link and the choice is remembered in
the language cookie, as the language switch does (a cookie, never a session). A logged-in
person's profile language is not changed by opening a link: that stays their own choice.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

LANGUAGE_COOKIE = "wijkplein_lang"
LANGUAGE_PARAM = "lang"
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600

# Each language named in itself, so that people find their own.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
}


def supported_languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """Pick the language for this request (Flask-Babel's locale selector)."""
    supported = supported_languages()
    if not has_request_context():
        # A cron job or CLI command: Dutch, unless the code forces a person's own language.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    linked = linked_language()
    if linked:
        return linked
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in supported:
        return user_locale
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in supported:
        return cookie
    return (
        request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def text_direction() -> str:
    """Return "rtl" for right-to-left languages, else "ltr"."""
    return "rtl" if current_language() in current_app.config["RTL_LANGUAGES"] else "ltr"


def language_choices() -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in supported_languages()]


def linked_language() -> str | None:
    """Return the supported language a link asks for with ``?lang=``, else None."""
    value = request.args.get(LANGUAGE_PARAM)
    return value if value in supported_languages() else None


def set_language_cookie(response: Response, language: str) -> None:
    """Remember ``language`` for this browser."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=LANGUAGE_COOKIE_SECONDS,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )


def remember_linked_language(response: Response) -> Response:
    """Keep the language of a ``?lang=`` link in the cookie when it is a new choice."""
    linked = linked_language()
    if linked and request.cookies.get(LANGUAGE_COOKIE) != linked:
        set_language_cookie(response, linked)
    return response


def init_i18n(app: Flask) -> None:
    """Register the hook; call after init_caching, so it runs first and the cookie is seen."""
    app.after_request(remember_linked_language)
