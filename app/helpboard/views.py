"""Routes of the question board for residents, guests and volunteers.

Thin: load (through the visibility query) → authorise (permissions.py) → validate (forms.py) →
operate (operations.py) → commit once → mail → redirect.
"""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.core.access import login_required, public
from app.core.caching import cacheable
from app.core.i18n import current_language
from app.core.pagination import paginate
from app.core.params import parse_id
from app.extensions import db
from app.helpboard import bp, guest_links, notify
from app.helpboard import operations as ops
from app.helpboard import permissions as can
from app.helpboard.asking import put_out
from app.helpboard.choices import (
    question_form,
    services_available,
)
from app.helpboard.forms import (
    ActionForm,
    CloseForm,
    HandBackForm,
    HelpedForm,
    MessageForm,
    ReportForm,
)
from app.helpboard.models import Message, Question
from app.helpboard.moderation import report as report_question
from app.helpboard.queries import (
    board_select,
    categories_by_id,
    helping_select,
    is_vetted_volunteer,
    my_questions_select,
    one_question_select,
    viewer_for,
)
from app.helpboard.question_page import ERROR_MESSAGES, load_visible, page_for, referral_form
from app.helpboard.suggest import questions_for
from app.helpboard.visibility import is_sensitive
from app.neighbourhoods.queries import current_neighbourhood, reporting_url
from app.taxonomy.models import Category

SENT_KEY = "helpboard_sent"
# The token of the new guest link, shown once on the "sent" page (the database keeps its hash).
GUEST_LINK_KEY = "helpboard_guest_link"
PAGE_SIZE = 30


@bp.route("/prikbord")
@public
@cacheable
def index():
    """Show the open questions (or, with ?voor=mij, those that fit the volunteer best)."""
    viewer = viewer_for(current_user)
    categories = categories_by_id()
    if request.args.get("voor") == "mij" and current_user.is_authenticated:
        matches = questions_for(current_user, limit=PAGE_SIZE)
        rows = {}
        if matches:
            ids = [qid for qid, _m in matches]
            statement = board_select(viewer).where(Question.id.in_(ids))
            rows = {row.id: row for row in db.session.execute(statement)}
        ranked = [(rows[qid], m) for qid, m in matches if qid in rows]
        return render_template(
            "helpboard/for_me.html",
            ranked=ranked,
            categories=categories,
            vetted=is_vetted_volunteer(current_user),
        )
    category_id = request.args.get("categorie", type=parse_id)
    # The board follows the chosen neighbourhood (as the home page does): its questions only.
    neighbourhood = current_neighbourhood()
    statement = board_select(
        viewer,
        category_id=category_id,
        neighbourhood_id=neighbourhood.id if neighbourhood else None,
    )
    # Count and page through the ids; then read the visible rows of this page, in order.
    page = paginate(
        statement.with_only_columns(Question.id)
        .order_by(None)
        .order_by(Question.created_at.desc(), Question.id.desc()),
        per_page=PAGE_SIZE,
    )
    found = {
        row.id: row for row in db.session.execute(statement.where(Question.id.in_(page.items)))
    }
    return render_template(
        "helpboard/index.html",
        rows=[found[qid] for qid in page.items if qid in found],
        page=page,
        categories=categories,
        category_id=category_id,
        vetted=viewer.is_vetted,
        neighbourhood=neighbourhood,
    )


@bp.route("/prikbord/nieuw", methods=["GET", "POST"])
@public
def new():
    """Put out a question in three short steps, with or without an account."""
    form = question_form(language=current_language())
    if current_user.is_authenticated:
        del form.guest_name, form.guest_phone, form.guest_email
    limit_reached = False
    if form.validate_on_submit():
        category = db.session.get(Category, form.category.data)
        if category is None:
            abort(400)
        if category.is_public_space:
            return render_template(
                "helpboard/public_space.html",
                category=category,
                fixi_url=reporting_url(current_neighbourhood(), current_app.config["FIXI_URL"]),
            )
        user = current_user if current_user.is_authenticated else None
        try:
            outcome = put_out(form.to_input(category), requester=user)
        except ops.HelpboardError as error:
            if error.code != "limit":
                raise
            limit_reached = True
        else:
            if outcome.created:
                notify.send_confirmation(outcome.question)
                notify.send_new_question(outcome.notices)
                notify.send_to_triage(outcome.question)
            if outcome.created and outcome.question.is_guest:
                session[GUEST_LINK_KEY] = guest_links.issue(outcome.question)
            db.session.commit()
            session[SENT_KEY] = outcome.question.id
            return redirect(url_for("helpboard.sent", question_id=outcome.question.id))
    return render_template(
        "helpboard/new.html",
        form=form,
        categories=categories_by_id(),
        limit_reached=limit_reached,
        fixi_url=reporting_url(current_neighbourhood(), current_app.config["FIXI_URL"]),
    )


@bp.route("/prikbord/<int:question_id>/verstuurd")
@public
def sent(question_id: int):
    """Confirm on screen that the question arrived, and say what happens next."""
    if session.get(SENT_KEY) != question_id:
        abort(404)
    question = db.get_or_404(Question, question_id)
    token = session.get(GUEST_LINK_KEY) if question.is_guest else None
    guest_link = url_for("helpboard.guest_view", token=token) if token else None
    push_urls = None
    if token:
        push_urls = (
            url_for("push.subscribe_guest", token=token),
            url_for("push.stop_guest", token=token),
        )
    elif current_user.is_authenticated and question.requester_id == current_user.id:
        push_urls = (url_for("push.subscribe_account"), url_for("push.stop_account"))
    return render_template(
        "helpboard/sent.html", question=question, guest_link=guest_link, push_urls=push_urls
    )


@bp.route("/prikbord/<int:question_id>")
@public
@cacheable
def detail(question_id: int):
    """Show one question: what the viewer may see of it, and what they may do."""
    row, question = load_visible(current_user, question_id)
    return render_template("helpboard/detail.html", page=page_for(current_user, row, question))


@bp.route("/prikbord/mijn")
@login_required
def mine():
    """Show the questions I asked and the questions I help with."""
    viewer = viewer_for(current_user)
    return render_template(
        "helpboard/mine.html",
        asked=db.session.execute(my_questions_select(viewer).limit(100)).all(),
        helping=db.session.execute(helping_select(viewer).limit(100)).all(),
        categories=categories_by_id(),
    )


def _after(question: Question):
    return redirect(url_for("helpboard.detail", question_id=question.id))


def _refuse(question: Question, code: str):
    """Say why not, on the question's page; on the board when the page is no longer theirs.

    A refusal can cross another's change (a volunteer at their maximum claims the moment
    another volunteer does): the question may have left what this visitor may see, and its
    page would answer 404 (issue 9.9).
    """
    flash(ERROR_MESSAGES.get(code, _("That is not possible now.")), "error")
    visible = db.session.execute(one_question_select(viewer_for(current_user), question.id)).first()
    if visible is None:
        return redirect(url_for("helpboard.index"))
    return _after(question)


@bp.route("/prikbord/<int:question_id>/oppakken", methods=["POST"])
@login_required
def claim(question_id: int):
    """Claim an open question; if someone else was first, say so."""
    if not ActionForm(prefix="claim").validate_on_submit():
        abort(400)
    question = db.get_or_404(Question, question_id)
    visible = db.session.execute(one_question_select(viewer_for(current_user), question_id)).first()
    if visible is None:
        # Taken a moment ago: the question left the public board. Say so instead of a 404.
        # ``question`` was read before that check and may be stale: read it again.
        db.session.refresh(question)
        was_public = not (question.hidden_at or question.in_triage or is_sensitive(question))
        if was_public and question.status != "open":
            return _taken()
        abort(404)
    if not can.can_claim(current_user, question):
        if question.status != "open":
            return _taken()
        abort(403)
    try:
        ops.claim(question, current_user)
    except ops.HelpboardError as error:
        db.session.rollback()
        if error.code == "taken":
            return _taken()
        if error.code == "full":
            # To the board: another volunteer may take the question this very moment, and
            # its page would then answer 404 to this volunteer (issue 9.9).
            flash(str(ERROR_MESSAGES["full"]), "error")
            return redirect(url_for("helpboard.index"))
        return _refuse(question, error.code)
    notify.send_status(question, "claimed")
    db.session.commit()
    flash(_("You picked up this question. Contact the resident soon."), "success")
    return _after(question)


def _taken():
    flash(str(ERROR_MESSAGES["taken"]), "error")
    return redirect(url_for("helpboard.index"))


@bp.route("/prikbord/<int:question_id>/teruggeven", methods=["POST"])
@login_required
def hand_back(question_id: int):
    """Give a claimed question back to the board."""
    row, question = load_visible(current_user, question_id)
    form = HandBackForm()
    if not can.can_hand_back(current_user, question):
        abort(403)
    if not form.validate_on_submit():
        return _refuse(question, "invalid")
    ops.hand_back(question, current_user, form.reason.data or None)
    db.session.commit()
    flash(_("The question is back on the board."), "success")
    return _after(question)


@bp.route("/prikbord/<int:question_id>/klaar", methods=["POST"])
@login_required
def done(question_id: int):
    """Mark a question as done."""
    row, question = load_visible(current_user, question_id)
    if not can.can_mark_done(current_user, question):
        abort(403)
    if not ActionForm(prefix="done").validate_on_submit():
        abort(400)
    ops.mark_done(question, current_user)
    notify.send_status(question, "done")
    db.session.commit()
    flash(_("Thank you! The question is done."), "success")
    return _after(question)


@bp.route("/prikbord/<int:question_id>/sluiten", methods=["POST"])
@login_required
def close(question_id: int):
    """Close a question that is not needed any more or got no answer."""
    row, question = load_visible(current_user, question_id)
    if not can.can_close(current_user, question):
        abort(403)
    form = CloseForm()
    if not form.validate_on_submit():
        return _refuse(question, "invalid")
    ops.close(question, current_user, form.reason.data)
    db.session.commit()
    flash(_("The question is closed."), "success")
    return _after(question)


@bp.route("/prikbord/<int:question_id>/geholpen", methods=["POST"])
@login_required
def helped(question_id: int):
    """Answer "were you helped?" (yes, partly or no)."""
    row, question = load_visible(current_user, question_id)
    if not can.can_answer_helped(current_user, question):
        abort(403)
    form = HelpedForm()
    if not form.validate_on_submit():
        return _refuse(question, "invalid")
    ops.answer_helped(question, form.answer.data, current_user)
    db.session.commit()
    flash(_("Thank you for your answer."), "success")
    return _after(question)


@bp.route("/prikbord/<int:question_id>/bericht", methods=["POST"])
@login_required
def message(question_id: int):
    """Add a message to the question's thread and tell the other side."""
    row, question = load_visible(current_user, question_id)
    if not can.can_take_part(current_user, question):
        abort(403)
    form = MessageForm()
    if not form.validate_on_submit():
        page = page_for(current_user, row, question)
        if page.thread is not None:
            page.thread.form = form
        return render_template("helpboard/detail.html", page=page)
    item = ops.add_message(question, form.body.data, current_user)
    notify.send_new_message(question, item)
    db.session.commit()
    flash(_("Your message is sent."), "success")
    return redirect(url_for("helpboard.detail", question_id=question.id, _anchor="berichten"))


@bp.route("/prikbord/<int:question_id>/melden", methods=["POST"])
@login_required
def report(question_id: int):
    """Report a question or one of its messages to the moderators."""
    row, question = load_visible(current_user, question_id)
    if not can.can_report(current_user, question):
        abort(403)
    form = ReportForm()
    if not form.validate_on_submit():
        return _refuse(question, "report_reason")
    target = None
    if form.message_id.data:
        message_id = parse_id(form.message_id.data)
        if message_id is None:
            abort(400)
        target = db.session.get(Message, message_id)
        if (
            target is None
            or target.question_id != question.id
            or not can.can_take_part(current_user, question)
        ):
            abort(404)
    report_question(question, current_user, form.reason.data, target)
    db.session.commit()
    flash(_("Thank you. A moderator will look at it."), "success")
    return _after(question)


@bp.route("/prikbord/<int:question_id>/doorverwijzen", methods=["POST"])
@login_required
def refer(question_id: int):
    """Answer with one or more services of the social map."""
    row, question = load_visible(current_user, question_id)
    if not can.can_refer(current_user, question) or not services_available():
        abort(403)
    form = referral_form(question)
    if not form.validate_on_submit():
        # Back on the page with the error next to the services and the choices kept.
        page = page_for(current_user, row, question)
        page.actions["refer"] = form
        return render_template("helpboard/detail.html", page=page)
    referrals = ops.add_referral(question, form.services.data, form.note.data, current_user)
    notify.send_referral(question, referrals)
    db.session.commit()
    flash(_("The referral is saved."), "success")
    return _after(question)
