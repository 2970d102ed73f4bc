"""Accounts: register, log in and out, passwords, two-step login, profile, my data.

The part owns its paths: ``/account/…`` for a person's own account, and, on the nested
``manage`` blueprint, ``/beheer/gebruikers…`` (admins) and ``/beheer/bewoners…`` (professionals
who help a resident to a new password).
"""

from flask import Blueprint

bp = Blueprint("accounts", __name__)
manage_bp = Blueprint("manage", __name__)

from app.accounts import (  # noqa: E402,F401  (routes register on the blueprints)
    manage,
    profile_views,
    twofactor_views,
    views,
)

bp.register_blueprint(manage_bp, url_prefix="/beheer")
