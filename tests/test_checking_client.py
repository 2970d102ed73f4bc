"""The test client checks every HTML page it gets, unless a test says why not."""

from __future__ import annotations

import pytest
from flask import Flask, g

from tests.pages_helper import CheckingClient


@pytest.fixture
def tiny_client():
    tiny = Flask(__name__)
    tiny.test_client_class = CheckingClient

    @tiny.get("/broken")
    def broken():
        return "<p>no html element, no title</p>"

    @tiny.get("/to-broken")
    def to_broken():
        return "", 302, {"Location": "/broken"}

    @tiny.get("/text")
    def text():
        return "<p>not a page</p>", 200, {"Content-Type": "text/plain"}

    @tiny.get("/remember")
    def remember():
        seen = g.get("seen", "nothing")
        g.seen = "something"
        return seen, 200, {"Content-Type": "text/plain"}

    return tiny.test_client()


def test_a_broken_page_fails_the_test(tiny_client):
    with pytest.raises(AssertionError, match="not an HTML page"):
        tiny_client.get("/broken")


def test_the_page_after_redirects_is_checked(tiny_client):
    with pytest.raises(AssertionError, match="not an HTML page"):
        tiny_client.get("/to-broken", follow_redirects=True)
    assert tiny_client.get("/to-broken").status_code == 302


def test_a_test_that_skips_the_check_says_why(tiny_client):
    assert tiny_client.get("/broken", unchecked="a page broken on purpose").status_code == 200
    with pytest.raises(ValueError, match="reason"):
        tiny_client.get("/broken", unchecked=" ")


def test_what_is_not_html_is_not_checked(tiny_client):
    assert tiny_client.get("/text").status_code == 200


def test_each_request_has_its_own_app_context(tiny_client):
    with tiny_client.application.app_context():
        assert tiny_client.get("/remember").text == "nothing"
        assert tiny_client.get("/remember").text == "nothing"
