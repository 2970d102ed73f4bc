"""The question board of a whole city, the questions themselves (see demo_city.py).

A question's columns follow from its state exactly as the operations leave them: an open one
has no helper, a claimed one has a helper (a vetted volunteer with room under their maximum, or
a professional for a sensitive category), a finished one a ``finished_at``, only a done one a
"were you helped?" answer, a hidden one a reason, an on-behalf one the consent, a guest one a
name and a way to reach them. Every step has its history row; threads have their messages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.core.bulk import insert_returning_ids, insert_rows
from app.helpboard.models import (
    CLAIMED,
    CLOSE_REASONS,
    CLOSED,
    DONE,
    OPEN,
    Message,
    Question,
    QuestionEvent,
)
from app.neighbourhoods.demo import Area

TRIAGE = "triage"  # open, waiting for a professional
# State of a question → its share of the board.
STATES = ((OPEN, 8), (TRIAGE, 3), (CLAIMED, 5), (DONE, 57), (CLOSED, 27))
GUEST_EVERY = 8
ON_BEHALF_EVERY = 20
HIDDEN_EVERY = 50
ANONYMISED_AFTER_DAYS = 365
TITLES = (
    "Wie helpt mij met een formulier?",
    "Mijn lamp is kapot en ik kan geen ladder op",
    "Ik zoek iemand om mee te wandelen",
    "Wie oefent Nederlands met mij?",
    "Hulp bij huiswerk voor mijn dochter",
    "Boodschappen doen na mijn operatie",
    "Ik heb schulden en weet niet waar ik moet beginnen",
    "Wie kookt een keer samen met mij?",
    "Gordijnrail ophangen",
    "Samen naar de markt op zaterdag",
)
LINES = (
    "Hallo! Ik kan je helpen. Wanneer schikt het?",
    "Dank je wel! Donderdagochtend kan ik.",
    "Prima, ik kom om tien uur langs.",
    "Ik ben er. Welk huisnummer was het ook alweer?",
    "Nummer 12, de bel doet het niet, klop maar.",
    "Het is gelukt, bedankt voor je hulp!",
)


@dataclass
class People:
    """Who can ask and help: ids of residents, professionals and vetted volunteers' room."""

    residents: list[int]
    professionals: list[int]
    # volunteer id → how many more questions they may hold now (max_open minus claimed)
    room: dict[int, int]
    pool: list[int] = field(default_factory=list)

    def claimer(self, rng: random.Random) -> int | None:
        """Return a vetted volunteer who still has room, and take one place of theirs."""
        while self.pool:
            pick = rng.randrange(len(self.pool))
            helper = self.pool[pick]
            if self.room[helper] > 0:
                self.room[helper] -= 1
                return helper
            self.pool[pick] = self.pool[-1]
            self.pool.pop()
        return None


def _state(rng: random.Random) -> str:
    return rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]


def make_questions(
    rng: random.Random,
    total: int,
    people: People,
    categories: list[tuple[int, bool]],
    areas: list[Area],
    now: datetime,
) -> list[dict]:
    """Return ``total`` question rows in every state (see the module docstring)."""
    people.pool = [v for v, room in people.room.items() if room > 0]
    vetted = list(people.room)
    rows = []
    for n in range(total):
        state = _state(rng)
        category_id, sensitive = categories[rng.randrange(len(categories))]
        area = areas[rng.randrange(len(areas))]
        lat, lon = area.point(rng)
        recent = state in (OPEN, TRIAGE, CLAIMED)
        age = (
            timedelta(hours=rng.randint(1, 24 * 21))
            if recent
            else timedelta(days=rng.randint(3, 730))
        )
        created = now - age
        guest = state == TRIAGE or n % GUEST_EVERY == 3
        on_behalf = not guest and n % ON_BEHALF_EVERY == 7
        requester = None if guest else people.residents[rng.randrange(len(people.residents))]
        helper = None
        if state == CLAIMED:
            helper = (
                people.professionals[n % len(people.professionals)]
                if sensitive
                else people.claimer(rng)
            )
            if helper is None:
                state = DONE  # nobody has room left: it was done before
        if state == DONE or (state == CLOSED and n % 3 == 0):
            helper = (
                people.professionals[n % len(people.professionals)]
                if sensitive
                else vetted[rng.randrange(len(vetted))]
            )
        if helper is not None and helper == requester:
            requester = people.residents[
                (people.residents.index(requester) + 1) % len(people.residents)
            ]
        claimed_at = created + timedelta(hours=rng.randint(1, 30)) if helper else None
        finished = None
        if state in (DONE, CLOSED):
            finished = (claimed_at or created) + timedelta(days=rng.randint(1, 14))
            finished = min(finished, now - timedelta(minutes=5))
            claimed_at = min(claimed_at, finished) if claimed_at else None
        anonymised = finished is not None and now - finished > timedelta(days=ANONYMISED_AFTER_DAYS)
        hidden = n % HIDDEN_EVERY == 11
        rows.append(
            {
                "title": TITLES[n % len(TITLES)],
                "description": ""
                if anonymised
                else "Gegenereerde demovraag om Wijkplein op stadsschaal te proberen.",
                "category_id": category_id,
                "neighbourhood_id": area.id,
                "urgency": rng.choice(("today", "this_week", "no_hurry")),
                "parts_of_day": rng.sample(
                    ["morning", "afternoon", "evening"], k=rng.randint(1, 2)
                ),
                "contact_route": rng.choice(("phone", "email", "message")),
                "language": rng.choice(("nl", "nl", "nl", "tr", "ar", "pl", "en")),
                "latitude": None if anonymised else lat,
                "longitude": None if anonymised else lon,
                "status": OPEN if state == TRIAGE else state,
                "in_triage": state == TRIAGE or (state == OPEN and sensitive),
                "escalated_at": now
                if state == OPEN and age > timedelta(hours=48) and n % 3 == 0
                else None,
                "opened_at": None
                if state == TRIAGE
                else created + timedelta(minutes=30 if guest else 0),
                "claimed_at": claimed_at,
                "finished_at": finished,
                "close_reason": rng.choice(CLOSE_REASONS) if state == CLOSED else None,
                "helped": rng.choice(("yes", "yes", "yes", "partly", "no", None))
                if state == DONE
                else None,
                "requester_id": None if anonymised else requester,
                "guest_name": f"Buurtbewoner {n + 1}" if guest and not anonymised else None,
                "guest_phone": f"+3168{n:07d}" if guest and not anonymised and n % 2 else None,
                "guest_email": f"gast{n}@example.org"
                if guest and not anonymised and not n % 2
                else None,
                "helper_id": helper,
                "on_behalf_by_id": people.professionals[n % len(people.professionals)]
                if on_behalf
                else None,
                "consent_at": created if on_behalf else None,
                "form_token": None,
                "hidden_at": created + timedelta(hours=2) if hidden else None,
                "hidden_reason": "Persoonlijke gegevens in de tekst." if hidden else None,
                "anonymised_at": finished + timedelta(days=ANONYMISED_AFTER_DAYS)
                if finished and anonymised
                else None,
                "created_at": created,
                "updated_at": finished or claimed_at or created,
            }
        )
    return rows


def insert_questions(rows: list[dict]) -> list[int]:
    """Insert the question rows with their history; return their ids."""
    ids = insert_returning_ids(Question, rows)
    insert_rows(
        QuestionEvent, (e for qid, row in zip(ids, rows, strict=True) for e in _events(qid, row))
    )
    return ids


def _event(
    qid: int,
    actor: int | None,
    action: str,
    before: str | None,
    after: str,
    at: datetime,
    reason: str | None = None,
) -> dict:
    return {
        "question_id": qid,
        "actor_id": actor,
        "action": action,
        "from_status": before,
        "to_status": after,
        "reason": reason,
        "created_at": at,
    }


def _events(qid: int, row: dict) -> list[dict]:
    """Return the history rows of one question, in order."""
    created, helper = row["created_at"], row["helper_id"]
    events = [
        _event(qid, row["requester_id"] or row["on_behalf_by_id"], "created", None, OPEN, created)
    ]
    if row["requester_id"] is None and row["on_behalf_by_id"] is None and row["opened_at"]:
        events.append(_event(qid, None, "approved", OPEN, OPEN, row["opened_at"]))
    if row["escalated_at"]:
        events.append(_event(qid, None, "escalated", OPEN, OPEN, row["escalated_at"]))
    if helper and row["claimed_at"]:
        events.append(_event(qid, helper, "claimed", OPEN, CLAIMED, row["claimed_at"]))
    status = row["status"]
    if status in (DONE, CLOSED):
        before = CLAIMED if status == DONE else (CLAIMED if helper else OPEN)
        events.append(
            _event(qid, helper, status, before, status, row["finished_at"], row["close_reason"])
        )
    if row["helped"]:
        events.append(
            _event(
                qid, row["requester_id"], "helped", DONE, DONE, row["finished_at"], row["helped"]
            )
        )
    if row["hidden_at"]:
        events.append(
            _event(qid, None, "hidden", status, status, row["hidden_at"], row["hidden_reason"])
        )
    return events


def insert_messages(
    rng: random.Random, total: int, ids: list[int], rows: list[dict], now: datetime
) -> int:
    """Spread ``total`` messages over the threads of questions that have a helper."""
    threads = [
        (qid, row)
        for qid, row in zip(ids, rows, strict=True)
        if row["helper_id"] and row["claimed_at"]
    ]
    if not threads:
        return 0
    counts = [0] * len(threads)
    for _ in range(total):
        counts[rng.randrange(len(threads))] += 1

    def messages():
        for (qid, row), count in zip(threads, counts, strict=True):
            start = row["claimed_at"]
            end = row["finished_at"] or now
            step = (end - start) / (count + 1)
            for m in range(count):
                from_helper = m % 2 == 0 or (
                    row["requester_id"] is None and row["guest_name"] is None
                )
                hidden = m == 3 and qid % 40 == 0
                yield {
                    "question_id": qid,
                    "author_id": row["helper_id"] if from_helper else row["requester_id"],
                    "from_guest": not from_helper and row["requester_id"] is None,
                    "body": LINES[m % len(LINES)],
                    "created_at": start + step * (m + 1),
                    "hidden_at": end if hidden else None,
                    "hidden_reason": "Onaardig bericht." if hidden else None,
                }

    return insert_rows(Message, messages())
