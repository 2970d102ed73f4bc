"""The demo agenda of Crabbehof as data: its places and about thirty activities.

app/activities/demo.py loads it and places the dates around the day it is loaded.
"""

from __future__ import annotations

# fmt: off
# name, address, postcode, latitude, longitude
PLACES = [
    ('Buurthuis Crabbehoeve', 'Crabbehof 40', '3317 KL', 51.7955, 4.6668),
    ('Bibliotheek Crabbehof', 'Karel Doormanweg 3', '3317 KB', 51.7962, 4.665),
    ('Speeltuin Crabbehof', 'Tromplaan 2', '3317 JT', 51.7948, 4.669),
    ('Sporthal Crabbehof', 'Zuidendijk 320', '3317 NN', 51.793, 4.67),
]

# title, weekday (0 = Monday), start, hours, rrule, place (index in PLACES), organisation,
# target group, categories, languages, cost (None = free), capacity (None = no sign-up),
# description
ACTIVITIES = [
    ('Koffieochtend', 1, '10:00', 2, 'FREQ=WEEKLY', 0, 'Buurthuis Crabbehoeve', 'everyone', ['meeting-people'], ['nl'], None, None, 'Een kop koffie en een praatje. Iedereen is welkom.'),
    ('Taalcafé', 3, '19:00', 1.5, 'FREQ=WEEKLY;INTERVAL=2', 1, 'Stichting Dordrecht Sociaal', 'everyone', ['language-and-learning'], ['nl', 'en', 'ar', 'tr'], None, None, 'Oefen Nederlands praten met buren en vrijwilligers.'),
    ('Huiswerkbegeleiding', 0, '15:30', 1.5, 'FREQ=WEEKLY;BYDAY=MO,TU,TH', 1, 'Stichting Dordrecht Sociaal', 'children', ['parenting-and-youth', 'language-and-learning'], ['nl'], None, 12, 'Hulp bij huiswerk voor kinderen van groep 5 tot en met 8.'),
    ('Knutselmiddag', 2, '14:00', 2, 'FREQ=WEEKLY', 0, 'Buurthuis Crabbehoeve', 'children', ['parenting-and-youth'], ['nl'], None, 15, 'Samen knutselen. Neem een oude sok mee!'),
    ('Seniorengym', 4, '10:00', 1, 'FREQ=WEEKLY', 3, 'Stichting Dordrecht Sociaal', 'seniors', ['sport-and-exercise'], ['nl'], '€ 2', 20, 'Rustig bewegen op muziek, ook op een stoel.'),
    ('Budgetspreekuur', 1, '13:30', 2, 'FREQ=WEEKLY', 0, 'Sociale Dienst Drechtsteden', 'everyone', ['money-and-debt'], ['nl', 'tr', 'ar'], None, None, 'Vragen over geld, rekeningen of schulden? Loop binnen.'),
    ('Eettafel', 3, '17:30', 2, 'FREQ=WEEKLY', 0, 'Buurthuis Crabbehoeve', 'everyone', ['food', 'meeting-people'], ['nl'], '€ 4', 30, 'Samen eten voor een klein bedrag. Meld je aan.'),
    ('Jongerenavond', 4, '19:00', 3, 'FREQ=WEEKLY', 0, 'Stichting Dordrecht Sociaal', 'youth', ['parenting-and-youth'], ['nl'], None, None, 'Chillen, gamen en praten met de jongerenwerker.'),
    ('Peuterochtend', 0, '09:30', 2, 'FREQ=WEEKLY', 0, 'GGD Zuid-Holland Zuid', 'parents', ['parenting-and-youth', 'health-and-care'], ['nl', 'ar'], None, None, 'Voor ouders met kinderen van 0 tot 4 jaar.'),
    ('Wandelgroep', 2, '10:00', 1.5, 'FREQ=WEEKLY', 2, 'Stichting Dordrecht Sociaal', 'seniors', ['sport-and-exercise', 'meeting-people'], ['nl'], None, None, 'We wandelen een rondje door de wijk. Start bij de speeltuin.'),
    ('Repair Café', 5, '10:00', 3, 'FREQ=MONTHLY;BYDAY=1SA', 0, 'Buurthuis Crabbehoeve', 'everyone', ['meeting-people'], ['nl'], None, None, 'Kapotte spullen? Samen maken we ze.'),
    ('Spreekuur Woonbron', 2, '09:00', 2, 'FREQ=WEEKLY', 0, 'Woonbron', 'everyone', ['housing'], ['nl'], None, None, 'Vragen over je huurhuis.'),
    ('Spreekuur Trivire', 3, '09:00', 2, 'FREQ=WEEKLY;INTERVAL=2', 0, 'Trivire', 'everyone', ['housing'], ['nl'], None, None, 'Vragen over je huurhuis bij Trivire.'),
    ('Voorleesuurtje', 5, '11:00', 1, 'FREQ=WEEKLY', 1, 'Stichting Dordrecht Sociaal', 'children', ['language-and-learning', 'parenting-and-youth'], ['nl'], None, None, 'Luisteren naar verhalen in de bibliotheek.'),
    ('Naaiatelier', 1, '19:00', 2, 'FREQ=WEEKLY', 0, 'Buurthuis Crabbehoeve', 'everyone', ['meeting-people', 'work-and-day-activities'], ['nl', 'tr'], '€ 1', 8, 'Kleding maken en herstellen. Er zijn 8 naaimachines.'),
    ('Digicafé', 0, '13:30', 2, 'FREQ=WEEKLY', 1, 'Stichting Dordrecht Sociaal', 'seniors', ['language-and-learning'], ['nl'], None, 10, 'Hulp met je telefoon, tablet of DigiD.'),
    ('Voetbal op het pleintje', 2, '16:00', 1.5, 'FREQ=WEEKLY', 2, 'Stichting Dordrecht Sociaal', 'youth', ['sport-and-exercise'], ['nl'], None, None, 'Voetballen met de sportcoach. Geen aanmelden nodig.'),
    ('Vrouwenochtend', 4, '09:30', 2, 'FREQ=WEEKLY', 0, 'Stichting Dordrecht Sociaal', 'everyone', ['meeting-people'], ['nl', 'ar', 'tr'], None, None, 'Koffie, thee en gesprekken voor vrouwen uit de wijk.'),
    ('Werkcafé', 3, '10:00', 2, 'FREQ=WEEKLY', 1, 'Sociale Dienst Drechtsteden', 'everyone', ['work-and-day-activities'], ['nl'], None, None, 'Hulp bij zoeken naar werk, je cv en sollicitaties.'),
    ('Ouderkamer', 1, '08:45', 1.5, 'FREQ=WEEKLY', 0, 'Stichting Dordrecht Sociaal', 'parents', ['parenting-and-youth'], ['nl', 'ar'], None, None, 'Ouders ontmoeten elkaar na het brengen naar school.'),
    ('Bingo', 4, '14:00', 2, 'FREQ=MONTHLY;BYDAY=-1FR', 0, 'Buurthuis Crabbehoeve', 'seniors', ['meeting-people'], ['nl'], '€ 3', 40, 'Gezellige bingo met kleine prijzen.'),
    ('Moestuin-ochtend', 5, '10:00', 2, 'FREQ=WEEKLY', 2, 'Buurthuis Crabbehoeve', 'everyone', ['food', 'meeting-people'], ['nl'], None, None, 'Samen tuinieren in de buurtmoestuin.'),
    ('Gezondheidsspreekuur', 2, '13:00', 1.5, 'FREQ=WEEKLY;INTERVAL=2', 0, 'GGD Zuid-Holland Zuid', 'everyone', ['health-and-care'], ['nl', 'en'], None, None, 'Vragen over gezondheid? De wijkverpleegkundige helpt je.'),
    ('Kookles voor jongeren', 1, '16:00', 2, 'FREQ=WEEKLY;COUNT=6', 0, 'Stichting Dordrecht Sociaal', 'youth', ['food'], ['nl'], None, 10, 'Leer gezond en goedkoop koken. Zes lessen.'),
    ('Sinterklaasfeest in de wijk', 5, '14:00', 3, None, 0, 'Buurthuis Crabbehoeve', 'children', ['parenting-and-youth'], ['nl'], None, 60, 'Sinterklaas komt naar Crabbehof! Meld je kind aan.'),
    ('Informatieavond energie besparen', 3, '19:30', 1.5, None, 1, 'Woonbron', 'everyone', ['housing', 'money-and-debt'], ['nl'], None, 40, 'Tips om je energierekening omlaag te krijgen.'),
    ('Kerstmarkt', 5, '12:00', 5, None, 0, 'Buurthuis Crabbehoeve', 'everyone', ['meeting-people'], ['nl'], None, None, 'Kraampjes, warme chocomel en muziek.'),
    ('Oliebollen bakken', 2, '13:00', 3, None, 0, 'Buurthuis Crabbehoeve', 'everyone', ['food', 'meeting-people'], ['nl'], None, None, 'Samen oliebollen bakken voor oud en nieuw.'),
    ('Buurtschoonmaak', 5, '10:00', 2, None, 2, 'Trivire', 'everyone', ['meeting-people'], ['nl'], None, None, 'Samen de wijk schoon maken. Handschoenen en grijpers zijn er.'),
]
# fmt: on
