"""Wijkplein: the digital resident platform for Crabbehof (Dordrecht West)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.config import ROOT, config_for


def create_app(config: dict[str, Any] | str | None = None) -> Flask:
    """Build the Flask application.

    :param config: a mode name ("development", "testing", "production") or a mapping of settings
        laid over the mode from ``WIJKPLEIN_ENV``; nothing is read from disk and nothing migrates.
    """
    app = Flask(
        __name__,
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    overrides: dict[str, Any] = {}
    if isinstance(config, str):
        settings = config_for(config)
    else:
        overrides = dict(config or {})
        settings = config_for(overrides.pop("WIJKPLEIN_ENV", None))
    app.config.from_object(settings)
    app.config.update(overrides)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    _check_production_settings(app)

    from app import models  # noqa: F401  (complete metadata before anything touches the database)

    _init_extensions(app)
    _register_blueprints(app)

    from app.cli import init_cli
    from app.core.assets import init_assets
    from app.core.caching import init_caching
    from app.core.errors import init_errors
    from app.core.i18n import init_i18n
    from app.core.page_cache import init_page_cache
    from app.core.security import init_security
    from app.core.templating import init_templating
    from app.neighbourhoods.choice import init_choice
    from app.outbox.sender import init_outbox
    from app.push.keys import init_push_keys

    init_security(app)
    init_caching(app)  # after the CSP hook, so that it runs first (see app/core/caching.py)
    init_i18n(app)  # after caching, so that caching sees the language cookie it may set
    init_choice(app)  # likewise for the neighbourhood cookie
    init_assets(app)
    init_errors(app)
    init_templating(app)
    init_cli(app)
    init_outbox(app)
    init_push_keys(app)
    init_page_cache(app)  # last: its hook runs first, its middleware sits in front of Flask
    return app


def _check_production_settings(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set. Set it in the environment (see the README) before starting "
            "Wijkplein in production; for trying it out use `make run`."
        )
    from app.accounts.encryption import check_keys

    check_keys(app.config)
    storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if (
        app.config.get("ENV_NAME") == "production"
        and storage.startswith("memory://")
        and not app.config.get("WIJKPLEIN_SINGLE_PROCESS")
    ):
        raise RuntimeError(
            "RATELIMIT_STORAGE_URI is memory://: each worker would count failed logins on its "
            "own. Point it at Redis (redis://host:6379/0), or set WIJKPLEIN_SINGLE_PROCESS=true "
            "when Wijkplein really runs as one single process."
        )


def _init_extensions(app: Flask) -> None:
    from app.accounts.sessions import init_login
    from app.core.i18n import select_locale
    from app.extensions import babel, compress, csrf, db, limiter, migrate

    # First, so that its hook runs last: it compresses what the other hooks finished.
    compress.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    init_login(app)


def _register_blueprints(app: Flask) -> None:
    from app.accounts import bp as accounts_bp
    from app.activities import bp as activities_bp
    from app.core.params import init_input
    from app.figures import bp as figures_bp
    from app.helpboard import bp as helpboard_bp
    from app.media import bp as media_bp
    from app.neighbourhoods.views import bp as neighbourhoods_bp
    from app.outbox.manage import bp as outbox_bp
    from app.pages import bp as pages_bp
    from app.push.views import bp as push_bp
    from app.servicemap import bp as servicemap_bp

    # Before any route is added: ids in paths stay within the database's integer range.
    init_input(app)
    app.register_blueprint(pages_bp)
    # Each part owns its paths (/account, /kaart, /agenda, /prikbord, /api/v1/…, /beheer/<part>).
    app.register_blueprint(accounts_bp)
    app.register_blueprint(servicemap_bp)
    app.register_blueprint(activities_bp)
    app.register_blueprint(helpboard_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(figures_bp)
    app.register_blueprint(push_bp)
    app.register_blueprint(neighbourhoods_bp)
    app.register_blueprint(media_bp)
