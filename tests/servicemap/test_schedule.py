"""Opening hours: what professionals type, and "open now" in Europe/Amsterdam with exceptions."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.servicemap.models import Service
from app.servicemap.schedule import (
    open_now_clause,
    open_status,
    parse_exception_lines,
    parse_periods,
)
from app.servicemap.search import normalise
from tests.servicemap.factories import make_service

# Tuesday 2030-12-24 and Wednesday 2030-12-25; Amsterdam is UTC+1 in winter.
TUE_10_30_LOCAL = datetime(2030, 12, 24, 9, 30, tzinfo=UTC)
WED_10_30_LOCAL = datetime(2030, 12, 25, 9, 30, tzinfo=UTC)
WED_15_00_LOCAL = datetime(2030, 12, 25, 14, 0, tzinfo=UTC)


def test_periods_are_read_in_the_ways_people_write_them():
    assert parse_periods("9:00-12:00, 13.00 – 17:00") == [(time(9), time(12)), (time(13), time(17))]
    assert parse_periods("") == []


@pytest.mark.parametrize(
    "text", ["9-12", "12:00-09:00", "09:00-12:00, 11:00-13:00", "25:00-26:00", "zomaar"]
)
def test_hours_that_make_no_sense_are_refused(text):
    with pytest.raises(ValueError):
        parse_periods(text)


def test_exception_lines_report_the_line_that_is_wrong():
    assert parse_exception_lines("2030-12-25 gesloten Kerst")[0].is_closed
    with pytest.raises(ValueError, match="^2: "):
        parse_exception_lines("2030-12-25 closed\n25 december dicht")


def test_open_now_uses_amsterdam_time_and_says_when_it_closes(app):
    service = make_service(hours={1: "10:00-12:00", 2: "14:00-16:00"})
    status = open_status(service, TUE_10_30_LOCAL)
    assert status.is_open and status.closes_at == time(12)
    # 09:30 UTC is 10:30 in Amsterdam; at 08:30 Amsterdam it is still closed.
    early = open_status(service, datetime(2030, 12, 24, 7, 30, tzinfo=UTC))
    assert not early.is_open and early.opens_next.hour == 10


def test_summer_time_is_taken_into_account(app):
    service = make_service(hours={0: "10:00-11:00"})
    # Monday 2030-07-01 08:30 UTC is 10:30 in Amsterdam (UTC+2).
    assert open_status(service, datetime(2030, 7, 1, 8, 30, tzinfo=UTC)).is_open


def test_a_closed_day_overrides_the_weekly_hours_in_python_and_in_sql(app):
    service = make_service(
        hours={1: "10:00-12:00", 2: "14:00-16:00"},
        exceptions="2030-12-24 closed Kerstavond",
    )
    db.session.commit()
    assert not open_status(service, TUE_10_30_LOCAL).is_open
    found = db.session.scalars(select(Service).where(open_now_clause(TUE_10_30_LOCAL))).all()
    assert found == []


def test_other_hours_on_one_day_replace_the_usual_ones(app):
    service = make_service(
        hours={2: "14:00-16:00"}, exceptions="2030-12-25 10:00-11:00 Kerstochtend"
    )
    db.session.commit()
    assert open_status(service, WED_10_30_LOCAL).is_open
    assert not open_status(service, WED_15_00_LOCAL).is_open
    assert db.session.scalars(select(Service).where(open_now_clause(WED_10_30_LOCAL))).all() == [
        service
    ]
    assert db.session.scalars(select(Service).where(open_now_clause(WED_15_00_LOCAL))).all() == []


def test_search_text_is_lower_case_without_accents():
    assert normalise("Taalcafé Geïnteresseerd ÉÉN") == "taalcafe geinteresseerd een"
