"""Language choice: a link's ``?lang=``, the profile, the cookie, the browser's Accept-Language.

A link can carry its language (``/kaart?lang=ar``), so that a professional can send a resident an
Arabic link. That request is shown in the language of the link and the choice is remembered in
the language cookie, as the language switch does (a cookie, never a session). A logged-in
person's profile language is not changed by opening a link: that stays their own choice.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from app.core.cookies import remember_choice

LANGUAGE_COOKIE = "wijkplein_lang"
LANGUAGE_PARAM = "lang"

# Each language named in itself, so that people find their own.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
}


def _display_name(code: str, in_language: str, *, capital: bool = False) -> str | None:
    try:
        name = Locale.parse(code).get_display_name(in_language)
    except (UnknownLocaleError, ValueError):
        return None
    if name and capital:
        return name[:1].upper() + name[1:]
    return name or None


def language_name(code: str | None) -> str:
    """Name the language ``code`` in the visitor's language, as inside a sentence.

    "Turks" in Dutch, "turecki" in Polish. Babel's CLDR data names every language, so no catalogue entry is needed; an unknown code
    shows as itself, so that it is seen in review.
    """
    if not code:
        return ""
    return _display_name(code, current_language()) or LANGUAGE_NAMES.get(code, code)


def language_label(code: str) -> str:
    """Name ``code`` in itself, and in the visitor's language when that differs: a list item.

    "Türkçe (Turks)" for a Dutch visitor, so that the speakers find their own language and
    everyone else still knows which one it is.
    """
    own = LANGUAGE_NAMES.get(code) or _display_name(code, code, capital=True) or code
    visitor = _display_name(code, current_language(), capital=True)
    if visitor and visitor.casefold() != own.casefold():
        return f"{own} ({visitor})"
    return own


def isolate(value: object) -> Markup:
    """Wrap a name from the data in ``<bdi>`` for a translated sentence (escaped).

    In an Arabic sentence a Latin name ("Stichting Dordrecht Sociaal"), a phone number or an
    address would otherwise take the sentence's punctuation along to its side. An empty value
    stays empty.
    """
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>{}</bdi>").format(value)


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
    remember_choice(response, LANGUAGE_COOKIE, language)


def remember_linked_language(response: Response) -> Response:
    """Keep the language of a ``?lang=`` link in the cookie when it is a new choice."""
    linked = linked_language()
    if linked and request.cookies.get(LANGUAGE_COOKIE) != linked:
        set_language_cookie(response, linked)
    return response


def init_i18n(app: Flask) -> None:
    """Register the hook; call after init_caching, so it runs first and the cookie is seen."""
    app.after_request(remember_linked_language)
