"""The report: every table of the figures for one neighbourhood (or all) and one period.

Reads both periods with :mod:`queries` (a fixed number of queries), registers every count of
people as a tree of sums with one :class:`tables.Suppressor`, and lays out the tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from flask_babel import gettext as _

from app.core.i18n import language_label
from app.core.labels import label
from app.figures import queries
from app.figures.periods import Period
from app.figures.suppression import Tree, flat
from app.figures.tables import (
    FigureTable,
    Row,
    Suppressor,
    change,
    share,
    single,
    tree_rows,
    two_periods,
    waiting_time,
)
from app.taxonomy.models import PILLARS
from app.taxonomy.pillars import PILLAR_LABELS  # noqa: F401  (registers the pillar words)

MEASURES = ("put_out", "picked_up", "done", "closed_unanswered")


@dataclass
class Report:
    """The tables of one report, in the order the page shows them."""

    period: Period
    previous: Period
    tables: list[FigureTable]

    def table(self, slug: str) -> FigureTable | None:
        return next((t for t in self.tables if t.slug == slug), None)


def _measure_words() -> dict[str, str]:
    return {
        "put_out": _("Questions put out"),
        "picked_up": _("Picked up"),
        "done": _("Done"),
        "closed_unanswered": _("Closed without an answer"),
    }


def _category_tree(
    categories: list[Any], used: set[int]
) -> tuple[Tree, list[tuple[Any, str, int]], dict[int, str]]:
    """The tree all → pillar → category, with its rows; also each category's pillar key."""
    pillar_of = {c.id: f"p:{c.pillar or ''}" for c in categories if c.id in used}
    pillars = [f"p:{p}" for p in PILLARS] + (["p:"] if "p:" in pillar_of.values() else [])
    children: dict[Any, list[Any]] = {"all": pillars}
    rows: list[tuple[Any, str, int]] = [("all", _("All questions"), 0)]
    for pillar in pillars:
        kids = [f"c:{c.id}" for c in categories if pillar_of.get(c.id) == pillar]
        children[pillar] = kids
        name = label("taxonomy.pillar", pillar[2:]) if pillar != "p:" else _("No pillar")
        rows.append((pillar, name, 1))
        rows.extend((f"c:{c.id}", c.name, 2) for c in categories if f"c:{c.id}" in kids)
    return Tree("all", children), rows, pillar_of


def _tree_values(tree: Tree, leaves: dict[Any, int]) -> dict[Any, int]:
    """Add the sums of ``tree`` to the counts of its leaves."""
    values = dict(leaves)
    for key in reversed(tree.order()):
        kids = tree.children.get(key)
        if kids:
            values[key] = sum(values.get(k, 0) for k in kids)
        values.setdefault(key, 0)
    return values


def build(neighbourhood_id: int | None, period: Period, now: datetime | None = None) -> Report:
    """Read and lay out every table of the figures for ``period`` and the one before it."""
    previous = period.previous()
    both = (period, previous)
    q = [queries.question_counts(p, neighbourhood_id) for p in both]
    categories = queries.categories()
    used = set()
    for counts in q:
        for measure in MEASURES:
            used |= {k for k, v in getattr(counts, measure).items() if v}
    tree, category_rows, _pillar_of = _category_tree(categories, used)
    sup = Suppressor()
    words = _measure_words()

    def category_values(measure: str, i: int) -> dict[Any, int]:
        counts = getattr(q[i], measure)
        return _tree_values(tree, {f"c:{k}": v for k, v in counts.items() if k in used})

    by_category = {m: two_periods(partial(category_values, m), tree, m, sup) for m in MEASURES}
    languages = sorted(set(q[0].by_language) | set(q[1].by_language))
    language_tree = Tree("all", {"all": languages})
    by_language = two_periods(
        lambda i: _tree_values(language_tree, dict(q[i].by_language)),
        language_tree,
        "put_out",
        sup,
    )
    channel_tree = flat("all", list(queries.CHANNELS))
    by_channel = two_periods(
        lambda i: _tree_values(channel_tree, dict(q[i].by_channel)), channel_tree, "put_out", sup
    )
    helped_tree = flat("all", ["yes", "partly", "no"])
    helped = two_periods(
        lambda i: _tree_values(helped_tree, dict(q[i].helped)), helped_tree, "helped", sup
    )
    referrals = [queries.referrals_by_organisation(p, neighbourhood_id) for p in both]
    organisations = sorted(set(referrals[0]) | set(referrals[1]))
    referral_tree = Tree("all", {"all": organisations})
    by_organisation = two_periods(
        lambda i: _tree_values(referral_tree, dict(referrals[i])),
        referral_tree,
        "referrals",
        sup,
    )
    sup.run()

    this, before = _("This period"), _("Period before")
    tables: list[FigureTable] = []

    overview = FigureTable("questions", _("Questions"), [this, before, _("Change")])
    for m in MEASURES:
        now_cell, then_cell = sup[by_category[m][0]]["all"], sup[by_category[m][1]]["all"]
        overview.rows.append(
            Row(
                words[m],
                [now_cell.text(), then_cell.text(), change(now_cell, then_cell)],
                chart_value=now_cell.value,
            )
        )
    for fraction, text in (
        (0.5, _("Hours until half were picked up")),
        (0.9, _("Hours until 9 in 10 were picked up")),
    ):
        overview.rows.append(
            Row(
                text,
                [
                    waiting_time(q[0].wait_hours, fraction),
                    waiting_time(q[1].wait_hours, fraction),
                    "",
                ],
                in_chart=False,
            )
        )
    tables.append(overview)

    table = FigureTable(
        "categories",
        _("Questions per pillar and category"),
        [f"{words[m]}: {p}" for m in MEASURES for p in (this, before)],
    )
    table.rows = tree_rows(
        category_rows, [sup[by_category[m][i]] for m in MEASURES for i in (0, 1)]
    )
    tables.append(table)

    table = FigureTable("languages", _("Questions per language"), [this, before])
    table.rows = tree_rows(
        [("all", _("All questions"), 0)] + [(c, language_label(c), 1) for c in languages],
        [sup[by_language[0]], sup[by_language[1]]],
    )
    tables.append(table)

    channel_words = {
        "resident": _("By a resident with an account"),
        "guest": _("By a guest"),
        "on_behalf": _("By a professional for a resident"),
        "removed": _("No longer known (personal data removed)"),
    }
    table = FigureTable("channels", _("Questions per channel"), [this, before])
    table.rows = tree_rows(
        [("all", _("All questions"), 0)] + [(c, channel_words[c], 1) for c in queries.CHANNELS],
        [sup[by_channel[0]], sup[by_channel[1]]],
    )
    tables.append(table)

    table = FigureTable(
        "helped", _("Were residents helped?"), [this, before, _("Share: this period")]
    )
    answer_words = {"all": _("Answers"), "yes": _("Yes"), "partly": _("Partly"), "no": _("No")}
    for key in ("all", "yes", "partly", "no"):
        now_cell, then_cell = sup[helped[0]][key], sup[helped[1]][key]
        table.rows.append(
            Row(
                answer_words[key],
                [now_cell.text(), then_cell.text(), share(now_cell, sup[helped[0]]["all"])],
                level=0 if key == "all" else 1,
                chart_value=now_cell.value,
                in_chart=key != "all",
            )
        )
    tables.append(table)

    table = FigureTable(
        "referrals", _("Referrals to services, per receiving organisation"), [this, before]
    )
    table.rows = tree_rows(
        [("all", _("All referrals"), 0)] + [(o, o, 1) for o in organisations],
        [sup[by_organisation[0]], sup[by_organisation[1]]],
    )
    tables.append(table)

    tables.extend(_activity_tables(neighbourhood_id, both, this, before))
    tables.append(_volunteer_table(neighbourhood_id, both, q, this, before))
    tables.append(_services_table(now or datetime.now(UTC)))
    return Report(period, previous, tables)


def _activity_tables(
    neighbourhood_id: int | None, both: tuple[Period, Period], this: str, before: str
) -> list[FigureTable]:
    """Activities held (not people: shown as they are), places and sign-ups (people: suppressed)."""
    a = [queries.activity_counts(p, neighbourhood_id) for p in both]
    table = FigureTable("activities", _("Activities"), [this, before, _("Change")])
    plain = [
        (_("Times an activity took place"), a[0].held, a[1].held),
        (_("Of which with sign-up"), a[0].with_signup, a[1].with_signup),
        (_("Places"), a[0].places, a[1].places),
    ]
    for text, now_n, then_n in plain:
        table.rows.append(
            Row(text, [str(now_n), str(then_n), f"{now_n - then_n:+d}"], chart_value=now_n)
        )
    people = [
        (_("Signed up"), a[0].signed_up, a[1].signed_up),
        (_("On the waiting list"), a[0].waiting, a[1].waiting),
        (
            _("Activities proposed by residents"),
            a[0].proposed_by_residents,
            a[1].proposed_by_residents,
        ),
    ]
    cells = {}
    for text, now_n, then_n in people:
        now_cell, then_cell = single(now_n), single(then_n)
        cells[text] = now_cell
        table.rows.append(
            Row(
                text,
                [now_cell.text(), then_cell.text(), change(now_cell, then_cell)],
                chart_value=now_cell.value,
            )
        )
    fill = [share(single(x.signed_up), single(x.places) if x.places else single(0)) for x in a]
    table.rows.append(Row(_("Places taken"), [fill[0], fill[1], ""], in_chart=False))
    per_pillar = FigureTable("activity-pillars", _("Activities held per pillar"), [this, before])
    for pillar in (*PILLARS, ""):
        now_n, then_n = a[0].held_per_pillar[pillar], a[1].held_per_pillar[pillar]
        if pillar == "" and not (now_n or then_n):
            continue
        name = label("taxonomy.pillar", pillar) if pillar else _("No pillar")
        per_pillar.rows.append(Row(name, [str(now_n), str(then_n)], chart_value=now_n))
    per_pillar.note = _("An activity in categories of two pillars counts in both.")
    return [table, per_pillar]


def _volunteer_table(
    neighbourhood_id: int | None,
    both: tuple[Period, Period],
    q: list[queries.QuestionCounts],
    this: str,
    before: str,
) -> FigureTable:
    """Active and vetted volunteers, and questions picked up per active volunteer."""
    table = FigureTable("volunteers", _("Volunteers"), [this, before])
    counts = [queries.volunteer_counts(p, neighbourhood_id) for p in both]
    active = [single(c[0]) for c in counts]
    vetted = [single(c[1]) for c in counts]
    picked = [single(sum(x.picked_up.values())) for x in q]
    table.rows.append(
        Row(
            _("Volunteers who picked up a question"),
            [c.text() for c in active],
            chart_value=active[0].value,
        )
    )
    table.rows.append(
        Row(
            _("Volunteers with a checked VOG"),
            [c.text() for c in vetted],
            chart_value=vetted[0].value,
        )
    )
    per = []
    for p_cell, a_cell in zip(picked, active, strict=True):
        if p_cell.value is None or not a_cell.value:
            per.append("–")
        else:
            per.append(f"{p_cell.value / a_cell.value:.1f}")
    table.rows.append(Row(_("Questions picked up per volunteer"), per, in_chart=False))
    return table


def _services_table(now: datetime) -> FigureTable:
    """Services on the map checked in the last 180 days, per organisation (not people)."""
    table = FigureTable(
        "services",
        _("Services checked in the last 180 days"),
        [_("Services"), _("Checked"), _("Share checked")],
    )
    checked = queries.services_checked(now)
    totals = Counter[str]()
    for name, (total, done) in checked.items():
        totals["total"] += total
        totals["done"] += done
        pct = round(100 * done / total) if total else 0
        table.rows.append(Row(name, [str(total), str(done), f"{pct}%"], level=1, chart_value=pct))
    all_pct = round(100 * totals["done"] / totals["total"]) if totals["total"] else 0
    table.rows.insert(
        0,
        Row(
            _("All organisations"),
            [str(totals["total"]), str(totals["done"]), f"{all_pct}%"],
            in_chart=False,
        ),
    )
    table.note = _(
        "For every neighbourhood together: services belong to organisations, not to one neighbourhood."
    )
    return table
