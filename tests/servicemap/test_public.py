"""Residents find services on /kaart and on a service's page, with and without JavaScript."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, update

from app.core.assets import static_url
from app.extensions import db
from app.outbox.models import OutboxMail
from app.servicemap.models import Correction
from tests.factories import make_organisation
from tests.servicemap.factories import make_service, open_always


def _names(soup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.select(".wp-smap-cards h3")]


def test_a_resident_filters_money_and_debt_open_now_and_taps_to_call(app, get_page):
    debt_open = make_service(
        "Schuldhulp spreekuur",
        categories=("money-and-debt",),
        hours=open_always(),
        phone="078 123 40 04",
    )
    make_service("Schuldhulp gesloten", categories=("money-and-debt",), hours={})
    make_service("Taalcafé", categories=("language-and-learning",), hours=open_always())
    db.session.commit()

    page = get_page("/kaart?category=money-and-debt&open_now=y")
    assert _names(page) == ["Schuldhulp spreekuur"]
    # The filters keep their state in the form (and so in the shared URL).
    assert (
        page.find("select", id="category").find("option", selected=True)["value"]
        == "money-and-debt"
    )
    assert page.find("input", id="open_now").has_attr("checked")

    link = page.select_one(".wp-smap-cards a")["href"]
    detail = get_page(link)
    call = detail.select_one("a.wp-smap-call")
    assert call["href"] == "tel:0781234004"
    assert detail.find("h1").get_text(strip=True) == debt_open.name
    assert "Open now" in detail.get_text()


@pytest.mark.parametrize("query", ["taalcafe", "TAALCAFÉ", "taalcafé", "Taal"])
def test_free_text_finds_dutch_words_with_and_without_accents(app, get_page, query):
    make_service("Taalcafé", description="Geïnteresseerd? Kom gerust.")
    make_service("Huisarts")
    db.session.commit()
    assert _names(get_page(f"/kaart?q={query}")) == ["Taalcafé"]


def test_free_text_matches_accent_free_spelling_of_the_description(app, get_page):
    make_service("Koffie-ochtend", description="Geïnteresseerd? Kom gerust.")
    db.session.commit()
    assert _names(get_page("/kaart?q=geinteresseerd")) == ["Koffie-ochtend"]


def test_language_filter_shows_only_services_in_that_language(app, get_page):
    make_service("Turkish help", languages=("nl", "tr"))
    make_service("Dutch only", languages=("nl",))
    db.session.commit()
    assert _names(get_page("/kaart?language=tr")) == ["Turkish help"]


def test_near_me_sorts_by_distance_without_storing_the_position(app, get_page):
    make_service("Far away", latitude=51.81, longitude=4.70)
    make_service("Close by", latitude=51.7956, longitude=4.6669)
    db.session.commit()
    page = get_page("/kaart?lat=51.7957&lon=4.6668")
    assert _names(page) == ["Close by", "Far away"]
    assert page.find("input", attrs={"name": "lat"})["value"] == "51.7957"


def test_bad_filter_values_are_ignored_not_an_error(app, get_page):
    make_service("Something")
    db.session.commit()
    page = get_page("/kaart?category=nope&language=xx&page=abc&lat=999&lon=1")
    assert _names(page) == ["Something"]
    page = get_page("/kaart?lat=nan&lon=nan&page=-3")
    assert _names(page) == ["Something"]


def test_the_list_is_paginated_and_page_links_keep_the_filters(app, get_page):
    organisation = make_organisation()
    for n in range(30):
        make_service(
            f"Spreekuur {n:02d}", organisation=organisation, categories=("money-and-debt",)
        )
    db.session.commit()
    page = get_page("/kaart?category=money-and-debt")
    assert len(_names(page)) == 25
    next_link = page.find("a", rel="next")["href"]
    assert "category=money-and-debt" in next_link and "page=2" in next_link
    assert len(_names(get_page(next_link))) == 5


def test_the_map_loads_its_markers_from_the_geojson_api_with_the_same_filters(
    app, client, get_page
):
    make_service("Taalcafé")
    db.session.commit()
    page = get_page("/kaart?category=language-and-learning&q=taal")
    box = page.find(id="wp-map")
    assert box["data-markers"].startswith("/api/v1/services.geojson?")
    assert "category=language-and-learning" in box["data-markers"]
    # No service text in the page's scripts: markers come from the API.
    scripts = " ".join(s.get_text() for s in page.find_all("script"))
    assert "Taalcafé" not in scripts
    assert "user-scalable=no" not in str(page)
    # The list view (a phone's default) names Leaflet's scripts for servicemap.js to load.
    sources = box["data-scripts"].split()
    with app.test_request_context():
        leaflet = static_url("vendor/leaflet/leaflet.js")
        cluster = static_url("vendor/leaflet.markercluster/leaflet.markercluster.js")
    assert sources[:2] == [leaflet, cluster]
    # The map's own script is a file of our origin (no inline script: the page can be cached).
    scripts += " ".join(
        client.get(src).get_data(as_text=True) for src in sources if "/kaart/" in src
    )
    assert "/tiles/{z}/{x}/{y}.png" in scripts


def test_a_service_page_shows_what_where_when_contact_route_and_last_check(app, get_page):
    service = make_service(
        "Formulierenhulp",
        description="Hulp bij **brieven**.",
        hours={0: "10:00-12:00"},
        exceptions="2030-12-25 closed Kerst",
        phone="078 123 40 03",
        email="hulp@example.org",
        website="https://example.org/hulp",
        address="Karel Doormanweg 2",
        target_groups=["volwassenen"],
        languages=("nl", "ar"),
        access="appointment",
        checked_days_ago=3,
    )
    db.session.commit()
    page = get_page(f"/kaart/{service.id}-{service.slug}")
    text = page.get_text(" ", strip=True)
    assert page.find("strong", string="brieven")
    assert page.find("a", href="tel:0781234003")
    assert page.find("a", href="mailto:hulp@example.org")
    assert page.find("a", href=lambda h: h and h.startswith("geo:51.795600,4.666900"))
    assert page.find(
        "a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/directions")
    )
    assert "Last checked on" in text and "out of date" not in text
    assert "By appointment" in text and "Arabic" in text and "volwassenen" in text
    assert page.find("a", href=f"/kaart/{service.id}/klopt-niet")
    assert len(page.select(".wp-smap-hours tbody tr")) == 7


def test_a_stale_service_says_it_may_be_out_of_date(app, get_page):
    service = make_service("Oud", checked_days_ago=200)
    db.session.commit()
    assert "may be out of date" in get_page(f"/kaart/{service.id}-{service.slug}").get_text()


def test_demo_services_are_marked_as_demo(app, get_page):
    service = make_service("Demo", is_demo=True)
    db.session.commit()
    assert "Demo data" in get_page("/kaart").get_text()
    assert "demo data" in get_page(f"/kaart/{service.id}-{service.slug}").get_text().lower()


def test_an_old_slug_redirects_to_the_right_address(app, client):
    service = make_service("Buurthuiskamer")
    db.session.commit()
    response = client.get(f"/kaart/{service.id}-old-name")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/kaart/{service.id}-buurthuiskamer")
    assert client.get("/kaart/999999-x").status_code == 404


def test_a_place_with_several_services_has_one_page_listing_them(app, get_page):
    organisation = make_organisation()
    a = make_service(
        "Taalcafé",
        organisation=organisation,
        address="Karel Doormanweg 2",
        location_name="Crabbehoeve",
    )
    b = make_service("Buurthuiskamer", organisation=organisation, address="Karel Doormanweg 2")
    db.session.commit()
    assert a.location_id == b.location_id
    detail = get_page(f"/kaart/{a.id}-{a.slug}")
    link = detail.find("a", href=f"/kaart/plek/{a.location_id}")
    assert link is not None
    place = get_page(link["href"])
    assert place.find("h1").get_text(strip=True) == "Crabbehoeve"
    assert sorted(_names(place)) == ["Buurthuiskamer", "Taalcafé"]


def test_this_is_not_right_sends_a_correction_to_the_organisation(
    app, client, get_page, post_page, mailbox
):
    organisation = make_organisation(email="team@dordrechtsociaal.example")
    service = make_service("Taalcafé", organisation=organisation)
    db.session.commit()
    get_page(f"/kaart/{service.id}/klopt-niet")
    page = post_page(
        f"/kaart/{service.id}/klopt-niet",
        {"kind": "hours", "message": "Op dinsdag is het dicht."},
        follow_redirects=True,
    )
    assert "Thank you" in page.get_text()
    stored = db.session.scalars(select(Correction)).one()
    assert stored.kind == "hours" and stored.mailed_at is not None
    (message,) = mailbox.to("team@dordrechtsociaal.example")
    body = mailbox.body(message)
    assert "Op dinsdag is het dicht." in body and "Taalcafé" in body


def test_a_correction_without_a_choice_comes_back_with_the_text_kept(app, post_page):
    service = make_service("Taalcafé")
    db.session.commit()
    page = post_page(f"/kaart/{service.id}/klopt-niet", {"message": "iets"})
    assert page.find(id="kind-error") is not None
    assert page.find("textarea", id="message").get_text().strip() == "iets"
    assert db.session.scalars(select(Correction)).first() is None


def test_a_correction_is_kept_when_the_mail_cannot_be_sent(app, client, mailbox, monkeypatch):
    organisation = make_organisation(email="team@example.org")
    service = make_service("Taalcafé", organisation=organisation)
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens on the discard port here
    response = client.post(f"/kaart/{service.id}/klopt-niet", data={"kind": "other"})
    assert mailbox.to("team@example.org") == []  # the sender tried, the server is down
    monkeypatch.undo()
    assert response.status_code == 302
    assert db.session.scalars(select(Correction)).one() is not None
    # The mail waited in the outbox; it goes out once the server is back (after its retry delay).
    db.session.execute(update(OutboxMail).values(next_attempt_at=OutboxMail.created_at))
    db.session.commit()
    assert len(mailbox.to("team@example.org")) == 1


def _count_queries(client, url: str) -> tuple[int, int]:
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    assert response.status_code == 200
    return len(statements), len(response.data)


def _many(count: int) -> None:
    organisations = [make_organisation() for _ in range(5)]
    for n in range(count):
        make_service(
            f"Dienst {n}",
            organisation=organisations[n % 5],
            categories=("money-and-debt", "food") if n % 2 else ("meeting-people",),
            languages=("nl", "en"),
            hours={0: "09:00-12:00", 2: "13:00-17:00"},
            address=f"Troelstraweg {n % 40}",
        )


def test_the_map_page_and_the_api_need_the_same_queries_with_50_or_500_services(app, client):
    _many(50)
    db.session.commit()
    urls = [
        "/kaart",
        "/kaart?category=money-and-debt&open_now=y&q=dienst",
        "/kaart?page=2",
        "/api/v1/services",
        "/api/v1/services.geojson",
    ]
    few = [_count_queries(client, url) for url in urls]
    _many(450)
    db.session.commit()
    many = [_count_queries(client, url) for url in urls]
    assert [q for q, _size in many] == [q for q, _size in few]
    assert many[0][1] < 60 * 1024


def test_a_service_page_lists_the_calendar_activities_at_its_place_this_week(
    app, get_page, monkeypatch
):
    from datetime import timedelta

    from app.activities import queries as activity_queries
    from app.servicemap.schedule import local_now

    service = make_service("Buurthuiskamer", address="Karel Doormanweg 2")
    db.session.commit()
    calls = []

    def occurrences_at_location(location_id, start, end):
        calls.append((location_id, end - start))
        begin = local_now() + timedelta(days=1)
        return [
            {
                "title": "Koffieochtend",
                "start": begin,
                "end": begin + timedelta(hours=2),
                "url": "/agenda/1-koffieochtend",
                "cancelled": False,
            },
            {
                "title": "Bingo",
                "start": begin,
                "end": begin + timedelta(hours=1),
                "url": "/agenda/2-bingo",
                "cancelled": True,
            },
        ]

    monkeypatch.setattr(
        activity_queries, "occurrences_at_location", occurrences_at_location, raising=False
    )
    page = get_page(f"/kaart/{service.id}-{service.slug}")
    assert calls == [(service.location_id, timedelta(days=7))]
    assert page.find("a", href="/agenda/1-koffieochtend").get_text() == "Koffieochtend"
    assert "(cancelled)" in page.get_text()


@pytest.mark.parametrize(
    ("query", "view"), [("", "lijst"), ("?weergave=kaart", "kaart"), ("?weergave=x", "lijst")]
)
def test_a_phone_shows_the_list_or_the_map_and_links_to_the_other(app, get_page, query, view):
    make_service("Taalcafé", categories=("language-and-learning",), hours=open_always())
    db.session.commit()
    page = get_page("/kaart" + query)
    assert page.select_one(".wp-smap-page")["data-view"] == view
    links = {a["data-view-link"]: a for a in page.select(".wp-smap-views a")}
    assert set(links) == {"lijst", "kaart"}
    assert links[view].get("aria-current") == "page"
    assert [a for a in links.values() if a.get("aria-current")] == [links[view]]
    assert links["kaart"]["href"] == "/kaart?weergave=kaart#kaart"
    assert links["lijst"]["href"] == "/kaart"
    kept = page.select(".wp-smap-filters input[name=weergave]")
    assert [i["value"] for i in kept] == (["kaart"] if view == "kaart" else [])
    # Both are in the page: the list for those without a map, the map beside it on a wide screen.
    assert page.select_one(".wp-smap-cards") is not None and page.find(id="wp-map") is not None


def test_the_switch_keeps_the_filters_and_the_list_s_pages_show_the_list(app, get_page):
    make_service("Schuldhulp", categories=("money-and-debt",), hours=open_always())
    db.session.commit()
    page = get_page("/kaart?category=money-and-debt&weergave=kaart")
    links = {a["data-view-link"]: a["href"] for a in page.select(".wp-smap-views a")}
    assert links["lijst"] == "/kaart?category=money-and-debt"
    assert "category=money-and-debt" in links["kaart"] and "weergave=kaart" in links["kaart"]
    # The map's markers follow the filters, not the view.
    assert "weergave" not in page.find(id="wp-map")["data-markers"]
