"""flask map import/export: HSDS JSON and CSV round-trip without loss; bad files import nothing."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.places.models import Location
from app.servicemap.exchange import COLUMNS, export_csv, export_hsds_json
from app.servicemap.models import Service
from tests.factories import make_organisation
from tests.servicemap.factories import make_service


def _sample() -> None:
    organisation = make_organisation(name="Stichting Dordrecht Sociaal", email="info@ds.example")
    make_service(
        "Taalcafé",
        organisation=organisation,
        description='Oefen **Nederlands**.\nMet "quotes", komma\'s | en pipes.',
        categories=("language-and-learning", "meeting-people"),
        languages=("nl", "ar"),
        hours={1: "14:00-16:00, 18:00-20:00", 3: "19:00-21:00"},
        exceptions="2030-12-25 closed Kerst\n2030-12-24 10:00-12:00 korte dag",
        phone="078 123 40 02",
        email="taal@ds.example",
        website="https://ds.example/taal",
        target_groups=["nieuwkomers", "volwassenen"],
        cost="€ 1",
        is_free=False,
        access="appointment",
        address="Karel Doormanweg 2",
        location_name="Buurthuis Crabbehoeve",
        wheelchair_accessible=True,
        hearing_loop=True,
        is_demo=True,
        checked_days_ago=200,
    )
    make_service(
        "Buurthuiskamer",
        organisation=organisation,
        address="Karel Doormanweg 2",
        hours={},
        checked_days_ago=None,
    )
    make_service("Zonder plek", latitude=None, longitude=None, postcode=None)
    db.session.commit()


def _empty_services() -> None:
    for service in db.session.scalars(select(Service)):
        db.session.delete(service)
    db.session.flush()
    for location in db.session.scalars(select(Location)):
        db.session.delete(location)
    db.session.commit()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_an_empty_map_loses_nothing(app, runner, tmp_path, fmt):
    _sample()
    first = tmp_path / f"first.{fmt}"
    assert runner.invoke(args=["map", "export", str(first)]).exit_code == 0
    _empty_services()
    result = runner.invoke(args=["map", "import", str(first)])
    assert result.exit_code == 0, result.output
    assert "Imported 3" in result.output
    second = tmp_path / f"second.{fmt}"
    assert runner.invoke(args=["map", "export", str(second)]).exit_code == 0
    assert second.read_text() == first.read_text()
    # The two services at one place share it again.
    assert db.session.scalar(select(func.count()).select_from(Location)) == 2


def test_importing_an_export_again_updates_in_place(app, runner, tmp_path):
    _sample()
    path = tmp_path / "map.csv"
    path.write_text(export_csv())
    assert runner.invoke(args=["map", "import", str(path)]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Service)) == 3
    assert export_csv() == path.read_text()


def test_a_csv_with_bad_rows_reports_each_and_imports_nothing(app, runner, tmp_path):
    _sample()
    rows = list(csv.DictReader(io.StringIO(export_csv())))
    _empty_services()
    rows[0]["categories"] = "no-such-category"
    rows[2]["latitude"] = "north"
    rows[2]["hours"] = "mo 9 tot 5"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "bad.csv"
    path.write_text(out.getvalue())
    result = runner.invoke(args=["map", "import", str(path)])
    assert result.exit_code != 0
    # The first row spans several lines (its description has a line break).
    assert "line 3: categories: unknown no-such-category" in result.output
    assert "latitude: not a number" in result.output
    assert "hours: cannot read" in result.output
    assert "nothing was imported" in result.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0


def test_a_json_file_with_a_bad_service_imports_nothing(app, runner, tmp_path):
    _sample()
    with app.test_request_context():
        text = export_hsds_json().replace('"name": "Zonder plek"', '"name": ""')
    _empty_services()
    path = tmp_path / "bad.json"
    path.write_text(text)
    result = runner.invoke(args=["map", "import", str(path)])
    assert result.exit_code != 0
    assert "line 3: name: empty" in result.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0


def test_a_file_that_is_not_json_is_refused(app, runner, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    result = runner.invoke(args=["map", "import", str(path)])
    assert result.exit_code != 0 and "not JSON" in result.output


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_importing_an_unchanged_export_changes_nothing(app, runner, tmp_path, fmt):
    """Issue 9.9: no service's last_modified moves and its history gains no entry."""
    from app.places.models import Location as Place
    from app.servicemap.models import ServiceChange

    _sample()
    path = tmp_path / f"map.{fmt}"
    assert runner.invoke(args=["map", "export", str(path)]).exit_code == 0

    def state():
        db.session.expire_all()
        services = {
            s.uuid: (s.updated_at, s.last_verified_at, s.is_active, s.verified_by_name)
            for s in db.session.scalars(select(Service))
        }
        places = {p.uuid: p.updated_at for p in db.session.scalars(select(Place))}
        history = db.session.scalars(select(ServiceChange.id).order_by(ServiceChange.id)).all()
        return services, places, history

    before = state()
    result = runner.invoke(args=["map", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert state() == before
    again = tmp_path / f"again.{fmt}"
    assert runner.invoke(args=["map", "export", str(again)]).exit_code == 0
    assert again.read_text() == path.read_text()
