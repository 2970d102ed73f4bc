"""Routes of the question board for residents, guests and volunteers.

Thin: load (through the visibility query) → authorise (permissions.py) → validate (forms.py) →
operate (operations.py) → commit once → mail → redirect.
"""

from __future__ import annotations

import secrets

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.core.access import login_required, public, roles_required
from app.core.i18n import current_language
from app.core.pagination import paginate
from app.core.params import parse_id
from app.extensions import db
from app.helpboard import bp, notify
from app.helpboard import operations as ops
from app.helpboard import permissions as can
from app.helpboard.choices import (
    category_choices,
    neighbourhood_choices,
    profile_form_choices,
    service_choices,
    services_available,
)
from app.helpboard.forms import (
    ActionForm,
    CloseForm,
    HandBackForm,
    HelpedForm,
    MessageForm,
    ProfileForm,
    QuestionForm,
    ReferralForm,
    ReportForm,
)
from app.helpboard.models import Message, Question, VolunteerProfile
from app.helpboard.queries import (
    board_select,
    categories_by_id,
    helping_select,
    is_vetted_volunteer,
    my_questions_select,
    one_question_select,
    viewer_for,
)
from app.helpboard.question_page import ERROR_MESSAGES, detail_context, load_visible
from app.helpboard.suggest import questions_for, suggested_volunteers
from app.neighbourhoods.queries import default_neighbourhood
from app.taxonomy.models import Category

SENT_KEY = "helpboard_sent"
PAGE_SIZE = 30


@bp.route("/prikbord")
@public
def index():
    """Show the open questions (or, with ?voor=mij, those that fit the volunteer best)."""
    viewer = viewer_for(current_user)
    categories = categories_by_id()
    if request.args.get("voor") == "mij" and current_user.is_authenticated:
        matches = questions_for(current_user)[:PAGE_SIZE]
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
    statement = board_select(viewer, category_id=category_id)
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
    )


@bp.route("/api/v1/prikbord")
@public
def api_board():
    """Return the open questions as JSON, with exactly what the viewer may see."""
    viewer = viewer_for(current_user)
    categories = categories_by_id()
    rows = db.session.execute(board_select(viewer).limit(200)).all()
    items = []
    for row in rows:
        item = {
            "id": row.id,
            "title": row.title,
            "category": categories[row.category_id].slug,
            "neighbourhood": row.neighbourhood_name,
            "created_at": row.created_at.isoformat(),
            "url": url_for("helpboard.detail", question_id=row.id),
        }
        if row.description is not None:
            item["description"] = row.description
        if row.latitude is not None:
            item["location"] = {"lat": row.latitude, "lon": row.longitude}
        items.append(item)
    return jsonify({"questions": items})


def _question_form(form_class=QuestionForm, **kwargs):
    form = form_class(**kwargs)
    form.category.choices = category_choices()
    if not form.form_token.data:
        form.form_token.data = secrets.token_urlsafe(24)
    return form


@bp.route("/prikbord/nieuw", methods=["GET", "POST"])
@public
def new():
    """Put out a question in three short steps, with or without an account."""
    form = _question_form()
    if request.method == "GET":
        form.language.data = current_language()
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
                fixi_url=current_app.config["FIXI_URL"],
            )
        user = current_user if current_user.is_authenticated else None
        guest_contact = None
        if user is None:
            from app.accounts.identifiers import normalise_phone

            phone = normalise_phone(form.guest_phone.data) if form.guest_phone.data else None
            guest_contact = phone or (form.guest_email.data or "").strip().lower()
        existing = ops.find_by_form_token(form.form_token.data)
        if existing is None and ops.daily_limit_reached(user, guest_contact):
            limit_reached = True
        else:
            neighbourhood = (user.neighbourhood if user else None) or default_neighbourhood()
            question, created = ops.create_question(
                category=category,
                title=form.title.data,
                description=form.description.data or "",
                urgency=form.urgency.data,
                parts_of_day=form.parts_of_day.data or [],
                contact_route=form.contact_route.data,
                language=form.language.data,
                neighbourhood_id=neighbourhood.id if neighbourhood else None,
                requester=user,
                guest_name=form.guest_name.data if user is None else None,
                guest_phone=guest_contact
                if user is None and "@" not in (guest_contact or "")
                else None,
                guest_email=(form.guest_email.data or None) if user is None else None,
                form_token=form.form_token.data,
            )
            notices = []
            if created and not question.in_triage:
                notices = ops.plan_notifications(question, suggested_volunteers(question))
            db.session.commit()
            session[SENT_KEY] = question.id
            if created:
                notify.send_confirmation(question)
                notify.send_new_question(notices)
                db.session.commit()
            return redirect(url_for("helpboard.sent", question_id=question.id))
    categories = categories_by_id()
    return render_template(
        "helpboard/new.html",
        form=form,
        categories=categories,
        limit_reached=limit_reached,
        fixi_url=current_app.config["FIXI_URL"],
    )


@bp.route("/prikbord/<int:question_id>/verstuurd")
@public
def sent(question_id: int):
    """Confirm on screen that the question arrived, and say what happens next."""
    if session.get(SENT_KEY) != question_id:
        abort(404)
    question = db.get_or_404(Question, question_id)
    guest_link = (
        url_for("helpboard.guest_view", token=notify.guest_token(question))
        if question.is_guest
        else None
    )
    return render_template("helpboard/sent.html", question=question, guest_link=guest_link)


@bp.route("/prikbord/<int:question_id>")
@public
def detail(question_id: int):
    """Show one question: what the viewer may see of it, and what they may do."""
    row, question = load_visible(current_user, question_id)
    return render_template("helpboard/detail.html", **detail_context(current_user, row, question))


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
    flash(ERROR_MESSAGES.get(code, _("That is not possible now.")), "error")
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
        was_public = not (
            question.hidden_at or question.in_triage or question.category.is_sensitive
        )
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
        return _refuse(question, error.code)
    db.session.commit()
    notify.send_status(question, "claimed")
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
    db.session.commit()
    notify.send_status(question, "done")
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
        context = detail_context(current_user, row, question)
        context["message_form"] = form
        return render_template("helpboard/detail.html", **context)
    item = ops.add_message(question, form.body.data, current_user)
    db.session.commit()
    notify.send_new_message(question, item)
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
    ops.report(question, current_user, form.reason.data, target)
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
    form = ReferralForm()
    form.services.choices = service_choices()
    if not form.validate_on_submit():
        return _refuse(question, "referral")
    referrals = ops.add_referral(question, form.services.data, form.note.data, current_user)
    db.session.commit()
    notify.send_referral(question, referrals)
    flash(_("The referral is saved."), "success")
    return _after(question)


@bp.route("/prikbord/gast/<token>", methods=["GET", "POST"])
@public
def guest_view(token: str):
    """Let a guest follow their question and reply through the signed link in their mail."""
    question = notify.read_guest_token(token)
    if question is None or question.hidden_at:
        abort(404)
    from app.helpboard.queries import one_question_select

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
        db.session.commit()
        notify.send_new_message(question, item)
        flash(_("Your message is sent."), "success")
        return redirect(url_for("helpboard.guest_view", token=token))
    from app.helpboard.queries import messages_select

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


@bp.route("/prikbord/vrijwilliger", methods=["GET", "POST"])
@roles_required("volunteer")
def profile():
    """Let a volunteer say what, when, where and in which languages they help."""
    existing = db.session.scalar(
        select(VolunteerProfile).where(VolunteerProfile.user_id == current_user.id)
    )
    form = ProfileForm(obj=None)
    profile_form_choices(form)
    if request.method == "GET" and existing is not None:
        form.skills.data = [c.id for c in existing.skills]
        form.languages.data = existing.languages
        form.availability.data = existing.availability
        form.neighbourhood.data = existing.neighbourhood_id or 0
        form.max_open.data = existing.max_open
        form.notify_mode.data = existing.notify_mode
    if form.validate_on_submit():
        skills = list(
            db.session.scalars(select(Category).where(Category.id.in_(form.skills.data or [])))
        )
        ops.save_profile(
            current_user,
            skills=skills,
            languages=form.languages.data or [],
            availability=form.availability.data or [],
            neighbourhood_id=form.neighbourhood.data or None,
            max_open=form.max_open.data,
            notify_mode=form.notify_mode.data,
        )
        db.session.commit()
        flash(_("Your volunteer profile is saved."), "success")
        return redirect(url_for("helpboard.profile"))
    return render_template(
        "helpboard/profile.html",
        form=form,
        profile=existing,
        neighbourhoods=neighbourhood_choices(),
    )
