"""What "nothing found" offers: the nearest categories and the neighbourhood's contact point."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.neighbourhoods.queries import ContactPoint, current_neighbourhood
from app.neighbourhoods.queries import contact_point as neighbourhood_contact_point
from app.servicemap.models import Service, service_categories
from app.servicemap.search import fold, search_words, stem
from app.taxonomy.models import Category
from app.taxonomy.synonyms import category_terms

# Two words are near when they share a stem or begin with the same letters, this many at least.
SHARED_PREFIX = 4


@dataclass
class Contact:
    """Whom to ask when the map has no answer: a service on the map, or a name and number."""

    name: str
    phone: str | None
    service: Service | None = None


@dataclass
class NoResults:
    categories: list[Category] = field(default_factory=list)
    contact: Contact | None = None
    # The chosen neighbourhood's own contact point (its wijkpunt), offered above ``contact``.
    neighbourhood_contact: ContactPoint | None = None


def _near(word: str, term_word: str) -> bool:
    if stem(word) == stem(term_word):
        return True
    shared = min(SHARED_PREFIX, len(word), len(term_word))
    return shared >= 3 and word[:shared] == term_word[:shared]


def nearest_categories(
    query: str | None, categories: list[Category], used: dict[int, int], limit: int = 3
) -> list[Category]:
    """Return the categories near the query's words, else the most used (with services only).

    :param used: the number of services on the map per category id.
    """
    with_services = [c for c in categories if used.get(c.id)]
    words = search_words(query)
    near = [
        c
        for c in with_services
        if any(
            _near(word, term_word)
            for term in category_terms(c)
            for term_word in fold(term).split()
            for word in words
        )
    ]
    ranked = near or sorted(with_services, key=lambda c: -used[c.id])
    return ranked[:limit]


def services_per_category() -> dict[int, int]:
    """Return how many services on the map each category has (one query)."""
    rows = db.session.execute(
        select(service_categories.c.category_id, func.count())
        .join(Service, Service.id == service_categories.c.service_id)
        .where(Service.is_active)
        .group_by(service_categories.c.category_id)
    )
    return {int(row[0]): int(row[1]) for row in rows}


def contact_point() -> Contact | None:
    """Return the neighbourhood's contact point (see CONTACT_SERVICE_SLUG in config.py)."""
    config = current_app.config
    slug = config.get("CONTACT_SERVICE_SLUG")
    service = (
        db.session.scalar(
            select(Service)
            .options(joinedload(Service.location))
            .where(Service.slug == slug, Service.is_active)
            .order_by(Service.id)
            .limit(1)
        )
        if slug
        else None
    )
    if service is not None:
        return Contact(name=service.name, phone=service.phone, service=service)
    if config.get("CONTACT_NAME"):
        return Contact(name=config["CONTACT_NAME"], phone=config.get("CONTACT_PHONE"))
    return None


def no_results(query: str | None, categories: list[Category]) -> NoResults:
    """Return what to offer when a search found nothing."""
    here = neighbourhood_contact_point(current_neighbourhood())
    return NoResults(
        categories=nearest_categories(query, categories, services_per_category()),
        contact=contact_point(),
        neighbourhood_contact=here,
    )
