"""Changes to the taxonomy: admins add categories beside the fixed ones."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.taxonomy.models import Category


def slug_taken(slug: str) -> bool:
    return db.session.scalar(select(Category.id).where(Category.slug == slug)) is not None


def add_category(
    slug: str, names: dict[str, str], colour: str, scopes: list[str], is_sensitive: bool = False
) -> Category:
    """Add a category with its name per language, after the existing ones."""
    last = db.session.scalar(select(func.max(Category.sort_order))) or 0
    category = Category(
        slug=slug,
        names=names,
        colour=colour.lower(),
        scopes=scopes,
        is_sensitive=is_sensitive,
        is_builtin=False,
        sort_order=last + 10,
    )
    db.session.add(category)
    db.session.flush()
    return category


def set_synonyms(category: Category, words: list[str]) -> bool:
    """Replace the search words added to ``category``; return whether they changed."""
    cleaned = list(dict.fromkeys(" ".join(w.split()) for w in words if w.strip()))
    if cleaned == (category.synonyms or []):
        return False
    category.synonyms = cleaned
    db.session.flush()
    return True
