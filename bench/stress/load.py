"""The simulated users of ``make stress``: threads with requests, each its own login and journey.

Every request is recorded (start, end, method, route, status; status 0 when no answer came: a
killed worker). Every write is recorded with whether the answer said it succeeded, so that
scripts/stress.py can look for each acknowledged write in the database afterwards.

Four kinds of user take turns (user n is kind n mod 4), each also browsing between its writes:

* volunteer: claims an open question, writes a message in its thread, hands it back;
* resident: puts out a question on the board (logged in);
* attendee: signs up for a date of an activity, or signs off from one it holds;
* guest: puts out a question without an account (it waits in triage), now and then registers.
"""

from __future__ import annotations

import random
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from bench.throughput.html import hidden_fields
from bench.throughput.scenarios import Account, Client, login

THINK = (1.0, 3.0)  # seconds between two steps of one user (a quick person)
SIGNUP_FORM = re.compile(
    r'<form method="post" action="(/agenda/\d+/(?:aanmelden|afmelden))"[^>]*>\s*'
    r'<input type="hidden" name="csrf_token" value="[^"]*">\s*'
    r'<input type="hidden" name="occurrence" value="([^"]*)">'
)
ROUTE_IDS = re.compile(r"/\d+(-[\w-]+)?")


def route(path: str) -> str:
    """``/prikbord/12/oppakken`` → ``/prikbord/<id>/oppakken`` (the query string left out)."""
    return ROUTE_IDS.sub("/<id>", urlsplit(path).path)


@dataclass
class Shared:
    """What every user thread writes to and reads from."""

    base: str
    category: str
    browse: list[str]
    activities: list[str]
    started: float = field(default_factory=time.monotonic)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[dict] = field(default_factory=list)
    writes: list[dict] = field(default_factory=list)
    writing: int = 0  # write requests on their way right now (the worker kill waits for one)

    def now(self) -> float:
        return time.monotonic() - self.started


class Recorder:
    """Wraps a user's Client: every request is timed and recorded, none raises."""

    def __init__(self, shared: Shared, http: Client, user: str, email: str = "") -> None:
        self.shared, self.http, self.user, self.email = shared, http, user, email

    def call(self, method: str, path: str, *, write: bool = False, **kwargs) -> requests.Response:
        url = urljoin(self.shared.base, path)
        if write:
            with self.shared.lock:
                self.shared.writing += 1
        start = self.shared.now()
        try:
            answer = self.http.request(method, url, follow=False, **kwargs)
            status = answer.status_code
        except requests.RequestException as error:
            answer = requests.Response()
            answer.status_code = 0
            answer.reason = type(error).__name__
            status = 0
        finally:
            if write:
                with self.shared.lock:
                    self.shared.writing -= 1
        entry = {
            "start": round(start, 3),
            "end": round(self.shared.now(), 3),
            "method": method,
            "route": route(path),
            "status": status,
            "user": self.user,
        }
        with self.shared.lock:
            self.shared.requests.append(entry)
        return answer

    def get(self, path: str) -> requests.Response:
        answer = self.call("GET", path)
        hops = 0
        while answer.is_redirect and hops < 5:
            answer = self.call("GET", urljoin(path, answer.headers["Location"]))
            hops += 1
        return answer

    def post(self, path: str, data: dict) -> requests.Response:
        return self.call("POST", path, write=True, data=data)

    def wrote(self, kind: str, acknowledged: bool, **detail: object) -> None:
        with self.shared.lock:
            self.shared.writes.append(
                {"kind": kind, "ok": acknowledged, "user": self.user, "email": self.email}
                | {"at": round(self.shared.now(), 3)}
                | detail
            )


def think(shared: Shared) -> bool:
    """Wait a moment like a person; False when the run is over."""
    return not shared.stop.wait(random.uniform(*THINK))  # noqa: S311 — load, not security


def browse(user: Recorder) -> None:
    user.get(random.choice(user.shared.browse))  # noqa: S311


def question_data(page: str, category: str, title: str) -> dict[str, str]:
    return {
        **hidden_fields(page, "/prikbord/nieuw"),
        "category": category,
        "title": title,
        "description": "Een vraag van de stresstest.",
        "urgency": "this_week",
        "contact_route": "message",
        "language": "nl",
        "form_token": secrets.token_urlsafe(24),
    }


def put_out(user: Recorder, extra: dict[str, str], kind: str) -> None:
    page = user.get("/prikbord/nieuw")
    if page.status_code != 200:
        return
    title = f"Stress {user.user} {secrets.token_hex(4)}"
    data = question_data(page.text, user.shared.category, title) | extra
    answer = user.post("/prikbord/nieuw", data)
    location = answer.headers.get("Location", "")
    ok = answer.status_code == 302 and location.endswith("/verstuurd")
    question = int(location.rstrip("/").split("/")[-2]) if ok else None
    user.wrote(kind, ok, title=title, question=question)


def holds(page: str) -> bool:
    return "handback-csrf_token" in hidden_fields(page)


def volunteer_step(user: Recorder, account: Account) -> None:
    board = user.get("/api/v1/prikbord")
    if board.status_code != 200:
        return
    ids = [int(q["id"]) for q in board.json().get("questions", [])]
    if not ids:
        return
    question = random.choice(ids)  # noqa: S311
    path = f"/prikbord/{question}"
    answer = user.post(path + "/oppakken", {"claim-csrf_token": account.csrf})
    if answer.status_code != 302:
        user.wrote("claim", False, question=question)
        return
    page = user.get(path)
    claimed = page.status_code == 200 and holds(page.text)
    user.wrote("claim", claimed, question=question)
    if not claimed:
        return
    body = f"Stressbericht {user.user} {secrets.token_hex(4)}"
    answer = user.post(
        path + "/bericht", {"message-csrf_token": account.csrf, "message-body": body}
    )
    user.wrote(
        "message",
        answer.status_code == 302 and "berichten" in answer.headers.get("Location", ""),
        question=question,
        body=body,
    )
    answer = user.post(
        path + "/teruggeven", {"handback-csrf_token": account.csrf, "handback-reason": ""}
    )
    page = user.get(path) if answer.status_code == 302 else answer
    user.wrote(
        "hand_back",
        answer.status_code == 302 and page.status_code == 200 and not holds(page.text),
        question=question,
    )


def signup_forms(page: str) -> list[tuple[str, str]]:
    return SIGNUP_FORM.findall(page)


def attendee_step(user: Recorder, account: Account) -> None:
    activity = random.choice(user.shared.activities)  # noqa: S311
    page = user.get(activity)
    if page.status_code != 200:
        return
    forms = signup_forms(page.text)
    if not forms:
        return
    action, occurrence = random.choice(forms)  # noqa: S311
    signing_up = action.endswith("/aanmelden")
    answer = user.post(action, {"csrf_token": account.csrf, "occurrence": occurrence})
    after = user.get(activity) if answer.status_code == 302 else answer
    # Signed up: the date now offers "sign off" (and the other way round).
    wanted = (
        action.replace("/aanmelden", "/afmelden")
        if signing_up
        else action.replace("/afmelden", "/aanmelden")
    )
    ok = answer.status_code == 302 and (wanted, occurrence) in signup_forms(after.text)
    user.wrote(
        "signup" if signing_up else "cancel",
        ok,
        activity=int(action.split("/")[2]),
        occurrence=occurrence,
    )


def register(user: Recorder) -> None:
    page = user.get("/account/registreren")
    if page.status_code != 200:
        return
    email = f"stress-new-{secrets.token_hex(5)}@wijkplein.example"
    password = "stress-" + secrets.token_urlsafe(16)
    data = {
        **hidden_fields(page.text, "/account/registreren"),
        "name": "Nieuwe buur",
        "email": email,
        "password": password,
        "password_again": password,
    }
    answer = user.post("/account/registreren", data)
    ok = answer.status_code == 302 and "/account/inloggen" in answer.headers.get("Location", "")
    user.wrote("register", ok, email=email)


def guest_step(user: Recorder, turn: int) -> None:
    if turn % 3 == 2:
        register(user)
        user.http.cookies.clear()  # a new visitor again
        return
    put_out(
        user,
        {
            "guest_name": "Gast",
            "guest_email": f"stress-guest-{secrets.token_hex(4)}@example.org",
            "guest_phone": "",
        },
        "guest_question",
    )


KINDS = ("volunteer", "resident", "attendee", "guest")


def run_user(shared: Shared, n: int, account: Account | None) -> None:
    kind = KINDS[n % 4]
    http = account.http if account else Client()
    user = Recorder(shared, http, f"{kind}{n}", account.identifier if account else "")
    turn = 0
    while think(shared):
        browse(user)
        if not think(shared):
            break
        if kind == "volunteer" and account:
            volunteer_step(user, account)
        elif kind == "resident" and account:
            put_out(user, {}, "question")
        elif kind == "attendee" and account:
            attendee_step(user, account)
        else:
            guest_step(user, turn)
        turn += 1


def log_in(base: str, users: int, accounts: dict[str, list[str]]) -> list[Account | None]:
    """Log every user in once, each with an account of its own (guests stay anonymous)."""
    logged: list[Account | None] = []
    for n in range(users):
        kind = KINDS[n % 4]
        if kind == "guest":
            logged.append(None)
            continue
        pool = accounts["volunteers"] if kind == "volunteer" else accounts["residents"]
        logged.append(login(base, pool[n]))
    return logged


def start(shared: Shared, accounts: list[Account | None]) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=run_user, args=(shared, n, account), daemon=True, name=f"user{n}")
        for n, account in enumerate(accounts)
    ]
    for thread in threads:
        thread.start()
    return threads
