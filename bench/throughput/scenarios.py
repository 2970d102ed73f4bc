"""Log in once per demo account and find the demo pages to measure, through HTTP only.

Nothing here knows an id: service, activity and question pages are found on the public pages
and the API, the way a visitor finds them. Sessions are signed cookies, so one login per account
serves every simulated user of that account (and the professional's one-time code is used once).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urljoin

import pyotp
import requests

from bench.throughput.html import csrf_token, first_link, hidden_fields, radio_values

DEMO_PASSWORD = "wijkplein-demo"  # noqa: S105 — the published demo password (README)
DEMO_TOTP_SECRET = "WIJKPLEINDEMOCRABBEHOFDORDRECHT2"  # noqa: S105 — published demo secret
RESIDENT = "bewoner@wijkplein.example"
PROFESSIONAL = "professional@wijkplein.example"
VOLUNTEERS = [f"vrijwilliger{n}@wijkplein.example" for n in range(1, 13)]
POOL_SIZE = 48  # open questions kept on the board for the claim measurement


class SetupError(RuntimeError):
    pass


@dataclass
class Account:
    identifier: str
    http: Client
    cookie: str = ""
    csrf: str = ""
    slots: int = 0  # how many questions this volunteer may hold at once (measured)

    def capture(self, base: str) -> None:
        """Keep the session cookie and a CSRF token (a form page puts the token in the session)."""
        page = self.http.get(base + "/prikbord/nieuw")
        self.csrf = csrf_token(page.text)
        self.cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())


@dataclass
class Discovery:
    base: str
    pages: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Client:
    """A requests session that keeps its cookies itself.

    Production cookies are Secure, and requests (rightly) never sends those over plain http;
    the benchmark talks plain http on loopback, so it sends the cookies it was given.
    """

    def __init__(self) -> None:
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, *, follow: bool = True, **kwargs) -> requests.Response:
        for _hop in range(5):
            header = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            answer = self.session.request(
                method, url, headers={"Cookie": header}, allow_redirects=False, timeout=60, **kwargs
            )
            self.session.cookies.clear()
            self.cookies.update(answer.cookies.get_dict())
            if not (follow and answer.is_redirect and method == "GET"):
                return answer
            url = urljoin(url, answer.headers["Location"])
        return answer

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        return self.request("POST", url, follow=False, **kwargs)


def login(base: str, identifier: str, *, two_step: bool = False) -> Account:
    http = Client()
    page = http.get(base + "/account/inloggen")
    data = {
        **hidden_fields(page.text, "/account/inloggen"),
        "identifier": identifier,
        "password": DEMO_PASSWORD,
    }
    answer = http.post(base + "/account/inloggen", data=data)
    if answer.status_code != 302:
        raise SetupError(f"login of {identifier} failed ({answer.status_code})")
    if "tweestaps" in answer.headers.get("Location", ""):
        if not two_step:
            raise SetupError(f"{identifier} asks for a second step")
        page = http.get(urljoin(base, answer.headers["Location"]))
        data = {
            **hidden_fields(page.text, "/account/tweestaps/code"),
            "code": pyotp.TOTP(DEMO_TOTP_SECRET).now(),
        }
        answer = http.post(base + "/account/tweestaps/code", data=data)
        if answer.status_code != 302:
            raise SetupError(f"second step of {identifier} failed ({answer.status_code})")
    if http.get(base + "/prikbord/mijn").status_code != 200:
        raise SetupError(f"{identifier} is not logged in after the login")
    account = Account(identifier, http)
    account.capture(base)
    return account


def board_ids(base: str) -> list[int]:
    questions = requests.get(base + "/api/v1/prikbord", timeout=60).json()["questions"]
    return [int(q["id"]) for q in questions]


def post_question(base: str, account: Account, category: str, n: int) -> int | None:
    """Put out a question as ``account``; return its id (None when the category diverts it)."""
    page = account.http.get(base + "/prikbord/nieuw")
    data = {
        **hidden_fields(page.text, "/prikbord/nieuw"),
        "category": category,
        "title": f"Benchmark: wie helpt mij even? ({n})",
        "description": "Een vraag van de doorvoermeting.",
        "urgency": "this_week",
        "contact_route": "message",
        "language": "nl",
        "form_token": secrets.token_urlsafe(24),
    }
    answer = account.http.post(base + "/prikbord/nieuw", data=data)
    location = answer.headers.get("Location", "")
    if answer.status_code != 302 or not location.endswith("/verstuurd"):
        return None
    return int(location.rstrip("/").split("/")[-2])


def board_category(base: str, resident: Account) -> str:
    """Find a category whose questions go straight onto the public board (not to triage)."""
    page = resident.http.get(base + "/prikbord/nieuw")
    for n, category in enumerate(radio_values(page.text, "category", "/prikbord/nieuw")):
        question = post_question(base, resident, category, n)
        if question is not None and question in board_ids(base):
            return category
    raise SetupError("no question category leads to the public board")


def holds(base: str, volunteer: Account, question: int) -> bool:
    page = volunteer.http.get(f"{base}/prikbord/{question}")
    return "handback-csrf_token" in hidden_fields(page.text)


def claim(base: str, volunteer: Account, question: int) -> bool:
    volunteer.http.post(
        f"{base}/prikbord/{question}/oppakken",
        data={"claim-csrf_token": volunteer.csrf},
    )
    return holds(base, volunteer, question)


def hand_back(base: str, volunteer: Account, question: int) -> None:
    volunteer.http.post(
        f"{base}/prikbord/{question}/teruggeven",
        data={"handback-csrf_token": volunteer.csrf, "handback-reason": ""},
    )


def measure_slots(base: str, volunteer: Account, pool: list[int]) -> list[int]:
    """Claim until the volunteer is full (their own max_open), then give everything back."""
    held: list[int] = []
    for question in list(pool):
        if len(held) >= 20 or not claim(base, volunteer, question):
            break
        held.append(question)
    for question in held:
        hand_back(base, volunteer, question)
    volunteer.slots = len(held)
    return held


def discover(base: str) -> Discovery:
    """Log in, find the pages, fill the board; return every scenario the load generator runs."""
    found = Discovery(base)
    home = requests.get(base + "/", timeout=60)
    kaart = requests.get(base + "/kaart", timeout=60).text
    agenda = requests.get(base + "/agenda", timeout=60).text
    service = first_link(kaart, r"/kaart/\d+-[\w-]+") or first_link(home.text, r"/kaart/\d+-[\w-]+")
    activity = first_link(agenda, r"/agenda/\d+-[\w-]+")
    if service is None or activity is None:
        raise SetupError(f"no service ({service}) or activity ({activity}) page found")

    resident = login(base, RESIDENT)
    professional = login(base, PROFESSIONAL, two_step=True)
    volunteers = [login(base, identifier) for identifier in VOLUNTEERS]
    category = board_category(base, resident)
    pool = board_ids(base)
    for n in range(len(pool), POOL_SIZE + 1):
        question = post_question(base, resident, category, 100 + n)
        if question is not None:
            pool.append(question)
    helper = volunteers[-1]
    helped = next((q for q in pool if claim(base, helper, q)), None)
    if helped is None:
        raise SetupError(f"{helper.identifier} could not claim any question")
    pool.remove(helped)
    for volunteer in volunteers:
        measure_slots(base, volunteer, pool)
        volunteer.capture(base)
    for account in (resident, professional):
        account.capture(base)
    slots = sum(v.slots for v in volunteers)
    found.notes.append(
        f"claims: {len(volunteers)} vetted volunteers with {slots} free places in all (each "
        f"volunteer's max_open), {len(pool)} open questions; each claim is followed by a hand back"
    )
    found.notes.append(
        f"posting: as {RESIDENT} (logged in; a guest's question waits in triage), "
        f"category {category}; each post first loads the form for its CSRF token"
    )

    def page(name: str, path: str, group: str, account: Account | None = None) -> None:
        found.pages.append(
            {"name": name, "kind": "get", "path": path, "group": group,
             "cookie": account.cookie if account else ""}
        )  # fmt: skip

    page("/", "/", "anonymous")
    page("/kaart", "/kaart", "anonymous")
    page("service page", service, "anonymous")
    page("/agenda (list)", "/agenda", "anonymous")
    page("/agenda (week)", "/agenda?view=week", "anonymous")
    page("/agenda (month)", "/agenda?view=month", "anonymous")
    page("activity page", activity, "anonymous")
    page("/agenda.ics", "/agenda.ics", "anonymous")
    page("/prikbord", "/prikbord", "anonymous")
    page("/api/v1/services", "/api/v1/services", "anonymous")
    page("/api/v1/services.geojson", "/api/v1/services.geojson", "anonymous")
    start = date.today()
    end = start + timedelta(days=31)
    page("/api/v1/events", f"/api/v1/events?start={start}&end={end}", "anonymous")
    page("question page (helper)", f"/prikbord/{helped}", "logged-in", helper)
    page("triage (professional)", "/beheer/prikbord", "logged-in", professional)
    found.pages.append(
        {"name": "POST question", "kind": "post_question", "group": "logged-in",
         "cookie": resident.cookie, "category": category}
    )  # fmt: skip
    found.pages.append(
        {"name": "POST claim", "kind": "claim", "group": "logged-in", "pool": pool,
         "volunteers": [{"cookie": v.cookie, "csrf": v.csrf, "slots": v.slots}
                        for v in volunteers if v.slots]}
    )  # fmt: skip
    found.notes.append(
        f"pages: service {service}, activity {activity}, question {helped} as "
        f"{helper.identifier}, triage as {PROFESSIONAL} (two-step login)"
    )
    return found
