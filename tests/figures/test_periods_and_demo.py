"""Periods and the period before them; and the demo's figures for Crabbehof."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from app.figures.periods import Period, period_for
from app.figures.tables import percentile


def test_a_month_quarter_year_or_chosen_dates_and_the_period_of_the_same_length_before():
    assert period_for("month", date(2026, 3, 15)) == Period(date(2026, 3, 1), date(2026, 3, 31))
    assert period_for("month", date(2026, 3, 15)).previous() == Period(
        date(2026, 1, 29), date(2026, 2, 28)
    )
    quarter = period_for("quarter", date(2026, 11, 2))
    assert quarter == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert quarter.previous() == Period(date(2026, 7, 1), date(2026, 9, 30))
    year = period_for("year", date(2026, 6, 1))
    assert year.days == 365 and year.previous() == Period(date(2025, 1, 1), date(2025, 12, 31))
    chosen = period_for("custom", date(2026, 10, 10), date(2026, 10, 19))
    assert chosen.days == 10 and chosen.previous() == Period(date(2026, 9, 30), date(2026, 10, 9))
    # An end before the start means the one day; far-off dates stay within range.
    assert period_for("custom", date(2026, 10, 10), date(2000, 1, 1)).days == 1
    assert period_for("year", date(2999, 12, 31)).previous().first.year < 2999


def test_median_and_90th_percentile_by_nearest_rank():
    hours = dict.fromkeys(range(1, 12), 1)  # 1 … 11 hours, one question each
    assert percentile(hours, 0.5) == 6 and percentile(hours, 0.9) == 10
    assert percentile({}, 0.5) is None


def test_the_demo_shows_crabbehof_as_charts_with_tables_and_small_cells(
    runner, login_as, get_page, client
):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    login_as("professional")
    url = f"/beheer/cijfers?wijk=crabbehof&soort=year&van={date.today()}"
    page = get_page(url)
    assert len(page.select("svg[role=img]")) >= 8
    cells = [td.get_text(strip=True) for td in page.select("main td")]
    assert "<10" in cells
    assert any(re.fullmatch(r"\d+", c) and int(c) >= 10 for c in cells)
    response = client.get(url.replace("cijfers?", "cijfers/categories.csv?"))
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    table = page.find("section", attrs={"aria-labelledby": "fig-categories"})
    shown = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table("tr")]
    assert rows == shown
