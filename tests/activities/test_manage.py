"""The back office of the calendar: one's own activities, a page at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.activities import manage
from tests.activities.factories import make_activity
from tests.factories import make_organisation


def test_an_organisations_activities_come_a_page_at_a_time(app, login_as, get_page, monkeypatch):
    monkeypatch.setattr(manage, "MANAGED_PER_PAGE", 2)
    organisation = make_organisation()
    start = datetime(2026, 12, 1, 10, 0)
    for n, title in enumerate(["Koffie", "Taalcafé", "Naaiatelier"]):
        make_activity(title=title, start=start + timedelta(days=n), organisation=organisation)
    login_as("professional", organisation=organisation)
    first = get_page("/beheer/agenda")
    titles = [h.get_text(strip=True) for h in first.select(".wp-act-item h2")]
    assert titles == ["Naaiatelier", "Taalcafé"]
    assert first.find("a", rel="next")["href"].endswith("page=2")
    second = get_page("/beheer/agenda?page=2")
    assert [h.get_text(strip=True) for h in second.select(".wp-act-item h2")] == ["Koffie"]
