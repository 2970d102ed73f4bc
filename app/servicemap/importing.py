"""Import of services from HSDS 3.0 JSON or the flat CSV layout (see the README).

Both formats become the flat record of exchange.py first, so they share validation. An import
checks every record first; with any bad record it raises ImportFailed listing each one, and
writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.organisations.models import Organisation
from app.places.models import Location
from app.servicemap.exchange import LIST_SEPARATOR, flat_from_hsds, weekday_index
from app.servicemap.models import ACCESS_CHOICES, Service
from app.servicemap.operations import (
    ServiceData,
    apply_service_data,
    create_service,
    record_change,
    snapshot,
)
from app.servicemap.schedule import (
    ExceptionLine,
    parse_exception_lines,
    parse_periods,
)
from app.taxonomy.models import Category

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Problem:
    line: int
    reason: str


class ImportFailed(Exception):
    """Some records are bad; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} bad record(s)")
        self.problems = problems


# --- validation and writing -------------------------------------------------------------------


@dataclass
class ParsedRecord:
    line: int
    uuid: str | None
    organisation_name: str
    location_uuid: str | None
    data: ServiceData
    last_verified_at: datetime | None
    verified_by: str | None
    last_modified: datetime | None
    is_active: bool = True


def _yes_no(value: str, column: str, errors: list[str]) -> bool:
    value = (value or "").strip().lower()
    if value in {"yes", "ja", "true", "1"}:
        return True
    if value in {"", "no", "nee", "false", "0"}:
        return False
    errors.append(f"{column}: write yes or no, not {value!r}")
    return False


def _float(value: str, column: str, low: float, high: float, errors: list[str]) -> float | None:
    if not (value or "").strip():
        return None
    try:
        number = float(value)
    except ValueError:
        errors.append(f"{column}: not a number: {value!r}")
        return None
    if not low <= number <= high:
        errors.append(f"{column}: {number} is outside {low}..{high}")
    return number


def _datetime(value: str, column: str, errors: list[str]) -> datetime | None:
    if not (value or "").strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"{column}: not a date and time (ISO 8601): {value!r}")
        return None
    if parsed.tzinfo is None:
        errors.append(f"{column}: give a time zone, e.g. {value}+00:00")
    return parsed


def _parse_hours(text: str, errors: list[str]) -> dict[int, list]:
    hours: dict[int, list] = {}
    for chunk in (text or "").split(";"):
        if not chunk.strip():
            continue
        code, _sep, periods = chunk.strip().partition(" ")
        index = weekday_index(code)
        if index == 99:
            errors.append(f"hours: unknown day {code!r} (use mo, tu, we, th, fr, sa, su)")
            continue
        try:
            hours[index] = parse_periods(periods)
        except ValueError as exc:
            errors.append(f"hours: cannot read {exc} on {code}")
    return hours


def parse_record(
    line: int,
    row: dict[str, str],
    categories: dict[str, Category],
) -> ParsedRecord | list[str]:
    """Check one flat record; return it parsed, or the list of what is wrong with it."""
    errors: list[str] = []
    get = lambda key: (row.get(key) or "").strip()  # noqa: E731
    uuid = get("uuid").lower() or None
    if uuid and not _UUID.match(uuid):
        errors.append(f"uuid: not a UUID: {uuid!r}")
    if not get("name"):
        errors.append("name: empty")
    elif len(get("name")) > 200:
        errors.append("name: longer than 200 characters")
    if not get("organisation"):
        errors.append("organisation: empty")
    if not get("address"):
        errors.append("address: empty")
    slugs = [s.strip() for s in get("categories").split(LIST_SEPARATOR) if s.strip()]
    unknown = [s for s in slugs if s not in categories]
    if unknown:
        errors.append(f"categories: unknown {', '.join(unknown)}")
    languages = [s.strip() for s in get("languages").split(LIST_SEPARATOR) if s.strip()]
    bad_languages = [s for s in languages if not _LANGUAGE.match(s)]
    if bad_languages:
        errors.append(f"languages: not a language code: {', '.join(bad_languages)}")
    access = get("access") or "walk_in"
    if access not in ACCESS_CHOICES:
        errors.append(f"access: use one of {', '.join(ACCESS_CHOICES)}, not {access!r}")
    email = get("email")
    if email and not _EMAIL.match(email):
        errors.append(f"email: not an email address: {email!r}")
    website = get("website")
    if website and not website.startswith(("http://", "https://")):
        errors.append(f"website: must start with https://, not {website!r}")
    location_uuid = get("location_uuid").lower() or None
    if location_uuid and not _UUID.match(location_uuid):
        errors.append(f"location_uuid: not a UUID: {location_uuid!r}")
    lat = _float(get("latitude"), "latitude", -90, 90, errors)
    lon = _float(get("longitude"), "longitude", -180, 180, errors)
    if (lat is None) != (lon is None):
        errors.append("latitude/longitude: give both or neither")
    hours = _parse_hours(get("hours"), errors)
    exceptions: list[ExceptionLine] = []
    try:
        exceptions = parse_exception_lines("\n".join(get("exceptions").split(LIST_SEPARATOR)))
    except ValueError as exc:
        errors.append(f"exceptions: cannot read {exc}")
    flags = {
        name: _yes_no(get(name), name, errors)
        for name in ("is_free", "wheelchair_accessible", "hearing_loop", "is_demo")
    }
    verified_at = _datetime(get("last_verified_at"), "last_verified_at", errors)
    modified = _datetime(get("last_modified"), "last_modified", errors)
    status = get("status") or "active"
    if status not in {"active", "inactive"}:
        errors.append(f"status: use active or inactive, not {status!r}")
    if errors:
        return errors
    data = ServiceData(
        name=get("name"),
        organisation=None,  # type: ignore[arg-type]  # resolved when writing
        description=row.get("description") or "",
        categories=[categories[s] for s in slugs],
        languages=languages,
        target_groups=[
            s for s in (row.get("target_groups") or "").split(LIST_SEPARATOR) if s.strip()
        ],
        cost=get("cost"),
        is_free=flags["is_free"],
        access=access,
        phone=get("phone") or None,
        email=email or None,
        website=website or None,
        location_name=get("location_name"),
        address=get("address"),
        postcode=get("postcode") or None,
        city=get("city") or "Dordrecht",
        latitude=lat,
        longitude=lon,
        wheelchair_accessible=flags["wheelchair_accessible"],
        hearing_loop=flags["hearing_loop"],
        hours=hours,
        exceptions=exceptions,
        is_demo=flags["is_demo"],
    )
    return ParsedRecord(
        line,
        uuid,
        get("organisation"),
        location_uuid,
        data,
        verified_at,
        get("verified_by") or None,
        modified,
        is_active=status == "active",
    )


def import_records(records: list[tuple[int, dict[str, str]]]) -> int:
    """Check every record, then write them all; raise ImportFailed (writing nothing) on any bad one."""
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    parsed: list[ParsedRecord] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, row in records:
        result = parse_record(line, row, categories)
        if isinstance(result, list):
            problems.extend(Problem(line, reason) for reason in result)
            continue
        if result.uuid and result.uuid in seen:
            problems.append(Problem(line, f"uuid: also on line {seen[result.uuid]}"))
            continue
        if result.uuid:
            seen[result.uuid] = line
        parsed.append(result)
    if problems:
        raise ImportFailed(problems)
    for record in parsed:
        _write(record)
    db.session.flush()
    return len(parsed)


def _organisation(name: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def _write(record: ParsedRecord) -> None:
    record.data.organisation = _organisation(record.organisation_name)
    existing = (
        db.session.scalar(select(Service).where(Service.uuid == record.uuid))
        if record.uuid
        else None
    )
    if existing is None:
        service = create_service(record.data, None, verify=False)
        if record.uuid:
            service.uuid = record.uuid
        if record.location_uuid and service.location.uuid != record.location_uuid:
            clash = db.session.scalar(select(Location).where(Location.uuid == record.location_uuid))
            if clash is None:
                service.location.uuid = record.location_uuid
        action_changes: dict[str, Any] = {}
    else:
        before = snapshot(existing)
        apply_service_data(existing, record.data)
        service = existing
        after = snapshot(service)
        action_changes = {
            k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v
        }
        if not action_changes and _same_record_state(service, record):
            return  # an unchanged record: its last_modified and history stay as they are
    service.last_verified_at = record.last_verified_at
    service.is_active = record.is_active
    service.verified_by_id = None
    service.verified_by_name = record.verified_by
    if record.last_modified is not None:
        service.updated_at = record.last_modified
    db.session.flush()
    record_change(service, None, "imported", action_changes)


def _same_time(stored: datetime | None, given: datetime | None) -> bool:
    """Tell whether two moments are equal to the second (an export writes whole seconds)."""
    if stored is None or given is None:
        return stored is given
    if stored.tzinfo is None:
        stored = stored.replace(tzinfo=UTC)
    if given.tzinfo is None:
        given = given.replace(tzinfo=UTC)
    return abs((stored - given).total_seconds()) < 1


def _same_record_state(service: Service, record: ParsedRecord) -> bool:
    """Tell whether what an import writes besides the fields is what ``service`` has."""
    return (
        _same_time(service.last_verified_at, record.last_verified_at)
        and service.is_active == record.is_active
        and (service.verified_by_name or None) == (record.verified_by or None)
        and (record.last_modified is None or _same_time(service.updated_at, record.last_modified))
    )


def import_csv(text: str) -> int:
    """Import the CSV layout; line numbers in problems are the file's lines (header = 1)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("name", "organisation", "address") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([Problem(1, f"header: missing column(s) {', '.join(missing)}")])
    records = []
    for row in reader:
        records.append((reader.line_num, {k: v for k, v in row.items() if k is not None}))
    return import_records(records)


def import_hsds_json(text: str) -> int:
    """Import HSDS 3.0 services (an API page with "contents", or a list of services)."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ImportFailed([Problem(getattr(exc, "lineno", 1), f"not JSON: {exc}")]) from exc
    items = document.get("contents") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportFailed([Problem(1, 'expected a list of services or an object with "contents"')])
    records = []
    problems = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, "not a service object"))
            continue
        records.append((number, flat_from_hsds(item)))
    if problems:
        raise ImportFailed(problems)
    return import_records(records)
