"""Where a resident turns on notifications: the guest's own page and the requester's page."""

from __future__ import annotations

from app.extensions import db
from app.helpboard import guest_links
from tests.factories import make_user
from tests.helpboard.factories import make_question


def test_the_guests_own_page_offers_push_for_the_guest_link(app, client, vapid):
    question = make_question(guest=True, guest_email=None)
    token = guest_links.issue(question)
    db.session.commit()
    page = client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
    assert f'data-key="{vapid["VAPID_PUBLIC_KEY"]}"' in page
    assert f'data-subscribe="/prikbord/gast/{token}/meldingen"' in page
    assert f'data-stop="/prikbord/gast/{token}/meldingen/stoppen"' in page
    assert "js/push" in page


def test_without_vapid_keys_the_guest_page_offers_no_push(app, client):
    question = make_question(guest=True, guest_email=None)
    token = guest_links.issue(question)
    db.session.commit()
    page = client.get(f"/prikbord/gast/{token}").get_data(as_text=True)
    assert "data-push" not in page and "js/push" not in page


def test_the_requesters_question_page_offers_push_and_nobody_elses_does(
    app, client, login_as, vapid
):
    requester = make_user("resident")
    question = make_question(requester=requester)
    db.session.commit()
    login_as(user=requester)
    page = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert 'data-subscribe="/account/meldingen"' in page and "js/push" in page
    login_as("resident")
    other = client.get(f"/prikbord/{question.id}").get_data(as_text=True)
    assert "data-push" not in other and "js/push" not in other
