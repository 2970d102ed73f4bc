"""Every form of the site, sent in Chromium by the visitor who can reach it, with valid values.

For each kind of visitor (a guest, a resident, a volunteer, a professional, an admin) the walk
finds every ``<form method=post>`` on every page it reaches (``forms.FormFinder``). Each form's
endpoint needs an entry in :data:`FILLS` (what to type, what the result shows) or in
:data:`NOT_SENT` (with the reason); a new form without one fails the test, and so does an entry
no walk used any more, so what is covered cannot shrink unnoticed. Each form is then filled and
sent once per visitor, and the page it leads to must be no error page and show the success
message (or the page the entry names).

The walk changes data (it sends every form, deleting the resident's account at the end), so it
runs against a server of its own with the demo data, and questions in the states whose forms it
must reach: asked by the resident (open, picked up, done), picked up by the volunteer, two
picked-up questions for each staff walk, and four proposed activities, from an account no walk
deletes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import VolunteerProfile
from app.helpboard.moderation import report
from tests.browser.actions import log_in
from tests.browser.conftest import TIMEOUT_MS, TWO_STEP_ROLES, LiveServer, Person, browser_app
from tests.browser.conftest import serving as serve
from tests.browser.forms import FIRST, Fill, FormFinder, send

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "wijkplein-demo"
VISITORS = {
    "anonymous": None,
    "volunteer": "vrijwilliger1@wijkplein.example",
    "resident": "bewoner@wijkplein.example",
    "professional": "professional@wijkplein.example",
    "admin": "admin@wijkplein.example",
}
NEW_PASSWORD = "een nieuw wachtwoord voor de test"

# Forms that are found but not sent, and why.
NOT_SENT = {
    "accounts.logout": "ends the session the rest of the walk needs (test_journeys logs out)",
    # Its fields are filled by the browser's location (navigator.geolocation), which a test
    # browser does not share; tests/neighbourhoods/test_choice.py sends it over HTTP.
    "neighbourhoods.suggest": "sent with the location the phone shares (test_choice.py)",
}

# A neighbourhood's boundary as an admin pastes it (a square in Dordrecht, WGS84).
BOUNDARY = (
    '{"type": "Polygon", "coordinates": [[[4.60, 51.79], [4.62, 51.79], [4.62, 51.80],'
    " [4.60, 51.80], [4.60, 51.79]]]}"
)


def _totp_code(page: Page) -> str:
    """The current code of the two-step secret the setup page shows (an authenticator app)."""
    secret = page.locator("code.wp-secret").inner_text()
    return pyotp.TOTP(secret.replace(" ", "")).now()


def _not_public_space(page: Page) -> str:
    """A category the board takes (litter and the like go to the municipality instead)."""
    choice = page.locator('input[name="category"]:not([data-public-space])').first
    return str(choice.get_attribute("value"))


QUESTION = {
    "category": _not_public_space,
    "title": "Wie helpt met een brief van de gemeente?",
    "description": "Ik snap de brief niet goed.",
    "guest_name": "Gast Formulier",
    "guest_phone": "0612345678",
    "contact_route": "phone",
}


def _a_place(page: Page) -> str:
    """A place on the map (the first choice is "not on the map")."""
    return str(
        page.locator('select[name="location_id"] option:not([value="0"])').first.get_attribute(
            "value"
        )
    )


ACTIVITY = {"start_time": "10:00", "end_time": "12:00", "location_id": _a_place}
SIGNED_IN = 'header form[action$="/account/uitloggen"]'

# endpoint → how its form is sent. Every form the walk finds needs an entry (or NOT_SENT).
FILLS: dict[str, Fill] = {
    # Everyone
    "pages.set_language": Fill(
        button='button[name="language"][value="nl"]', expect="html[lang=nl]"
    ),
    "accounts.login": Fill(
        {"identifier": "0612345678", "password": DEMO_PASSWORD}, expect=SIGNED_IN, order=99
    ),
    "accounts.register": Fill(
        {
            "name": "Nieuw Formulier",
            "email": "nieuw.formulier@example.org",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
        expect="main [role=status]",
        url="/account/inloggen",
    ),
    "accounts.forgot_password": Fill(expect="main h1", url="/account/wachtwoord-vergeten"),
    "helpboard.new": Fill(QUESTION, expect="main h1", url="/verstuurd"),
    "servicemap.correction": Fill({"message": "Het telefoonnummer klopt niet meer."}),
    # Logged in
    "accounts.profile": Fill(),
    "accounts.twofactor_setup": Fill({"code": _totp_code}, expect=".wp-recovery-codes", order=80),
    "accounts.twofactor_new_codes": Fill(
        {"codes-password": DEMO_PASSWORD}, expect=".wp-recovery-codes"
    ),
    "accounts.change_password": Fill(
        {
            "current_password": DEMO_PASSWORD,
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
        order=90,
    ),
    "accounts.delete": Fill(
        {"password": NEW_PASSWORD},
        order=98,
        refused={
            # A professional who vetted volunteers can delete their account: the volunteers stay
            # vetted "by a former professional" (issue 12).
            "admin": "the last admin cannot remove their own account",
        },
    ),
    "activities.create": Fill(ACTIVITY),
    "activities.edit": Fill(),
    "activities.signup": Fill(order=40),
    "activities.cancel": Fill(order=45),
    "activities.manage.approve_proposal": Fill(order=50),
    "activities.manage.reject_proposal": Fill({"reason": "Dit past niet in de agenda."}, order=51),
    # The question board
    "helpboard.message": Fill({"body": "Ik kan dinsdag langskomen."}, order=10),
    "helpboard.report": Fill(order=10),
    "helpboard.refer": Fill({"referral-services": FIRST}, order=10),
    "helpboard.helped": Fill(order=20),
    "helpboard.claim": Fill(order=30),
    "helpboard.hand_back": Fill(order=60),
    "helpboard.done": Fill(order=70),
    "helpboard.close": Fill(order=75),
    "helpboard.profile": Fill(),
    "helpboard.manage.add_note": Fill(order=10),
    "helpboard.manage.assign": Fill(order=60),
    "helpboard.manage.change_category": Fill(order=20),
    "helpboard.manage.approve": Fill(order=30),
    "helpboard.manage.mark_sensitive": Fill(order=70),
    "helpboard.manage.stop_guest_links": Fill(order=70),
    "helpboard.manage.on_behalf": Fill({**QUESTION, "consent": True}, expect="main h1"),
    # An empty date withdraws the vetting (and hands the volunteer's questions back).
    "helpboard.manage.vet": Fill({"vetted_on": date.today().isoformat()}),
    "helpboard.manage.block": Fill(order=58),
    "helpboard.manage.hide": Fill(order=59),
    "helpboard.manage.dismiss": Fill(order=60),
    # The social map
    # The geocoder cannot be reached in tests: the professional types the coordinates.
    "servicemap.manage.new": Fill({"latitude": "51.7956", "longitude": "4.6670"}),
    "servicemap.manage.edit": Fill(),
    "servicemap.manage.verify": Fill(),
    "servicemap.manage.remove": Fill(order=85),
    "servicemap.manage.synonyms": Fill({"words": "formulier, papieren"}),
    # Sent without a file: "Nothing changed." (tests/media/test_logos.py sends a logo over HTTP).
    "servicemap.manage.logo": Fill(),
    "servicemap.manage.categories": Fill({"slug": "formulieren-test"}),
    "servicemap.manage.category_pillar": Fill(),
    # Neighbourhoods (admins) and their contact points (their professionals)
    "neighbourhoods.manage.create": Fill(
        {"name": "Sterrenburg", "slug": "sterrenburg", "boundary_text": BOUNDARY}
    ),
    "neighbourhoods.manage.edit": Fill(),
    "neighbourhoods.manage.close": Fill(order=86),
    "neighbourhoods.manage.reopen": Fill(order=87),
    "neighbourhoods.manage.contact_point": Fill(),
    # Users (admins)
    "accounts.manage.user_detail": Fill(),
    "accounts.manage.block": Fill({"reason": "Test van elk formulier."}, order=85),
    "accounts.manage.unblock": Fill(order=85),
}


@dataclass
class Walk:
    """What one visitor found and sent."""

    visitor: str
    found: dict[str, list[str]] = field(default_factory=dict)  # endpoint → pages
    visited: list[str] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)  # endpoint → the page it was sent from
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _seed(app) -> dict[str, list[int]]:
    """Questions whose forms the walk must reach; return per visitor the pages to start from."""
    from tests.activities.factories import make_activity
    from tests.helpboard.factories import make_question

    with app.app_context():
        by_email = {
            user.email: user
            for user in db.session.scalars(
                select(User).where(User.email.in_([e for e in VISITORS.values() if e]))
            )
        }
        resident = by_email[VISITORS["resident"]]
        volunteer = by_email[VISITORS["volunteer"]]
        profile = db.session.scalar(
            select(VolunteerProfile).where(VolunteerProfile.user_id == volunteer.id)
        )
        profile.max_open = 10  # room to pick up one more
        other_helper = db.session.scalar(
            select(User).where(User.email == "vrijwilliger2@wijkplein.example")
        )
        # Asked days ago: what the resident puts out today stays within the day's limit.
        earlier = {"created_at": utcnow() - timedelta(days=3)}
        asked = [
            make_question(
                requester=resident, title="Wie helpt met de huurtoeslag-brief?", **earlier
            ),
            make_question(
                requester=resident,
                status="claimed",
                helper=other_helper,
                title="Kast ophangen",
                **earlier,
            ),
            make_question(
                requester=resident, status="done", helper=other_helper, title="Klusje", **earlier
            ),
        ]
        helping = [
            make_question(status="claimed", helper=volunteer, title="Formulier gemeente"),
            make_question(status="claimed", helper=volunteer, title="Brief van de bank lezen"),
        ]
        # Reports for both moderating walks (each hides, dismisses and blocks one).
        for question in helping + asked:
            report(question, resident, "Dit hoort hier niet.")
        # Each staff walk hands one question back and marks another done. Their own questions,
        # picked up by a helper no walk deletes and not reported: the questions above are
        # hidden, blocked or handed back by the walks before (or deleted with the resident).
        staffed = {
            visitor: [
                make_question(status="claimed", helper=other_helper, title=f"{title} ({visitor})")
                for title in ("Boodschappen doen", "Computer instellen")
            ]
            for visitor in ("professional", "admin")
        }
        # Proposals for both moderating walks (each approves one and rejects one), from an
        # account no walk deletes: the resident's and volunteer's go with their accounts.
        start = datetime.combine(date.today() + timedelta(days=7), datetime.min.time())
        for n in range(4):
            make_activity(
                f"Voorstel buurtmiddag {n + 1}",
                start=start.replace(hour=14),
                status="proposed",
                organisation=None,
                organiser=other_helper,
                created_by=other_helper,
            )
        db.session.commit()
        starts = {
            "resident": [f"/prikbord/{q.id}" for q in asked],
            "volunteer": [f"/prikbord/{q.id}" for q in helping],
            **{v: [f"/prikbord/{q.id}" for q in qs] for v, qs in staffed.items()},
        }
        db.session.remove()
    return starts


def _people(app) -> dict[str, Person]:
    with app.app_context():
        people = {}
        for visitor, email in VISITORS.items():
            if email:
                user = db.session.scalar(select(User).where(User.email == email))
                people[visitor] = Person(visitor, user.get_id(), email, DEMO_PASSWORD)
        db.session.remove()
    return people


@pytest.fixture(scope="module")
def form_server(smtp_server, tmp_path_factory) -> Iterator[tuple[LiveServer, dict]]:
    _, smtp_port = smtp_server
    app = browser_app(tmp_path_factory.mktemp("forms") / "wijkplein.db", smtp_port)
    starts = _seed(app)
    with serve(app, _people(app)) as server:
        yield server, starts


def _context(browser: Browser, context_args: dict, server: LiveServer, visitor: str):
    context = browser.new_context(**context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    person = server.people.get(visitor)
    if person and visitor in TWO_STEP_ROLES:
        context.add_cookies([server.session_cookie(person)])  # type: ignore[list-item]
    elif person:
        log_in(page, server.url, person.login, person.password)
    return context, page


PROBLEMS = "main .wp-error-summary, main .wp-alert--error, .wp-alert--error, main .utrecht-form-field--invalid"


def _result_problem(page: Page, response, entry: Fill) -> str | None:
    """Why the page a form led to is not the success it should be (None: it is)."""
    if response.status >= 400:
        return f"answered {response.status} at {page.url}"
    problems = page.locator(PROBLEMS)
    if problems.count():
        return f"came back with an error at {page.url}: " + " | ".join(
            " ".join(text.split()) for text in problems.all_inner_texts()
        )
    if entry.url and entry.url not in page.url:
        return f"ended at {page.url}, not at …{entry.url}"
    if entry.expect and not page.locator(entry.expect).count():
        return f"no {entry.expect!r} on {page.url}: {' '.join(page.locator('main').inner_text().split())[:300]}"
    return None


def _send_one(page: Page, finder: FormFinder, server: LiveServer, endpoint: str, pages: list[str]):
    """Send the form of ``endpoint`` from the first of its pages that still has it."""
    entry = FILLS[endpoint]
    for path in pages:
        page.goto(server.url + path)
        here = finder.forms_on_page()
        if endpoint not in here:
            continue  # an earlier form changed this page (the question was handed back)
        form = page.locator("form").nth(here.index(endpoint))
        response = send(page, form, entry)
        return path, response
    return None, None


def _walk(browser: Browser, context_args: dict, server: LiveServer, starts, visitor: str) -> Walk:
    started = time.monotonic()
    walk = Walk(visitor)
    context, page = _context(browser, context_args, server, visitor)
    try:
        finder = FormFinder(server.app, server.url, page)
        found = finder.find(starts.get(visitor, []))
        walk.found, walk.visited = found.pages, found.visited
        queue = sorted((e for e in found.pages if e in FILLS), key=lambda e: (FILLS[e].order, e))
        while queue:
            endpoint = queue.pop(0)
            entry = FILLS[endpoint]
            try:
                path, response = _send_one(page, finder, server, endpoint, found.pages[endpoint])
            except PlaywrightError as error:  # one stuck form must not hide the others' results
                walk.failures.append(f"{endpoint}: {str(error).splitlines()[0]} at {page.url}")
                continue
            if response is None:
                problem = f"is on none of its pages any more: {found.pages[endpoint]}"
                problem += f" (the last has {finder.forms_on_page()})"
            elif visitor in entry.refused:
                problem = (
                    None
                    if page.locator(PROBLEMS).count()
                    else (f"was not refused ({entry.refused[visitor]}): {page.url}")
                )
            else:
                problem = _result_problem(page, response, entry)
            if problem:
                walk.failures.append(f"{endpoint} (from {path}): {problem}")
                continue
            walk.sent[endpoint] = str(path)
            # What the change brings (unblock after block, restore after remove) is sent too.
            landed = urlsplit(page.url).path
            for new in finder.forms_on_page():
                if new and new not in found.pages:
                    found.pages[new] = [landed]
                    if new in FILLS:
                        queue.append(new)
            # In their order among the rest: a form found now (sign off after signing up) must
            # still come before the account is deleted (order 98), which logs the visitor out.
            queue.sort(key=lambda e: (FILLS[e].order, e))
    finally:
        context.close()
    walk.seconds = time.monotonic() - started
    return walk


@pytest.fixture(scope="module")
def walks(browser: Browser, browser_context_args: dict, form_server) -> dict[str, Walk]:
    server, starts = form_server
    walks = {v: _walk(browser, browser_context_args, server, starts, v) for v in VISITORS}
    print({v: round(w.seconds) for v, w in walks.items()})  # shown with -s
    return walks


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_form_a_visitor_reaches_has_a_fill_entry(walks, visitor):
    walk = walks[visitor]
    assert len(walk.visited) > 10, walk.visited
    unknown = sorted(set(walk.found) - set(FILLS) - set(NOT_SENT))
    assert not unknown, (
        f"forms without an entry in FILLS (or NOT_SENT), with the pages they are on: "
        f"{ {e: walk.found[e][:3] for e in unknown} }"
    )


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_form_a_visitor_reaches_is_sent_and_works(walks, visitor):
    walk = walks[visitor]
    assert walk.sent, "no form was sent"
    assert not walk.failures, "\n".join(walk.failures)


def test_every_fill_entry_is_still_used(walks):
    """A form that no walk reaches any more has lost its test: say so instead of passing."""
    sent = {endpoint for walk in walks.values() for endpoint in walk.sent}
    found = {endpoint for walk in walks.values() for endpoint in walk.found}
    assert not sorted(set(FILLS) - found), "FILLS entries no walk found a form for"
    assert not sorted(set(NOT_SENT) - found), "NOT_SENT entries no walk found a form for"
    assert not sorted(set(FILLS) - sent), "FILLS entries no walk sent"


def test_the_referral_form_is_sent_with_one_service_ticked(walks):
    """Issue 12.7: the form Chromium refused while every box was required."""
    assert walks["volunteer"].sent.get("helpboard.refer")
