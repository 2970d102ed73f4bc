"""The charts go into the page as markup: whatever an admin typed as a name stays text."""

from __future__ import annotations

from app.figures.charts import bar_chart
from app.figures.tables import FigureTable, Row


def test_a_category_name_with_markup_is_drawn_as_text_and_the_title_as_an_attribute():
    table = FigureTable(
        slug="questions",
        title='Vragen "per" <onderwerp>',
        columns=["Deze periode"],
        rows=[Row(label="<script>alert(1)</script>", cells=["12"], chart_value=12)],
    )
    svg = str(bar_chart(table))
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert 'aria-label="Vragen &#34;per&#34; &lt;onderwerp&gt;"' in svg
    assert svg.startswith("<svg ") and 'role="img"' in svg
