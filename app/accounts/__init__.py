"""Accounts: register, log in and out, passwords, two-step login, profile, my data."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from app.accounts import (  # noqa: E402,F401  (routes register on the blueprint)
    profile_views,
    twofactor_views,
    views,
)
