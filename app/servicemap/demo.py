"""Demo services in and around Crabbehof, at their streets (coordinates approximate)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.organisations.models import Organisation
from app.servicemap import demo_city
from app.servicemap.operations import ServiceData, create_service
from app.servicemap.schedule import parse_exception_lines, parse_periods
from app.taxonomy.models import Category

# key: (place name, address, postcode, lat, lon, wheelchair, hearing loop)
# fmt: off
PLACES = {
    'hoeve': ('Buurthuis Crabbehoeve', 'Karel Doormanweg 2', '3317 JA', 51.7956, 4.6669, True, True),
    'wc': ('Winkelcentrum Crabbehof', 'Troelstraweg 120', '3317 CH', 51.79335, 4.6642, True, False),
    'troelstra': ('Wijkpunt Troelstraweg', 'Troelstraweg 58', '3317 CD', 51.7945, 4.6615, True, False),
    'colijn': ('Steunpunt Colijnstraat', 'Colijnstraat 20', '3317 GB', 51.7971, 4.6635, False, False),
    'fokker': ('Bedrijvenhuis Anthony Fokkerweg', 'Anthony Fokkerweg 15', '3316 LH', 51.79905, 4.659, True, False),
    'doorman': ('Gezondheidscentrum Karel Doorman', 'Karel Doormanweg 40', '3317 JB', 51.7947, 4.6702, True, True),
    'kuyper': ('Brede school Crabbehof', 'Abraham Kuyperlaan 9', '3317 KA', 51.792, 4.6685, True, False),
    'thorbecke': ('Sporthal Crabbehof', 'Thorbeckeweg 3', '3317 ML', 51.7912, 4.663, True, False),
    'schaep': ('Kerkelijk centrum', 'Schaepmanstraat 7', '3317 EB', 51.7981, 4.6676, False, False),
    'drees': ('Speeltuin Crabbehof', 'Dr. Willem Dreesweg 44', '3317 ES', 51.7964, 4.6722, False, False),
    'mkw': ('Bibliotheek Dordrecht West', 'Mijlweg 1', '3316 BE', 51.8016, 4.6623, True, True),
    'wielwijk': ('Wijkcentrum Wielwijk', 'Aert de Gelderstraat 4', '3314 XL', 51.8006, 4.6502, True, False),
}
# fmt: on

WEEKDAYS = "09:00-17:00"
MORNINGS = "09:00-12:00"

# org, name, place, categories, languages, access, cost ("" = free), hours per weekday (mo..su),
# phone, description, target groups, days since checked
# fmt: off
SERVICES = [
    ('Buurthuis Crabbehoeve', 'Buurthuiskamer', 'hoeve', ['meeting-people'], ['nl', 'tr', 'ar'], 'walk_in', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '078 123 40 01', 'Koffie, thee en een praatje. Iedereen is welkom.', ['iedereen'], 20),
    ('Stichting Dordrecht Sociaal', 'Taalcafé', 'hoeve', ['language-and-learning', 'meeting-people'], ['nl', 'en', 'ar', 'tr', 'pl', 'uk'], 'walk_in', '', ['', '14:00-16:00', '', '19:00-21:00', '', '', ''], '078 123 40 02', 'Oefen Nederlands praten in een kleine groep. Vrijwilligers helpen je.', ['nieuwkomers', 'volwassenen'], 35),
    ('Stichting Dordrecht Sociaal', 'Formulierenhulp', 'hoeve', ['money-and-debt'], ['nl', 'ar', 'tr'], 'walk_in', '', ['', '10:00-12:00', '', '', '10:00-12:00', '', ''], '078 123 40 03', 'Hulp bij brieven en formulieren van de gemeente, Belastingdienst en zorgverzekeraar.', ['volwassenen'], 60),
    ('Stichting Dordrecht Sociaal', 'Schuldhulp spreekuur', 'hoeve', ['money-and-debt'], ['nl', 'en', 'tr'], 'walk_in', '', ['09:00-12:00', '', '09:00-12:00', '', '', '', ''], '078 123 40 04', 'Zorgen over geld? Kom langs. We zoeken samen naar een oplossing.', ['volwassenen'], 250),
    ('Stichting Dordrecht Sociaal', 'Opvoedspreekuur', 'hoeve', ['parenting-and-youth'], ['nl', 'ar'], 'appointment', '', ['', '', '13:00-15:00', '', '', '', ''], '078 123 40 05', 'Vragen over opvoeden? Praat met een opvoedcoach.', ['ouders'], 90),
    ('Buurthuis Crabbehoeve', 'Samen eten', 'hoeve', ['food', 'meeting-people'], ['nl', 'tr'], 'walk_in', '€ 4 per maaltijd', ['', '', '', '17:30-19:30', '', '', ''], '078 123 40 06', 'Elke donderdag samen eten. Aanmelden kan tot woensdag.', ['iedereen', 'ouderen'], 15),
    ('Buurthuis Crabbehoeve', 'Naaiatelier', 'hoeve', ['meeting-people', 'work-and-day-activities'], ['nl', 'tr', 'ar'], 'walk_in', '€ 1 per keer', ['', '', '', '', '09:30-12:00', '', ''], None, 'Samen naaien en kleding maken. Naaimachines zijn er.', ['vrouwen'], 400),
    ('Buurthuis Crabbehoeve', 'Kinderclub', 'hoeve', ['parenting-and-youth'], ['nl'], 'walk_in', '', ['', '', '14:00-16:30', '', '', '', ''], None, 'Knutselen en spelen voor kinderen van 6 tot 12 jaar.', ['kinderen 6-12'], 40),
    ('Buurthuis Crabbehoeve', 'Jongerenavond', 'hoeve', ['parenting-and-youth', 'meeting-people'], ['nl', 'en'], 'walk_in', '', ['', '', '', '', '19:00-22:00', '', ''], None, 'Chillen, gamen en praten met jongerenwerkers.', ['jongeren 12-18'], 70),
    ('Stichting Dordrecht Sociaal', 'Computerhulp', 'hoeve', ['language-and-learning'], ['nl', 'pl'], 'walk_in', '', ['', '', '', '', '13:00-15:00', '', ''], None, 'Hulp met je telefoon, DigiD en e-mail.', ['ouderen'], 30),
    ('Stichting Dordrecht Sociaal', 'Voedselbank uitgiftepunt', 'wc', ['food'], ['nl', 'ar', 'tr', 'pl'], 'referral', '', ['', '', '', '', '13:00-15:00', '', ''], '078 123 41 01', 'Voedselpakketten voor wie dat nodig heeft. Je hebt een verwijzing nodig.', ['huishoudens met weinig geld'], 45),
    ('Sociale Dienst Drechtsteden', 'Sociale Dienst spreekuur', 'wc', ['money-and-debt', 'work-and-day-activities'], ['nl', 'en'], 'appointment', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '14 078', 'Vragen over uitkering, toeslagen en werk. Maak een afspraak.', ['volwassenen'], 10),
    ('Trivire', 'Spreekuur huurders Trivire', 'wc', ['housing'], ['nl'], 'walk_in', '', ['', '', '', '09:00-12:00', '', '', ''], '0900 874 84 73', 'Vragen over je huis, huur of reparaties.', ['huurders'], 120),
    ('Woonbron', 'Woonbron wijkbeheer', 'troelstra', ['housing', 'safety'], ['nl', 'en'], 'walk_in', '', ['09:00-12:00', '', '', '', '09:00-12:00', '', ''], '010 123 45 67', 'Overlast, schoonmaak of een kapotte lamp in de flat? Meld het hier.', ['huurders'], 30),
    ('Stichting Dordrecht Sociaal', 'Wijkteam Crabbehof', 'troelstra', ['health-and-care', 'parenting-and-youth', 'money-and-debt'], ['nl', 'ar', 'tr', 'en'], 'walk_in', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '078 770 80 00', 'Het wijkteam helpt bij zorg, opvoeding en geld. Loop binnen of bel.', ['iedereen'], 5),
    ('Stichting Dordrecht Sociaal', 'Maatschappelijk werk', 'troelstra', ['health-and-care', 'money-and-debt'], ['nl', 'en'], 'appointment', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '078 770 80 01', 'Gesprekken over problemen thuis, geld of gezondheid.', ['volwassenen'], 200),
    ('GGD Zuid-Holland Zuid', 'Consultatiebureau', 'doorman', ['parenting-and-youth', 'health-and-care'], ['nl', 'ar', 'tr', 'en'], 'appointment', '', ['09:00-17:00', '09:00-17:00', '', '09:00-17:00', '09:00-17:00', '', ''], '078 770 85 00', "Controle van groei en gezondheid van baby's en peuters.", ['ouders met kinderen 0-4'], 25),
    ('GGD Zuid-Holland Zuid', 'Huisartsenpraktijk Crabbehof', 'doorman', ['health-and-care'], ['nl', 'en'], 'appointment', '', ['08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '08:00-17:00', '', ''], '078 617 00 00', "Huisarts. Bel 's ochtends voor een afspraak.", ['iedereen'], 50),
    ('GGD Zuid-Holland Zuid', 'Fysiotherapie Karel Doorman', 'doorman', ['health-and-care', 'sport-and-exercise'], ['nl'], 'referral', 'Vergoed door je zorgverzekering', ['08:00-18:00', '08:00-18:00', '08:00-18:00', '08:00-18:00', '08:00-18:00', '', ''], '078 617 00 10', 'Fysiotherapie en bewegen onder begeleiding.', ['volwassenen'], 300),
    ('GGD Zuid-Holland Zuid', 'Apotheek Crabbehof', 'doorman', ['health-and-care'], ['nl', 'en', 'tr'], 'walk_in', '', ['08:30-17:30', '08:30-17:30', '08:30-17:30', '08:30-17:30', '08:30-17:30', '10:00-12:00', ''], '078 617 00 20', 'Medicijnen ophalen en advies.', ['iedereen'], 65),
    ('GGD Zuid-Holland Zuid', 'Wijkverpleging', 'doorman', ['health-and-care'], ['nl'], 'referral', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '078 617 00 30', 'Verpleging en zorg thuis.', ['ouderen', 'zieken'], 10),
    ('Stichting Dordrecht Sociaal', 'Mantelzorgpunt', 'colijn', ['health-and-care', 'meeting-people'], ['nl'], 'walk_in', '', ['', '09:00-12:00', '', '', '', '', ''], '078 123 42 01', 'Zorg je voor iemand? Praat met andere mantelzorgers.', ['mantelzorgers'], 190),
    ('Stichting Dordrecht Sociaal', 'Klussendienst', 'colijn', ['housing', 'work-and-day-activities'], ['nl'], 'appointment', '€ 5 per klus', ['09:00-12:00', '09:00-12:00', '09:00-12:00', '09:00-12:00', '09:00-12:00', '', ''], '078 123 42 02', 'Vrijwilligers helpen met kleine klussen in huis.', ['ouderen', 'mensen met een beperking'], 33),
    ('Stichting Dordrecht Sociaal', 'Weggeefwinkel', 'colijn', ['food', 'meeting-people'], ['nl', 'ar', 'pl'], 'walk_in', '', ['', '', '10:00-13:00', '', '', '10:00-13:00', ''], None, 'Spullen brengen en gratis meenemen.', ['iedereen'], 80),
    ('Sociale Dienst Drechtsteden', 'Werkplein Dordrecht West', 'fokker', ['work-and-day-activities'], ['nl', 'en', 'pl'], 'appointment', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '14 078', 'Hulp bij werk zoeken, sollicitaties en cursussen.', ['werkzoekenden'], 100),
    ('Stichting Dordrecht Sociaal', 'Dagbesteding De Werkplaats', 'fokker', ['work-and-day-activities'], ['nl'], 'referral', '', ['09:00-16:00', '09:00-16:00', '09:00-16:00', '09:00-16:00', '09:00-16:00', '', ''], '078 123 43 01', 'Zinvol bezig zijn met hout, fietsen en groen.', ['volwassenen met een beperking'], 220),
    ('Stichting Dordrecht Sociaal', 'Fietsenwerkplaats', 'fokker', ['work-and-day-activities', 'sport-and-exercise'], ['nl', 'ar', 'ti'], 'walk_in', '€ 2,50 plus onderdelen', ['', '', '13:00-16:00', '', '', '10:00-13:00', ''], None, 'Leer zelf je fiets maken.', ['iedereen'], 55),
    ('Stichting Dordrecht Sociaal', 'Huiswerkbegeleiding', 'kuyper', ['parenting-and-youth', 'language-and-learning'], ['nl', 'ar', 'tr'], 'walk_in', '', ['15:00-17:00', '15:00-17:00', '', '15:00-17:00', '', '', ''], None, 'Hulp bij huiswerk voor kinderen van groep 6 tot en met de brugklas.', ['kinderen 9-13'], 28),
    ('Stichting Dordrecht Sociaal', 'Ouderkamer Brede school', 'kuyper', ['parenting-and-youth', 'meeting-people'], ['nl', 'tr', 'ar'], 'walk_in', '', ['09:00-12:00', '', '09:00-12:00', '', '', '', ''], None, 'Ouders drinken koffie en praten over school en opvoeden.', ['ouders'], 190),
    ('Stichting Dordrecht Sociaal', 'Voorleesuur', 'kuyper', ['language-and-learning', 'parenting-and-youth'], ['nl'], 'walk_in', '', ['', '', '15:00-16:00', '', '', '', ''], None, 'Voorlezen voor peuters en kleuters met hun ouder.', ['kinderen 2-6'], 14),
    ('Stichting Dordrecht Sociaal', 'Buurtsportcoach', 'thorbecke', ['sport-and-exercise'], ['nl', 'en'], 'walk_in', '', ['', '16:00-18:00', '', '16:00-18:00', '', '', ''], '078 123 44 01', 'Gratis sporten in de sporthal met de buurtsportcoach.', ['kinderen', 'jongeren'], 60),
    ('Stichting Dordrecht Sociaal', 'Bewegen voor ouderen', 'thorbecke', ['sport-and-exercise', 'health-and-care'], ['nl'], 'walk_in', '€ 2 per keer', ['10:00-11:00', '', '', '', '10:00-11:00', '', ''], None, 'Rustig bewegen op muziek.', ['ouderen'], 18),
    ('Stichting Dordrecht Sociaal', 'Vrouwenfitness', 'thorbecke', ['sport-and-exercise', 'meeting-people'], ['nl', 'ar', 'tr'], 'walk_in', '€ 1 per keer', ['', '', '19:00-20:30', '', '', '', ''], None, 'Fitness alleen voor vrouwen.', ['vrouwen'], 270),
    ('Buurthuis Crabbehoeve', 'Inloop Kerkelijk centrum', 'schaep', ['meeting-people', 'food'], ['nl'], 'walk_in', '', ['', '', '', '', '', '10:00-12:00', '12:00-14:00'], None, 'Koffie en soep op zaterdag en zondag.', ['iedereen'], 44),
    ('Buurthuis Crabbehoeve', 'Speeltuin Crabbehof', 'drees', ['parenting-and-youth', 'sport-and-exercise'], ['nl'], 'walk_in', '', ['', '13:00-17:00', '13:00-17:00', '', '13:00-17:00', '10:00-17:00', ''], None, 'Buitenspelen met speeltoestellen en een kiosk.', ['kinderen'], 150),
    ('Stichting Dordrecht Sociaal', 'Bibliotheek: Taalpunt', 'mkw', ['language-and-learning'], ['nl', 'en', 'ar', 'uk'], 'walk_in', '', ['', '10:00-12:00', '', '14:00-16:00', '', '', ''], '078 123 45 01', 'Informatie over Nederlands leren en oefenen.', ['volwassenen', 'nieuwkomers'], 75),
    ('Stichting Dordrecht Sociaal', 'Bibliotheek: Digitaal Café', 'mkw', ['language-and-learning'], ['nl', 'tr'], 'walk_in', '', ['', '', '10:00-12:00', '', '', '', ''], '078 123 45 02', 'Vragen over de computer of de overheid online.', ['ouderen'], 360),
    ('Stichting Dordrecht Sociaal', 'Belastingaangifte hulp', 'mkw', ['money-and-debt'], ['nl', 'en', 'ar'], 'appointment', '', ['', '', '', '', '13:00-16:00', '', ''], '078 123 45 03', 'Hulp bij je belastingaangifte en toeslagen (maart tot en met mei).', ['huishoudens met weinig geld'], 20),
    ('Stichting Dordrecht Sociaal', 'Buurtbemiddeling', 'wielwijk', ['safety', 'housing'], ['nl', 'en'], 'appointment', '', ['09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '09:00-17:00', '', ''], '078 123 46 01', 'Ruzie met de buren? Bemiddelaars helpen jullie praten.', ['bewoners'], 85),
    ('Stichting Dordrecht Sociaal', 'Wijkagent spreekuur', 'wielwijk', ['safety'], ['nl'], 'walk_in', '', ['', '', '', '13:00-14:00', '', '', ''], '0900 8844', 'Praat met de wijkagent over veiligheid in de buurt.', ['bewoners'], 20),
    ('Stichting Dordrecht Sociaal', 'Seniorensoos', 'wielwijk', ['meeting-people'], ['nl'], 'walk_in', '€ 1,50 inclusief koffie', ['', '14:00-16:30', '', '', '', '', ''], None, 'Kaarten, sjoelen en bingo voor 65-plussers.', ['ouderen'], 240),
    ('Stichting Dordrecht Sociaal', 'Moestuin Crabbehof', 'drees', ['meeting-people', 'food', 'work-and-day-activities'], ['nl', 'ar', 'ti'], 'walk_in', '', ['', '', '10:00-12:00', '', '', '10:00-12:00', ''], None, 'Samen groente kweken en oogsten.', ['iedereen'], 12),
    ('Buurthuis Crabbehoeve', 'Spelletjesmiddag', 'hoeve', ['meeting-people'], ['nl', 'pl'], 'walk_in', '', ['', '', '', '', '', '', '13:00-16:00'], None, 'Bordspellen voor jong en oud op zondag.', ['iedereen'], 7),
    ('Stichting Dordrecht Sociaal', 'Ouder-en-kindgroep', 'hoeve', ['parenting-and-youth', 'meeting-people'], ['nl', 'ar', 'tr'], 'walk_in', '', ['09:30-11:30', '', '', '', '', '', ''], None, 'Ouders met jonge kinderen ontmoeten elkaar.', ['ouders met kinderen 0-4'], 210),
]
# fmt: on


def load(scale: str = "neighbourhood", factor: float = 1.0) -> None:
    """Add the demo services, each marked as demo data; some are not checked for a long time.

    At city scale a city's worth follows (app/servicemap/demo_city.py), ``factor`` times 5,000.
    """
    organisations = {o.name: o for o in db.session.scalars(select(Organisation))}
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    checker = db.session.scalar(select(User).where(User.email == "professional@wijkplein.example"))
    now = datetime.now(UTC)
    holiday = (now + timedelta(days=10)).date().isoformat()
    for index, row in enumerate(SERVICES):
        org, name, place, cats, langs, access, cost, hours, phone, desc, groups, age = row
        place_name, address, postcode, lat, lon, wheelchair, loop = PLACES[place]
        organisation = organisations.get(org) or next(iter(organisations.values()))
        data = ServiceData(
            name=name,
            organisation=organisation,
            location_name=place_name,
            address=address,
            postcode=postcode,
            latitude=lat,
            longitude=lon,
            description=desc,
            categories=[categories[c] for c in cats if c in categories],
            languages=langs,
            target_groups=groups,
            cost=cost,
            is_free=not cost,
            access=access,
            phone=phone,
            email=f"info{index}@{organisation.name.lower().replace(' ', '')}.example",
            website=organisation.website,
            wheelchair_accessible=wheelchair,
            hearing_loop=loop,
            hours={day: parse_periods(text) for day, text in enumerate(hours) if text},
            exceptions=parse_exception_lines(f"{holiday} closed Studiedag")
            if index % 7 == 0
            else [],
            is_demo=True,
        )
        service = create_service(data, checker, verify=False)
        service.last_verified_at = now - timedelta(days=age)
        service.verified_by_id = checker.id if checker else None
        service.verified_by_name = checker.name if checker else "Demo"
    db.session.flush()
    if scale == "city":
        demo_city.load(factor, now)
