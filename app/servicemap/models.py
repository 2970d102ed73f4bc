"""Models of the social map: services, their hours and exceptions, changes and corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import TimestampMixin, new_uuid, utcnow
from app.extensions import Model, db
from app.media.models import Image
from app.organisations.models import Organisation
from app.places.models import Location
from app.servicemap import search_schema
from app.taxonomy.models import Category

if TYPE_CHECKING:
    from app.accounts.models import User


service_categories = Table(
    "service_categories",
    db.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
)

# How a resident gets the service.
ACCESS_WALK_IN = "walk_in"
ACCESS_APPOINTMENT = "appointment"
ACCESS_REFERRAL = "referral"
ACCESS_CHOICES = (ACCESS_WALK_IN, ACCESS_APPOINTMENT, ACCESS_REFERRAL)


class Service(TimestampMixin, Model):
    """What an organisation offers at a location (voorziening)."""

    __tablename__ = "services"
    __table_args__ = (
        CheckConstraint("access IN ('walk_in', 'appointment', 'referral')", name="known_access"),
        # The search's full-text index on PostgreSQL (search_schema.py; SQLite uses FTS5).
        Index(
            "ix_services_search_vector",
            text("to_tsvector('wijkplein_dutch'::regconfig, search_text)"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    cost: Mapped[str] = mapped_column(String(200), default="")
    is_free: Mapped[bool] = mapped_column(Boolean, default=True)
    access: Mapped[str] = mapped_column(String(20), default=ACCESS_WALK_IN)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(300))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # A service that stopped is taken off the map but kept, with its history.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    # Who checked it last, as shown (imports may name someone without an account here).
    verified_by_name: Mapped[str | None] = mapped_column(String(254))
    last_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Lower-case, accent-free text of name, description, organisation, address and categories
    # (see search.py); search_stems: the same words stemmed, for SQLite's full-text table.
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_stems: Mapped[str] = mapped_column(Text, default="")
    # Optimistic locking: a save based on an older version is refused, never silently applied.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    organisation: Mapped[Organisation] = relationship()
    location: Mapped[Location] = relationship(back_populates="services")
    categories: Mapped[list[Category]] = relationship(
        secondary=service_categories, order_by=Category.sort_order
    )
    languages: Mapped[list[ServiceLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceLanguage.code"
    )
    hours: Mapped[list[OpeningHours]] = relationship(
        cascade="all, delete-orphan",
        order_by="(OpeningHours.weekday, OpeningHours.opens_at)",
    )
    exceptions: Mapped[list[ScheduleException]] = relationship(
        cascade="all, delete-orphan", order_by="ScheduleException.day"
    )
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    # A photo of the service (app/media); pages load the row, never the copies' bytes.
    image_id: Mapped[int | None] = mapped_column(
        ForeignKey("images.id", ondelete="SET NULL"), index=True
    )
    image: Mapped[Image | None] = relationship()

    __mapper_args__: dict[str, Any] = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Service {self.name}>"

    @property
    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def days_since_check(self, now: datetime | None = None) -> int | None:
        """Return how many days ago the entry was last checked (None: never)."""
        checked = self.last_verified_at
        if checked is None:
            return None
        if checked.tzinfo is None:  # SQLite hands back naive values; they are stored in UTC
            checked = checked.replace(tzinfo=UTC)
        return ((now or utcnow()) - checked).days

    def is_stale(self, days: int, now: datetime | None = None) -> bool:
        """Tell whether nobody checked the entry in the last ``days`` days."""
        checked = self.last_verified_at
        if checked is None:
            return True
        if checked.tzinfo is None:
            checked = checked.replace(tzinfo=UTC)
        return (now or utcnow()) - checked > timedelta(days=days)


search_schema.attach(Service.__table__)  # type: ignore[arg-type]


class ServiceLanguage(Model):
    """A language spoken at a service (ISO 639-1 code)."""

    __tablename__ = "service_languages"

    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class OpeningHours(Model):
    """One opening period on a weekday (0 = Monday); a day may have several periods."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_in_week"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)


class ScheduleException(Model):
    """A day with other hours than usual: closed (a holiday) or open at other times."""

    __tablename__ = "schedule_exceptions"
    __table_args__ = (
        CheckConstraint(
            "(is_closed AND opens_at IS NULL AND closes_at IS NULL) OR "
            "(NOT is_closed AND opens_at IS NOT NULL AND closes_at > opens_at)",
            name="closed_or_hours",
        ),
        UniqueConstraint("service_id", "day", name="one_exception_per_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=True)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str] = mapped_column(String(200), default="")


class ServiceChange(Model):
    """One entry of a service's history: who changed what, when."""

    __tablename__ = "service_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # created, updated, verified, imported
    action: Mapped[str] = mapped_column(String(20))
    # {field: [old, new]} with values as shown text.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()


CORRECTION_KINDS = ("hours", "address", "contact", "closed", "other")


class Correction(Model):
    """A resident's "this is not right" report, sent to the organisation that owns the service."""

    __tablename__ = "service_corrections"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('hours', 'address', 'contact', 'closed', 'other')", name="known_kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    service: Mapped[Service] = relationship()
