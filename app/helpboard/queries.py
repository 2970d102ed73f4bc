"""Reads of the question board. Who sees what is decided here, in the SQL, for every page.

:func:`question_select` is the one visibility function: given a viewer it returns a ``select()``
whose rows are only the questions that viewer may see, and whose columns are empty (NULL) where
the viewer may not see a value. Pages, the JSON API and the home page all build on it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, True_, case, func, null, or_, select
from sqlalchemy.orm import aliased

from app.accounts.models import User
from app.core.access import MODERATOR, PROFESSIONAL, VOLUNTEER, holds, is_active
from app.core.models import utcnow
from app.extensions import db
from app.helpboard.models import (
    CLAIMED,
    DONE,
    OPEN,
    InternalNote,
    Message,
    Notification,
    Question,
    QuestionEvent,
    Report,
    VolunteerProfile,
    volunteer_skills,
)
from app.helpboard.visibility import (
    ANONYMOUS,
    HELPER,
    READS_DETAILS,
    REQUESTER,
    Viewer,
    reads_contact_sql,
    relation_sql,
    seen_through_sql,
    sensitive_sql,
    visible_sql,
)
from app.neighbourhoods.models import Neighbourhood, neighbourhood_professionals
from app.neighbourhoods.queries import served_neighbourhood_ids
from app.taxonomy.models import Category

# Others see a location rounded to a grid of 1/300 degree: about 370 m north-south, 230 m east-west.
ROUND_GRID = 300


def is_vetted_volunteer(user) -> bool:
    """Tell whether ``user`` is a volunteer whose VOG a professional checked."""
    if not is_active(user) or not user.has_role(VOLUNTEER):
        return False
    vetted = db.session.scalar(
        select(VolunteerProfile.vetted_on).where(VolunteerProfile.user_id == user.id)
    )
    return vetted is not None


def viewer_for(user, guest_question_id: int | None = None) -> Viewer:
    """Return the :class:`Viewer` for a user (a blocked one counts as an anonymous visitor)."""
    if not is_active(user):
        return Viewer(guest_question_id=guest_question_id)
    professional = holds(user, PROFESSIONAL)
    served = served_neighbourhood_ids(user) if professional else None
    return Viewer(
        user_id=user.id,
        is_professional=professional,
        served_neighbourhood_ids=tuple(served) if served is not None else None,
        is_vetted=is_vetted_volunteer(user),
        is_moderator=holds(user, MODERATOR),
    )


def question_select(viewer: Viewer) -> Select:
    """Return the questions ``viewer`` may see, with only the columns they may read.

    Which rows: the table in :mod:`app.helpboard.visibility`. Which columns:

    - everyone: open, approved, non-sensitive questions: category, title, neighbourhood, age;
    - vetted volunteers: also the description of those;
    - the requester (or the guest with the signed link): everything of their own questions;
    - the assigned helper: everything of the question they help with (never sensitive ones,
      unless they are a professional), but of the contact only what the resident chose to share
      (the phone number for a call, the address for an email, neither for a message);
    - professionals: everything of the questions of the neighbourhoods they serve (and of those
      in no neighbourhood), sensitive questions and triage included; of other neighbourhoods
      what anyone reads (admins serve every neighbourhood).
    Hidden questions show nowhere (moderation reads them through :func:`reports_select`).
    Locations are exact only for full viewers; others get them rounded.
    """
    requester = aliased(User)
    rows = visible_sql(viewer)
    full = seen_through_sql(viewer, READS_DETAILS)
    own = relation_sql(viewer, REQUESTER)
    helping = seen_through_sql(viewer, (HELPER,))

    def when_full(column, otherwise=None):
        if isinstance(full, True_):  # a professional reads everything
            return column
        return case((full, column), else_=otherwise if otherwise is not None else null())

    def when_reads(condition, column):
        return column if isinstance(condition, True_) else case((condition, column), else_=null())

    description = (
        Question.description
        if viewer.is_professional or viewer.is_vetted
        else when_full(Question.description)
    )
    rounded_lat = func.round(Question.latitude * ROUND_GRID) / ROUND_GRID
    rounded_lon = func.round(Question.longitude * ROUND_GRID) / ROUND_GRID
    return (
        select(
            Question.id.label("id"),
            Question.title.label("title"),
            Question.status.label("status"),
            Question.created_at.label("created_at"),
            Question.category_id.label("category_id"),
            sensitive_sql().label("is_sensitive"),
            Question.neighbourhood_id.label("neighbourhood_id"),
            Neighbourhood.name.label("neighbourhood_name"),
            description.label("description"),
            when_full(Question.urgency).label("urgency"),
            when_full(Question.parts_of_day).label("parts_of_day"),
            when_full(Question.language).label("language"),
            when_full(Question.contact_route).label("contact_route"),
            when_full(func.coalesce(requester.name, Question.guest_name)).label("contact_name"),
            when_reads(
                reads_contact_sql(viewer, "phone"),
                func.coalesce(requester.phone, Question.guest_phone),
            ).label("contact_phone"),
            when_reads(
                reads_contact_sql(viewer, "email"),
                func.coalesce(requester.email, Question.guest_email),
            ).label("contact_email"),
            when_full(Question.latitude, rounded_lat).label("latitude"),
            when_full(Question.longitude, rounded_lon).label("longitude"),
            when_full(Question.helper_id).label("helper_id"),
            when_full(Question.in_triage).label("in_triage"),
            when_full(Question.escalated_at).label("escalated_at"),
            when_full(Question.helped).label("helped"),
            own.label("is_own"),
            helping.label("is_helper"),
        )
        .join(Category, Category.id == Question.category_id)
        .outerjoin(Neighbourhood, Neighbourhood.id == Question.neighbourhood_id)
        .outerjoin(requester, requester.id == Question.requester_id)
        .where(rows)
    )


def public_open_questions(limit: int = 10) -> Select:
    """Return the newest open questions as anyone may see them (for the home page)."""
    return (
        question_select(ANONYMOUS)
        .where(Question.status == OPEN)
        .order_by(Question.created_at.desc(), Question.id.desc())
        .limit(limit)
    )


def board_select(
    viewer: Viewer, *, category_id: int | None = None, neighbourhood_id: int | None = None
) -> Select:
    """Return the open questions on the board for ``viewer``, newest first.

    The board is the same for everyone: sensitive questions are on the professionals' triage
    list, never on the board.

    :param neighbourhood_id: only the questions of this neighbourhood (the visitor's chosen
        one); None: of every neighbourhood.
    """
    statement = question_select(viewer).where(
        Question.status == OPEN, Question.in_triage.is_(False), ~sensitive_sql()
    )
    if category_id:
        statement = statement.where(Question.category_id == category_id)
    if neighbourhood_id is not None:
        statement = statement.where(Question.neighbourhood_id == neighbourhood_id)
    return statement.order_by(Question.created_at.desc(), Question.id.desc())


def my_questions_select(viewer: Viewer) -> Select:
    """Return the questions ``viewer`` asked, newest first."""
    return (
        question_select(viewer)
        .where(Question.requester_id == viewer.user_id)
        .order_by(Question.created_at.desc())
    )


def helping_select(viewer: Viewer) -> Select:
    """Return the questions ``viewer`` helps with and that are not finished."""
    return (
        question_select(viewer)
        .where(Question.helper_id == viewer.user_id, Question.status == CLAIMED)
        .order_by(Question.claimed_at.desc())
    )


def one_question_select(viewer: Viewer, question_id: int) -> Select:
    """Return one question as ``viewer`` may see it (no row when they may not)."""
    return question_select(viewer).where(Question.id == question_id)


def categories_by_id() -> dict[int, Category]:
    """Return every category by id (a small table, loaded once per page)."""
    return {c.id: c for c in db.session.scalars(select(Category).order_by(Category.sort_order))}


def board_categories() -> Select:
    """Return the categories offered on the board, in their order."""
    return select(Category).order_by(Category.sort_order, Category.id)


def messages_select(question_id: int) -> Select:
    """Return the visible messages of a question, oldest first."""
    return (
        select(Message)
        .where(Message.question_id == question_id, Message.hidden_at.is_(None))
        .order_by(Message.created_at, Message.id)
    )


def history_select(question_id: int) -> Select:
    """Return the history of a question, oldest first."""
    return (
        select(QuestionEvent)
        .where(QuestionEvent.question_id == question_id)
        .order_by(QuestionEvent.created_at, QuestionEvent.id)
    )


def notes_select(question_id: int) -> Select:
    """Return the internal notes of a question (professionals only), oldest first."""
    return (
        select(InternalNote)
        .where(InternalNote.question_id == question_id)
        .order_by(InternalNote.created_at, InternalNote.id)
    )


def open_reports_select() -> Select:
    """Return the reports nobody handled yet, oldest first."""
    return select(Report).where(Report.handled_at.is_(None)).order_by(Report.created_at, Report.id)


def triage_select(kind: str, neighbourhood_ids: list[int] | None = None) -> Select:
    """Return the questions on one triage list: "new", "sensitive", "escalated" or "reported".

    :param neighbourhood_ids: only the questions of these neighbourhoods (and those without
        one); None: of every neighbourhood (see ``neighbourhoods.queries.served_neighbourhood_ids``).
    """
    served = tuple(neighbourhood_ids) if neighbourhood_ids is not None else None
    statement = question_select(Viewer(is_professional=True, served_neighbourhood_ids=served))
    if neighbourhood_ids is not None:
        # The public questions of other neighbourhoods are visible too (as to anyone): the
        # lists hold only the professional's own.
        statement = statement.where(
            or_(
                Question.neighbourhood_id.in_(neighbourhood_ids),
                Question.neighbourhood_id.is_(None),
            )
        )
    if kind == "new":
        # Guests only: a registered resident's question waits here only when it is sensitive,
        # and then the "sensitive" list shows it; a professional's on-behalf question is known.
        statement = statement.where(
            Question.in_triage.is_(True),
            Question.status == OPEN,
            Question.requester_id.is_(None),
            Question.on_behalf_by_id.is_(None),
        )
    elif kind == "sensitive":
        statement = statement.where(sensitive_sql(), Question.status.in_((OPEN, CLAIMED)))
    elif kind == "escalated":
        statement = statement.where(Question.escalated_at.is_not(None), Question.status == OPEN)
    elif kind == "reported":
        reported = select(Report.question_id).where(Report.handled_at.is_(None))
        statement = statement.where(Question.id.in_(reported))
    else:
        raise ValueError(kind)
    return statement.order_by(Question.created_at)


def open_counts_subquery():
    return (
        select(Question.helper_id.label("user_id"), func.count().label("open_count"))
        .where(Question.status == CLAIMED)
        .group_by(Question.helper_id)
        .subquery()
    )


def last_helped_subquery():
    return (
        select(Question.helper_id.label("user_id"), func.max(Question.finished_at).label("last"))
        .where(Question.status == DONE)
        .group_by(Question.helper_id)
        .subquery()
    )


def candidate_rows() -> Select:
    """Return vetted, unblocked volunteers with room for another question, as plain columns.

    Columns, not profiles: a city has thousands of vetted volunteers, and building an ORM
    object (with its user and skills) for each on every new question cost seconds. Volunteers
    at their maximum load are left out here, as the ranking would leave them out.
    """
    counts = open_counts_subquery()
    last = last_helped_subquery()
    open_count = func.coalesce(counts.c.open_count, 0)
    return (
        select(
            VolunteerProfile.user_id,
            User.name,
            VolunteerProfile.languages,
            VolunteerProfile.availability,
            VolunteerProfile.neighbourhood_id,
            VolunteerProfile.latitude,
            VolunteerProfile.longitude,
            VolunteerProfile.max_open,
            open_count.label("open_count"),
            last.c.last.label("last_helped_at"),
        )
        .join(User, User.id == VolunteerProfile.user_id)
        .outerjoin(counts, counts.c.user_id == VolunteerProfile.user_id)
        .outerjoin(last, last.c.user_id == VolunteerProfile.user_id)
        .where(
            VolunteerProfile.vetted_on.is_not(None),
            User.is_blocked.is_(False),
            open_count < VolunteerProfile.max_open,
        )
    )


def candidate_skills(category_id: int | None = None) -> Select:
    """Return (user id, category id) of the vetted volunteers' skills (of one category)."""
    statement = (
        select(VolunteerProfile.user_id, volunteer_skills.c.category_id)
        .join(volunteer_skills, volunteer_skills.c.profile_id == VolunteerProfile.id)
        .where(VolunteerProfile.vetted_on.is_not(None))
    )
    if category_id is not None:
        statement = statement.where(volunteer_skills.c.category_id == category_id)
    return statement


def open_load(user_id: int) -> int:
    """Return how many questions ``user_id`` is helping with now."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Question)
            .where(Question.helper_id == user_id, Question.status == CLAIMED)
        )
        or 0
    )


def questions_today(*, user_id: int | None = None, contact: str | None = None) -> int:
    """Return how many questions an account or a guest contact put out in the last 24 hours."""
    since = utcnow() - timedelta(hours=24)
    statement = select(func.count()).select_from(Question).where(Question.created_at >= since)
    if user_id is not None:
        statement = statement.where(Question.requester_id == user_id)
    elif contact:
        statement = statement.where(
            or_(Question.guest_phone == contact, Question.guest_email == contact)
        )
    else:
        return 0
    return db.session.scalar(statement) or 0


def instant_mails_today(user_id: int, now: datetime | None = None) -> int:
    """Return how many instant question mails ``user_id`` got in the last 24 hours."""
    since = (now or utcnow()) - timedelta(hours=24)
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.user_id == user_id,
                Notification.kind == "instant",
                Notification.created_at >= since,
            )
        )
        or 0
    )


def professionals_of(neighbourhood_id: int | None) -> Select:
    """Return the unblocked professionals of a neighbourhood (all of them when it is unknown)."""
    from app.accounts.models import UserRole

    statement = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == PROFESSIONAL, User.is_blocked.is_(False))
    )
    if neighbourhood_id is not None:
        # Its own professionals, and those who work in no neighbourhood (they cover them all).
        assigned = select(neighbourhood_professionals.c.user_id)
        statement = statement.where(
            or_(
                User.id.in_(
                    assigned.where(
                        neighbourhood_professionals.c.neighbourhood_id == neighbourhood_id
                    )
                ),
                User.id.not_in(assigned),
            )
        )
    return statement.order_by(User.id)
