"""Routes of the question board for professionals and moderators: /beheer/prikbord.

A blueprint nested in the question board's (endpoints ``helpboard.manage.<name>``).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.roles import VOLUNTEER
from app.core.access import roles_required
from app.core.i18n import current_language
from app.core.pagination import paginate
from app.extensions import db
from app.helpboard import notify
from app.helpboard import operations as ops
from app.helpboard import permissions as can
from app.helpboard.asking import put_out
from app.helpboard.choices import category_choices, question_form
from app.helpboard.forms import (
    ActionForm,
    AssignForm,
    CategoryForm,
    NoteForm,
    OnBehalfForm,
    ReasonForm,
    VetForm,
    as_choices,
)
from app.helpboard.labels import TRIAGE_LIST_LABELS
from app.helpboard.models import Message, Question, Report, VolunteerProfile
from app.helpboard.moderation import block_user, dismiss_report, hide_message, hide_question
from app.helpboard.queries import categories_by_id, open_reports_select, triage_select
from app.helpboard.question_page import ERROR_MESSAGES, load_visible, page_for
from app.helpboard.suggest import suggested_volunteers
from app.helpboard.visibility import is_sensitive
from app.helpboard.volunteering import plan_notifications
from app.helpboard.volunteering import vet as vet_volunteer
from app.neighbourhoods.queries import served_neighbourhood_ids
from app.taxonomy.models import Category

manage_bp = Blueprint("manage", __name__)

PAGE_SIZE = 30
TRIAGE_LISTS = tuple(TRIAGE_LIST_LABELS)


def _load_managed(question_id: int):
    """Return (row, question) a professional handles: 404 when unseen, 403 when not theirs.

    A professional of another neighbourhood may see a question on the public board, but not
    handle it (``permissions.can_manage``).
    """
    row, question = load_visible(current_user, question_id)
    if not can.can_manage(current_user, question):
        abort(403)
    return row, question


@manage_bp.route("")
@roles_required("professional")
def triage():
    """Show the triage lists of your neighbourhoods: new guest, sensitive, escalated, reported."""
    served = served_neighbourhood_ids(current_user)
    lists = {
        kind: db.session.execute(triage_select(kind, served).limit(100)).all()
        for kind in TRIAGE_LISTS
    }
    return render_template("helpboard/triage.html", lists=lists, categories=categories_by_id())


@manage_bp.route("/<int:question_id>")
@roles_required("professional")
def triage_detail(question_id: int):
    """Show one question with everything a professional can do with it."""
    row, question = _load_managed(question_id)
    return render_template(
        "helpboard/detail.html", page=page_for(current_user, row, question, manage=True)
    )


def _back(question: Question):
    return redirect(url_for(".triage_detail", question_id=question.id))


def _announce(question: Question) -> None:
    """Tell the best matching volunteers about a question that just opened."""
    notify.send_new_question(plan_notifications(question, suggested_volunteers(question)))


@manage_bp.route("/<int:question_id>/goedkeuren", methods=["POST"])
@roles_required("professional")
def approve(question_id: int):
    """Let a question out of triage."""
    row, question = _load_managed(question_id)
    if not ActionForm(prefix="approve").validate_on_submit():
        abort(400)
    try:
        ops.approve(question, current_user)
    except ops.HelpboardError:
        flash(_("This question is not waiting for triage."), "error")
        return _back(question)
    if not is_sensitive(question):
        _announce(question)
    db.session.commit()
    flash(_("The question is approved."), "success")
    return _back(question)


@manage_bp.route("/<int:question_id>/gevoelig", methods=["POST"])
@roles_required("professional")
def mark_sensitive(question_id: int):
    """Make a question for professionals only: it leaves the board at once."""
    row, question = _load_managed(question_id)
    if not ActionForm(prefix="sensitive").validate_on_submit():
        abort(400)
    try:
        ops.mark_sensitive(question, current_user)
    except ops.HelpboardError:
        flash(_("Only professionals see this question already."), "error")
        return _back(question)
    db.session.commit()
    flash(_("Only professionals see this question now."), "success")
    return _back(question)


@manage_bp.route("/<int:question_id>/gastlinks-stoppen", methods=["POST"])
@roles_required("professional")
def stop_guest_links(question_id: int):
    """End every link through which the guest opens the question (a leaked mail, say)."""
    row, question = _load_managed(question_id)
    if not ActionForm(prefix="stoplinks").validate_on_submit():
        abort(400)
    ops.stop_guest_links(question, current_user)
    db.session.commit()
    flash(_("The guest's links are stopped."), "success")
    return _back(question)


@manage_bp.route("/<int:question_id>/toewijzen", methods=["POST"])
@roles_required("professional")
def assign(question_id: int):
    """Assign a question to oneself or to a volunteer from the ranked list."""
    row, question = _load_managed(question_id)
    form = AssignForm()
    allowed = {current_user.id} | {m.candidate.user_id for m in suggested_volunteers(question)}
    form.helper.choices = as_choices((uid, str(uid)) for uid in allowed)
    if not form.validate_on_submit():
        flash(_("Choose a helper from the list."), "error")
        return _back(question)
    helper = db.session.get(User, form.helper.data)
    if helper is None:
        abort(404)
    try:
        ops.assign(question, helper, current_user)
    except ops.HelpboardError as error:
        db.session.rollback()
        flash(str(ERROR_MESSAGES.get(error.code, _("That is not possible now."))), "error")
        return _back(question)
    notify.send_status(question, "claimed")
    db.session.commit()
    flash(_("The question is assigned to %(name)s.", name=helper.name), "success")
    return _back(question)


@manage_bp.route("/<int:question_id>/categorie", methods=["POST"])
@roles_required("professional")
def change_category(question_id: int):
    """Move a question to another category."""
    row, question = _load_managed(question_id)
    form = CategoryForm()
    form.category.choices = category_choices()
    if not form.validate_on_submit():
        flash(_("Choose a category."), "error")
        return _back(question)
    category = db.get_or_404(Category, form.category.data)
    ops.change_category(question, category, current_user)
    db.session.commit()
    flash(_("The category is changed."), "success")
    return _back(question)


@manage_bp.route("/<int:question_id>/notitie", methods=["POST"])
@roles_required("professional")
def add_note(question_id: int):
    """Add an internal note."""
    row, question = _load_managed(question_id)
    form = NoteForm()
    if not form.validate_on_submit():
        page = page_for(current_user, row, question, manage=True)
        if page.manage is not None:
            page.manage.note_form = form
        return render_template("helpboard/detail.html", page=page)
    ops.add_note(question, form.body.data, current_user)
    db.session.commit()
    flash(_("The note is saved."), "success")
    return _back(question)


@manage_bp.route("/nieuw", methods=["GET", "POST"])
@roles_required("professional")
def on_behalf():
    """Put out a question for a resident who walked in or called, with their consent."""
    form = question_form(OnBehalfForm, language=current_language())
    if form.validate_on_submit():
        category = db.get_or_404(Category, form.category.data)
        if category.is_public_space:
            form.category.errors.append(
                _("Questions about the street go to the municipality's reporting service.")
            )
        else:
            outcome = put_out(form.to_input(category), on_behalf_by=current_user)
            if outcome.created:
                notify.send_confirmation(outcome.question)
                notify.send_new_question(outcome.notices)
                notify.send_to_triage(outcome.question)
            db.session.commit()
            flash(_("The question is on the board for the resident."), "success")
            hood = outcome.question.neighbourhood
            if hood is not None and not can.can_manage(current_user, outcome.question):
                # Its place lies in a neighbourhood this professional does not serve: that
                # neighbourhood's professionals handle it now.
                flash(
                    _(
                        "The question went to the professionals of %(name)s.",
                        name=hood.name,
                    ),
                    "info",
                )
                return redirect(url_for(".triage"))
            return _back(outcome.question)
    return render_template("helpboard/on_behalf.html", form=form, categories=categories_by_id())


@manage_bp.route("/vrijwilligers")
@roles_required("professional")
def volunteers():
    """List volunteers with their profile and vetting state."""
    from app.accounts.models import UserRole

    # Volunteers still waiting for their VOG check come first: that is the work to do.
    vetted = (
        select(VolunteerProfile.user_id)
        .where(VolunteerProfile.vetted_on.is_not(None))
        .scalar_subquery()
    )
    page = paginate(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == VOLUNTEER)
        .order_by(User.id.in_(vetted), User.name, User.id),
        per_page=PAGE_SIZE,
    )
    users = list(page.items)
    profiles = {
        p.user_id: p
        for p in db.session.scalars(
            select(VolunteerProfile).where(VolunteerProfile.user_id.in_([u.id for u in users]))
        )
    }
    forms = {}
    for user in users:
        profile = profiles.get(user.id)
        form = VetForm(prefix=f"vet{user.id}")
        if profile is not None:
            form.vetted_on.data = profile.vetted_on
        forms[user.id] = form
    return render_template(
        "helpboard/volunteers.html",
        users=users,
        profiles=profiles,
        forms=forms,
        page=page,
    )


@manage_bp.route("/vrijwilligers/<int:user_id>", methods=["POST"])
@roles_required("professional")
def vet(user_id: int):
    """Record the date a volunteer's VOG was checked (or withdraw it)."""
    user = db.get_or_404(User, user_id)
    if not user.has_role(VOLUNTEER):
        abort(404)
    form = VetForm(prefix=f"vet{user.id}")
    if not form.validate_on_submit():
        flash(_("This is not a date. For example: 2026-03-01."), "error")
        return redirect(url_for(".volunteers"))
    profile = db.session.scalar(select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))
    if profile is None:
        profile = VolunteerProfile(user_id=user.id)
        db.session.add(profile)
        db.session.flush()
    vet_volunteer(profile, current_user, form.vetted_on.data)
    db.session.commit()
    flash(_("Saved for %(name)s.", name=user.name), "success")
    return redirect(url_for(".volunteers"))


@manage_bp.route("/meldingen")
@roles_required("moderator", "professional")
def reports():
    """Show the reports nobody handled yet."""
    items = db.session.scalars(open_reports_select().limit(200)).all()
    forms = {
        item.id: (
            ReasonForm(prefix=f"hide{item.id}"),
            ReasonForm(prefix=f"block{item.id}"),
            ActionForm(prefix=f"dismiss{item.id}"),
        )
        for item in items
    }
    return render_template("helpboard/reports.html", items=items, forms=forms)


@manage_bp.route("/meldingen/<int:report_id>/verbergen", methods=["POST"])
@roles_required("moderator", "professional")
def hide(report_id: int):
    """Hide the reported question or message everywhere, with a reason."""
    item = db.get_or_404(Report, report_id)
    form = ReasonForm(prefix=f"hide{item.id}")
    if not form.validate_on_submit():
        flash(_("Give a reason."), "error")
        return redirect(url_for(".reports"))
    if not can.can_hide(current_user, item):
        abort(403)
    if item.message_id is not None:
        message = db.get_or_404(Message, item.message_id)
        hide_message(message, current_user, form.reason.data)
    else:
        hide_question(item.question, current_user, form.reason.data)
    db.session.commit()
    flash(_("It is hidden."), "success")
    return redirect(url_for(".reports"))


@manage_bp.route("/meldingen/<int:report_id>/afwijzen", methods=["POST"])
@roles_required("moderator", "professional")
def dismiss(report_id: int):
    """Close a report without action."""
    item = db.get_or_404(Report, report_id)
    if not ActionForm(prefix=f"dismiss{item.id}").validate_on_submit():
        abort(400)
    dismiss_report(item, current_user)
    db.session.commit()
    flash(_("The report is closed."), "success")
    return redirect(url_for(".reports"))


@manage_bp.route("/meldingen/<int:report_id>/blokkeren", methods=["POST"])
@roles_required("moderator", "professional")
def block(report_id: int):
    """Block the account behind the reported content and end its sessions."""
    item = db.get_or_404(Report, report_id)
    form = ReasonForm(prefix=f"block{item.id}")
    if not form.validate_on_submit():
        flash(_("Give a reason."), "error")
        return redirect(url_for(".reports"))
    author = can.reported_author(item)
    if author is None:
        flash(_("This was written by a guest without an account: hide it instead."), "error")
        return redirect(url_for(".reports"))
    if not can.can_block(current_user, item):
        abort(403)
    block_user(author, current_user, form.reason.data)
    if item.message is not None:
        hide_message(item.message, current_user, form.reason.data)
    else:
        hide_question(item.question, current_user, form.reason.data)
    db.session.commit()
    flash(_("The account is blocked and the content is hidden."), "success")
    return redirect(url_for(".reports"))
