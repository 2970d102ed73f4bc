"""Accounts and administration: the people list stays bounded with many accounts."""

from __future__ import annotations

from sqlalchemy import insert

from app.accounts.models import User, UserRole
from app.accounts.operations import create_user
from app.accounts.passwords import hash_password
from app.extensions import db


def _add_people(count: int, start: int) -> None:
    password_hash = hash_password("bench password")
    rows = [
        {
            "name": f"Bewoner {n:05d}",
            "email": f"bench{n}@example.org",
            "password_hash": password_hash,
            "session_epoch": 0,
            "is_blocked": False,
        }
        for n in range(start, start + count)
    ]
    db.session.execute(insert(User), rows)
    ids = db.session.scalars(db.select(User.id).where(User.email.like("bench%"))).all()
    known = set(db.session.scalars(db.select(UserRole.user_id)).all())
    db.session.execute(
        insert(UserRole), [{"user_id": i, "role": "resident"} for i in ids if i not in known]
    )
    db.session.commit()


def run(bench) -> None:
    with bench.app.app_context():
        admin = create_user(
            "Bench admin", "bench password", email="bench-admin@example.org", roles=("admin",)
        )
        db.session.commit()
        admin_id = admin.get_id()
    client = bench.client()
    with client.session_transaction() as session:
        session["_user_id"] = admin_id
        session["two_factor_ok"] = True

    results = {}
    for label, count, start in (("small", 20, 0), ("large", 3000, 20)):
        with bench.app.app_context():
            _add_people(count, start)
        results[label] = (
            bench.measure(f"people list ({label})", "/beheer/gebruikers", client=client),
            bench.measure(
                f"people search ({label})", "/beheer/gebruikers?q=bewoner+0", client=client
            ),
            bench.measure(f"my account ({label})", "/account/", client=client),
        )
    for small, large in zip(results["small"], results["large"], strict=True):
        assert large.status == 200, f"{large.url} answered {large.status}"
        assert large.queries == small.queries, (
            f"{large.name}: {small.queries} → {large.queries} SQL"
        )
        assert large.bytes < small.bytes * 1.5, f"{large.name} grows with the data"
