"""In an Arabic sentence a Latin name sits in ``<bdi>``, so that punctuation stays where it
belongs (issue 12, item 2): a service's, an organisation's and a neighbourhood's name, a phone
number, and the title on the confirmation of a question."""

from __future__ import annotations

from bs4 import BeautifulSoup
from markupsafe import Markup

from app.core.i18n import isolate
from app.extensions import db
from tests.factories import make_organisation
from tests.servicemap.factories import make_service


def _isolated(element) -> list[str]:
    return [b.get_text() for b in element.find_all("bdi")]


def test_a_name_is_isolated_and_escaped():
    assert isolate("A & B") == Markup("<bdi>A &amp; B</bdi>")
    assert isolate("") == "" and isolate(None) == ""


def test_an_arabic_page_isolates_the_latin_names_in_its_sentences(app, client, get_page, mailbox):
    organisation = make_organisation(name="Stichting Dordrecht Sociaal")
    service = make_service("Taalcafé", organisation=organisation, phone="078 123 40 04")
    db.session.commit()

    correction = get_page(f"/kaart/{service.id}/klopt-niet?lang=ar")
    assert correction.find("html")["dir"] == "rtl"
    assert _isolated(correction.find("h1")) == ["Taalcafé"]  # "What is not right about …?"
    back = correction.find("a", href=f"/kaart/{service.id}-{service.slug}")
    assert _isolated(back) == ["Taalcafé"]  # "Back to …"
    assert "Stichting Dordrecht Sociaal" in _isolated(correction.find("main"))

    detail = get_page(f"/kaart/{service.id}-{service.slug}?lang=ar")
    assert _isolated(detail.select_one("a.wp-smap-call")) == ["078 123 40 04"]  # "Call …"

    # The thanks after a correction names the organisation inside a sentence too.
    response = client.post(
        f"/kaart/{service.id}/klopt-niet?lang=ar", data={"kind": "hours"}, follow_redirects=True
    )
    thanks = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    alert = thanks.select_one(".wp-alert--success")
    assert alert is not None, thanks.get_text()[:500]
    assert _isolated(alert) == ["Stichting Dordrecht Sociaal"]
