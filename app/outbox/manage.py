"""/beheer/post: mail that did not go out, for an admin to decide on."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.forms import EmptyForm
from app.core.access import roles_required
from app.core.labels import register_labels
from app.core.pagination import paginate
from app.extensions import db
from app.outbox import operations as ops
from app.outbox.models import FAILED, UNCERTAIN, OutboxMail

bp = Blueprint("outbox", __name__)

register_labels("outbox.status", {FAILED: _l("Failed"), UNCERTAIN: _l("Uncertain")})


@bp.route("/beheer/post")
@roles_required("admin")
def failed_mail():
    """List the mails that failed or may not have arrived."""
    page = paginate(ops.needs_decision(), per_page=30)
    return render_template("outbox/failed.html", page=page)


@bp.route("/beheer/post/<int:mail_id>/opnieuw", methods=["POST"])
@roles_required("admin")
def send_again(mail_id: int):
    """Put one failed or uncertain mail back in the queue."""
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    ops.send_again(mail)
    db.session.commit()
    flash(_("The mail will be sent again within a minute."), "success")
    return redirect(url_for("outbox.failed_mail"))
