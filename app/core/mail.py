"""Mail: rendered in the request or job that causes it, written to the outbox, sent later.

``send_template`` never talks to the mail server: it adds the rendered message to the outbox in
the caller's database transaction, so the caller's commit makes the change and its mail durable
together, and a rolled-back change leaves no mail. ``flask mail send`` (cron, every minute)
delivers the outbox with ``send_message``, which prints to the console in development.
"""

from __future__ import annotations

import smtplib
import ssl
from contextlib import nullcontext
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale

from app.outbox.operations import queue


def one_line(text: str) -> str:
    """Return ``text`` on one line: line breaks, tabs and other control characters become spaces.

    A subject often holds user text (an activity's title); a line break in a header is refused
    by the email package, or would start a header of its own.
    """
    cleaned = "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)
    return " ".join(cleaned.split())


def build_message(to: str, subject: str, body: str, *, html: str | None = None) -> EmailMessage:
    """Return a message from the configured sender with a plain-text body."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = one_line(subject)
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


def absolute_url(endpoint: str, **values: Any) -> str:
    """Return the URL of ``endpoint`` on the public address (for mail, feeds and QR codes).

    Works in a request and in a cron job alike: the address is always ``PUBLIC_BASE_URL``, never
    the host a request happened to come in on.
    """
    with nullcontext() if has_request_context() else current_app.test_request_context():
        path = url_for(endpoint, **values)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def send_template(
    to: str | None,
    subject: object,
    template: str,
    *,
    locale: str | None = None,
    once_key: str | None = None,
    **context: object,
) -> bool:
    """Render the plain-text ``template`` for ``to`` and put it in the outbox; return whether it did.

    Flushes, never commits: the caller's commit sends it on its way. ``subject`` may be a lazy
    string; with ``locale`` both it and the body are in that language, otherwise in the
    language of the current request (Dutch in a cron job).

    :param template: a template name such as ``"helpboard/mail/status.txt"``.
    :param once_key: queue this mail at most once, ever (e.g. one reminder per person per week).
    """
    if not to:
        return False
    with force_locale(locale) if locale else nullcontext():
        body = render_template(template, **context)
        message = build_message(to, str(subject), body)
    return (
        queue(to, str(message["Subject"]), message.as_string(), template, once_key=once_key)
        is not None
    )
