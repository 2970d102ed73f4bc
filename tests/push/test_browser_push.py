"""A guest turns on notifications on their own question page in Chromium, and hears of the claim.

Debian's headless Chromium cannot make a real push subscription: ``PushManager.subscribe``
needs a push service, and Chromium's own is Google's (FCM), which these tests may not reach.
So the page's ``PushManager.subscribe`` is replaced (``add_init_script``) by one that returns
a subscription pointing at the loopback push service, with a real P-256 key pair and auth
secret made in the test. Everything after the browser is real: our ``push.js`` asks the
(granted) permission and posts the subscription, the server stores it, a volunteer claims the
question in the browser, ``flask mail send`` runs as a process of its own and encrypts and
signs the push with VAPID keys that ``flask push keys``-style generation made for this server,
and the loopback service decrypts "picked up" with the browser's private key.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.helpboard import guest_links
from app.push.keys import generate_pair
from app.push.models import PushSubscription
from tests.browser.conftest import (  # noqa: F401 — the launch args are a fixture
    CHROMIUM,
    TIMEOUT_MS,
    Person,
    browser_type_launch_args,
    serving,
)
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_neighbourhood
from tests.helpboard.factories import make_question, make_volunteer

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
)

# Replaces the browser's push subscription with one on the loopback service (see above).
STUB = """
(() => {
  const fake = %s;
  const made = { sub: null };
  function subscription() {
    return {
      endpoint: fake.endpoint,
      toJSON() { return { endpoint: fake.endpoint, keys: fake.keys }; },
      unsubscribe() { made.sub = null; return Promise.resolve(true); },
    };
  }
  if (window.PushManager) {
    PushManager.prototype.subscribe = function () {
      made.sub = subscription();
      return Promise.resolve(made.sub);
    };
    PushManager.prototype.getSubscription = function () { return Promise.resolve(made.sub); };
  }
})();
"""


@pytest.fixture
def push_server_app(tmp_path, smtp_server):
    """A server of its own (it changes data), with VAPID keys made for it."""
    public, private = generate_pair()
    keys = {
        "VAPID_PUBLIC_KEY": public,
        "VAPID_PRIVATE_KEY": private,
        "VAPID_SUBJECT": "mailto:beheer@wijkplein.example",
    }
    database = tmp_path / "push.db"
    app = make_test_app(f"sqlite:///{database}", smtp_server[1], WTF_CSRF_ENABLED=True, **keys)
    with app.app_context():
        db.create_all()
        hood = make_neighbourhood("Crabbehof", is_default=True)
        question = make_question(
            guest=True,
            guest_email=None,
            title="Boodschappen doen",
            neighbourhood_id=hood.id,
            language="en",  # the push's words in English, the source language
        )
        volunteer = make_volunteer(name="Vera Vrijwilliger", email="vera@example.org")
        token = guest_links.issue(question)
        db.session.commit()
        ids = {"question": question.id, "volunteer": volunteer.get_id()}
        db.session.remove()
    return app, database, keys, token, ids


def _mail_send(database: Path, keys: dict[str, str], smtp_port: int) -> None:
    """Run ``flask mail send`` as cron would: a process of its own on the same database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WIJKPLEIN_", "MAIL_", "DATABASE_", "FLASK_", "VAPID_"))
    }
    env.update(
        keys,
        FLASK_APP="wsgi",
        # Development allows a push service on loopback (production only the known ones).
        WIJKPLEIN_ENV="development",
        SECRET_KEY="push-process-secret-" + "x" * 20,
        DATABASE_URL=f"sqlite:///{database}",
        MAIL_BACKEND="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp_port),
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "mail", "send"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


def test_a_guest_turns_on_notifications_on_their_page_and_hears_of_the_claim(
    browser: PlaywrightBrowser, push_server_app, push_service, make_phone, smtp_server
):
    app, database, keys, token, ids = push_server_app
    phone = make_phone()
    with serving(app) as server:
        guest = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
        guest.set_default_timeout(TIMEOUT_MS)
        guest.grant_permissions(["notifications"], origin=server.url)
        guest.add_init_script(STUB % json.dumps(phone.subscription()))
        page = guest.new_page()
        page.goto(f"{server.url}/prikbord/gast/{token}")
        box = page.locator("[data-push]")
        expect(box).to_be_visible()
        box.locator("[data-push-on]").click()
        expect(box.locator("[data-push-off]")).to_be_visible()
        with app.app_context():
            stored = db.session.scalars(select(PushSubscription)).all()
            assert [(s.endpoint, s.user_id) for s in stored] == [(phone.endpoint, None)]
            assert stored[0].guest_link_id is not None  # the guest link's, not an account's
            db.session.remove()

        volunteer = browser.new_context(locale="nl-NL")
        volunteer.set_default_timeout(TIMEOUT_MS)
        person = Person("volunteer", ids["volunteer"], "vera@example.org", PASSWORD)
        volunteer.add_cookies([server.session_cookie(person)])  # type: ignore[list-item]
        vpage = volunteer.new_page()
        vpage.goto(f"{server.url}/prikbord/{ids['question']}")
        vpage.locator(f"form[action='/prikbord/{ids['question']}/oppakken'] button").click()
        expect(vpage.locator(".utrecht-alert, [role=status], .wp-flash").first).to_be_visible()
        guest.close()
        volunteer.close()

    assert push_service.to(phone.path) == []  # nothing is sent before the outbox job runs
    _mail_send(database, keys, smtp_server[1])
    [received] = push_service.to(phone.path)
    payload = phone.read(received)
    assert "picked up" in payload["title"]
    assert payload["body"] == "Boodschappen doen"
