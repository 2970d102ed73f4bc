"""The question page: loading a question the viewer may see, and what the page shows them."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.helpboard import permissions as can
from app.helpboard.choices import category_choices, service_choices, services_available
from app.helpboard.forms import (
    ActionForm,
    AssignForm,
    CategoryForm,
    CloseForm,
    HandBackForm,
    HelpedForm,
    MessageForm,
    NoteForm,
    ReferralForm,
    ReportForm,
    as_choices,
)
from app.helpboard.icons import icon_for
from app.helpboard.models import Question, Referral
from app.helpboard.queries import (
    history_select,
    messages_select,
    notes_select,
    one_question_select,
    viewer_for,
)
from app.helpboard.suggest import suggested_volunteers

ERROR_MESSAGES = {
    "taken": _l("Sorry, someone else just picked up this question."),
    "full": _l("You already help with as many questions as you said you can."),
    "not_vetted": _l("A professional must check your VOG before you can pick up questions."),
    "sensitive": _l("Only professionals can pick up questions about this subject."),
    "invalid": _l("That did not work. Please try again."),
    "report_reason": _l("Tell us what is wrong."),
    "referral": _l("Choose at least one service."),
}


def load_visible(user, question_id: int, *, as_viewer=None):
    """Return (visible row, question) or 404 when the viewer may not see the question."""
    viewer = as_viewer or viewer_for(user)
    row = db.session.execute(one_question_select(viewer, question_id)).one_or_none()
    if row is None:
        abort(404)
    question = db.session.get(Question, question_id)
    if question is None:
        abort(404)
    return row, question


def detail_context(user, row, question: Question, *, manage: bool = False) -> dict[str, Any]:
    """Return what the question page shows to ``user``."""
    participant = can.can_take_part(user, question)
    professional = can.is_professional(user)
    context: dict[str, Any] = {
        "row": row,
        "question_id": question.id,
        "category": question.category,
        "icon": icon_for(question.category),
        "participant": participant,
        "professional": professional,
        "manage": manage,
        "can_claim": can.can_claim(user, question),
        "can_hand_back": can.can_hand_back(user, question),
        "can_mark_done": can.can_mark_done(user, question),
        "can_close": can.can_close(user, question),
        "can_answer_helped": can.can_answer_helped(user, question),
        "can_report": can.can_report(user, question),
        "can_refer": can.can_refer(user, question) and services_available(),
        "helper_name": question.helper.name
        if question.helper and (participant or professional)
        else None,
        "claim_form": ActionForm(prefix="claim"),
        "done_form": ActionForm(prefix="done"),
        "hand_back_form": HandBackForm(),
        "close_form": CloseForm(),
        "helped_form": HelpedForm(),
        "message_form": MessageForm(),
        "report_form": ReportForm(),
        "messages": [],
        "history": [],
        "referrals": [],
    }
    if participant:
        context["messages"] = db.session.scalars(messages_select(question.id)).all()
        context["referrals"] = db.session.scalars(
            select(Referral).where(Referral.question_id == question.id).order_by(Referral.id)
        ).all()
    if participant or professional:
        context["history"] = db.session.scalars(history_select(question.id)).all()
    if context["can_refer"]:
        form = ReferralForm()
        form.services.choices = service_choices()
        context["referral_form"] = form
    if manage and professional:
        suggestions = suggested_volunteers(question)
        assign = AssignForm()
        assign.helper.choices = as_choices(
            [(user.id, _("Myself"))]
            + [(m.candidate.user_id, f"{m.candidate.name} – {m.reason_text}") for m in suggestions]
        )
        category_form = CategoryForm(category=question.category_id)
        category_form.category.choices = category_choices()
        context.update(
            suggestions=suggestions,
            assign_form=assign,
            category_form=category_form,
            note_form=NoteForm(),
            approve_form=ActionForm(prefix="approve"),
            notes=db.session.scalars(notes_select(question.id)).all(),
            on_behalf_by=question.on_behalf_by.name if question.on_behalf_by else None,
            consent_at=question.consent_at,
            question_status=question.status,
            question_in_triage=question.in_triage,
        )
    return context
