"""The server-side cache of whole anonymous responses (app/core/page_cache.py)."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from flask import Flask, make_response
from sqlalchemy import event

from app.core.access import public
from app.core.caching import cacheable
from app.core.page_cache import init_page_cache, page_store
from app.extensions import db
from app.helpboard.operations import claim
from app.servicemap.operations import verify_service
from tests.activities.factories import make_activity
from tests.conftest import make_test_app
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer
from tests.servicemap.factories import make_service


@contextmanager
def counting_queries():
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def _service_url(service) -> str:
    return f"/kaart/{service.id}-{service.slug}"


def test_the_cache_is_on_in_tests(app):
    assert page_store(app) is not None


@pytest.mark.parametrize("path", ["/", "/kaart", "/agenda", "/prikbord", "/api/v1/services"])
def test_a_second_anonymous_visit_is_served_without_running_the_view(client, path):
    first = client.get(path)
    assert first.status_code == 200
    with counting_queries() as statements:
        second = client.get(path)
    assert statements == []
    assert second.status_code == 200
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]


def test_a_cached_page_has_no_cookie_and_no_nonce(client):
    client.get("/agenda")
    response = client.get("/agenda")
    assert "Set-Cookie" not in response.headers
    assert "'nonce-" not in response.headers["Content-Security-Policy"]
    assert "nonce=" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_a_logged_in_visitor_gets_a_fresh_private_page_even_when_a_copy_is_kept(client, login_as):
    anonymous = client.get("/")
    assert anonymous.headers["Cache-Control"].startswith("public")
    login_as("resident")
    with counting_queries() as statements:
        response = client.get("/")
    assert statements, "the page was rendered for the logged-in visitor"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.data != anonymous.data
    assert "ETag" not in response.headers


def test_a_logged_in_visit_never_fills_the_cache(app, client, login_as):
    login_as("resident")
    client.get("/agenda")
    with counting_queries() as statements:
        app.test_client().get("/agenda")
    assert statements, "the anonymous visit was rendered, not served from the logged-in one"


def test_a_new_activity_shows_at_the_next_request(app, client):
    assert "Bingo in het buurthuis" not in client.get("/agenda").get_data(as_text=True)
    make_activity("Bingo in het buurthuis")
    db.session.commit()
    assert "Bingo in het buurthuis" in client.get("/agenda").get_data(as_text=True)


def test_a_verified_service_shows_at_the_next_request(app, client):
    service = make_service("Formulierenhulp", checked_days_ago=400)
    db.session.commit()
    url = _service_url(service)
    before = client.get(url).get_data(as_text=True)
    verify_service(service, make_user("professional"), now=datetime(2026, 11, 30, 10, tzinfo=UTC))
    db.session.commit()
    after = client.get(url).get_data(as_text=True)
    assert before != after
    assert "2026" in after


def test_a_claimed_question_leaves_the_board_at_the_next_request(app, client):
    question = make_question()
    volunteer = make_volunteer()
    db.session.commit()
    assert question.title in client.get("/prikbord").get_data(as_text=True)
    claim(question, volunteer)  # one conditional UPDATE, not an ORM change
    db.session.commit()
    assert question.title not in client.get("/prikbord").get_data(as_text=True)


def test_a_change_to_private_rows_only_keeps_the_pages(app, client):
    client.get("/agenda")
    from app.accounts.models import AccountEvent

    user = make_user("resident")
    db.session.commit()  # a new account: users are not private (names show on pages)
    client.get("/agenda")
    db.session.add(AccountEvent(subject_id=user.id, action="login"))
    db.session.commit()
    with counting_queries() as statements:
        client.get("/agenda")
    assert statements == []


def test_the_key_covers_the_language(client):
    dutch = client.get("/", headers={"Accept-Language": "nl"})
    english = client.get("/", headers={"Accept-Language": "en"})
    assert dutch.data != english.data
    client.set_cookie("wijkplein_lang", "ar")
    arabic = client.get("/", headers={"Accept-Language": "en"})
    assert 'dir="rtl"' in arabic.get_data(as_text=True)
    client.delete_cookie("wijkplein_lang")
    assert client.get("/", headers={"Accept-Language": "en"}).data == english.data


def test_the_key_covers_the_filters_and_not_their_order(app, client):
    make_activity("Taalcafe")
    db.session.commit()
    everything = client.get("/agenda?view=list&period=month")
    filtered = client.get("/agenda?view=list&period=month&category=no-such-category")
    assert "Taalcafe" in everything.get_data(as_text=True)
    assert "Taalcafe" not in filtered.get_data(as_text=True)
    with counting_queries() as statements:
        reordered = client.get("/agenda?period=month&view=list")
    assert statements == []
    assert reordered.data == everything.data


def test_a_conditional_request_gets_304(client):
    first = client.get("/kaart")
    etag = first.headers["ETag"]
    again = client.get("/kaart", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag


def test_head_is_served_from_the_stored_get(client):
    client.get("/prikbord")
    with counting_queries() as statements:
        response = client.head("/prikbord", unchecked="HEAD: no body")
    assert statements == []
    assert response.status_code == 200
    assert response.data == b""


def test_a_compressed_copy_is_kept_per_encoding(client):
    plain = client.get("/agenda")
    brotli = client.get("/agenda", headers={"Accept-Encoding": "br"})
    assert brotli.headers["Content-Encoding"] == "br"
    with counting_queries() as statements:
        again = client.get("/agenda", headers={"Accept-Encoding": "br"})
        plain_again = client.get("/agenda")
    assert statements == []
    assert again.data == brotli.data
    assert plain_again.data == plain.data and "Content-Encoding" not in plain_again.headers


def test_a_missing_page_is_never_kept(app, client):
    client.get("/kaart/999999", unchecked="a 404 page")
    with counting_queries() as statements:
        response = client.get("/kaart/999999", unchecked="a 404 page")
    assert response.status_code == 404
    assert statements, "the 404 was looked up again"


def _tiny_app(**settings) -> tuple[Flask, dict[str, int]]:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="x",
        LANGUAGES=("nl", "en"),
        BABEL_DEFAULT_LOCALE="nl",
        PAGE_CACHE_URL="memory://",
        PAGE_CACHE_SECONDS=60,
        **settings,
    )
    from flask_babel import Babel
    from flask_login import LoginManager

    Babel(app)
    LoginManager(app).user_loader(lambda _id: None)
    calls = {"cookie": 0, "teapot": 0, "plain": 0}

    @app.route("/cookie")
    @public
    @cacheable
    def cookie():
        calls["cookie"] += 1
        response = make_response("hello")
        response.set_cookie("tracker", "1")
        return response

    @app.route("/teapot")
    @public
    @cacheable
    def teapot():
        calls["teapot"] += 1
        return "short and stout", 418

    @app.route("/plain")
    @public
    @cacheable
    def plain():
        calls["plain"] += 1
        return "the same for everyone"

    init_page_cache(app)
    return app, calls


def test_a_response_with_a_cookie_or_another_status_is_never_kept():
    app, calls = _tiny_app()
    client = app.test_client()
    for _ in range(2):
        client.get("/cookie")
        client.get("/teapot")
        client.get("/plain")
    assert calls == {"cookie": 2, "teapot": 2, "plain": 1}


def test_a_visitor_with_a_session_cookie_passes_the_cache_both_ways():
    app, calls = _tiny_app()
    client = app.test_client()
    client.set_cookie("session", "something")
    client.get("/plain")
    client.get("/plain")
    assert calls["plain"] == 2
    client.delete_cookie("session")
    client.get("/plain")
    client.get("/plain")
    assert calls["plain"] == 3


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pages_still_render_when_redis_is_down(app, smtp_server):
    outage = make_test_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        smtp_server[1],
        PAGE_CACHE_URL=f"redis://127.0.0.1:{_closed_port()}/0",
    )
    with outage.app_context():
        make_activity("Koffie-ochtend")
        db.session.commit()  # the generation cannot be raised: no error either
        client = outage.test_client()
        for _ in range(2):
            response = client.get("/agenda")
            assert response.status_code == 200
            assert "Koffie-ochtend" in response.get_data(as_text=True)


def test_workers_share_pages_and_changes_through_redis(app, smtp_server, redis_url):
    workers = [
        make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], smtp_server[1], PAGE_CACHE_URL=url)
        for url in (redis_url, redis_url)
    ]
    page_store(workers[0]).clear()
    with workers[0].app_context():
        workers[0].test_client().get("/agenda")
    with workers[1].app_context():
        with counting_queries() as statements:
            workers[1].test_client().get("/agenda")
        assert statements == [], "the second worker served the first one's copy"
    title = "Wandelen langs de Wantij"
    with workers[0].app_context():
        make_activity(title)
        db.session.commit()
    with workers[1].app_context():
        assert title in workers[1].test_client().get("/agenda").get_data(as_text=True)
