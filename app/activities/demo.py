"""Demo agenda for Crabbehof: about thirty activities over the coming two months."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.activities.models import TZID, Activity
from app.activities.operations import change_occurrence, record_change, sign_up, slugify
from app.activities.recurrence import date_span, expand, zone
from app.extensions import db
from app.neighbourhoods.models import Neighbourhood
from app.organisations.models import Organisation
from app.places.models import Location
from app.taxonomy.models import Category

PLACES = [
    ("Buurthuis Crabbehoeve", "Crabbehof 40", "3317 KL", 51.7955, 4.6668),
    ("Bibliotheek Crabbehof", "Karel Doormanweg 3", "3317 KB", 51.7962, 4.6650),
    ("Speeltuin Crabbehof", "Tromplaan 2", "3317 JT", 51.7948, 4.6690),
    ("Sporthal Crabbehof", "Zuidendijk 320", "3317 NN", 51.7930, 4.6700),
]

# title, weekday (0 = Monday), start, hours, rrule, place, organisation, target, categories,
# languages, cost (None = free), capacity (None = no sign-up), description
ACTIVITIES = [
    (
        "Koffieochtend",
        1,
        "10:00",
        2,
        "FREQ=WEEKLY",
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["meeting-people"],
        ["nl"],
        None,
        None,
        "Een kop koffie en een praatje. Iedereen is welkom.",
    ),
    (
        "Taalcafé",
        3,
        "19:00",
        1.5,
        "FREQ=WEEKLY;INTERVAL=2",
        1,
        "Stichting Dordrecht Sociaal",
        "everyone",
        ["language-and-learning"],
        ["nl", "en", "ar", "tr"],
        None,
        None,
        "Oefen Nederlands praten met buren en vrijwilligers.",
    ),
    (
        "Huiswerkbegeleiding",
        0,
        "15:30",
        1.5,
        "FREQ=WEEKLY;BYDAY=MO,TU,TH",
        1,
        "Stichting Dordrecht Sociaal",
        "children",
        ["parenting-and-youth", "language-and-learning"],
        ["nl"],
        None,
        12,
        "Hulp bij huiswerk voor kinderen van groep 5 tot en met 8.",
    ),
    (
        "Knutselmiddag",
        2,
        "14:00",
        2,
        "FREQ=WEEKLY",
        0,
        "Buurthuis Crabbehoeve",
        "children",
        ["parenting-and-youth"],
        ["nl"],
        None,
        15,
        "Samen knutselen. Neem een oude sok mee!",
    ),
    (
        "Seniorengym",
        4,
        "10:00",
        1,
        "FREQ=WEEKLY",
        3,
        "Stichting Dordrecht Sociaal",
        "seniors",
        ["sport-and-exercise"],
        ["nl"],
        "€ 2",
        20,
        "Rustig bewegen op muziek, ook op een stoel.",
    ),
    (
        "Budgetspreekuur",
        1,
        "13:30",
        2,
        "FREQ=WEEKLY",
        0,
        "Sociale Dienst Drechtsteden",
        "everyone",
        ["money-and-debt"],
        ["nl", "tr", "ar"],
        None,
        None,
        "Vragen over geld, rekeningen of schulden? Loop binnen.",
    ),
    (
        "Eettafel",
        3,
        "17:30",
        2,
        "FREQ=WEEKLY",
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["food", "meeting-people"],
        ["nl"],
        "€ 4",
        30,
        "Samen eten voor een klein bedrag. Meld je aan.",
    ),
    (
        "Jongerenavond",
        4,
        "19:00",
        3,
        "FREQ=WEEKLY",
        0,
        "Stichting Dordrecht Sociaal",
        "youth",
        ["parenting-and-youth"],
        ["nl"],
        None,
        None,
        "Chillen, gamen en praten met de jongerenwerker.",
    ),
    (
        "Peuterochtend",
        0,
        "09:30",
        2,
        "FREQ=WEEKLY",
        0,
        "GGD Zuid-Holland Zuid",
        "parents",
        ["parenting-and-youth", "health-and-care"],
        ["nl", "ar"],
        None,
        None,
        "Voor ouders met kinderen van 0 tot 4 jaar.",
    ),
    (
        "Wandelgroep",
        2,
        "10:00",
        1.5,
        "FREQ=WEEKLY",
        2,
        "Stichting Dordrecht Sociaal",
        "seniors",
        ["sport-and-exercise", "meeting-people"],
        ["nl"],
        None,
        None,
        "We wandelen een rondje door de wijk. Start bij de speeltuin.",
    ),
    (
        "Repair Café",
        5,
        "10:00",
        3,
        "FREQ=MONTHLY;BYDAY=1SA",
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["meeting-people"],
        ["nl"],
        None,
        None,
        "Kapotte spullen? Samen maken we ze.",
    ),
    (
        "Spreekuur Woonbron",
        2,
        "09:00",
        2,
        "FREQ=WEEKLY",
        0,
        "Woonbron",
        "everyone",
        ["housing"],
        ["nl"],
        None,
        None,
        "Vragen over je huurhuis.",
    ),
    (
        "Spreekuur Trivire",
        3,
        "09:00",
        2,
        "FREQ=WEEKLY;INTERVAL=2",
        0,
        "Trivire",
        "everyone",
        ["housing"],
        ["nl"],
        None,
        None,
        "Vragen over je huurhuis bij Trivire.",
    ),
    (
        "Voorleesuurtje",
        5,
        "11:00",
        1,
        "FREQ=WEEKLY",
        1,
        "Stichting Dordrecht Sociaal",
        "children",
        ["language-and-learning", "parenting-and-youth"],
        ["nl"],
        None,
        None,
        "Luisteren naar verhalen in de bibliotheek.",
    ),
    (
        "Naaiatelier",
        1,
        "19:00",
        2,
        "FREQ=WEEKLY",
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["meeting-people", "work-and-day-activities"],
        ["nl", "tr"],
        "€ 1",
        8,
        "Kleding maken en herstellen. Er zijn 8 naaimachines.",
    ),
    (
        "Digicafé",
        0,
        "13:30",
        2,
        "FREQ=WEEKLY",
        1,
        "Stichting Dordrecht Sociaal",
        "seniors",
        ["language-and-learning"],
        ["nl"],
        None,
        10,
        "Hulp met je telefoon, tablet of DigiD.",
    ),
    (
        "Voetbal op het pleintje",
        2,
        "16:00",
        1.5,
        "FREQ=WEEKLY",
        2,
        "Stichting Dordrecht Sociaal",
        "youth",
        ["sport-and-exercise"],
        ["nl"],
        None,
        None,
        "Voetballen met de sportcoach. Geen aanmelden nodig.",
    ),
    (
        "Vrouwenochtend",
        4,
        "09:30",
        2,
        "FREQ=WEEKLY",
        0,
        "Stichting Dordrecht Sociaal",
        "everyone",
        ["meeting-people"],
        ["nl", "ar", "tr"],
        None,
        None,
        "Koffie, thee en gesprekken voor vrouwen uit de wijk.",
    ),
    (
        "Werkcafé",
        3,
        "10:00",
        2,
        "FREQ=WEEKLY",
        1,
        "Sociale Dienst Drechtsteden",
        "everyone",
        ["work-and-day-activities"],
        ["nl"],
        None,
        None,
        "Hulp bij zoeken naar werk, je cv en sollicitaties.",
    ),
    (
        "Ouderkamer",
        1,
        "08:45",
        1.5,
        "FREQ=WEEKLY",
        0,
        "Stichting Dordrecht Sociaal",
        "parents",
        ["parenting-and-youth"],
        ["nl", "ar"],
        None,
        None,
        "Ouders ontmoeten elkaar na het brengen naar school.",
    ),
    (
        "Bingo",
        4,
        "14:00",
        2,
        "FREQ=MONTHLY;BYDAY=-1FR",
        0,
        "Buurthuis Crabbehoeve",
        "seniors",
        ["meeting-people"],
        ["nl"],
        "€ 3",
        40,
        "Gezellige bingo met kleine prijzen.",
    ),
    (
        "Moestuin-ochtend",
        5,
        "10:00",
        2,
        "FREQ=WEEKLY",
        2,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["food", "meeting-people"],
        ["nl"],
        None,
        None,
        "Samen tuinieren in de buurtmoestuin.",
    ),
    (
        "Gezondheidsspreekuur",
        2,
        "13:00",
        1.5,
        "FREQ=WEEKLY;INTERVAL=2",
        0,
        "GGD Zuid-Holland Zuid",
        "everyone",
        ["health-and-care"],
        ["nl", "en"],
        None,
        None,
        "Vragen over gezondheid? De wijkverpleegkundige helpt je.",
    ),
    (
        "Kookles voor jongeren",
        1,
        "16:00",
        2,
        "FREQ=WEEKLY;COUNT=6",
        0,
        "Stichting Dordrecht Sociaal",
        "youth",
        ["food"],
        ["nl"],
        None,
        10,
        "Leer gezond en goedkoop koken. Zes lessen.",
    ),
    # Once only.
    (
        "Sinterklaasfeest in de wijk",
        5,
        "14:00",
        3,
        None,
        0,
        "Buurthuis Crabbehoeve",
        "children",
        ["parenting-and-youth"],
        ["nl"],
        None,
        60,
        "Sinterklaas komt naar Crabbehof! Meld je kind aan.",
    ),
    (
        "Informatieavond energie besparen",
        3,
        "19:30",
        1.5,
        None,
        1,
        "Woonbron",
        "everyone",
        ["housing", "money-and-debt"],
        ["nl"],
        None,
        40,
        "Tips om je energierekening omlaag te krijgen.",
    ),
    (
        "Kerstmarkt",
        5,
        "12:00",
        5,
        None,
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["meeting-people"],
        ["nl"],
        None,
        None,
        "Kraampjes, warme chocomel en muziek.",
    ),
    (
        "Oliebollen bakken",
        2,
        "13:00",
        3,
        None,
        0,
        "Buurthuis Crabbehoeve",
        "everyone",
        ["food", "meeting-people"],
        ["nl"],
        None,
        None,
        "Samen oliebollen bakken voor oud en nieuw.",
    ),
    (
        "Buurtschoonmaak",
        5,
        "10:00",
        2,
        None,
        2,
        "Trivire",
        "everyone",
        ["meeting-people"],
        ["nl"],
        None,
        None,
        "Samen de wijk schoon maken. Handschoenen en grijpers zijn er.",
    ),
]


def _places(crabbehof: Neighbourhood) -> list[Location]:
    """Use the social map's places in Crabbehof when they exist; add the missing ones."""
    found = []
    for name, address, postcode, lat, lon in PLACES:
        place = db.session.scalar(select(Location).where(Location.name == name))
        if place is None:
            place = Location(
                name=name,
                address=address,
                postcode=postcode,
                latitude=lat,
                longitude=lon,
                neighbourhood_id=crabbehof.id,
            )
            db.session.add(place)
        found.append(place)
    db.session.flush()
    return found


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def load(scale: str = "neighbourhood") -> None:
    """Add the Crabbehof agenda, with a cancelled and a moved date and a few sign-ups."""
    crabbehof = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "crabbehof"))
    if crabbehof is None:
        return
    places = _places(crabbehof)
    organisations = {o.name: o for o in db.session.scalars(select(Organisation))}
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    today = datetime.now(zone(TZID)).date()
    created: dict[str, Activity] = {}
    for index, row in enumerate(ACTIVITIES):
        (title, weekday, at, hours, rule, place, org, target, cats, langs, cost, capacity, text) = (
            row
        )
        # Repeating activities started a few weeks ago; one-off ones fall in the coming weeks.
        first = _first_on_or_after(today - timedelta(days=21), weekday)
        if rule is None:
            first = _first_on_or_after(today + timedelta(days=3 + 5 * (index % 8)), weekday)
        elif "COUNT" in rule:
            first = _first_on_or_after(today + timedelta(days=2), weekday)
        hour, minute = (int(part) for part in at.split(":"))
        start = datetime.combine(first, datetime.min.time()).replace(hour=hour, minute=minute)
        organisation = organisations.get(org) or next(iter(organisations.values()), None)
        activity = Activity(
            title=title,
            slug=slugify(title),
            description=text,
            neighbourhood_id=crabbehof.id,
            start_local=start,
            end_local=start + timedelta(hours=hours),
            rrule=rule,
            location_id=places[place].id,
            organisation_id=organisation.id if organisation else None,
            target_group=target,
            is_free=cost is None,
            cost=cost,
            registration_enabled=capacity is not None,
            capacity=capacity,
        )
        activity.languages = langs
        activity.categories = [categories[slug] for slug in cats if slug in categories]
        activity.first_date, activity.last_date = date_span(activity)
        db.session.add(activity)
        db.session.flush()
        record_change(activity, None, "created", {"title": [None, title]})
        created[title] = activity
    _changes_and_signups(created)


def _next_occurrence_key(activity: Activity, after_days: int) -> datetime:
    tz = zone(activity.tzid)
    start = datetime.now(tz) + timedelta(days=after_days)
    return expand(activity, start, start + timedelta(days=40), include_cancelled=False)[0].key


def _changes_and_signups(created: dict[str, Activity]) -> None:
    from app.accounts.models import User

    coffee = created["Koffieochtend"]
    change_occurrence(
        coffee,
        _next_occurrence_key(coffee, 1),
        user=None,
        reason="Het buurthuis is dicht voor onderhoud.",
        cancel=True,
    )
    language = created["Taalcafé"]
    key = _next_occurrence_key(language, 1)
    change_occurrence(
        language,
        key,
        user=None,
        reason="Verplaatst naar vrijdag, want op donderdag is de zaal bezet.",
        cancel=False,
        new_start=key + timedelta(days=1),
        new_end=key + timedelta(days=1, hours=1, minutes=30),
    )
    people = db.session.scalars(select(User).order_by(User.id)).all()
    sewing = created["Naaiatelier"]
    first = _next_occurrence_key(sewing, 1)
    for person in people[:4]:
        sign_up(sewing, first, person)
    db.session.flush()
