"""Routes of web push: a browser's subscription in (and out), and the service worker.

The page's script (static/js/push.js) POSTs ``PushSubscription.toJSON()`` with the CSRF token in
the ``X-CSRFToken`` header; an account subscribes for itself, a guest through the link of their
question. None of these talks to a push service: pushes go through the outbox.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user

from app.core.access import login_required, public
from app.extensions import db
from app.helpboard import guest_links
from app.push import operations as ops
from app.push.keys import public_key, push_enabled

bp = Blueprint("push", __name__)


@bp.app_context_processor
def _push_globals() -> dict:
    """Give templates ``push_public_key()``: the VAPID public key, None when push is off."""
    return {"push_public_key": public_key}


def _subscription_data():
    if not push_enabled():
        abort(404)
    data = request.get_json(silent=True)
    if data is None:
        abort(400)
    return data


def _answer_subscribe(**owner):
    data = _subscription_data()
    try:
        ops.subscribe(data, **owner)
    except ops.PushError as error:
        db.session.rollback()
        return jsonify(error=error.code), 400
    db.session.commit()
    return jsonify(ok=True), 201


def _answer_stop(**owner):
    data = _subscription_data()
    endpoint = data.get("endpoint") if isinstance(data, dict) else None
    removed = ops.unsubscribe(endpoint or "", **owner)
    db.session.commit()
    return jsonify(ok=True, removed=removed)


@bp.route("/account/meldingen", methods=["POST"])
@login_required
def subscribe_account():
    """Keep this browser's subscription for the logged-in account."""
    return _answer_subscribe(user_id=current_user.id)


@bp.route("/account/meldingen/stoppen", methods=["POST"])
@login_required
def stop_account():
    """Stop notifications to this browser for the logged-in account."""
    return _answer_stop(user_id=current_user.id)


def _guest_link(token: str):
    link = guest_links.find(token)
    if link is None or link.question.hidden_at:
        abort(404)
    return link


@bp.route("/prikbord/gast/<token>/meldingen", methods=["POST"])
@public
def subscribe_guest(token: str):
    """Keep this browser's subscription for the guest's question (through the guest link)."""
    link = _guest_link(token)
    return _answer_subscribe(guest_link_id=link.id)


@bp.route("/prikbord/gast/<token>/meldingen/stoppen", methods=["POST"])
@public
def stop_guest(token: str):
    """Stop notifications to this browser about the guest's question."""
    link = _guest_link(token)
    return _answer_stop(guest_link_ids=guest_links.working_link_ids(link.question))
