"""Residents find services by the words they type, in their own language, on both databases."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from app.extensions import db
from app.neighbourhoods import demo as neighbourhoods_demo
from app.organisations import demo as organisations_demo
from app.servicemap import demo as servicemap_demo
from app.taxonomy import builtin as taxonomy_builtin

DEBT_SERVICES = {
    "Formulierenhulp",
    "Schuldhulp spreekuur",
    "Sociale Dienst spreekuur",
    "Wijkteam Crabbehof",
    "Maatschappelijk werk",
    "Belastingaangifte hulp",
}

# What a resident types → a demo service that must be among the results.
WORDS = {
    "schuld": "Schuldhulp spreekuur",
    "schulden": "Schuldhulp spreekuur",
    "debt": "Schuldhulp spreekuur",
    "borç": "Schuldhulp spreekuur",
    "borc": "Schuldhulp spreekuur",
    "BORÇ": "Schuldhulp spreekuur",
    "długi": "Schuldhulp spreekuur",
    "ديون": "Schuldhulp spreekuur",
    "huisarts": "Huisartsenpraktijk Crabbehof",
    "dokter": "Huisartsenpraktijk Crabbehof",
    "DOKTER": "Huisartsenpraktijk Crabbehof",
    "طبيب": "Huisartsenpraktijk Crabbehof",
    "lekarz": "Huisartsenpraktijk Crabbehof",
    "doktor": "Huisartsenpraktijk Crabbehof",
    "taalles": "Taalcafé",
    "Nederlands leren": "Bibliotheek: Taalpunt",
    "dil kursu": "Taalcafé",
    "voedselbank": "Voedselbank uitgiftepunt",
    "gida bankasi": "Voedselbank uitgiftepunt",
    "bank żywności": "Voedselbank uitgiftepunt",
    "huisar": "Huisartsenpraktijk Crabbehof",  # still typing
}


@pytest.fixture
def demo(app):
    """The map's demo data (without the calendar and the question board)."""
    for load in (
        neighbourhoods_demo.load,
        organisations_demo.load,
        taxonomy_builtin.load,
        servicemap_demo.load,
    ):
        load(scale="neighbourhood")
        db.session.flush()
    db.session.commit()


def _names(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".wp-smap-cards h3")]


def _api_names(client, query: str) -> list[str]:
    response = client.get("/api/v1/services", query_string={"q": query, "per_page": 100})
    assert response.status_code == 200
    return [item["name"] for item in response.get_json()["contents"]]


def test_the_words_residents_type_find_the_right_services_on_the_map(demo, client, get_page):
    missing = {}
    for word, service in WORDS.items():
        names = _names(get_page("/kaart", query_string={"q": word}))
        if service not in names:
            missing[word] = names
    assert not missing, f"not found by these words: {missing}"


def test_the_api_finds_the_same_services_by_the_same_words(demo, client, get_page):
    for word in WORDS:
        page_names = _names(get_page("/kaart", query_string={"q": word}))
        assert sorted(_api_names(client, word)) == sorted(page_names), word


@pytest.mark.parametrize("word", ["schuld", "Schulden", "debt", "borc", "dług", "دين"])
def test_debt_in_any_language_finds_exactly_the_debt_help(demo, client, word):
    assert set(_api_names(client, word)) == DEBT_SERVICES


def test_every_word_must_match_and_other_topics_stay_out(demo, client):
    assert "Huisartsenpraktijk Crabbehof" not in _api_names(client, "schulden")
    # Only the services in both health and money.
    assert set(_api_names(client, "huisarts schulden")) == {
        "Maatschappelijk werk",
        "Wijkteam Crabbehof",
    }
    assert _api_names(client, "wijkteam schulden") == ["Wijkteam Crabbehof"]


@pytest.mark.parametrize("language", ["nl", "en", "tr", "ar", "pl"])
def test_the_search_box_suggests_only_words_that_find_something(demo, client, get_page, language):
    client.set_cookie("wijkplein_lang", language)
    placeholder = get_page("/kaart").find("input", id="q")["placeholder"]
    # "bijv. schulden, taalcafé, huisarts": the words after the "for example" (Arabic: "،").
    words = [w.strip() for w in re.split("[,،]", placeholder.split(" ", 1)[1])]
    assert words
    for word in words:
        assert _api_names(client, word), f"{language}: the suggestion {word!r} finds nothing"


def test_nothing_found_offers_the_nearest_topics_and_the_wijkteam(demo, client, get_page):
    client.set_cookie("wijkplein_lang", "en")
    page = get_page("/kaart", query_string={"q": "geldproblemen"})
    assert _names(page) == []
    topics = [a.get_text(strip=True) for a in page.select(".wp-smap-near-categories a")]
    assert topics == ["Money and debt"]
    assert page.select_one(".wp-smap-near-categories a")["href"].endswith("category=money-and-debt")
    contact = page.select_one(".wp-smap-contact")
    assert "Wijkteam Crabbehof" in contact.get_text()
    assert contact.select_one("a.wp-smap-call")["href"] == "tel:0787708000"


def test_nothing_near_offers_the_most_used_topics(demo, client, get_page):
    client.set_cookie("wijkplein_lang", "en")
    page = get_page("/kaart", query_string={"q": "xylofoon"})
    topics = page.select(".wp-smap-near-categories a")
    assert len(topics) == 3


def test_without_the_wijkteam_the_configured_contact_is_offered(demo, app, client, get_page):
    app.config["CONTACT_SERVICE_SLUG"] = "no-such-service"
    try:
        page = get_page("/kaart", query_string={"q": "xylofoon"})
    finally:
        app.config["CONTACT_SERVICE_SLUG"] = "wijkteam-crabbehof"
    contact = page.select_one(".wp-smap-contact")
    assert "Gemeente Dordrecht" in contact.get_text()
    assert contact.select_one("a")["href"] == "tel:14078"


def _statements(client, url: str) -> int:
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return len(statements)


def test_searching_costs_the_same_queries_for_one_result_or_many(demo, client):
    one = _statements(client, "/kaart?q=voorleesuur")
    many = _statements(client, "/kaart?q=dokter")
    assert one == many


def test_a_professional_adds_a_search_word_and_residents_find_the_service(
    demo, client, login_as, get_page, post_page
):
    from tests.factories import make_organisation, make_user

    assert _api_names(client, "kopje") == []
    login_as(user=make_user("professional", organisation=make_organisation()))
    page = get_page("/beheer/kaart/zoekwoorden?category=meeting-people")
    assert page.find("select", id="category").find("option", selected=True)["value"] == (
        "meeting-people"
    )
    response = client.post(
        "/beheer/kaart/zoekwoorden",
        data={"category": "meeting-people", "words": "kopje koffie, buurtkamer"},
    )
    assert response.status_code == 302
    assert "Buurthuiskamer" in _api_names(client, "kopje")
    assert "Buurthuiskamer" in _api_names(client, "Buurtkamer")
    page = get_page("/beheer/kaart/zoekwoorden?category=meeting-people")
    assert page.find("textarea", id="words").get_text(strip=True) == "kopje koffie, buurtkamer"


@pytest.mark.parametrize(("role", "status"), [("resident", 403), ("volunteer", 403)])
def test_only_professionals_and_admins_change_search_words(app, client, login_as, role, status):
    login_as(role)
    assert client.get("/beheer/kaart/zoekwoorden").status_code == status


def test_the_reindex_command_rebuilds_the_search(demo, runner, client):
    result = runner.invoke(args=["map", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 44 service(s)." in result.output
    assert set(_api_names(client, "schuld")) == DEBT_SERVICES
