"""A resident who organises an activity is not named in public unless they agreed to it.

Issue 10, item 1: after a moderator approves a resident's proposal, the activity's page, the
events API and the iCalendar feeds say "Organised by a resident" (in Dutch: "Georganiseerd door
een buurtbewoner") instead of the resident's name, unless the resident ticked that their name
may be shown. An organisation's activity shows the organisation, as before.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from icalendar import Calendar

from app.activities.agenda import today
from app.activities.models import Activity
from app.extensions import db
from tests.activities.factories import make_activity
from tests.factories import make_neighbourhood, make_organisation, make_user

NAME = "Henk van der Berg"
NEUTRAL = "Georganiseerd door een buurtbewoner"


def _propose_and_approve(client, login_as, *, show_name: bool) -> Activity:
    """A resident proposes an activity through the form; a moderator approves it."""
    neighbourhood = make_neighbourhood("Crabbehof")
    resident = make_user("resident", name=NAME)
    db.session.commit()
    login_as(user=resident)
    day = today() + timedelta(days=3)
    data = {
        "title": "Buurtlunch",
        "description": "Samen eten",
        "day": day.isoformat(),
        "start_time": "12:00",
        "end_time": "13:30",
        "repeat": "",
        "neighbourhood_id": str(neighbourhood.id),
        "location_id": "0",
        "address": "Crabbehof 5, Dordrecht",
        "organisation_id": "0",
        "target_group": "everyone",
        "languages": ["nl"],
        "is_free": "y",
    }
    if show_name:
        data["show_organiser_name"] = "y"
    assert client.post("/agenda/nieuw", data=data).status_code == 302
    activity = db.session.scalar(db.select(Activity))
    login_as("moderator")
    approved = client.post(f"/beheer/agenda/voorstellen/{activity.id}/goedkeuren")
    assert approved.status_code == 302
    db.session.refresh(activity)
    assert activity.status == "published"
    return activity


def _public_texts(app, activity: Activity) -> dict[str, str]:
    """Return what a visitor who is not logged in reads on the page, in the API and the feeds."""
    visitor = app.test_client()
    page = visitor.get(f"/agenda/{activity.id}-{activity.slug}")
    assert page.status_code == 200
    first = activity.start_local.date()
    api = visitor.get(f"/api/v1/events?start={first}&end={first + timedelta(days=1)}")
    assert api.status_code == 200
    [event] = api.get_json()["events"]
    texts = {"page": page.get_data(as_text=True), "api": event["organiser"]}
    for name, url in [("feed", "/agenda.ics"), ("activity feed", f"/agenda/{activity.id}.ics")]:
        response = visitor.get(url)
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.data)
        texts[name] = "\n".join(str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT"))
    return texts


def test_an_approved_proposal_does_not_name_the_resident(app, client, login_as):
    activity = _propose_and_approve(client, login_as, show_name=False)
    texts = _public_texts(app, activity)
    for where, text in texts.items():
        assert NAME not in text, f"the resident's name is on the {where}"
    assert "een buurtbewoner" in texts["page"]
    assert texts["api"] == NEUTRAL
    assert NEUTRAL in texts["feed"] and NEUTRAL in texts["activity feed"]


def test_a_resident_who_agreed_is_named_as_organiser(app, client, login_as):
    activity = _propose_and_approve(client, login_as, show_name=True)
    assert activity.show_organiser_name
    texts = _public_texts(app, activity)
    for where, text in texts.items():
        assert NAME in text, f"the resident's name is missing on the {where}"
        assert NEUTRAL not in text


@pytest.mark.parametrize("show_name", [False, True])
def test_an_organisations_activity_names_the_organisation(app, client, login_as, show_name):
    make_neighbourhood("Crabbehof")
    organisation = make_organisation("Buurthuis Crabbehoeve")
    activity = make_activity(
        title="Taalcafé",
        organisation=organisation,
        organiser=make_user("professional", name=NAME),
        show_organiser_name=show_name,
        start=datetime.combine(today() + timedelta(days=2), time(10, 0)),
    )
    db.session.commit()
    texts = _public_texts(app, activity)
    assert texts["api"] == "Buurthuis Crabbehoeve"
    for text in texts.values():
        assert "Buurthuis Crabbehoeve" in text and NAME not in text
