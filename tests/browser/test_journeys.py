"""What a resident does on a phone: language, an account, and a forgotten password."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.actions import log_in, submit_main_form
from tests.browser.conftest import LiveServer
from tests.browser.crawl import run_axe
from tests.conftest import Mailbox

pytestmark = pytest.mark.browser

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")


def choose_language(page: Page, code: str) -> None:
    """Open the language menu in the header and press a language (works without JavaScript)."""
    page.locator("header .wp-language-menu summary").click()
    page.locator(f'header button[name="language"][value="{code}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def assert_no_axe_violations(page: Page) -> None:
    violations = run_axe(page)
    assert not violations, [f"{v['id']}: {v['help']}" for v in violations]


def test_a_visitor_reads_dutch_then_switches_to_english_and_arabic(page: Page, live_server):
    page.goto(live_server.url + "/")
    html = page.locator("html")
    log_in_link = page.locator('header a[href$="/account/inloggen"]')
    expect(html).to_have_attribute("lang", "nl")
    expect(html).to_have_attribute("dir", "ltr")
    expect(log_in_link).to_have_text("Inloggen")

    choose_language(page, "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(live_server.url + "/")  # back on the page where they were
    expect(log_in_link).to_have_text("Log in")

    choose_language(page, "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(log_in_link).to_have_text(ARABIC_LETTERS)
    expect(page.locator('header button[name="language"][value="ar"]')).to_have_attribute(
        "aria-current", "true"
    )

    # The choice is remembered on the next page and on a later visit.
    page.locator('footer a[href$="/privacy"]').click()
    expect(page).to_have_url(live_server.url + "/privacy")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(log_in_link).to_have_text(ARABIC_LETTERS)
    later = page.context.new_page()
    later.goto(live_server.url + "/account/inloggen")
    expect(later.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(later)


def register(page: Page, base_url: str, name: str, email: str, password: str) -> None:
    page.goto(base_url + "/account/registreren")
    page.fill("#name", name)
    page.fill("#email", email)
    page.fill("#password", password)
    page.fill("#password_again", password)
    submit_main_form(page)
    # Registering never tells whether the address had an account: everyone logs in next.
    expect(page).to_have_url(re.compile(r"/account/inloggen"))
    log_in(page, base_url, email, password)
    expect(page.locator('header form[action$="/account/uitloggen"]')).to_have_count(1)


def test_a_logged_in_resident_finds_their_language_on_another_device(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer
):
    password = "lina haar wachtwoord"
    register(page, live_server.url, "Lina", "lina@example.org", password)
    choose_language(page, "en")

    other_device = browser.new_context(**browser_context_args)  # no language cookie here
    try:
        phone = other_device.new_page()
        phone.goto(live_server.url + "/")
        expect(phone.locator("html")).to_have_attribute("lang", "nl")
        log_in(phone, live_server.url, "lina@example.org", password)
        expect(phone.locator("html")).to_have_attribute("lang", "en")
    finally:
        other_device.close()


def test_a_resident_registers_logs_out_and_logs_in_again(page: Page, live_server: LiveServer):
    email = "noor.registreert@example.org"
    password = "een zin die ik onthoud"
    page.goto(live_server.url + "/account/registreren")
    page.fill("#name", "Noor")
    page.fill("#email", email)
    page.fill("#password", password)
    page.fill("#password_again", "een andere zin")
    submit_main_form(page)

    # The mistake is shown next to the field and what was typed is still there.
    expect(page.locator("#password_again-error")).to_be_visible()
    expect(page.locator("#name")).to_have_value("Noor")
    expect(page.locator("#email")).to_have_value(email)
    assert_no_axe_violations(page)

    page.fill("#password", password)
    page.fill("#password_again", password)
    submit_main_form(page)
    expect(page).to_have_url(live_server.url + "/account/inloggen")
    expect(page.locator("main [role=status]")).to_be_visible()
    log_in(page, live_server.url, email, password)
    expect(page).to_have_url(live_server.url + "/")
    page.goto(live_server.url + "/account/")
    expect(page).to_have_url(live_server.url + "/account/")

    page.locator('header form[action$="/account/uitloggen"] button[type=submit]').click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator('header form[action$="/account/uitloggen"]')).to_have_count(0)
    page.goto(live_server.url + "/account/")
    expect(page).to_have_url(re.compile(r"/account/inloggen"))

    log_in(page, live_server.url, email, password)
    page.goto(live_server.url + "/account/")
    expect(page).to_have_url(live_server.url + "/account/")
    expect(page.locator("#name")).to_have_value("Noor")


def _wait_for_reset_link(mailbox, email: str, base_url: str) -> str:
    """Return the password-reset link of the newest mail to ``email`` that has one."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for message in reversed(mailbox.to(email)):
            for url in re.findall(r"https?://\S+", Mailbox.body(message)):
                if url.startswith(base_url) and "/account/wachtwoord-herstellen/" in url:
                    return url
        time.sleep(0.2)
    raise AssertionError(f"no password-reset link in the mails to {email}")


def test_a_resident_resets_a_forgotten_password_with_the_mailed_link(
    page: Page, live_server: LiveServer, smtp_server
):
    mailbox, _ = smtp_server
    email = "vergeetachtig@example.org"
    old_password = "mijn oude wachtwoord"
    new_password = "mijn nieuwe wachtwoord"
    register(page, live_server.url, "Bram", email, old_password)
    page.locator('header form[action$="/account/uitloggen"] button[type=submit]').click()
    expect(page.locator('header form[action$="/account/uitloggen"]')).to_have_count(0)

    page.goto(live_server.url + "/account/wachtwoord-vergeten")
    page.fill("#email", email)
    submit_main_form(page)
    expect(page.locator("#email")).to_have_count(0)  # the page says a mail is on its way
    assert_no_axe_violations(page)

    # Registering sent a welcome mail first; the reset mail is the one with a reset link.
    link = _wait_for_reset_link(mailbox, email, live_server.url)

    page.goto(link)
    assert_no_axe_violations(page)
    page.fill("#password", new_password)
    page.fill("#password_again", new_password)
    submit_main_form(page)

    log_in(page, live_server.url, email, new_password)
    page.goto(live_server.url + "/account/")
    expect(page).to_have_url(live_server.url + "/account/")
    expect(page.locator("#name")).to_have_value("Bram")

    # The link works once, and the old password no longer does.
    page.locator('header form[action$="/account/uitloggen"] button[type=submit]').click()
    page.goto(live_server.url + "/account/inloggen")
    page.fill("#identifier", email)
    page.fill("#password", old_password)
    submit_main_form(page)
    expect(page.locator("#password-error")).to_be_visible()
