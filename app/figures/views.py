"""The figures' pages: the report, one CSV per table, and a page to print.

Each view reads the same report (:func:`report.build`) for the chosen neighbourhood and
period; the CSV writes the very strings the table shows, "<10" included.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.core.access import ADMIN, PROFESSIONAL, roles_required
from app.core.forms import as_choices
from app.extensions import db
from app.figures import bp
from app.figures.charts import bar_chart
from app.figures.forms import FiguresForm
from app.figures.periods import KINDS, Period, period_for
from app.figures.permissions import can_view
from app.figures.report import Report, build
from app.neighbourhoods.models import Neighbourhood
from app.neighbourhoods.queries import (
    CHOICE_PARAM,
    chosen_slug,
    current_neighbourhood,
    served_neighbourhood_ids,
)


def _preselected(neighbourhoods: list[Neighbourhood], served: list[int] | None) -> str:
    """Return the slug to show when the address names none ("": all neighbourhoods).

    A professional of one or more neighbourhoods gets their own (the chosen one when it is
    theirs); admins and the programme office get the visitor's chosen neighbourhood, else all.
    """
    if served is None:
        slug = chosen_slug()
        return slug if slug and any(n.slug == slug for n in neighbourhoods) else ""
    current = current_neighbourhood()
    if current is not None and current.id in served:
        return current.slug
    return neighbourhoods[0].slug if neighbourhoods else ""


def _chosen() -> tuple[FiguresForm, Neighbourhood | None, Period]:
    """Read the form from the address: the neighbourhood (None: all) and the period.

    A professional of one or more neighbourhoods chooses among those only (403 for another,
    or for all together); admins and professionals of no neighbourhood choose any, or all.
    """
    if not can_view(current_user):
        abort(403)
    form = FiguresForm(request.args)
    served = served_neighbourhood_ids(current_user)
    neighbourhoods = [
        n
        for n in db.session.scalars(select(Neighbourhood).order_by(Neighbourhood.name))
        if served is None or n.id in served
    ]
    every = [("", _("All neighbourhoods"))] if served is None else []
    form.wijk.choices = as_choices(every + [(n.slug, n.name) for n in neighbourhoods])
    form.validate()
    if CHOICE_PARAM not in request.args:
        form.wijk.data = _preselected(neighbourhoods, served)
    chosen = next((n for n in neighbourhoods if n.slug == form.wijk.data), None)
    if chosen is None and served is not None:
        abort(403)
    if chosen is None:
        form.wijk.data = ""
    kind = form.soort.data if form.soort.data in KINDS else "quarter"
    form.soort.data = kind
    first = form.van.data if not form.van.errors and form.van.data else date.today()
    until = form.tot.data if not form.tot.errors else None
    return form, chosen, period_for(kind, first, until)


def _report() -> tuple[FiguresForm, Neighbourhood | None, Report]:
    form, neighbourhood, period = _chosen()
    return form, neighbourhood, build(neighbourhood.id if neighbourhood else None, period)


@bp.route("")
@roles_required(PROFESSIONAL, ADMIN)
def index():
    """Show the figures of a neighbourhood and period beside the period before, with charts."""
    form, neighbourhood, report = _report()
    charts = {t.slug: bar_chart(t) for t in report.tables}
    return render_template(
        "figures/index.html",
        form=form,
        neighbourhood=neighbourhood,
        report=report,
        charts=charts,
        args=request.args.to_dict(),
    )


@bp.route("/afdrukken")
@roles_required(PROFESSIONAL, ADMIN)
def printable():
    """Show the report of a neighbourhood and period laid out for paper."""
    form, neighbourhood, report = _report()
    charts = {t.slug: bar_chart(t) for t in report.tables}
    return render_template(
        "figures/print.html", form=form, neighbourhood=neighbourhood, report=report, charts=charts
    )


@bp.route("/<table>.csv")
@roles_required(PROFESSIONAL, ADMIN)
def table_csv(table: str):
    """Download one table as CSV, with the same (suppressed) values as the page."""
    _form, neighbourhood, report = _report()
    found = report.table(table)
    if found is None:
        abort(404)
    out = io.StringIO()
    writer = csv.writer(out)
    for row in found.csv_rows():
        writer.writerow([_safe_cell(cell) for cell in row])
    where = neighbourhood.slug if neighbourhood else "alle-wijken"
    name = f"cijfers-{found.slug}-{where}-{report.period.first}-{report.period.last}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _safe_cell(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (names of organisations are typed)."""
    return "'" + text if text[:1] in ("=", "@") else text
