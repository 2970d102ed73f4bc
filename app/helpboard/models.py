"""Models of the question board (prikbord): questions, their history, messages, volunteers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.models import TimestampMixin, utcnow
from app.extensions import Model, db
from app.neighbourhoods.models import Neighbourhood
from app.servicemap.models import Service
from app.taxonomy.models import Category

# The life of a question.
OPEN = "open"
CLAIMED = "claimed"
DONE = "done"
CLOSED = "closed"
STATUSES = (OPEN, CLAIMED, DONE, CLOSED)

URGENCIES = ("today", "this_week", "no_hurry")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CONTACT_ROUTES = ("phone", "email", "message")
HELPED_ANSWERS = ("yes", "partly", "no")
CLOSE_REASONS = ("not_needed", "no_answer", "other")
NOTIFY_MODES = ("instant", "digest", "none")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# The questions still in play: what the triage lists show (a partial index holds only these).
ACTIVE_WHERE = _in("status", (OPEN, CLAIMED))


class Question(TimestampMixin, Model):
    """A question on the board, from a resident with an account or from a guest."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="known_status"),
        CheckConstraint(_in("urgency", URGENCIES), name="known_urgency"),
        CheckConstraint(_in("contact_route", CONTACT_ROUTES), name="known_contact_route"),
        CheckConstraint(
            "helped IS NULL OR " + _in("helped", HELPED_ANSWERS), name="known_helped_answer"
        ),
        CheckConstraint(
            "status <> 'claimed' OR helper_id IS NOT NULL", name="claimed_question_has_helper"
        ),
        CheckConstraint(
            "status <> 'open' OR helper_id IS NULL", name="open_question_has_no_helper"
        ),
        CheckConstraint(
            "requester_id IS NOT NULL OR anonymised_at IS NOT NULL OR (guest_name IS NOT NULL "
            "AND (guest_phone IS NOT NULL OR guest_email IS NOT NULL))",
            name="question_has_a_requester",
        ),
        CheckConstraint(
            "on_behalf_by_id IS NULL OR consent_at IS NOT NULL",
            name="on_behalf_needs_consent",
        ),
        CheckConstraint(
            "hidden_at IS NULL OR hidden_reason IS NOT NULL", name="hidden_has_a_reason"
        ),
        CheckConstraint("helped IS NULL OR status = 'done'", name="helped_only_when_done"),
        # Each volunteer's load and last help, for the matching (an index-only scan).
        Index("ix_questions_status_helper", "status", "helper_id", "finished_at"),
        # The triage lists (open or claimed questions, oldest first), read in index order.
        Index(
            "ix_questions_active_created",
            "created_at",
            postgresql_where=text(ACTIVE_WHERE),
            sqlite_where=text(ACTIVE_WHERE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhoods.id"), index=True
    )
    urgency: Mapped[str] = mapped_column(String(20), default="this_week")
    # Parts of the day that suit the resident ("morning", "afternoon", "evening").
    parts_of_day: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_route: Mapped[str] = mapped_column(String(20), default="message")
    language: Mapped[str] = mapped_column(String(8), default="nl")
    # Where help is needed (exact; others see it rounded, see queries.question_select).
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    status: Mapped[str] = mapped_column(String(20), default=OPEN, index=True)
    # Guest questions, and questions a professional must look at first, wait in triage.
    in_triage: Mapped[bool] = mapped_column(Boolean, default=False)
    # For professionals only, whatever the category: the resident ticked it, or a professional
    # marked the question sensitive (see visibility.is_sensitive).
    professionals_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    close_reason: Mapped[str | None] = mapped_column(String(20))
    helped: Mapped[str | None] = mapped_column(String(10))

    requester_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    guest_name: Mapped[str | None] = mapped_column(String(120))
    guest_phone: Mapped[str | None] = mapped_column(String(30))
    guest_email: Mapped[str | None] = mapped_column(String(254))
    helper_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # A professional who put the question out for a resident, and when the resident agreed.
    on_behalf_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # The one-time token of the form that created this question: a resend makes no second one.
    form_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    # Personal data removed (retention period passed, or the requester deleted their account);
    # what is left (category, neighbourhood, dates, status, helped) still counts in the figures.
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    category: Mapped[Category] = relationship(lazy="joined")
    neighbourhood: Mapped[Neighbourhood | None] = relationship(lazy="joined")
    requester: Mapped[User | None] = relationship(foreign_keys=[requester_id])
    helper: Mapped[User | None] = relationship(foreign_keys=[helper_id])
    on_behalf_by: Mapped[User | None] = relationship(foreign_keys=[on_behalf_by_id])

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.status}>"

    @property
    def is_guest(self) -> bool:
        return self.requester_id is None

    @property
    def contact_email(self) -> str | None:
        return self.requester.email if self.requester else self.guest_email

    @property
    def contact_phone(self) -> str | None:
        return self.requester.phone if self.requester else self.guest_phone

    @property
    def contact_name(self) -> str:
        return self.requester.name if self.requester else (self.guest_name or "")


class QuestionEvent(Model):
    """One step in the life of a question: who changed what, when and why."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # "created", "approved", "claimed", "assigned", "handed_back", "done", "closed",
    # "escalated", "category_changed", "hidden", "helped".
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    actor: Mapped[User | None] = relationship()


class Message(Model):
    """A message in the private thread of a question."""

    __tablename__ = "request_messages"
    __table_args__ = (
        CheckConstraint("author_id IS NOT NULL OR from_guest", name="message_has_an_author"),
        CheckConstraint(
            "hidden_at IS NULL OR hidden_reason IS NOT NULL", name="hidden_has_a_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_reason: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User | None] = relationship(lazy="joined")
    question: Mapped[Question] = relationship()


volunteer_skills = Table(
    "volunteer_skills",
    db.metadata,
    Column("profile_id", ForeignKey("volunteer_profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
)


class VolunteerProfile(TimestampMixin, Model):
    """What a volunteer can do, when, where and in which languages; and whether they are vetted."""

    __tablename__ = "volunteer_profiles"
    __table_args__ = (
        CheckConstraint("max_open >= 1 AND max_open <= 20", name="max_open_in_range"),
        # A vetting names who vetted, unless that professional deleted their account since: then
        # the fact and the date stay, the link to the erased person goes.
        CheckConstraint(
            "vetted_on IS NULL OR vetted_by_id IS NOT NULL OR vetted_by_erased",
            name="vetting_names_who_vetted_unless_erased",
        ),
        CheckConstraint(_in("notify_mode", NOTIFY_MODES), name="known_notify_mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Slots "<weekday>-<part>", e.g. "tue-morning".
    availability: Mapped[list[str]] = mapped_column(JSON, default=list)
    neighbourhood_id: Mapped[int | None] = mapped_column(ForeignKey("neighbourhoods.id"))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    max_open: Mapped[int] = mapped_column(Integer, default=3)
    notify_mode: Mapped[str] = mapped_column(String(10), default="instant")
    # Vetting: the VOG (certificate of conduct) was checked on this date by this professional.
    vetted_on: Mapped[date | None] = mapped_column(Date)
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The professional who vetted has deleted their account ("vetted by a former professional").
    vetted_by_erased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    vetted_by: Mapped[User | None] = relationship(foreign_keys=[vetted_by_id])
    skills: Mapped[list[Category]] = relationship(secondary=volunteer_skills, lazy="selectin")
    neighbourhood: Mapped[Neighbourhood | None] = relationship()

    @property
    def is_vetted(self) -> bool:
        return self.vetted_on is not None


class Notification(Model):
    """A volunteer was told (or will be, in the digest) about an open question."""

    __tablename__ = "request_notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id", name="one_notice_per_question"),
        CheckConstraint("kind IN ('instant', 'digest')", name="known_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    question: Mapped[Question] = relationship()
    user: Mapped[User] = relationship()


class Report(Model):
    """Someone flagged a question or a message; a moderator handles it."""

    __tablename__ = "request_reports"
    __table_args__ = (
        # As with vetting: a handled report names who handled it, unless they deleted their account.
        CheckConstraint(
            "handled_at IS NULL OR handled_by_id IS NOT NULL OR handled_by_erased",
            name="handled_names_who_unless_erased",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("request_messages.id", ondelete="CASCADE")
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handled_by_erased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    outcome: Mapped[str | None] = mapped_column(Text)

    question: Mapped[Question] = relationship()
    message: Mapped[Message | None] = relationship()
    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id])


class InternalNote(Model):
    """A note by a professional on a question; residents and volunteers never see it."""

    __tablename__ = "request_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class Referral(Model):
    """An answer that points to a service of the social map; the figures count them."""

    __tablename__ = "request_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
    service: Mapped[Service] = relationship(lazy="joined")


class GuestLink(Model):
    """A link through which a guest follows their question; only its token's SHA-256 is kept.

    The token is random (``secrets.token_urlsafe``) and says nothing about the guest. A link ends
    when the question closes, when the guest stops it, or when a professional does.
    """

    __tablename__ = "guest_links"
    __table_args__ = (
        CheckConstraint(
            "ended_at IS NULL OR ended_reason IS NOT NULL", name="ended_link_has_a_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # "closed" (the question), "guest" or "professional".
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_reason: Mapped[str | None] = mapped_column(String(20))

    question: Mapped[Question] = relationship()
