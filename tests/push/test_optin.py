"""Opting in and out of push, what the pages offer, guests, reminders, and "call back"."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.activities.models import Signup
from app.activities.operations import sign_up
from app.extensions import db
from app.helpboard import guest_links, notify
from app.helpboard import operations as hb_ops
from app.helpboard.views import GUEST_LINK_KEY, SENT_KEY
from app.outbox.models import OutboxMail
from app.outbox.sender import deliver_pending
from app.push.models import PushSubscription
from tests.activities.factories import make_activity
from tests.factories import make_user
from tests.helpboard.factories import make_question, make_volunteer

CALL_BACK = "Bel deze bewoner terug."  # the Dutch of "Call this resident back."


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_without_vapid_keys_nothing_offers_push(app, client, login_as, make_phone):
    resident = login_as("resident")
    page = client.get("/account/").get_data(as_text=True)
    assert "data-push" not in page and "push.js" not in page
    assert client.post("/account/meldingen", json=make_phone().subscription()).status_code == 404
    assert resident.id and _count(PushSubscription) == 0


def test_the_profile_offers_push_with_the_public_key(app, client, login_as, vapid):
    login_as("resident")
    page = client.get("/account/").get_data(as_text=True)
    assert f'data-key="{vapid["VAPID_PUBLIC_KEY"]}"' in page
    assert 'data-subscribe="/account/meldingen"' in page and "js/push" in page


def test_the_service_worker_imports_the_push_handlers(app, client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert "importScripts(" in response.get_data(as_text=True)
    assert "push-sw" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "change",
    [
        {"endpoint": "http://10.0.0.5/push/x"},  # inside the network
        {"endpoint": "https://push.evil.example/x"},  # not a known push service
        {"endpoint": "http://fcm.googleapis.com/fcm/send/x"},  # not https
        {"keys": {"p256dh": "abc", "auth": "def"}},
        {"keys": None},
    ],
)
def test_a_subscription_the_sender_could_not_use_safely_is_refused(
    app, client, login_as, vapid, make_phone, change
):
    login_as("resident")
    data = make_phone().subscription() | change
    response = client.post("/account/meldingen", json=data)
    assert response.status_code == 400
    assert _count(PushSubscription) == 0


def test_a_known_push_service_is_accepted(app, client, login_as, vapid, make_phone):
    login_as("resident")
    data = make_phone().subscription()
    data["endpoint"] = "https://fcm.googleapis.com/fcm/send/abc123"
    assert client.post("/account/meldingen", json=data).status_code == 201


def test_turning_off_removes_the_subscription_and_what_waits_for_it(
    app, client, login_as, vapid, make_phone
):
    resident = make_user("resident", phone="0612340001", locale="en")
    question = make_question(requester=resident)
    volunteer = make_volunteer()
    db.session.commit()
    phone = make_phone()
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201
    hb_ops.claim(question, volunteer)
    assert notify.push_to_requester(question, "claimed") == 1
    db.session.commit()
    # Someone else cannot stop it.
    login_as("resident")
    client.post("/account/meldingen/stoppen", json={"endpoint": phone.endpoint})
    assert _count(PushSubscription) == 1
    login_as(user=resident)
    answer = client.post("/account/meldingen/stoppen", json={"endpoint": phone.endpoint})
    assert answer.get_json() == {"ok": True, "removed": True}
    assert _count(PushSubscription) == 0 and _count(OutboxMail) == 0


def test_subscribing_twice_from_one_phone_keeps_one_subscription(
    app, client, login_as, vapid, make_phone
):
    phone = make_phone()
    login_as("resident")
    client.post("/account/meldingen", json=phone.subscription())
    other = login_as("resident")
    client.post("/account/meldingen", json=phone.subscription())
    [subscription] = db.session.scalars(select(PushSubscription)).all()
    assert subscription.user_id == other.id


def test_a_guest_subscribes_on_the_confirmation_page_and_hears_of_the_claim(
    app, client, vapid, push_service, make_phone
):
    question = make_question(guest=True, guest_email=None, title="Boodschappen doen")
    volunteer = make_volunteer()
    token = guest_links.issue(question)
    db.session.commit()
    with client.session_transaction() as session:
        session[SENT_KEY] = question.id
        session[GUEST_LINK_KEY] = token
    page = client.get(f"/prikbord/{question.id}/verstuurd").get_data(as_text=True)
    assert f'data-subscribe="/prikbord/gast/{token}/meldingen"' in page

    phone = make_phone()
    answer = client.post(f"/prikbord/gast/{token}/meldingen", json=phone.subscription())
    assert answer.status_code == 201
    assert (
        client.post("/prikbord/gast/nope/meldingen", json=phone.subscription()).status_code == 404
    )
    hb_ops.claim(question, volunteer)
    notify.send_status(question, "claimed")
    db.session.commit()
    deliver_pending()

    [received] = push_service.to(phone.path)
    payload = phone.read(received)
    assert payload["body"] == "Boodschappen doen"
    assert "/prikbord/gast/" in payload["url"]  # a fresh guest link, as in a mail
    # When the guest's links end (the question closes), nothing more reaches the phone.
    hb_ops.close(question, None, "not_needed")
    assert notify.push_to_requester(question, "message") == 0


def test_the_reminder_for_tomorrow_reaches_a_resident_without_email(
    app, runner, client, login_as, vapid, push_service, make_phone
):
    tomorrow = datetime.now().date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time()).replace(hour=10)
    activity = make_activity(title="Wandelen", start=start, registration_enabled=True, capacity=3)
    resident = make_user("resident", phone="0612340002", locale="en")
    sign_up(activity, start, resident)
    db.session.commit()
    phone = make_phone()
    login_as(user=resident)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201

    result = runner.invoke(args=["activities", "remind"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["activities", "remind"])  # a second run adds nothing
    deliver_pending()

    [received] = push_service.to(phone.path)
    payload = phone.read(received)
    assert payload["title"] == "Tomorrow: Wandelen"
    assert payload["body"] == "Starts at 10:00."
    assert db.session.scalar(select(Signup.reminded_at)) is not None


# --- "Call this resident back" -------------------------------------------------------------


_phones = iter(range(10_000))


def _no_email_question(**kwargs):
    resident = make_user("resident", phone=f"06123{next(_phones):05d}")
    return make_question(requester=resident, **kwargs)


@pytest.mark.parametrize("path", ["/prikbord/{id}", "/beheer/prikbord/{id}"])
def test_a_professional_is_told_to_call_back_a_resident_who_cannot_be_reached(
    app, client, login_as, vapid, path
):
    question = _no_email_question()
    db.session.commit()
    login_as("professional")
    page = client.get(path.format(id=question.id)).get_data(as_text=True)
    assert CALL_BACK in page and f"tel:{question.requester.phone}" in page


def test_no_call_back_when_the_resident_has_email_or_push(app, client, login_as, vapid, make_phone):
    with_email = make_question()
    with_push = _no_email_question()
    db.session.commit()
    phone = make_phone()
    login_as(user=with_push.requester)
    assert client.post("/account/meldingen", json=phone.subscription()).status_code == 201
    login_as("professional")
    for question in (with_email, with_push):
        assert CALL_BACK not in client.get(f"/prikbord/{question.id}").get_data(as_text=True)


def test_a_guest_without_email_is_to_be_called_back(app, client, login_as, vapid):
    question = make_question(guest=True, guest_email=None)
    db.session.commit()
    login_as("professional")
    assert CALL_BACK in client.get(f"/beheer/prikbord/{question.id}").get_data(as_text=True)


@pytest.mark.parametrize("who", ["anonymous", "requester", "helper", "volunteer", "moderator"])
def test_only_professionals_see_the_call_back_notice(app, client, login_as, who):
    helper = make_volunteer()
    question = _no_email_question(status="claimed", helper=helper)
    open_question = _no_email_question()
    db.session.commit()
    if who == "requester":
        login_as(user=question.requester)
    elif who == "helper":
        login_as(user=helper)
    elif who != "anonymous":
        login_as(who)
    for q in (question, open_question):
        response = client.get(f"/prikbord/{q.id}")
        assert CALL_BACK not in response.get_data(as_text=True)


def test_no_call_back_once_the_question_is_finished(app, client, login_as):
    question = _no_email_question(status="closed", close_reason="not_needed")
    db.session.commit()
    login_as("professional")
    assert CALL_BACK not in client.get(f"/prikbord/{question.id}").get_data(as_text=True)


def test_a_guest_who_stops_the_link_stops_the_notifications(app, client, vapid, make_phone):
    question = make_question(guest=True, guest_email=None)
    token = guest_links.issue(question)
    db.session.commit()
    assert client.post(f"/prikbord/gast/{token}/meldingen", json=make_phone().subscription())
    assert _count(PushSubscription) == 1
    client.post(f"/prikbord/gast/{token}/stoppen", data={"stop-submit": "1"})
    assert _count(PushSubscription) == 0


def test_flask_push_keys_prints_a_pair_the_sender_can_use(app, runner):
    from app.push.keys import b64url_decode

    result = runner.invoke(args=["push", "keys"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split("=", 1) for line in result.output.splitlines())
    assert len(b64url_decode(lines["VAPID_PUBLIC_KEY"])) == 65
    assert len(b64url_decode(lines["VAPID_PRIVATE_KEY"])) == 32
    assert lines["VAPID_PRIVATE_KEY"] not in runner.invoke(args=["push", "keys"]).output


def test_development_makes_its_keys_once_per_instance_folder(tmp_path):
    from flask import Flask

    from app.push.keys import init_push_keys

    def dev_app() -> Flask:
        made = Flask("dev", instance_path=str(tmp_path / "instance"))
        made.config.update(ENV_NAME="development")
        init_push_keys(made)
        return made

    first, second = dev_app(), dev_app()
    assert first.config["VAPID_PRIVATE_KEY"] == second.config["VAPID_PRIVATE_KEY"]
    assert first.config["VAPID_SUBJECT"].startswith("mailto:")
    assert (tmp_path / "instance" / "vapid.json").stat().st_mode & 0o077 == 0
