"""The question page: loading a question the viewer may see, and what the page shows them.

:func:`page_for` returns one small object per kind of viewer — another visitor, the requester,
the helper, a professional — holding the row they may read, the forms of the actions they may
take now (``None`` where not), the thread when they take part, and for professionals on
``/beheer/prikbord`` the staff panel. Which actions a kind *may* have is a table
(:data:`ACTIONS_BY_RELATION`); whether the action is possible now is ``permissions.can_<verb>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select

from app.extensions import db
from app.helpboard import guest_links, notify
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
from app.helpboard.models import CLAIMED, OPEN, Question, Referral
from app.helpboard.queries import (
    history_select,
    messages_select,
    notes_select,
    one_question_select,
    viewer_for,
)
from app.helpboard.suggest import suggested_volunteers
from app.helpboard.visibility import ANYONE, HELPER, REQUESTER, STAFF, is_sensitive, relations

ERROR_MESSAGES = {
    "taken": _l("Sorry, someone else just picked up this question."),
    "full": _l("You already help with as many questions as you said you can."),
    "not_vetted": _l("A professional must check your VOG before you can pick up questions."),
    "sensitive": _l("Only professionals can pick up questions about this subject."),
    "invalid": _l("That did not work. Please try again."),
    "report_reason": _l("Tell us what is wrong."),
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


def referral_form(question: Question) -> ReferralForm:
    form = ReferralForm()
    form.services.choices = service_choices(question.category_id)
    return form


# action → (may the user do it now?, its empty form)
ACTIONS: dict[str, tuple[Any, Any]] = {
    "claim": (can.can_claim, lambda: ActionForm(prefix="claim")),
    "done": (can.can_mark_done, lambda: ActionForm(prefix="done")),
    "hand_back": (can.can_hand_back, HandBackForm),
    "close": (can.can_close, CloseForm),
    "helped": (can.can_answer_helped, HelpedForm),
    "report": (can.can_report, ReportForm),
    "refer": (lambda u, q: can.can_refer(u, q) and services_available(), referral_form),
}
# Which actions each relation to the question can ever offer.
ACTIONS_BY_RELATION = {
    ANYONE: ("claim", "report"),
    REQUESTER: ("done", "close", "helped", "report"),
    HELPER: ("hand_back", "done", "refer", "report"),
    STAFF: tuple(ACTIONS),
}


@dataclass
class Thread:
    """The private conversation: messages, the services referred to, the form to write."""

    messages: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    form: FlaskForm = field(default_factory=MessageForm)


@dataclass
class StaffPanel:
    """What a professional works with on ``/beheer/prikbord/<id>``."""

    suggestions: list
    assign_form: AssignForm
    category_form: CategoryForm
    note_form: NoteForm
    approve_form: ActionForm
    # None when the question is for professionals only already.
    sensitive_form: ActionForm | None
    # None when the question has no guest link that still works.
    stop_links_form: ActionForm | None
    notes: list
    on_behalf_by: str | None
    consent_at: Any
    status: str
    in_triage: bool


@dataclass
class QuestionPage:
    """What another visitor sees: the row as the SQL lets them read it, claim and report."""

    row: Any
    question: Question
    actions: dict[str, FlaskForm] = field(default_factory=dict)
    thread: Thread | None = None
    history: list = field(default_factory=list)
    helper_name: str | None = None
    manage: StaffPanel | None = None
    # Professionals: the resident has no email and no push subscription, so must be called.
    call_back: bool = False
    professional = False
    # The requester may turn on notifications on this phone (as on the "sent" page).
    offers_push = False

    @property
    def question_id(self) -> int:
        return self.question.id

    @property
    def category(self):
        return self.question.category

    @property
    def referrals(self) -> list:
        return self.thread.referrals if self.thread else []


class RequesterPage(QuestionPage):
    """The requester's page: their whole question, the thread, done/close/"were you helped?"."""

    offers_push = True


class HelperPage(QuestionPage):
    """The helper's page: contact as the resident chose it, the thread, hand back, refer."""


class ProfessionalPage(QuestionPage):
    """A professional's page: everything, and on /beheer the staff panel."""

    professional = True


PAGE_KINDS = {STAFF: ProfessionalPage, HELPER: HelperPage, REQUESTER: RequesterPage}


def page_for(user, row, question: Question, *, manage: bool = False) -> QuestionPage:
    """Return the question page for ``user`` (``manage``: the professional's staff view)."""
    found = relations(user, question)
    kind = next((k for k in PAGE_KINDS if k in found), ANYONE)
    names = {name for relation in found for name in ACTIONS_BY_RELATION[relation]}
    page = PAGE_KINDS.get(kind, QuestionPage)(row=row, question=question)
    page.actions = {
        name: make_form(question) if name == "refer" else make_form()
        for name, (allowed, make_form) in ACTIONS.items()
        if name in names and allowed(user, question)
    }
    participant = can.can_take_part(user, question)
    if participant:
        page.thread = Thread(
            messages=list(db.session.scalars(messages_select(question.id))),
            referrals=list(
                db.session.scalars(
                    select(Referral)
                    .where(Referral.question_id == question.id)
                    .order_by(Referral.id)
                )
            ),
        )
    if participant or page.professional:
        page.history = list(db.session.scalars(history_select(question.id)))
        page.helper_name = question.helper.name if question.helper else None
    if manage and page.professional:
        page.manage = staff_panel(user, question)
    if page.professional and question.status in (OPEN, CLAIMED) and not question.anonymised_at:
        page.call_back = not notify.can_reach(question)
    return page


def staff_panel(user, question: Question) -> StaffPanel:
    """Return the staff panel: suggested volunteers, assign, category, notes, approve."""
    suggestions = suggested_volunteers(question)
    assign = AssignForm()
    assign.helper.choices = as_choices(
        [(user.id, _("Myself"))]
        + [(m.candidate.user_id, f"{m.candidate.name} – {m.reason_text}") for m in suggestions]
    )
    category_form = CategoryForm(category=question.category_id)
    category_form.category.choices = category_choices()
    return StaffPanel(
        suggestions=suggestions,
        assign_form=assign,
        category_form=category_form,
        note_form=NoteForm(),
        approve_form=ActionForm(prefix="approve"),
        sensitive_form=None if is_sensitive(question) else ActionForm(prefix="sensitive"),
        stop_links_form=ActionForm(prefix="stoplinks")
        if question.is_guest and guest_links.has_working_links(question)
        else None,
        notes=list(db.session.scalars(notes_select(question.id))),
        on_behalf_by=question.on_behalf_by.name if question.on_behalf_by else None,
        consent_at=question.consent_at,
        status=question.status,
        in_triage=question.in_triage,
    )
