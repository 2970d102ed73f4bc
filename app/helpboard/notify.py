"""Mail of the question board, put in the outbox in the same transaction as what it tells.

Mails about questions in sensitive categories never carry the question's or a message's text.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.mail import absolute_url, send_template
from app.core.models import utcnow
from app.extensions import db
from app.helpboard import guest_links
from app.helpboard.models import OPEN, Message, Notification, Question
from app.helpboard.queries import professionals_of
from app.helpboard.visibility import is_sensitive
from app.push import operations as push


def guest_token(question: Question) -> str:
    """Return the token of a new link through which the guest follows their question."""
    return guest_links.issue(question)


def link_for_requester(question: Question) -> str:
    if question.requester_id is None:
        return absolute_url("helpboard.guest_view", token=guest_token(question))
    return absolute_url("helpboard.detail", question_id=question.id)


def _locale_of(user, fallback: str | None = None) -> str:
    return (getattr(user, "locale", None) or fallback or "nl") if user else (fallback or "nl")


def requester_subscriptions(question: Question) -> list:
    """Return the push subscriptions of whoever asked: their account, or the guest's links."""
    if question.requester_id is not None:
        return push.subscriptions_for(user_id=question.requester_id)
    return push.subscriptions_for(guest_link_ids=guest_links.working_link_ids(question))


def can_reach(question: Question) -> bool:
    """Tell whether the resident hears about their question: by email or on their phone."""
    if question.contact_email:
        return True
    if question.requester_id is not None:
        return push.has_subscription(user_id=question.requester_id)
    return push.has_subscription(guest_link_ids=guest_links.working_link_ids(question))


def push_to_requester(question: Question, event: str) -> int:
    """Queue a push about ``question`` for the resident's phones; return how many.

    ``event`` is "claimed" or "message". A sensitive question gets the same plain words for
    every event, never its title: a phone shows a push on its lock screen.
    """
    subscriptions = requester_subscriptions(question)
    if not subscriptions:
        return 0
    with force_locale(_locale_of(question.requester, question.language)):
        if is_sensitive(question):
            title = _("There is news about your question")
            body = _("Open Wijkplein to read it.")
        elif event == "claimed":
            title = _("Your question was picked up")
            body = question.title
        else:
            title = _("New message about your question")
            body = question.title
        payload = push.Payload(
            title=title, body=body, url=link_for_requester(question), tag=f"question-{question.id}"
        )
    return push.queue(subscriptions, payload, event)


def send_confirmation(question: Question) -> bool:
    """Tell the resident their question arrived and what happens next."""
    with force_locale(_locale_of(question.requester, question.language)):
        return send_template(
            question.contact_email,
            _("Your question is on Wijkplein"),
            "helpboard/mail/confirmation.txt",
            question=question,
            link=link_for_requester(question),
        )


def send_new_question(notices: list[Notification]) -> int:
    """Mail the volunteers whose notice is instant; return how many went out."""
    sent = 0
    for notice in notices:
        if notice.kind != "instant":
            continue
        user = notice.user
        with force_locale(_locale_of(user)):
            ok = send_template(
                user.email,
                _("A question in the neighbourhood fits you"),
                "helpboard/mail/new_question.txt",
                question=notice.question,
                link=absolute_url("helpboard.detail", question_id=notice.question_id),
            )
        if ok:
            notice.sent_at = utcnow()
            sent += 1
    return sent


def send_digests() -> int:
    """Send each volunteer one mail with their queued questions that are still open."""
    pending = db.session.scalars(
        select(Notification)
        .join(Question, Question.id == Notification.question_id)
        .where(Notification.kind == "digest", Notification.sent_at.is_(None))
        .order_by(Notification.user_id, Notification.id)
    ).all()
    per_user: dict[int, list[Notification]] = defaultdict(list)
    for notice in pending:
        per_user[notice.user_id].append(notice)
    sent = 0
    for notices in per_user.values():
        user = notices[0].user
        still_open = [
            n
            for n in notices
            if n.question.status == OPEN
            and not n.question.hidden_at
            and not is_sensitive(n.question)
        ]
        if still_open:
            with force_locale(_locale_of(user)):
                ok = send_template(
                    user.email,
                    _("Questions in the neighbourhood that fit you"),
                    "helpboard/mail/digest.txt",
                    items=[
                        (n.question, absolute_url("helpboard.detail", question_id=n.question_id))
                        for n in still_open
                    ],
                )
            if not ok:
                continue
            sent += 1
        for notice in notices:
            notice.sent_at = utcnow()
    return sent


def send_new_message(question: Question, message: Message) -> int:
    """Tell the other side of the thread about a new message (no text when sensitive)."""
    recipients: list[tuple[str | None, str, str]] = []
    author_id = message.author_id
    if message.from_guest or author_id == question.requester_id:
        if question.helper is not None:
            recipients.append(
                (
                    question.helper.email,
                    _locale_of(question.helper),
                    absolute_url("helpboard.detail", question_id=question.id),
                )
            )
    else:
        push_to_requester(question, "message")
        recipients.append(
            (
                question.contact_email,
                _locale_of(question.requester, question.language),
                link_for_requester(question),
            )
        )
        if question.helper is not None and question.helper_id != author_id:
            recipients.append(
                (
                    question.helper.email,
                    _locale_of(question.helper),
                    absolute_url("helpboard.detail", question_id=question.id),
                )
            )
    sent = 0
    for to, locale, link in recipients:
        with force_locale(locale):
            if send_template(
                to,
                _("New message about your question on Wijkplein"),
                "helpboard/mail/new_message.txt",
                question=question,
                message=message,
                show_text=not is_sensitive(question),
                link=link,
            ):
                sent += 1
    return sent


def send_referral(question: Question, referrals: list) -> bool:
    """Mail the resident the services a helper or professional pointed them to.

    Like messages, the mail names no service when the category is sensitive (a "debt help"
    subject line in a shared mailbox says too much); the link shows them.
    """
    services = [
        {
            "name": referral.service.name,
            "address": referral.service.location.address if referral.service.location else "",
            "url": absolute_url(
                "servicemap.detail", service_id=referral.service.id, slug=referral.service.slug
            ),
        }
        for referral in referrals
    ]
    with force_locale(_locale_of(question.requester, question.language)):
        return send_template(
            question.contact_email,
            _("Advice about your question on Wijkplein"),
            "helpboard/mail/referral.txt",
            question=question,
            services=services,
            note=referrals[0].note if referrals else None,
            show_text=not is_sensitive(question),
            link=link_for_requester(question),
        )


def send_escalations(questions: list[Question]) -> int:
    """Mail the professionals of each escalated question's neighbourhood."""
    sent = 0
    for question in questions:
        for pro in db.session.scalars(professionals_of(question.neighbourhood_id)):
            with force_locale(_locale_of(pro)):
                if send_template(
                    pro.email,
                    _("Nobody picked up a question yet"),
                    "helpboard/mail/escalated.txt",
                    question=question,
                    link=absolute_url("helpboard.manage.triage_detail", question_id=question.id),
                    hours=current_app.config["ESCALATE_AFTER_HOURS"],
                ):
                    sent += 1
    return sent


def send_to_triage(question: Question) -> int:
    """Tell the professionals of the question's neighbourhood that it waits in triage."""
    if not question.in_triage:
        return 0
    sent = 0
    for pro in db.session.scalars(professionals_of(question.neighbourhood_id)):
        with force_locale(_locale_of(pro)):
            if send_template(
                pro.email,
                _("A new question waits for you in triage"),
                "helpboard/mail/triage.txt",
                question=question,
                show_text=not is_sensitive(question),
                link=absolute_url("helpboard.manage.triage_detail", question_id=question.id),
            ):
                sent += 1
    return sent


def send_status(question: Question, what: str) -> bool:
    """Tell the resident their question was claimed (by mail and push) or is done (mail)."""
    if what == "claimed":
        push_to_requester(question, "claimed")
    with force_locale(_locale_of(question.requester, question.language)):
        subject = (
            _("Someone picked up your question")
            if what == "claimed"
            else _("Your question is done: were you helped?")
        )
        return send_template(
            question.contact_email,
            subject,
            "helpboard/mail/status.txt",
            question=question,
            what=what,
            link=link_for_requester(question),
        )
