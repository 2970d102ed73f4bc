"""Demo data of the question board: 30 questions in every state, 12 vetted volunteers and four
professionals of different organisations. Logins are listed in the README."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.demo import create_demo_user
from app.accounts.models import User
from app.accounts.roles import PROFESSIONAL, RESIDENT, VOLUNTEER
from app.core.models import utcnow
from app.extensions import db
from app.helpboard import demo_city
from app.helpboard.models import (
    CLAIMED,
    CLOSED,
    DONE,
    OPEN,
    InternalNote,
    Message,
    Question,
    QuestionEvent,
    Report,
    VolunteerProfile,
)
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.taxonomy.models import Category

# name, email, organisation (the first exists already: professional@wijkplein.example)
PROFESSIONALS = [
    ("Rachid (Sociale Dienst)", "sociale-dienst@wijkplein.example", "Sociale Dienst Drechtsteden"),
    ("Ingrid (Woonbron)", "woonbron@wijkplein.example", "Woonbron"),
    ("Lotte (GGD)", "ggd@wijkplein.example", "GGD Zuid-Holland Zuid"),
]

# name, skills, languages, availability
VOLUNTEERS = [
    (
        "Ahmet",
        ["forms-and-paperwork", "language-and-learning"],
        ["nl", "tr"],
        ["tue-morning", "thu-morning"],
    ),
    (
        "Marieke",
        ["company-and-walks", "meeting-people"],
        ["nl", "en"],
        ["mon-afternoon", "wed-afternoon"],
    ),
    ("Jan", ["odd-jobs"], ["nl"], ["sat-morning", "sat-afternoon"]),
    (
        "Samira",
        ["forms-and-paperwork", "parenting-and-youth"],
        ["nl", "ar"],
        ["wed-evening", "fri-morning"],
    ),
    (
        "Piotr",
        ["odd-jobs", "work-and-day-activities"],
        ["nl", "pl", "en"],
        ["sat-morning", "sun-afternoon"],
    ),
    ("Gerda", ["company-and-walks", "food"], ["nl"], ["tue-afternoon", "thu-afternoon"]),
    (
        "Yusuf",
        ["language-and-learning", "sport-and-exercise"],
        ["nl", "tr", "ar"],
        ["mon-evening", "wed-evening"],
    ),
    ("Anna", ["forms-and-paperwork"], ["nl", "pl"], ["fri-afternoon", "mon-morning"]),
    ("Kees", ["odd-jobs", "housing"], ["nl"], ["tue-morning", "wed-morning"]),
    ("Nadia", ["meeting-people", "food"], ["nl", "ar", "en"], ["thu-evening", "sat-afternoon"]),
    (
        "Emre",
        ["sport-and-exercise", "parenting-and-youth"],
        ["nl", "tr"],
        ["sat-morning", "sun-morning"],
    ),
    (
        "Sophie",
        ["language-and-learning", "company-and-walks"],
        ["nl", "en"],
        ["mon-morning", "fri-evening"],
    ),
]

QUESTIONS = [
    (
        "forms-and-paperwork",
        "Wie helpt mij met een formulier van de Belastingdienst?",
        "Ik snap de brief niet goed.",
    ),
    ("odd-jobs", "Mijn lamp is kapot en ik kan geen ladder op", "Het gaat om een lamp in de gang."),
    (
        "company-and-walks",
        "Ik zoek iemand om mee te wandelen",
        "Een half uurtje in het park, één keer per week.",
    ),
    (
        "meeting-people",
        "Waar kan ik goedkoop koffie drinken met mijn moeder in een rolstoel?",
        "Het moet rolstoeltoegankelijk zijn.",
    ),
    (
        "money-and-debt",
        "Ik heb schulden en weet niet waar ik moet beginnen",
        "Er komen steeds meer brieven.",
    ),
    ("language-and-learning", "Wie oefent Nederlands met mij?", "Ik wil beter leren praten."),
    ("parenting-and-youth", "Hulp bij huiswerk voor mijn zoon (groep 7)", "Vooral rekenen."),
    ("food", "Wie kookt een keer samen met mij?", "Ik woon alleen en kook weinig."),
    ("sport-and-exercise", "Ik zoek een sportmaatje", "Ik wil weer gaan zwemmen."),
    ("housing-dispute", "Mijn verhuurder repareert de schimmel niet", "Het is al maanden zo."),
    ("health-and-care", "Ik kan na mijn operatie niet zelf boodschappen doen", "Voor twee weken."),
    ("work-and-day-activities", "Ik zoek vrijwilligerswerk in de wijk", "Ik heb tijd over."),
    ("forms-and-paperwork", "Hulp bij aanvragen toeslag", "Ik heb geen computer."),
    ("odd-jobs", "Gordijnrail ophangen", "De rail ligt al klaar."),
    ("company-and-walks", "Samen naar de markt", "Op zaterdag."),
]

# Distribution of the 30 questions over the states.
STATES = [OPEN] * 12 + ["triage"] * 3 + [CLAIMED] * 6 + [DONE] * 6 + [CLOSED] * 3


def _user(name: str, email: str, roles: tuple[str, ...], neighbourhood) -> User:
    existing = db.session.scalar(select(User).where(User.email == email))
    if existing is not None:
        return existing
    return create_demo_user(name, roles, email=email, neighbourhood=neighbourhood)


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add volunteers with profiles, professionals and 30 questions across Crabbehof.

    At city scale a city's board follows (app/helpboard/demo_city.py), ``factor`` times 50,000
    questions.
    """
    rng = random.Random(5)
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    lead = db.session.scalar(select(User).where(User.email == "professional@wijkplein.example"))
    professionals = [lead] if lead else []
    for name, email, org_name in PROFESSIONALS:
        user = _user(name, email, (PROFESSIONAL,), crabbehof)
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == org_name))
        if organisation is not None and organisation not in user.organisations:
            user.organisations.append(organisation)
        professionals.append(user)
    vetter = professionals[0]
    centre = crabbehof.centre if crabbehof and crabbehof.centre else (51.795, 4.667)

    volunteers: list[User] = []
    fatma = db.session.scalar(select(User).where(User.email == "vrijwilliger@wijkplein.example"))
    specs = list(VOLUNTEERS)
    for index, (name, skills, languages, availability) in enumerate(specs, start=1):
        user = _user(
            name, f"vrijwilliger{index}@wijkplein.example", (VOLUNTEER, RESIDENT), crabbehof
        )
        volunteers.append(user)
        profile = VolunteerProfile(
            user_id=user.id,
            languages=languages,
            availability=availability,
            neighbourhood_id=crabbehof.id if crabbehof else None,
            latitude=centre[0] + rng.uniform(-0.004, 0.004),
            longitude=centre[1] + rng.uniform(-0.006, 0.006),
            max_open=rng.choice([2, 3, 4]),
            notify_mode=rng.choice(["instant", "instant", "digest"]),
            vetted_on=date.today() - timedelta(days=rng.randint(10, 300)),
            vetted_by_id=vetter.id if vetter else None,
        )
        profile.skills = [categories[s] for s in skills if s in categories]
        db.session.add(profile)
    if fatma is not None:
        # The demo volunteer from the accounts demo gets a profile too, not yet vetted.
        db.session.add(
            VolunteerProfile(
                user_id=fatma.id,
                languages=["nl", "tr"],
                availability=["mon-morning"],
                neighbourhood_id=crabbehof.id if crabbehof else None,
            )
        )
    db.session.flush()

    residents = list(
        db.session.scalars(
            select(User).where(
                User.email.in_(["bewoner@wijkplein.example"]) | User.phone.is_not(None)
            )
        )
    )
    now = utcnow()
    for index, state in enumerate(STATES):
        slug, title, description = QUESTIONS[index % len(QUESTIONS)]
        category = categories.get(slug)
        if category is None:
            continue
        created = now - timedelta(hours=rng.randint(2, 24 * 20))
        guest = state == "triage" or index % 7 == 3
        requester = None if guest or not residents else residents[index % len(residents)]
        sensitive = category.is_sensitive
        helper = None
        if state in (CLAIMED, DONE):
            helper = (
                professionals[index % len(professionals)]
                if sensitive
                else volunteers[index % len(volunteers)]
            )
        question = Question(
            title=title,
            description=description,
            category_id=category.id,
            neighbourhood_id=crabbehof.id if crabbehof else None,
            urgency=rng.choice(["today", "this_week", "no_hurry"]),
            parts_of_day=rng.sample(["morning", "afternoon", "evening"], k=rng.randint(1, 2)),
            contact_route=rng.choice(["phone", "email", "message"]),
            language=rng.choice(["nl", "nl", "tr", "ar", "pl", "en"]),
            latitude=centre[0] + rng.uniform(-0.004, 0.004),
            longitude=centre[1] + rng.uniform(-0.006, 0.006),
            status=OPEN if state == "triage" else state,
            in_triage=state == "triage" or (sensitive and state == OPEN),
            requester_id=requester.id if requester else None,
            guest_name=None if requester else f"Buurtbewoner {index + 1}",
            guest_phone=None if requester else f"+316{rng.randint(10000000, 99999999)}",
            guest_email=None if requester else f"gast{index + 1}@example.org",
            helper_id=helper.id if helper else None,
            created_at=created,
            opened_at=None if state == "triage" else created,
            claimed_at=created + timedelta(hours=3) if helper else None,
            finished_at=created + timedelta(days=2) if state in (DONE, CLOSED) else None,
            close_reason="not_needed" if state == CLOSED else None,
            helped=rng.choice(["yes", "yes", "partly", "no", None]) if state == DONE else None,
            escalated_at=now
            if state == OPEN and created < now - timedelta(hours=48) and index % 3 == 0
            else None,
        )
        db.session.add(question)
        db.session.flush()
        db.session.add(
            QuestionEvent(
                question_id=question.id, action="created", to_status=OPEN, created_at=created
            )
        )
        if helper:
            db.session.add(
                QuestionEvent(
                    question_id=question.id,
                    actor_id=helper.id,
                    action="claimed",
                    from_status=OPEN,
                    to_status=CLAIMED,
                    created_at=question.claimed_at,
                )
            )
            db.session.add(
                Message(
                    question_id=question.id,
                    author_id=helper.id,
                    body="Hallo! Ik kan je helpen. Wanneer schikt het?",
                    created_at=question.claimed_at,
                )
            )
        if state in (DONE, CLOSED):
            db.session.add(
                QuestionEvent(
                    question_id=question.id,
                    actor_id=helper.id if helper else None,
                    action=state,
                    from_status=CLAIMED if helper else OPEN,
                    to_status=state,
                    created_at=question.finished_at,
                )
            )
        if sensitive and vetter is not None:
            db.session.add(
                InternalNote(
                    question_id=question.id,
                    author_id=vetter.id,
                    body="Doorverwijzen naar het spreekuur in de Crabbehoeve.",
                )
            )
    db.session.flush()
    _add_reports(residents)
    if scale == "city":
        demo_city.load(factor)


def _add_reports(residents: list[User]) -> None:
    """Two open reports, so the moderators' list has something to handle."""
    reporter = residents[0] if residents else None
    question = db.session.scalar(
        select(Question).where(Question.status == OPEN, Question.in_triage.is_(False)).limit(1)
    )
    message = db.session.scalar(select(Message).limit(1))
    if reporter is None or question is None:
        return
    db.session.add(
        Report(question_id=question.id, reporter_id=reporter.id, reason="Dit lijkt reclame.")
    )
    if message is not None:
        db.session.add(
            Report(
                question_id=message.question_id,
                message_id=message.id,
                reporter_id=reporter.id,
                reason="Onaardig bericht.",
            )
        )
    db.session.flush()
