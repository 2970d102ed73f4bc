"""`flask demo load`: every part's demo data, and demo logins that work as the README says."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.demo import DEMO_TOTP_SECRET
from app.accounts.models import User
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood


def test_the_demo_loads_once_into_an_empty_database(runner):
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and "not loaded again" in again.output

    names = set(db.session.scalars(select(Neighbourhood.name)))
    assert {"Crabbehof", "Wielwijk", "Oud-Krispijn", "Nieuw-Krispijn"} <= names
    default = db.session.scalar(select(Neighbourhood).where(Neighbourhood.is_default))
    assert default.name == "Crabbehof" and default.boundary["type"] == "Polygon"


def test_every_demo_account_that_needs_two_step_login_has_the_published_secret(runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    staff = [user for user in db.session.scalars(select(User)) if user.two_factor_required]
    assert len(staff) >= 6
    assert all(user.totp_secret == DEMO_TOTP_SECRET and user.two_factor_enabled for user in staff)
