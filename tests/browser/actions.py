"""What a person does in the browser, step by step."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

LOGIN_PATH = "/account/inloggen"


def submit_main_form(page: Page) -> None:
    """Press the submit button of the (single) form in the page's main content."""
    page.locator("main form button[type=submit]").click()


def log_in(page: Page, base_url: str, login: str, password: str) -> None:
    """Log in through the real login form and wait until the browser has left it."""
    page.goto(base_url + LOGIN_PATH)
    page.fill("#identifier", login)
    page.fill("#password", password)
    submit_main_form(page)
    expect(page).not_to_have_url(re.compile(re.escape(LOGIN_PATH)))
