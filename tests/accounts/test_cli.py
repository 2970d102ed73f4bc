"""``flask users create-admin``."""

from __future__ import annotations

from app.accounts.models import User
from app.extensions import db


def test_create_admin_with_options(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--name",
            "Programmabureau",
            "--email",
            "Beheer@Example.org",
            "--password",
            "a long admin password",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "beheer@example.org"))
    assert user.roles == {"admin"} and user.password_hash.startswith("$argon2id$")


def test_create_admin_asks_for_what_is_missing(app, runner):
    result = runner.invoke(
        args=["users", "create-admin"],
        input="Ans\nans@example.org\na long admin password\na long admin password\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User).where(User.email == "ans@example.org")).name == "Ans"


def test_create_admin_refuses_a_short_password_and_a_taken_address(app, runner):
    short = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--name",
            "A",
            "--email",
            "a@example.org",
            "--password",
            "short",
        ]
    )
    assert short.exit_code != 0
    ok = ["users", "create-admin", "--name", "A", "--email", "a@example.org"]
    assert runner.invoke(args=[*ok, "--password", "a long admin password"]).exit_code == 0
    again = runner.invoke(args=[*ok, "--password", "a long admin password"])
    assert again.exit_code != 0 and "already" in again.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_remove_admin_takes_the_role_away_logs_it_and_keeps_the_last_admin(app, runner):
    from app.accounts.models import AccountEvent
    from tests.factories import make_user

    first = make_user("admin", email="eerste@example.org")
    second = make_user("admin", email="tweede@example.org")
    second.add_role("professional")
    db.session.commit()

    result = runner.invoke(args=["users", "remove-admin", "Tweede@Example.org"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert second.roles == {"professional"}
    event = db.session.scalar(db.select(AccountEvent).where(AccountEvent.subject_id == second.id))
    assert event.action == "roles_changed" and event.actor_id is None

    last = runner.invoke(args=["users", "remove-admin", "eerste@example.org"])
    assert last.exit_code != 0 and "last administrator" in last.output
    assert runner.invoke(args=["users", "remove-admin", "niemand@example.org"]).exit_code != 0
    db.session.expire_all()
    assert first.roles == {"admin"}
