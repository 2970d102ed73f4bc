"""Make the accounts of the stress run, through the app's own demo factory and operations.

    python -m bench.stress.accounts N     (in the app's environment: DATABASE_URL, …)

Creates ``stress-resident-<n>@wijkplein.example`` and vetted volunteers
``stress-volunteer-<n>@wijkplein.example`` (one each per simulated user, so that no login or
daily limit of one account is shared by several users) and prints their addresses as JSON.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from sqlalchemy import select

from app import create_app
from app.accounts.demo import create_demo_user
from app.accounts.models import User
from app.core.access import RESIDENT, VOLUNTEER
from app.extensions import db
from app.helpboard.volunteering import save_profile, vet
from app.neighbourhoods.models import Neighbourhood
from app.taxonomy.models import Category

VOLUNTEER_MAX_OPEN = 3


def make(count: int) -> dict[str, list[str]]:
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    professional = db.session.scalar(
        select(User).where(User.email == "professional@wijkplein.example")
    )
    categories = list(db.session.scalars(select(Category)))
    made: dict[str, list[str]] = {"residents": [], "volunteers": []}
    for n in range(1, count + 1):
        resident = create_demo_user(
            f"Stress bewoner {n}",
            (RESIDENT,),
            email=f"stress-resident-{n}@wijkplein.example",
            neighbourhood=crabbehof,
        )
        resident.locale = "en"
        made["residents"].append(resident.email or "")
        volunteer = create_demo_user(
            f"Stress vrijwilliger {n}",
            (VOLUNTEER, RESIDENT),
            email=f"stress-volunteer-{n}@wijkplein.example",
            neighbourhood=crabbehof,
        )
        volunteer.locale = "en"
        profile = save_profile(
            volunteer,
            skills=categories,
            languages=["nl"],
            availability=[],
            neighbourhood_id=crabbehof.id if crabbehof else None,
            max_open=VOLUNTEER_MAX_OPEN,
            notify_mode="digest",
        )
        vet(profile, professional, date.today())
        made["volunteers"].append(volunteer.email or "")
    db.session.commit()
    return made


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        print(json.dumps(make(int(sys.argv[1]))))
