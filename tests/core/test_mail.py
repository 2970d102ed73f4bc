"""Mail: links point at the public address, and a mail server that is down loses nothing."""

from __future__ import annotations

from sqlalchemy import select

from app.core.mail import absolute_url, send_template
from app.extensions import db
from app.outbox.models import OutboxMail
from app.outbox.sender import deliver_pending


def test_links_in_mail_use_the_public_address_in_a_request_and_in_a_cron_job(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://wijkplein.dordrecht.nl/")
    assert absolute_url("pages.privacy") == "https://wijkplein.dordrecht.nl/privacy"
    with app.test_request_context("/", base_url="http://10.0.0.5:8000"):
        assert absolute_url("pages.privacy") == "https://wijkplein.dordrecht.nl/privacy"


def test_a_mail_server_that_is_down_is_logged_not_raised_and_the_mail_waits(
    app, caplog, mailbox, monkeypatch
):
    queued = send_template(
        "henk@example.org", "Hallo", "mail/password_reset.txt", user=None, link="x", minutes=5
    )
    db.session.commit()
    assert queued is True
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens on the discard port here
    deliver_pending()
    monkeypatch.undo()
    assert "could not be sent" in caplog.text
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.status == "pending" and mail.attempts == 1 and mail.last_error


def test_a_mail_goes_out_in_the_language_asked_for(app, mailbox):
    from flask_babel import lazy_gettext

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert send_template(
            "henk@example.org",
            lazy_gettext("Set a new password for Wijkplein"),
            "mail/password_reset.txt",
            locale="nl",
            user=None,
            link="https://example.org/x",
            minutes=5,
        )
        db.session.commit()
    (message,) = mailbox.to("henk@example.org")
    assert message["Subject"] != "Set a new password for Wijkplein"
