"""Services in the shape of Open Referral HSDS 3.0, and back.

What HSDS has no field for (how to get it, target groups, free or not, demo, when checked and by
whom) travels as ``attributes`` with a ``wijkplein-…`` taxonomy, so an export imports without loss.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time
from typing import Any

from app.servicemap.models import Service
from app.servicemap.schedule import WEEKDAY_CODES

NAMESPACE = uuid.UUID("6f1c1a4e-2d8e-4b53-9a57-1f3c0b7d2a10")

ATTR_CATEGORY = "wijkplein-category"
ATTR_ACCESS = "wijkplein-access"
ATTR_TARGET_GROUP = "wijkplein-target-group"
ATTR_FREE = "wijkplein-free"
ATTR_DEMO = "wijkplein-demo"
ATTR_VERIFIED_AT = "wijkplein-last-verified-at"
ATTR_VERIFIED_BY = "wijkplein-verified-by"
ATTR_LOCATION_NAME = "wijkplein-location-name"
EXCEPTION_CLOSED = "exception: closed"
EXCEPTION_OPEN = "exception: open"
ACCESSIBILITY_WHEELCHAIR = "wheelchair"
ACCESSIBILITY_HEARING_LOOP = "hearing loop"


def stable_id(*parts: object) -> str:
    """A UUID derived from ``parts``, the same on every export."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _attribute(service_uuid: str, taxonomy: str, value: str, name: str | None = None) -> dict:
    term_id = stable_id("term", taxonomy, value if taxonomy == ATTR_CATEGORY else taxonomy)
    return {
        "id": stable_id("attribute", service_uuid, taxonomy, value),
        "link_id": service_uuid,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "value": value,
        "taxonomy_term": {
            "id": term_id,
            "code": value if taxonomy == ATTR_CATEGORY else taxonomy,
            "name": name or taxonomy,
            "description": name or taxonomy,
            "taxonomy": taxonomy,
        },
    }


def iso_utc(value: datetime | None) -> str:
    """ISO 8601 with the time zone (SQLite hands back naive values, stored in UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def organisation_document(organisation) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": stable_id("organisation", organisation.name),
        "name": organisation.name,
        "description": organisation.description or "",
    }
    if organisation.email:
        doc["email"] = organisation.email
    if organisation.website:
        doc["website"] = organisation.website
    return doc


def location_document(location) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": location.uuid,
        "location_type": "physical",
        "name": location.name,
        "addresses": [
            {
                "id": stable_id("address", location.uuid),
                "location_id": location.uuid,
                "address_1": location.address,
                "city": location.city,
                "state_province": "Zuid-Holland",
                "postal_code": location.postcode or "",
                "country": "NL",
                "address_type": "physical",
            }
        ],
        "accessibility": [],
    }
    if location.latitude is not None and location.longitude is not None:
        doc["latitude"] = location.latitude
        doc["longitude"] = location.longitude
    for flag, label in (
        (location.wheelchair_accessible, ACCESSIBILITY_WHEELCHAIR),
        (location.hearing_loop, ACCESSIBILITY_HEARING_LOOP),
    ):
        if flag:
            doc["accessibility"].append(
                {
                    "id": stable_id("accessibility", location.uuid, label),
                    "location_id": location.uuid,
                    "description": label,
                }
            )
    return doc


def service_document(service: Service, *, private: bool = False) -> dict[str, Any]:
    """Return ``service`` as one HSDS 3.0 service with its related objects nested.

    :param private: include who checked it last (for file exports, not the public API).
    """
    sid = service.uuid
    org = organisation_document(service.organisation)
    location = location_document(service.location)
    sal_id = stable_id("service_at_location", sid, service.location.uuid)
    doc: dict[str, Any] = {
        "id": sid,
        "organization_id": org["id"],
        "name": service.name,
        "description": service.description or "",
        "status": "active" if service.is_active else "inactive",
        "fees_description": service.cost or "",
        "eligibility_description": ", ".join(service.target_groups or []),
        "last_modified": iso_utc(service.updated_at or service.created_at or datetime.now(UTC)),
        "organization": org,
        "phones": [],
        "schedules": [],
        "languages": [
            {"id": stable_id("language", sid, code), "service_id": sid, "code": code}
            for code in service.language_codes
        ],
        "service_at_locations": [
            {"id": sal_id, "service_id": sid, "location_id": location["id"], "location": location}
        ],
        "attributes": [],
    }
    if service.email:
        doc["email"] = service.email
    if service.website:
        doc["url"] = service.website
    if service.phone:
        doc["phones"].append(
            {"id": stable_id("phone", sid), "service_id": sid, "number": service.phone}
        )
    if service.last_verified_at:
        doc["assured_date"] = service.last_verified_at.date().isoformat()
    for hours in service.hours:
        code = WEEKDAY_CODES[hours.weekday]
        doc["schedules"].append(
            {
                "id": stable_id("schedule", sid, code, _hhmm(hours.opens_at)),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": code,
                "opens_at": _hhmm(hours.opens_at),
                "closes_at": _hhmm(hours.closes_at),
            }
        )
    for exception in service.exceptions:
        entry: dict[str, Any] = {
            "id": stable_id("exception", sid, exception.day.isoformat()),
            "service_id": sid,
            "valid_from": exception.day.isoformat(),
            "valid_to": exception.day.isoformat(),
            "notes": EXCEPTION_CLOSED if exception.is_closed else EXCEPTION_OPEN,
            "description": exception.note or "",
        }
        if not exception.is_closed:
            entry["opens_at"] = _hhmm(exception.opens_at)
            entry["closes_at"] = _hhmm(exception.closes_at)
        doc["schedules"].append(entry)
    attrs = doc["attributes"]
    for category in service.categories:
        attrs.append(_attribute(sid, ATTR_CATEGORY, category.slug, category.name))
    attrs.append(_attribute(sid, ATTR_ACCESS, service.access))
    for group in service.target_groups or []:
        attrs.append(_attribute(sid, ATTR_TARGET_GROUP, group))
    attrs.append(_attribute(sid, ATTR_FREE, "true" if service.is_free else "false"))
    if service.is_demo:
        attrs.append(_attribute(sid, ATTR_DEMO, "true"))
    if service.location.name:
        attrs.append(_attribute(sid, ATTR_LOCATION_NAME, service.location.name))
    if service.last_verified_at:
        attrs.append(_attribute(sid, ATTR_VERIFIED_AT, iso_utc(service.last_verified_at)))
    if private and service.verified_by_name:
        attrs.append(_attribute(sid, ATTR_VERIFIED_BY, service.verified_by_name))
    return doc


def page_document(
    items: list[dict[str, Any]], *, total: int, page: int, per_page: int
) -> dict[str, Any]:
    """Wrap ``items`` in HSDS's paginated envelope."""
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": items,
    }


# --- reading HSDS back ------------------------------------------------------------------------


def attribute_values(doc: dict[str, Any], taxonomy: str) -> list[str]:
    values = []
    for attr in doc.get("attributes") or []:
        term = attr.get("taxonomy_term") or {}
        if term.get("taxonomy") == taxonomy and attr.get("value") is not None:
            values.append(str(attr["value"]))
    return values
