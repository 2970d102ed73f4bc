"""Factories: one function per table, with sensible defaults for every field."""

from __future__ import annotations

import itertools

from app.accounts.models import User
from app.accounts.operations import create_user
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation

_counter = itertools.count(1)

PASSWORD = "correct horse battery"


def make_neighbourhood(name: str = "Crabbehof", slug: str | None = None, **kwargs) -> Neighbourhood:
    boundary = kwargs.pop(
        "boundary",
        {
            "type": "Polygon",
            "coordinates": [
                [
                    [4.658, 51.800],
                    [4.676, 51.800],
                    [4.676, 51.790],
                    [4.658, 51.790],
                    [4.658, 51.800],
                ]
            ],
        },
    )
    neighbourhood = Neighbourhood(
        name=name, slug=slug or name.lower().replace(" ", "-"), boundary=boundary, **kwargs
    )
    db.session.add(neighbourhood)
    db.session.flush()
    return neighbourhood


def make_organisation(name: str | None = None, **kwargs) -> Organisation:
    organisation = Organisation(name=name or f"Organisatie {next(_counter)}", **kwargs)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_user(
    role: str | tuple[str, ...] = "resident",
    *,
    name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    password: str = PASSWORD,
    organisation: Organisation | None = None,
    **kwargs,
) -> User:
    roles = (role,) if isinstance(role, str) else tuple(role)
    n = next(_counter)
    if email is None and phone is None:
        email = f"user{n}@example.org"
    user = create_user(name or f"Persoon {n}", password, email=email, phone=phone, roles=roles)
    for key, value in kwargs.items():
        setattr(user, key, value)
    if organisation is not None:
        user.organisations.append(organisation)
    db.session.flush()
    return user
