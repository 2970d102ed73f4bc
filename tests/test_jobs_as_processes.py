"""Every command the README tells cron to run, run the way cron runs it: as its own process.

Each job runs in production mode against the suite's PostgreSQL, outside any request, with a
real SMTP server on loopback. It must exit 0 and do its work; its mail reaches the SMTP server
once `flask mail send` ran; a second run does nothing more. The last test stops the SMTP server,
does everything that mails, starts the server again and finds every mail delivered exactly once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from app.core.models import utcnow
from app.extensions import db
from app.outbox.models import OutboxMail
from tests.conftest import ROOT, Mailbox, _free_port

pytestmark = pytest.mark.postgres_only


def flask(*args: str, smtp_port: int, url: str) -> subprocess.CompletedProcess[str]:
    """Run ``flask <args>`` as cron would: a process of its own, in production mode."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WIJKPLEIN_", "MAIL_", "DATABASE_", "FLASK_"))
    }
    env.update(
        FLASK_APP="wsgi",
        WIJKPLEIN_ENV="production",
        SECRET_KEY="process-test-secret-" + "x" * 20,
        DATABASE_URL=url,
        MAIL_BACKEND="smtp",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp_port),
        MAIL_TIMEOUT="5",
        PUBLIC_BASE_URL="https://wijkplein.example",
        # As on a server; the jobs never count requests, so they never connect to it.
        RATELIMIT_STORAGE_URI=os.environ.get(
            "WIJKPLEIN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"
        ),
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"flask {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def run(app, smtp_server):
    """Run a job as a process against this test's database and the loopback SMTP server."""
    _, port = smtp_server
    url = db.engine.url.render_as_string(hide_password=False)

    def _run(*args: str, smtp_port: int = port) -> subprocess.CompletedProcess[str]:
        db.session.commit()  # the process sees what the test made, and nothing stays locked
        return flask(*args, smtp_port=smtp_port, url=url)

    return _run


@pytest.fixture
def inbox(smtp_server) -> Mailbox:
    """The SMTP server's mailbox, filled only by the `flask mail send` processes."""
    box, _ = smtp_server
    box.deliver = None
    box.clear()
    return box


def _cron_round(run, job: tuple[str, ...]) -> None:
    run(*job)
    run("mail", "send")


def _second_run_does_nothing_more(run, job: tuple[str, ...]) -> None:
    """Run ``job`` again: it exits 0 and puts nothing more in the outbox."""
    before = db.session.scalar(select(db.func.count()).select_from(OutboxMail))
    run(*job)
    db.session.expire_all()
    after = db.session.scalars(select(OutboxMail.status)).all()
    assert len(after) == before and set(after) == {"sent"}


def test_escalate_as_a_process(app, run, inbox):
    from app.helpboard.models import Question
    from tests.factories import make_user
    from tests.helpboard.factories import make_question, neighbourhood

    req = make_question(title="Al lang open", opened_at=utcnow() - timedelta(hours=49))
    pro = make_user("professional", neighbourhood_id=neighbourhood().id)
    _cron_round(run, ("helpboard", "escalate"))
    db.session.expire_all()
    assert db.session.get(Question, req.id).escalated_at is not None
    (mail,) = inbox.to(pro.email)
    assert "https://wijkplein.example/beheer/prikbord/" in Mailbox.body(mail)
    _second_run_does_nothing_more(run, ("helpboard", "escalate"))


def test_digest_as_a_process(app, run, inbox):
    from app.helpboard.models import Notification
    from tests.helpboard.factories import make_question, make_volunteer

    volunteer = make_volunteer(notify_mode="digest")
    req = make_question(title="Past bij jou")
    db.session.add(Notification(user_id=volunteer.id, question_id=req.id, kind="digest"))
    _cron_round(run, ("helpboard", "digest"))
    (mail,) = inbox.to(volunteer.email)
    assert "Past bij jou" in Mailbox.body(mail)
    _second_run_does_nothing_more(run, ("helpboard", "digest"))


def test_activity_reminders_as_a_process(app, run, inbox):
    from app.activities.operations import sign_up
    from tests.activities.factories import make_activity
    from tests.factories import make_user

    day = (datetime.now() + timedelta(days=3)).date()
    start = datetime.combine(day, datetime.min.time()).replace(hour=10)
    activity = make_activity(title="Wandelen", start=start, registration_enabled=True, capacity=5)
    sign_up(activity, start, make_user(email="komt@example.org", locale="en"))
    _cron_round(run, ("activities", "remind", "--date", day.isoformat()))
    (mail,) = inbox.to("komt@example.org")
    assert "Wandelen" in str(mail["Subject"]) and "Tomorrow" in str(mail["Subject"])
    _second_run_does_nothing_more(run, ("activities", "remind", "--date", day.isoformat()))


def test_occurrence_refresh_as_a_process(app, run):
    from app.activities import occurrences
    from app.activities.agenda import today
    from app.activities.models import OccurrenceHorizon, StoredOccurrence
    from tests.activities.factories import make_activity

    start = datetime.combine(today(), datetime.min.time()).replace(hour=10)
    activity = make_activity(title="Elke dag", start=start, rrule="FREQ=DAILY")
    db.session.commit()
    # As if cron last ran ten days ago: the table ends ten days short.
    short = today() + timedelta(days=occurrences.HORIZON_DAYS - 10)
    db.session.execute(update(OccurrenceHorizon).values(filled_until=short))
    db.session.execute(
        db.delete(StoredOccurrence).where(
            StoredOccurrence.original_start >= datetime.combine(short, datetime.min.time())
        )
    )

    def last_stored() -> datetime:
        db.session.expire_all()
        return db.session.scalar(
            select(db.func.max(StoredOccurrence.original_start)).where(
                StoredOccurrence.activity_id == activity.id
            )
        )

    assert last_stored().date() < short
    result = run("activities", "occurrences", "refresh")
    until = today() + timedelta(days=occurrences.HORIZON_DAYS)
    assert f"until {until.isoformat()}" in result.stdout
    assert db.session.scalar(select(OccurrenceHorizon.filled_until)) == until
    assert last_stored().date() == until - timedelta(days=1)
    count = db.session.scalar(select(db.func.count()).select_from(StoredOccurrence))
    again = run("activities", "occurrences", "refresh")  # the same day: nothing more
    assert "rows written: 0" in again.stdout
    db.session.expire_all()
    assert db.session.scalar(select(db.func.count()).select_from(StoredOccurrence)) == count


def test_retention_as_a_process(app, run, inbox):
    from app.helpboard.models import Question
    from tests.helpboard.factories import make_question

    old = make_question(guest=True, status="closed", finished_at=utcnow() - timedelta(days=400))
    assert "1 question(s) anonymised" in run("helpboard", "retention").stdout
    db.session.expire_all()
    assert db.session.get(Question, old.id).guest_phone is None
    assert "0 question(s) anonymised" in run("helpboard", "retention").stdout


def test_stale_map_reminders_as_a_process(app, run, inbox):
    from tests.factories import make_organisation, make_user
    from tests.servicemap.factories import make_service

    organisation = make_organisation()
    pro = make_user("professional", organisation=organisation, email="pro@example.org")
    make_service("Oude dienst", organisation=organisation, checked_days_ago=181)
    _cron_round(run, ("map", "remind-stale"))
    (mail,) = inbox.to(pro.email)
    assert "Oude dienst" in Mailbox.body(mail)
    _second_run_does_nothing_more(run, ("map", "remind-stale"))  # the same week: no second reminder


def test_mail_send_as_a_process_sends_each_mail_once(app, run, inbox):
    from app.core.mail import send_template

    send_template(
        "henk@example.org", "Hallo", "mail/password_reset.txt", user=None, link="x", minutes=5
    )
    assert "1 mail(s) sent" in run("mail", "send").stdout
    assert "0 mail(s) sent" in run("mail", "send").stdout
    assert len(inbox.to("henk@example.org")) == 1


# --- the relay is down while everything happens ------------------------------------------------


def test_mail_written_while_the_relay_is_down_arrives_once_when_it_is_back(
    app, client, login_as, run, inbox
):
    from app.activities import mails as activity_mails
    from app.activities.operations import approve, cancel_signup, reject, sign_up
    from app.helpboard.models import Notification
    from tests.activities.factories import make_activity
    from tests.factories import make_user
    from tests.helpboard.factories import category, make_question, make_volunteer, neighbourhood
    from tests.servicemap.factories import make_service

    relay = Mailbox()
    port = _free_port()
    # Everything below happens while nothing listens on ``port``.
    neighbourhood()
    forms = category("forms-and-paperwork")
    volunteer = make_volunteer(email="helper@example.org")
    make_volunteer(email="digest@example.org", notify_mode="digest")
    pro = make_user("professional", neighbourhood_id=neighbourhood().id, email="pro@example.org")
    resident = make_user("resident", email="bewoner@example.org")
    service = make_service("Taalcafé Crabbehoeve")
    db.session.commit()

    # A resident puts out a question (confirmation; the matching volunteer is told).
    login_as(user=resident)
    response = client.post(
        "/prikbord/nieuw",
        data={
            "category": forms.id,
            "title": "Hulp met een formulier",
            "urgency": "this_week",
            "contact_route": "email",
            "language": "nl",
            "form_token": "relay-down",
        },
    )
    assert response.status_code == 302
    from app.helpboard.models import Question

    req = db.session.scalars(
        select(Question).where(Question.title == "Hulp met een formulier")
    ).one()
    # The volunteer claims it, writes, and refers to a service.
    login_as(user=volunteer)
    assert client.post(f"/prikbord/{req.id}/oppakken").status_code == 302
    client.post(f"/prikbord/{req.id}/bericht", data={"message-body": "Dinsdag kan ik."})
    client.post(
        f"/prikbord/{req.id}/doorverwijzen",
        data={"referral-services": [service.id], "referral-note": "Elke donderdag"},
    )
    # Someone forgot their password.
    client.post("/account/uitloggen")
    forgot = make_user("resident", email="vergeten@example.org")
    db.session.commit()
    client.post("/account/wachtwoord-vergeten", data={"email": forgot.email})
    # An activity fills up; the one on the waiting list moves up when a place frees.
    start = datetime.combine(datetime.now().date() + timedelta(days=4), datetime.min.time())
    activity = make_activity(
        title="Koken", start=start.replace(hour=18), capacity=1, registration_enabled=True
    )
    first = make_user("resident", email="eerst@example.org")
    waiting = make_user("resident", email="wacht@example.org")
    sign_up(activity, start.replace(hour=18), first)
    sign_up(activity, start.replace(hour=18), waiting)
    moved_up = cancel_signup(activity, start.replace(hour=18), first)
    assert moved_up is not None
    activity_mails.promoted(moved_up)
    # Two proposals: one approved, one rejected.
    proposer = make_user("resident", email="voorsteller@example.org")
    good = make_activity(title="Buurtfeest", status="proposed", created_by=proposer)
    bad = make_activity(title="Reclame", status="proposed", created_by=proposer)
    approve(good, pro)
    activity_mails.reviewed(good, proposer, approved=True)
    reject(bad, pro, "Geen buurtactiviteit")
    activity_mails.reviewed(bad, proposer, approved=False)
    db.session.commit()
    # Cron: an old question escalates, the digest goes out, tomorrow's people get a reminder.
    make_question(title="Al lang open", opened_at=utcnow() - timedelta(hours=49))
    digest_for = db.session.scalars(
        select(Question).where(Question.title == "Hulp met een formulier")
    ).one()
    db.session.commit()
    assert digest_for.status == "claimed"
    open_req = make_question(title="Nog open")
    from app.accounts.models import User

    digester = db.session.scalars(select(User).where(User.email == "digest@example.org")).one()
    db.session.add(Notification(user_id=digester.id, question_id=open_req.id, kind="digest"))
    db.session.commit()
    # (each job ran as a process above; here in-process, to keep the suite's time down)
    runner = app.test_cli_runner()
    for job in (
        ["helpboard", "escalate"],
        ["helpboard", "digest"],
        ["activities", "remind", "--date", start.date().isoformat()],
    ):
        assert runner.invoke(args=job).exit_code == 0

    expected = Counter(db.session.scalars(select(OutboxMail.recipient)).all())
    assert sum(expected.values()) >= 12, expected
    # The sender runs while the relay is down: nothing goes, nothing is lost.
    assert "0 mail(s) sent" in run("mail", "send", smtp_port=port).stdout
    db.session.expire_all()
    assert {m.status for m in db.session.scalars(select(OutboxMail))} == {"pending"}

    controller = Controller(relay.smtp_handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # The retry wait passes; then the sender runs, twice, as cron would.
        db.session.execute(update(OutboxMail).values(next_attempt_at=utcnow()))
        run("mail", "send", smtp_port=port)
        run("mail", "send", smtp_port=port)
    finally:
        controller.stop()
    delivered = Counter(str(m["To"]) for m in relay.messages)
    assert delivered == expected
    for address in (
        "bewoner@example.org",  # confirmation, claimed, message, referral
        "helper@example.org",  # the new question
        "vergeten@example.org",
        "wacht@example.org",  # promoted, reminder
        "voorsteller@example.org",  # approved, rejected
        "pro@example.org",  # escalation
        "digest@example.org",
    ):
        assert delivered[address] >= 1, (address, delivered)
    assert delivered["bewoner@example.org"] == 4
    assert delivered["voorsteller@example.org"] == 2
    assert delivered["wacht@example.org"] == 2
