"""Charts of the figures: horizontal bars drawn on the server as SVG by leather.

leather writes plain SVG with its styling as attributes (no ``<script>``, no ``<style>``), so the
chart goes inline into the page under the strict CSP (see RECIPES). The numbers are in the
table beside it; the SVG is a picture of that table (``role="img"`` with the table's title), and
a hidden cell ("<10") is drawn as an empty bar with "<10" in its label.
"""

from __future__ import annotations

import re

import leather  # type: ignore[import-untyped]
from markupsafe import Markup

from app.figures.tables import FigureTable

WIDTH = 640
ROW_HEIGHT = 34
BAR_COLOUR = "#1d4ed8"

# Dark text on white for every label (WCAG AA), system fonts instead of leather's Monaco.
for name in ("title_color", "label_color", "tick_color", "legend_color", "axis_title_color"):
    setattr(leather.theme, name, "#1f2937")
for name in (
    "title_font_family",
    "tick_font_family",
    "legend_font_family",
    "axis_title_font_family",
):
    setattr(leather.theme, name, "sans-serif")
leather.theme.background_color = "#ffffff"


def _svg_attributes(svg: str, title: str) -> str:
    """Let the SVG scale with the page and name it for screen readers."""
    svg = re.sub(r'^<svg width="(\d+)" height="(\d+)"', r'<svg viewBox="0 0 \1 \2"', svg, count=1)
    escaped = Markup.escape(title)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escaped}" class="wp-fig-chart" ', 1)


def bar_chart(table: FigureTable) -> Markup | None:
    """Draw the first column of ``table``'s chart rows as bars; None when there is nothing."""
    rows = table.chart_rows()
    if not rows:
        return None
    data = []
    for row in rows:
        shown = row.chart_value
        text = row.label if shown is not None else f"{row.label} ({row.cells[0]})"
        data.append((shown or 0, text[:40]))
    if not any(value for value, _ in data):
        data[0] = (0, data[0][1])
    chart = leather.Chart()
    chart.add_bars(list(reversed(data)), fill_color=BAR_COLOUR)
    height = 80 + ROW_HEIGHT * len(data)
    svg = chart.to_svg(width=WIDTH, height=height)
    # leather's own SVG: it escapes every label it writes.
    return Markup(_svg_attributes(svg, table.title))  # noqa: S704  # nosec B704
