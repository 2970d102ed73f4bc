"""The guest's page: a resident without an account follows their question through a link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.core.access import public
from app.extensions import db
from app.helpboard import bp, notify
from app.helpboard import operations as ops
from app.helpboard.forms import HelpedForm, MessageForm
from app.helpboard.queries import messages_select, one_question_select, viewer_for


@bp.route("/prikbord/gast/<token>", methods=["GET", "POST"])
@public
def guest_view(token: str):
    """Let a guest follow their question and reply through the signed link in their mail."""
    question = notify.read_guest_token(token)
    if question is None or question.hidden_at:
        abort(404)
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
        token=token,
    )
