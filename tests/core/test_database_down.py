"""The database goes away in the middle of a logged-in request: 503, never 500 (make stress)."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from app.extensions import db


def test_a_logged_in_page_whose_database_goes_away_midway_answers_503_not_500(
    app, client, login_as, monkeypatch
):
    login_as("resident", name="Henk", locale="en")
    down = {"now": False}

    def refuse(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, PLR0913
        if down["now"]:
            raise OperationalError(statement, parameters, Exception("server closed the connection"))

    view = app.view_functions["helpboard.mine"]

    def loaded_then_gone():
        assert current_user.name == "Henk"  # the account is read from the database first …
        down["now"] = True  # … then PostgreSQL stops (pg_ctl stop: every connection cut)
        return view()

    monkeypatch.setitem(app.view_functions, "helpboard.mine", loaded_then_gone)
    event.listen(db.engine, "before_cursor_execute", refuse)
    try:
        response = client.get("/prikbord/mijn", headers={"Accept-Language": "en"})
    finally:
        down["now"] = False
        event.remove(db.engine, "before_cursor_execute", refuse)
    assert response.status_code == 503
    assert "Wijkplein is not available right now" in response.text
    assert response.headers["Retry-After"] == "30"


def test_a_database_that_goes_away_after_the_page_is_ready_costs_no_500(
    app, client, login_as, monkeypatch
):
    """pg_ctl stop cuts the connection after the view's last query: the rollback that ends the
    request's session fails. The page still goes out, and the next request works."""
    login_as("resident", name="Henk", locale="en")
    down = {"now": False}

    def refuse(conn):  # noqa: ANN001
        # The end-of-request rollback fails once, as on a cut connection. Only once: the
        # connection here is still alive on the server, and the app's clean-up must be able to
        # let it go, or it would stay "idle in transaction" and block the next test's TRUNCATE.
        if down["now"]:
            down["now"] = False
            raise OperationalError("ROLLBACK", {}, Exception("terminating connection"))

    view = app.view_functions["helpboard.mine"]

    def ready_then_gone():
        page = view()
        down["now"] = True  # the page is rendered; the connection dies before the teardown
        return page

    monkeypatch.setitem(app.view_functions, "helpboard.mine", ready_then_gone)
    event.listen(db.engine, "rollback", refuse)
    try:
        response = client.get("/prikbord/mijn", headers={"Accept-Language": "en"})
    finally:
        down["now"] = False
        event.remove(db.engine, "rollback", refuse)
    assert response.status_code == 200
    monkeypatch.undo()
    assert client.get("/prikbord/mijn").status_code == 200
    if db.engine.dialect.name == "postgresql":
        # Unlike a real cut, the connection the app let go of is still alive on the server,
        # idle in the request's transaction: end it, or the next test's TRUNCATE waits forever.
        db.session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname ="
                " current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
            )
        )
        db.session.commit()
