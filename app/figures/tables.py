"""The figures as tables: counts of two periods, suppressed, ready for the page, chart and CSV.

A table holds text only (what the page and the CSV show, the same strings), plus for its chart
the shown numbers of its first column. Counts of people go through :mod:`suppression`, one tree
of sums per column; a total that one table must hide is hidden in every table that shows it, so
that no table gives away what another hides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.figures.suppression import THRESHOLD, Shown, Tree, flat, suppress

NOT_COMPUTED = "–"


@dataclass
class Row:
    """One row: its label, its cells as text, and its depth (a category under its pillar)."""

    label: str
    cells: list[str]
    level: int = 0
    chart_value: int | None = None  # the first column's number when shown
    in_chart: bool = True


@dataclass
class FigureTable:
    """A titled table of figures, with the rows its chart draws."""

    slug: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    def chart_rows(self) -> list[Row]:
        return [r for r in self.rows if r.in_chart]

    def csv_rows(self) -> list[list[str]]:
        """Return the table as the CSV has it: the header, then each row."""
        return [["", *self.columns], *[[r.label, *r.cells] for r in self.rows]]


class Suppressor:
    """Suppress trees of counts so that totals shared between tables agree everywhere.

    Register every tree first (:meth:`add`); :meth:`run` then suppresses them, and when a tree
    had to hide its total, suppresses every tree with that total again with it hidden.
    """

    def __init__(self) -> None:
        self._trees: list[tuple[Any, Tree, Mapping[Any, int]]] = []
        self.result: list[dict[Any, Shown]] = []

    def add(self, total_name: Any, tree: Tree, values: Mapping[Any, int]) -> int:
        """Register a tree whose root is the shared total ``total_name``; return its index."""
        self._trees.append((total_name, tree, values))
        return len(self._trees) - 1

    def run(self) -> None:
        forced: set[Any] = set()
        while True:
            self.result = []
            for name, tree, values in self._trees:
                hide = frozenset({tree.root}) if name in forced else frozenset()
                self.result.append(suppress(tree, values, keep=frozenset({tree.root}), hide=hide))
            newly = {
                name
                for (name, tree, _v), shown in zip(self._trees, self.result, strict=True)
                if shown[tree.root].hidden and name not in forced
            }
            if not newly:
                return
            forced |= newly

    def __getitem__(self, index: int) -> dict[Any, Shown]:
        return self.result[index]


def single(count: int) -> Shown:
    """Suppress one count on its own (a total that is the sum of nothing shown)."""
    return suppress(flat("n", []), {"n": count})["n"]


def change(now: Shown, before: Shown) -> str:
    """The difference between two shown counts; not computed when either is hidden."""
    if now.value is None or before.value is None:
        return NOT_COMPUTED
    return f"{now.value - before.value:+d}"


def share(part: Shown, whole: Shown) -> str:
    """``part`` as a percentage of ``whole``, when both are shown."""
    if part.value is None or whole.value is None or whole.value == 0:
        return NOT_COMPUTED
    return f"{round(100 * part.value / whole.value)}%"


def percentile(histogram: Mapping[int, int], fraction: float) -> int | None:
    """Return the value below which ``fraction`` of the counted items lie (nearest rank)."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, -(-int(round(fraction * total * 1000)) // 1000))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)


def waiting_time(histogram: Mapping[int, int], fraction: float) -> str:
    """A percentile of hours to the first claim as text; hidden under ``THRESHOLD`` questions."""
    if sum(histogram.values()) < THRESHOLD:
        return f"<{THRESHOLD}"
    hours = percentile(histogram, fraction)
    return NOT_COMPUTED if hours is None else str(hours)


def tree_rows(
    keys: Sequence[tuple[Any, str, int]],
    columns: Sequence[dict[Any, Shown]],
    *,
    chart_level: int = 1,
) -> list[Row]:
    """Rows for ``keys`` ((key, label, level)) with one cell per suppressed column."""
    rows = []
    for key, label, level in keys:
        first = columns[0][key] if columns else None
        rows.append(
            Row(
                label,
                [column[key].text() for column in columns],
                level=level,
                chart_value=first.value if first is not None else None,
                in_chart=level == chart_level,
            )
        )
    return rows


def two_periods(
    values: Callable[[int], Mapping[Any, int]], tree: Tree, name: str, sup: Suppressor
) -> tuple[int, int]:
    """Register ``tree`` for this period (0) and the one before (1); return both indexes."""
    return sup.add((name, 0), tree, values(0)), sup.add((name, 1), tree, values(1))
