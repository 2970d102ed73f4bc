"""Categories: a fixed, translatable list that admins can extend."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model

# The five pillars of the Nationaal Programma Dordt West; each category belongs to one, so that
# the figures (app/figures) can be read per pillar. Words: app/taxonomy/pillars.py.
PILLARS = ("housing", "health", "learning", "work", "safety")


class Category(Model):
    """One category, e.g. "money and debt".

    The fixed categories (``is_builtin``) take their names from the message catalogues, so that
    they are translated like every other text; categories that admins add carry their names per
    language in ``names`` (``{"nl": …, "en": …}``).
    """

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    icon: Mapped[str] = mapped_column(String(40), default="dot")
    colour: Mapped[str] = mapped_column(String(7), default="#4b5563")
    sort_order: Mapped[int] = mapped_column(Integer, default=100)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Questions in sensitive categories are for professionals only (see DESIGN.md).
    is_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    # Public-space matters (litter, rats, street lights) go to the municipality's reporting service.
    is_public_space: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the category is offered: the map ("map"), the calendar ("calendar"), the board ("board").
    scopes: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["map", "calendar", "board"])
    names: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # One of PILLARS (None: not yet placed by an admin).
    pillar: Mapped[str | None] = mapped_column(String(20))
    # Search words that professionals and admins added (beside the built-in ones, synonyms.py).
    synonyms: Mapped[list[str] | None] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"<Category {self.slug}>"

    @property
    def name(self) -> str:
        """The category's name in the language of the current request."""
        from app.core.i18n import current_language
        from app.taxonomy.builtin import BUILTIN_NAMES

        if self.is_builtin and self.slug in BUILTIN_NAMES:
            return gettext(BUILTIN_NAMES[self.slug])
        names = self.names or {}
        return names.get(current_language()) or names.get("nl") or names.get("en") or self.slug
