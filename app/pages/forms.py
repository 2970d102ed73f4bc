"""Forms of the shared pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField
from wtforms.validators import DataRequired


class LanguageForm(FlaskForm):
    """Choose the language of the site (a button per language, works without JavaScript).

    It is on every page, so it carries no CSRF token (that would need a session, and so a cookie,
    for every visitor): the view checks that the request comes from this site instead.
    """

    class Meta:
        csrf = False

    language = SelectField(_l("Language"), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(_l("Change language"))
