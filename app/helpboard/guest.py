"""The guest's page: a resident without an account follows their question through a link.

The link's token is opaque and kept hashed (:mod:`app.helpboard.guest_links`). Guest pages send
``Referrer-Policy: no-referrer``, so the token never leaves in a Referer header.
"""

from __future__ import annotations

from flask import abort, after_this_request, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.core.access import public
from app.extensions import db
from app.helpboard import bp, guest_links, notify
from app.helpboard import operations as ops
from app.helpboard.forms import ActionForm, HelpedForm, MessageForm
from app.helpboard.models import Question
from app.helpboard.queries import messages_select, one_question_select, viewer_for


def _no_referrer() -> None:
    @after_this_request
    def _header(response):
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _guest_question(token: str) -> Question:
    """Return the question of a working guest link, or 404."""
    _no_referrer()
    link = guest_links.find(token)
    if link is None or link.question.hidden_at:
        abort(404)
    return link.question


@bp.route("/prikbord/gast/<token>", methods=["GET", "POST"])
@public
def guest_view(token: str):
    """Let a guest follow their question and reply through the link in their mail."""
    question = _guest_question(token)
    row = db.session.execute(
        one_question_select(viewer_for(None, question.id), question.id)
    ).one_or_none()
    if row is None:
        abort(404)
    form = MessageForm(prefix="guest")
    helped_form = HelpedForm(prefix="helped")
    if helped_form.submit.data and helped_form.validate_on_submit():
        if question.status == "done" and question.helped is None:
            ops.answer_helped(question, helped_form.answer.data, None)
            db.session.commit()
            flash(_("Thank you for your answer."), "success")
        return redirect(url_for("helpboard.guest_view", token=token))
    if form.submit.data and form.validate_on_submit():
        item = ops.add_message(question, form.body.data, None)
        notify.send_new_message(question, item)
        db.session.commit()
        flash(_("Your message is sent."), "success")
        return redirect(url_for("helpboard.guest_view", token=token))
    return render_template(
        "helpboard/guest.html",
        row=row,
        question=question,
        category=question.category,
        messages=db.session.scalars(messages_select(question.id)).all(),
        form=form,
        helped_form=helped_form,
        stop_form=ActionForm(prefix="stop"),
        token=token,
    )


@bp.route("/prikbord/gast/<token>/stoppen", methods=["POST"])
@public
def stop_guest_link(token: str):
    """End every link to the guest's question, at the guest's request."""
    question = _guest_question(token)
    if not ActionForm(prefix="stop").validate_on_submit():
        abort(400)
    guest_links.end_all(question, "guest")
    db.session.commit()
    flash(_("The link is stopped. It does not open your question any more."), "success")
    return redirect(url_for("helpboard.index"))
