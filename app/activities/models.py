"""Models of the activities part: activities, changed occurrences, sign-ups and history.

Start and end are stored as *local wall time* in Europe/Amsterdam (naive ``DateTime`` plus the
``tzid`` column), as RFC 5545 does with ``DTSTART;TZID=…``: "every Tuesday 10:00" stays 10:00
on both sides of a daylight-saving change. Timestamps of records (created, signed up) are UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from app.core.labels import register_labels
from app.core.models import TimestampMixin, utcnow
from app.extensions import Model, db
from app.media.models import Image
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category

if TYPE_CHECKING:
    from app.accounts.models import User

TZID = "Europe/Amsterdam"

# Target groups: code → label (msgids of the "activities" catalogue, also in tr, ar and pl).
TARGET_GROUPS = register_labels(
    "activities.target_group",
    {
        "everyone": _l("Everyone"),
        "children": _l("Children"),
        "youth": _l("Young people"),
        "parents": _l("Parents"),
        "seniors": _l("Seniors"),
    },
)

# Publication states.
PROPOSED = "proposed"
PUBLISHED = "published"
REJECTED = "rejected"
STATUSES = (PROPOSED, PUBLISHED, REJECTED)

# Sign-up states.
CONFIRMED = "confirmed"
WAITING = "waiting"
CANCELLED = "cancelled"
SIGNUP_STATUSES = (CONFIRMED, WAITING, CANCELLED)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


activity_categories = Table(
    "activity_categories",
    db.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
)


class Activity(TimestampMixin, Model):
    """One activity, once or repeating (an RRULE), at a location of the map or a free address."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("end_local > start_local", name="ends_after_start"),
        CheckConstraint(_in("status", STATUSES), name="known_status"),
        CheckConstraint(_in("target_group", tuple(TARGET_GROUPS)), name="known_target_group"),
        CheckConstraint(
            "NOT registration_enabled OR (capacity IS NOT NULL AND capacity > 0)",
            name="registration_has_capacity",
        ),
        CheckConstraint(
            "organisation_id IS NOT NULL OR organiser_id IS NOT NULL", name="has_organiser"
        ),
        CheckConstraint(
            "status != 'rejected' OR rejection_reason IS NOT NULL", name="rejected_why"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhoods.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=PUBLISHED, index=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text)

    # Local wall time in ``tzid``; the RRULE (without DTSTART) expands from start_local.
    start_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    end_local: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    tzid: Mapped[str] = mapped_column(String(64), default=TZID)
    rrule: Mapped[str | None] = mapped_column(String(500))
    # Derived on save from start and RRULE, so lists can skip activities outside a date range.
    first_date: Mapped[date] = mapped_column(Date, index=True)
    last_date: Mapped[date | None] = mapped_column(Date, index=True)  # None: repeats forever

    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # A resident's name is public only when they said so; otherwise "Organised by a resident".
    show_organiser_name: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    target_group: Mapped[str] = mapped_column(String(20), default="everyone")
    # Language codes as ",nl,tr," so that one LIKE filters on both databases.
    languages_csv: Mapped[str] = mapped_column(String(100), default=",nl,")
    is_free: Mapped[bool] = mapped_column(Boolean, default=True)
    cost: Mapped[str | None] = mapped_column(String(120))
    accessibility: Mapped[str | None] = mapped_column(Text)

    registration_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[int | None] = mapped_column(Integer)
    # A photo (app/media); a resident's proposal's photo is not public until it is approved.
    image_id: Mapped[int | None] = mapped_column(
        ForeignKey("images.id", ondelete="SET NULL"), index=True
    )
    image: Mapped[Image | None] = relationship()

    neighbourhood: Mapped[Neighbourhood] = relationship()
    location: Mapped[Location | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    organiser: Mapped[User | None] = relationship(foreign_keys=[organiser_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    categories: Mapped[list[Category]] = relationship(secondary=activity_categories)
    overrides: Mapped[list[OccurrenceOverride]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Activity {self.id} {self.title!r}>"

    @property
    def languages(self) -> list[str]:
        return [code for code in self.languages_csv.split(",") if code]

    @languages.setter
    def languages(self, codes: list[str]) -> None:
        self.languages_csv = "," + ",".join(codes) + "," if codes else ","

    def changed_occurrences(self) -> list[OccurrenceOverride]:
        """Return the overrides, as preloaded for many activities at once or as loaded."""
        preloaded = getattr(self, "_preloaded_overrides", None)
        return list(self.overrides) if preloaded is None else preloaded

    def preload_overrides(self, overrides: list[OccurrenceOverride]) -> None:
        """Attach overrides read in bulk (a plain attribute: cheaper than an ORM collection)."""
        self._preloaded_overrides = overrides

    @property
    def starts_at(self) -> datetime:
        """The first start as an aware datetime in the activity's zone."""
        return self.start_local.replace(tzinfo=ZoneInfo(self.tzid))

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED

    @property
    def public_organiser(self) -> str | None:
        """The name to publish as organiser: the organisation's, or the resident's if they agreed.

        None when a resident organises it and did not agree: pages, the API and the feeds then
        say "Organised by a resident" (:func:`organiser_label`).
        """
        if self.organisation is not None:
            return self.organisation.name
        if self.organiser is not None and self.show_organiser_name:
            return self.organiser.name
        return None

    def organiser_label(self) -> str:
        """Return who organises it as the public may read it, in the current language."""
        return self.public_organiser or str(_l("Organised by a resident"))


class OccurrenceOverride(Model):
    """One changed occurrence of a repeating activity: cancelled, or moved to another time."""

    __tablename__ = "activity_overrides"
    __table_args__ = (
        UniqueConstraint("activity_id", "original_start", name="uq_activity_overrides_occurrence"),
        CheckConstraint(
            "cancelled OR (new_start IS NOT NULL AND new_end IS NOT NULL AND new_end > new_start)",
            name="cancelled_or_moved",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # The RECURRENCE-ID: the occurrence's original local start.
    original_start: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    new_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    new_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    activity: Mapped[Activity] = relationship(back_populates="overrides")


class OccurrenceSlot(Model):
    """The capacity row of one occurrence; sign-ups lock it (SELECT … FOR UPDATE)."""

    __tablename__ = "activity_slots"
    __table_args__ = (
        UniqueConstraint("activity_id", "original_start", name="uq_activity_slots_occurrence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    original_start: Mapped[datetime] = mapped_column(DateTime(timezone=False))

    activity: Mapped[Activity] = relationship()
    signups: Mapped[list[Signup]] = relationship(back_populates="slot")


class Signup(Model):
    """One person's place (or waiting-list place) for one occurrence."""

    __tablename__ = "activity_signups"
    __table_args__ = (
        UniqueConstraint("slot_id", "user_id", name="uq_activity_signups_once_per_person"),
        CheckConstraint(_in("status", SIGNUP_STATUSES), name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("activity_slots.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=CONFIRMED)
    via_series: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    slot: Mapped[OccurrenceSlot] = relationship(back_populates="signups")
    user: Mapped[User] = relationship()


class ActivityChange(Model):
    """The audit history: who changed what on an activity, and when."""

    __tablename__ = "activity_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User | None] = relationship()


class StoredOccurrence(Model):
    """One date of an activity as the agenda shows it, kept so no request expands an RRULE.

    Written by :mod:`app.activities.occurrences` in the transaction that changes the activity,
    its rule or one of its overrides, for the dates of :class:`OccurrenceHorizon`. ``starts_at``
    and ``ends_at`` are UTC (naive), so a window of the agenda is one range on an index;
    ``original_start`` is the local key (the RECURRENCE-ID). A moved date has its new times.
    """

    __tablename__ = "activity_occurrences"
    __table_args__ = (
        UniqueConstraint(
            "activity_id", "original_start", name="uq_activity_occurrences_occurrence"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    original_start: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=False), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=False), index=True)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    moved: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(300), default="")


class OccurrenceHorizon(Model):
    """The one row saying which local dates ``activity_occurrences`` holds: [from, until)."""

    __tablename__ = "activity_occurrence_horizon"

    id: Mapped[int] = mapped_column(primary_key=True)
    filled_from: Mapped[date] = mapped_column(Date)
    filled_until: Mapped[date] = mapped_column(Date)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
