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


def _chosen() -> tuple[FiguresForm, Neighbourhood | None, Period]:
    """Read the form from the address: the neighbourhood (None: all) and the period."""
    if not can_view(current_user):
        abort(403)
    form = FiguresForm(request.args)
    neighbourhoods = list(db.session.scalars(select(Neighbourhood).order_by(Neighbourhood.name)))
    form.wijk.choices = as_choices(
        [("", _("All neighbourhoods"))] + [(n.slug, n.name) for n in neighbourhoods]
    )
    form.validate()
    chosen = next((n for n in neighbourhoods if n.slug == form.wijk.data), None)
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
