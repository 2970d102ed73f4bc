"""The flat record both exchange formats go through (see the README), and the export.

HSDS 3.0 JSON and a flat CSV layout share one record: the CSV columns below. The import, which
checks every record before it writes any, is in importing.py.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.servicemap.hsds import (
    ACCESSIBILITY_HEARING_LOOP,
    ACCESSIBILITY_WHEELCHAIR,
    ATTR_ACCESS,
    ATTR_CATEGORY,
    ATTR_DEMO,
    ATTR_FREE,
    ATTR_LOCATION_NAME,
    ATTR_TARGET_GROUP,
    ATTR_VERIFIED_AT,
    ATTR_VERIFIED_BY,
    EXCEPTION_CLOSED,
    attribute_values,
    iso_utc,
    page_document,
    service_document,
)
from app.servicemap.models import Service
from app.servicemap.queries import list_options
from app.servicemap.schedule import WEEKDAY_CODES, format_exception, format_periods

COLUMNS = [
    "uuid",
    "name",
    "organisation",
    "description",
    "categories",
    "languages",
    "target_groups",
    "cost",
    "is_free",
    "access",
    "phone",
    "email",
    "website",
    "location_uuid",
    "location_name",
    "address",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "wheelchair_accessible",
    "hearing_loop",
    "hours",
    "exceptions",
    "last_verified_at",
    "verified_by",
    "is_demo",
    "last_modified",
    "status",
]
LIST_SEPARATOR = "|"


# --- export -----------------------------------------------------------------------------------


def _all_services() -> list[Service]:
    return list(
        db.session.scalars(select(Service).options(*list_options()).order_by(Service.id)).unique()
    )


def join_list(values: list[str]) -> str:
    """Join a list for one CSV cell."""
    return LIST_SEPARATOR.join(values)


def _hours_text(service: Service) -> str:
    parts = []
    for index, code in enumerate(WEEKDAY_CODES):
        periods = [(h.opens_at, h.closes_at) for h in service.hours if h.weekday == index]
        if periods:
            parts.append(f"{code.lower()} {format_periods(periods)}")
    return "; ".join(parts)


def flat_record(service: Service) -> dict[str, str]:
    """Return one service as a CSV record (every value as text)."""
    location = service.location
    return {
        "uuid": service.uuid,
        "name": service.name,
        "organisation": service.organisation.name,
        "description": service.description or "",
        "categories": join_list([c.slug for c in service.categories]),
        "languages": join_list(service.language_codes),
        "target_groups": join_list(service.target_groups or []),
        "cost": service.cost or "",
        "is_free": "yes" if service.is_free else "no",
        "access": service.access,
        "phone": service.phone or "",
        "email": service.email or "",
        "website": service.website or "",
        "location_uuid": location.uuid,
        "location_name": location.name,
        "address": location.address,
        "postcode": location.postcode or "",
        "city": location.city,
        "latitude": repr(location.latitude) if location.latitude is not None else "",
        "longitude": repr(location.longitude) if location.longitude is not None else "",
        "wheelchair_accessible": "yes" if location.wheelchair_accessible else "no",
        "hearing_loop": "yes" if location.hearing_loop else "no",
        "hours": _hours_text(service),
        "exceptions": join_list([format_exception(e) for e in service.exceptions]),
        "last_verified_at": iso_utc(service.last_verified_at),
        "verified_by": service.verified_by_name or "",
        "is_demo": "yes" if service.is_demo else "no",
        "last_modified": iso_utc(service.updated_at),
        "status": "active" if service.is_active else "inactive",
    }


def export_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for service in _all_services():
        writer.writerow(flat_record(service))
    return out.getvalue()


def export_hsds_json() -> str:
    items = [service_document(s, private=True) for s in _all_services()]
    document = page_document(items, total=len(items), page=1, per_page=max(1, len(items)))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- HSDS to the flat record ------------------------------------------------------------------


def flat_from_hsds(doc: dict[str, Any]) -> dict[str, str]:
    """Turn one HSDS service document into the CSV record it stands for."""
    sal = (doc.get("service_at_locations") or [{}])[0] or {}
    location = sal.get("location") or {}
    address = (location.get("addresses") or [{}])[0] or {}
    accessibility = {a.get("description") for a in location.get("accessibility") or []}
    hours: dict[str, list[str]] = {}
    exceptions = []
    for schedule in doc.get("schedules") or []:
        notes = schedule.get("notes") or ""
        if notes.startswith("exception"):
            day = schedule.get("valid_from", "")
            note = schedule.get("description") or ""
            if notes == EXCEPTION_CLOSED:
                exceptions.append(f"{day} closed {note}".strip())
            else:
                exceptions.append(
                    f"{day} {schedule.get('opens_at', '')}-{schedule.get('closes_at', '')} {note}".strip()
                )
        else:
            code = str(schedule.get("byday") or "").lower()
            hours.setdefault(code, []).append(
                f"{schedule.get('opens_at', '')}-{schedule.get('closes_at', '')}"
            )
    names = attribute_values(doc, ATTR_LOCATION_NAME)
    phones = doc.get("phones") or []
    return {
        "uuid": str(doc.get("id") or ""),
        "name": str(doc.get("name") or ""),
        "organisation": str((doc.get("organization") or {}).get("name") or ""),
        "description": str(doc.get("description") or ""),
        "categories": join_list(attribute_values(doc, ATTR_CATEGORY)),
        "languages": join_list(
            [str(lang.get("code") or "") for lang in doc.get("languages") or []]
        ),
        "target_groups": join_list(attribute_values(doc, ATTR_TARGET_GROUP)),
        "cost": str(doc.get("fees_description") or ""),
        "is_free": "yes" if attribute_values(doc, ATTR_FREE) == ["true"] else "no",
        "access": (attribute_values(doc, ATTR_ACCESS) or ["walk_in"])[0],
        "phone": str(phones[0].get("number") or "") if phones else "",
        "email": str(doc.get("email") or ""),
        "website": str(doc.get("url") or ""),
        "location_uuid": str(location.get("id") or ""),
        "location_name": names[0] if names else str(location.get("name") or ""),
        "address": str(address.get("address_1") or ""),
        "postcode": str(address.get("postal_code") or ""),
        "city": str(address.get("city") or ""),
        "latitude": repr(location["latitude"]) if location.get("latitude") is not None else "",
        "longitude": repr(location["longitude"]) if location.get("longitude") is not None else "",
        "wheelchair_accessible": "yes" if ACCESSIBILITY_WHEELCHAIR in accessibility else "no",
        "hearing_loop": "yes" if ACCESSIBILITY_HEARING_LOOP in accessibility else "no",
        "hours": "; ".join(
            f"{code} {', '.join(periods)}"
            for code, periods in sorted(hours.items(), key=lambda kv: weekday_index(kv[0]))
        ),
        "exceptions": join_list(exceptions),
        "last_verified_at": (attribute_values(doc, ATTR_VERIFIED_AT) or [""])[0],
        "verified_by": (attribute_values(doc, ATTR_VERIFIED_BY) or [""])[0],
        "is_demo": "yes" if attribute_values(doc, ATTR_DEMO) == ["true"] else "no",
        "last_modified": str(doc.get("last_modified") or ""),
        "status": str(doc.get("status") or "active"),
    }


def weekday_index(code: str) -> int:
    """Return the index (0 = Monday) of a weekday code like "mo"; 99 for anything else."""
    try:
        return WEEKDAY_CODES.index(code.upper())
    except ValueError:
        return 99
