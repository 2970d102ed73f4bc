"""Management of accounts: people, roles and organisations (admins); help for residents."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts import manage_bp as bp
from app.accounts.forms import (
    BlockForm,
    EmptyForm,
    ResidentLookupForm,
    UserRolesForm,
    UserSearchForm,
)
from app.accounts.models import User
from app.accounts.operations import (
    LastAdmin,
    block_user,
    issue_reset_link,
    set_roles,
    unblock_user,
)
from app.accounts.permissions import (
    can_block,
    can_change_roles,
    can_issue_reset_link,
    can_unblock,
)
from app.accounts.queries import recent_events, search_users, user_by_phone
from app.accounts.roles import ADMIN, ALL_ROLES, PROFESSIONAL, ROLE_LABELS
from app.core.access import roles_required
from app.core.mail import absolute_url
from app.core.pagination import paginate
from app.extensions import db
from app.organisations.models import Organisation

PER_PAGE = 25


def _role_choices() -> list[tuple[str, str]]:
    return [(role, str(ROLE_LABELS[role])) for role in ALL_ROLES]


@bp.route("/gebruikers")
@roles_required(ADMIN)
def users():
    """List and search the people with an account, a page at a time."""
    form = UserSearchForm(request.args)
    form.role.choices = [("", _("All roles")), *_role_choices()]
    text, role = "", ""
    if form.validate():
        text, role = form.q.data or "", form.role.data or ""
    page = paginate(search_users(text, role), per_page=PER_PAGE)
    return render_template("accounts/manage/users.html", form=form, page=page)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _roles_form(
    user: User, organisations: list[Organisation], *, submitted: bool = True
) -> UserRolesForm:
    kwargs = {} if submitted else {"formdata": None}
    form = UserRolesForm(
        roles=sorted(user.roles), organisations=[o.id for o in user.organisations], **kwargs
    )
    form.roles.choices = _role_choices()
    form.organisations.choices = [(o.id, o.name) for o in organisations]
    return form


def _all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def _detail_page(user: User, form: UserRolesForm, block_form: BlockForm) -> str:
    return render_template(
        "accounts/manage/user_detail.html",
        user=user,
        form=form,
        block_form=block_form,
        unblock_form=EmptyForm(),
        events=db.session.scalars(recent_events(user)).all(),
    )


@bp.route("/gebruikers/<int:user_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def user_detail(user_id: int):
    """Change a person's roles and organisations; see what happened to the account."""
    user = _user_or_404(user_id)
    organisations = _all_organisations()
    form = _roles_form(user, organisations)
    if request.method == "POST" and not can_change_roles(current_user, user):
        abort(403)
    if form.validate_on_submit():
        chosen = [o for o in organisations if o.id in set(form.organisations.data or [])]
        try:
            set_roles(user, form.roles.data or [], chosen, actor=current_user)
        except LastAdmin:
            db.session.rollback()
            flash(_("This is the last administrator. Make someone else admin first."), "error")
        else:
            db.session.commit()
            flash(_("The roles of %(name)s are saved.", name=user.name), "success")
            return redirect(url_for("accounts.manage.user_detail", user_id=user.id))
    return _detail_page(user, form, BlockForm(formdata=None))


@bp.route("/gebruikers/<int:user_id>/blokkeren", methods=["POST"])
@roles_required(ADMIN)
def block(user_id: int):
    """Block a person, with a reason; all their sessions end."""
    user = _user_or_404(user_id)
    if not can_block(current_user, user):
        abort(403)
    form = BlockForm()
    if form.validate_on_submit():
        try:
            block_user(user, form.reason.data, actor=current_user)
        except LastAdmin:
            db.session.rollback()
            flash(_("This is the last administrator. Make someone else admin first."), "error")
            return redirect(url_for("accounts.manage.user_detail", user_id=user.id))
        db.session.commit()
        flash(_("%(name)s is blocked and logged out everywhere.", name=user.name), "success")
        return redirect(url_for("accounts.manage.user_detail", user_id=user.id))
    return _detail_page(user, _roles_form(user, _all_organisations(), submitted=False), form)


@bp.route("/gebruikers/<int:user_id>/deblokkeren", methods=["POST"])
@roles_required(ADMIN)
def unblock(user_id: int):
    """Let a blocked person log in again."""
    user = _user_or_404(user_id)
    if not can_unblock(current_user, user):
        abort(403)
    if EmptyForm().validate_on_submit() and user.is_blocked:
        unblock_user(user, actor=current_user)
        db.session.commit()
        flash(_("%(name)s can log in again.", name=user.name), "success")
    return redirect(url_for("accounts.manage.user_detail", user_id=user.id))


@bp.route("/bewoners")
@roles_required(PROFESSIONAL)
def residents():
    """Find a resident by phone number, to help them choose a new password."""
    form = ResidentLookupForm(request.args)
    resident = None
    searched = "phone" in request.args
    if searched and form.validate():
        resident = db.session.scalar(user_by_phone(form.phone.data))
    elif not searched:
        form.phone.errors = []
    return render_template(
        "accounts/manage/residents.html",
        form=form,
        searched=searched and not form.phone.errors,
        resident=resident,
        allowed=bool(resident and can_issue_reset_link(current_user, resident)),
        has_email=bool(resident and resident.email),
    )


@bp.route("/bewoners/<int:user_id>/herstellink", methods=["POST"])
@roles_required(PROFESSIONAL)
def reset_link(user_id: int):
    """Make a one-time link to choose a new password, to hand to the resident."""
    resident = _user_or_404(user_id)
    if not can_issue_reset_link(current_user, resident):
        abort(403)
    if not EmptyForm().validate_on_submit():
        abort(400)
    token = issue_reset_link(resident, actor=current_user)
    db.session.commit()
    link = absolute_url("accounts.reset_password", token=token)
    return render_template(
        "accounts/manage/reset_link.html",
        resident=resident,
        link=link,
        hours=current_app.config["ASSISTED_RESET_HOURS"],
    )
