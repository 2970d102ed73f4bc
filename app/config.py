"""Settings from the environment, one class per mode.

Every variable read here is documented in the README's configuration table; keep them in step.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return int(value) if value is not None else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every mode; values come from the environment."""

    ENV_NAME = "production"
    SECRET_KEY = _env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _env(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'wijkplein.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    # Sessions: a signed cookie, HttpOnly, SameSite=Lax, Secure outside development.
    SESSION_COOKIE_NAME = "wijkplein_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    # Idle sessions expire: the cookie lives this long after the last request.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("SESSION_IDLE_MINUTES", 120))
    REMEMBER_COOKIE_DURATION = timedelta(days=0)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # Languages: Dutch first; Arabic is written right to left.
    LANGUAGES = ("nl", "en", "ar", "tr", "pl")
    RTL_LANGUAGES = ("ar",)
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"

    # Mail: "console" prints mail to the log (development), "smtp" sends it.
    MAIL_BACKEND = _env("MAIL_BACKEND", "smtp")
    MAIL_SERVER = _env("MAIL_SERVER", "localhost")
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USERNAME = _env("MAIL_USERNAME")
    MAIL_PASSWORD = _env("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = _env("MAIL_DEFAULT_SENDER", "Wijkplein <noreply@wijkplein.example>")
    MAIL_TIMEOUT = _env_int("MAIL_TIMEOUT", 10)
    # Mail waits in the outbox until `flask mail send` (cron) delivers it; a mail the relay did
    # not take within this many hours is marked failed and shown to admins on /beheer/post.
    MAIL_GIVE_UP_AFTER_HOURS = _env_int("MAIL_GIVE_UP_AFTER_HOURS", 48)
    # Deliver the outbox from a thread of the web process (never in production: cron does it).
    MAIL_SEND_IN_PROCESS = False

    # Absolute base URL for links in mail (password reset, notifications).
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")

    # Map tiles reach the browser through /tiles/…; this is where the server fetches them.
    # Set but empty means: no base map at all (a plain grey background), so ``os.environ.get``.
    TILE_URL = os.environ.get(
        "TILE_URL",
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
    )
    TILE_ATTRIBUTION = _env("TILE_ATTRIBUTION", "Kaartgegevens © Kadaster (PDOK)")

    # Personal data of closed questions is removed after this many months.
    RETENTION_MONTHS = _env_int("RETENTION_MONTHS", 12)

    # Throttling: counters must be shared by every worker and server (redis://…). Production
    # refuses memory:// (each worker would count alone) unless it runs as one single process.
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    WIJKPLEIN_SINGLE_PROCESS = _env_bool("WIJKPLEIN_SINGLE_PROCESS", False)
    # Redis down: let requests through unthrottled (logged) rather than answer 500.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_ADDRESS = _env("LOGIN_LIMIT_PER_ADDRESS", "20 per 10 minutes")
    LOGIN_LIMIT_PER_ACCOUNT = _env("LOGIN_LIMIT_PER_ACCOUNT", "5 per 10 minutes")
    RESET_LIMIT_PER_ADDRESS = _env("RESET_LIMIT_PER_ADDRESS", "10 per hour")
    RESET_LIMIT_PER_ACCOUNT = _env("RESET_LIMIT_PER_ACCOUNT", "3 per hour")

    # Password reset links expire after this many minutes; professional-issued links last longer.
    PASSWORD_RESET_MINUTES = _env_int("PASSWORD_RESET_MINUTES", 60)
    ASSISTED_RESET_HOURS = _env_int("ASSISTED_RESET_HOURS", 72)

    # Fernet keys (comma-separated; the first encrypts, all decrypt) for two-step secrets at
    # rest. Absent: a key derived from SECRET_KEY with HKDF (app/accounts/encryption.py).
    TOTP_ENCRYPTION_KEYS = _env("TOTP_ENCRYPTION_KEYS")

    # argon2id parameters (argon2-cffi's RFC 9106 low-memory profile by default).
    ARGON2_TIME_COST = _env_int("ARGON2_TIME_COST", 3)
    ARGON2_MEMORY_COST = _env_int("ARGON2_MEMORY_COST", 65536)

    SECURITY_CONTACT = _env("SECURITY_CONTACT", "mailto:security@wijkplein.example")
    # Extra origins the CSP may allow for images, e.g. nothing: tiles come through /tiles.
    HSTS_SECONDS = _env_int("HSTS_SECONDS", 31536000)

    DEMO_BANNER = _env_bool("DEMO_BANNER", True)

    # Serving: anonymous pages that are the same for everyone may be kept this long by a proxy
    # (0: not at all); responses are compressed with brotli or gzip (app/core/caching.py).
    PUBLIC_CACHE_SECONDS = _env_int("PUBLIC_CACHE_SECONDS", 60)
    # The server keeps whole anonymous responses (app/core/page_cache.py): in Redis
    # (redis://…; empty: the rate-limit Redis when that is one), in this process (memory://,
    # development and tests, or one single process), or not at all (off). A commit that
    # changes public content makes every kept page count no more at once; a page that changes
    # with the clock alone ("open now") shows the change within PAGE_CACHE_SECONDS.
    PAGE_CACHE_URL = _env("PAGE_CACHE_URL", "")
    PAGE_CACHE_SECONDS = _env_int("PAGE_CACHE_SECONDS", 60)
    PAGE_CACHE_ENTRIES = _env_int("PAGE_CACHE_ENTRIES", 256)
    # Views marked kept_until_changed (the calendar feeds, the events API) do not change with
    # the clock: kept this long, and still made again at the next request after any change.
    FEED_CACHE_SECONDS = _env_int("FEED_CACHE_SECONDS", 3600)
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 5
    COMPRESS_MIN_SIZE = 500
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/plain",
        "text/calendar",
        "text/csv",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "application/xml",
        "image/svg+xml",
    ]

    # --- Photos (app/media) -------------------------------------------------------------------
    # An uploaded photo may have at most this many bytes and pixels (a decompression bomb is a
    # small file that unpacks into gigabytes); a whole request at most a megabyte more.
    MAX_IMAGE_BYTES = _env_int("MAX_IMAGE_BYTES", 8 * 1024 * 1024)
    MAX_IMAGE_PIXELS = _env_int("MAX_IMAGE_PIXELS", 40_000_000)
    MAX_CONTENT_LENGTH = MAX_IMAGE_BYTES + 1024 * 1024
    # --- end Photos ---------------------------------------------------------------------------

    # --- Activiteitenkalender (app/activities) ---------------------------------------------
    # "Sign up for the series" books every date of a repeating activity within this many days.
    ACTIVITIES_SERIES_SIGNUP_DAYS = _env_int("ACTIVITIES_SERIES_SIGNUP_DAYS", 60)
    # --- end Activiteitenkalender -----------------------------------------------------------

    # --- Social map (servicemap) -----------------------------------------------------------
    # Address lookup (PDOK Locatieserver "free" endpoint by default) and its time limit.
    GEOCODER_URL = _env("GEOCODER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")
    GEOCODER_TIMEOUT = float(_env("GEOCODER_TIMEOUT", "3") or 3)
    # Tiles: how long browsers/proxies may keep a tile, how many tiles each worker keeps in
    # memory (0: none), and the time limit for fetching one from TILE_URL.
    TILE_CACHE_SECONDS = _env_int("TILE_CACHE_SECONDS", 7 * 24 * 3600)
    TILE_CACHE_ENTRIES = _env_int("TILE_CACHE_ENTRIES", 512)
    TILE_TIMEOUT = float(_env("TILE_TIMEOUT", "5") or 5)
    TILE_MAX_ZOOM = _env_int("TILE_MAX_ZOOM", 19)
    # An entry not checked for this many days is "stale" (marked, and in the weekly reminder).
    STALE_AFTER_DAYS = _env_int("STALE_AFTER_DAYS", 180)
    SERVICES_PER_PAGE = _env_int("SERVICES_PER_PAGE", 25)
    # "Nothing found" points to the neighbourhood's contact point: this service (its slug) when
    # it is on the map, else CONTACT_NAME with CONTACT_PHONE.
    CONTACT_SERVICE_SLUG = _env("CONTACT_SERVICE_SLUG", "wijkteam-crabbehof")
    CONTACT_NAME = _env("CONTACT_NAME", "Gemeente Dordrecht")
    CONTACT_PHONE = _env("CONTACT_PHONE", "14 078")
    # --- end of social map settings -------------------------------------------------------

    # --- Prikbord (helpboard) -------------------------------------------------------------
    # Public-space questions (litter, rats, street lights) go to the municipality's reporting
    # service instead of the board.
    FIXI_URL = _env("FIXI_URL", "https://www.dordrecht.nl/fixi")
    # An open question nobody claimed for this many hours is escalated (`flask helpboard escalate`).
    ESCALATE_AFTER_HOURS = _env_int("ESCALATE_AFTER_HOURS", 48)
    # Anti-spam: questions per account and per guest contact (phone or email) per 24 hours.
    HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT = _env_int("HELPBOARD_QUESTIONS_PER_DAY_ACCOUNT", 3)
    HELPBOARD_QUESTIONS_PER_DAY_GUEST = _env_int("HELPBOARD_QUESTIONS_PER_DAY_GUEST", 2)
    # When a question opens, this many best-matching opted-in volunteers are told about it...
    HELPBOARD_NOTIFY_TOP = _env_int("HELPBOARD_NOTIFY_TOP", 3)
    # ...and a volunteer gets at most this many of those mails a day (the rest go to the digest).
    HELPBOARD_MAILS_PER_VOLUNTEER_PER_DAY = _env_int("HELPBOARD_MAILS_PER_VOLUNTEER_PER_DAY", 3)
    # Guests reply through a signed link in the mail; it works this many days.
    HELPBOARD_GUEST_LINK_DAYS = _env_int("HELPBOARD_GUEST_LINK_DAYS", 60)
    # --- end Prikbord ---------------------------------------------------------------------

    # --- Web push (app/push) ---------------------------------------------------------------
    # VAPID keys (base64url, `flask push keys` makes a pair) and the contact the push services
    # may use (mailto: or https:). Push is off, and no page offers it, until all three are set.
    VAPID_PUBLIC_KEY = _env("VAPID_PUBLIC_KEY")
    VAPID_PRIVATE_KEY = _env("VAPID_PRIVATE_KEY")
    VAPID_SUBJECT = _env("VAPID_SUBJECT")
    # The push services a subscription may point at (host names or their parent domains): the
    # sender posts to the endpoint a browser gave, so only these, over https, are accepted.
    PUSH_SERVICE_HOSTS = tuple(
        host.strip().lower()
        for host in (
            _env(
                "PUSH_SERVICE_HOSTS",
                "fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com",
            )
            or ""
        ).split(",")
        if host.strip()
    )
    # Also accept endpoints on 127.0.0.1/localhost over http (tests and development only).
    PUSH_ALLOW_LOOPBACK = False
    # Seconds before a push service that does not answer counts as down (retried later).
    PUSH_TIMEOUT = _env_int("PUSH_TIMEOUT", 10)
    # How long a push service keeps a push for a phone that is switched off.
    PUSH_TTL_SECONDS = _env_int("PUSH_TTL_SECONDS", 24 * 3600)
    # --- end Web push ---------------------------------------------------------------------


class DevelopmentConfig(Config):
    """`make run`: SQLite, mail on the console, cookies over plain http."""

    ENV_NAME = "development"
    SECRET_KEY = _env("SECRET_KEY", "dev-only-not-secret")
    SESSION_COOKIE_SECURE = False
    MAIL_BACKEND = _env("MAIL_BACKEND", "console")
    # `make run` has no cron: with the console backend a thread prints the outbox as it fills.
    MAIL_SEND_IN_PROCESS = MAIL_BACKEND == "console"
    HSTS_SECONDS = 0
    PUSH_ALLOW_LOOPBACK = True


class TestingConfig(Config):
    """The test suite: fast hashing, no CSRF unless a test turns it on."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 — tests only
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    MAIL_BACKEND = "smtp"
    MAIL_SERVER = "127.0.0.1"
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    HSTS_SECONDS = 0
    RATELIMIT_STORAGE_URI = "memory://"
    # The push tests run a push service on loopback; their fixture sets the VAPID keys.
    PUSH_ALLOW_LOOPBACK = True
    VAPID_PUBLIC_KEY = VAPID_PRIVATE_KEY = VAPID_SUBJECT = None


CONFIGS = {
    "development": DevelopmentConfig,
    "production": Config,
    "testing": TestingConfig,
}


def config_for(name: str | None) -> type[Config]:
    """Return the settings class for ``WIJKPLEIN_ENV`` (production when unset)."""
    return CONFIGS.get(name or _env("WIJKPLEIN_ENV", "production") or "production", Config)
