"""Sending mail over SMTP; in development the message is printed to the console."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template


def build_message(to: str, subject: str, body: str, *, html: str | None = None) -> EmailMessage:
    """Return a message from the configured sender with a plain-text body."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="wijkplein")
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_message(message: EmailMessage) -> None:
    """Deliver ``message`` with the configured backend."""
    config = current_app.config
    if config["MAIL_BACKEND"] == "console":
        current_app.logger.info("Mail (console backend):\n%s", message.as_string())
        print(message.as_string(), flush=True)  # noqa: T201 — the console backend's job
        return
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
    ) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def send_template(to: str, subject: str, template: str, **context: object) -> None:
    """Render ``templates/mail/<template>.txt`` and send it to ``to``."""
    body = render_template(f"mail/{template}.txt", **context)
    send_message(build_message(to, subject, body))
