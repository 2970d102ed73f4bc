"""The privacy register: what personal data Wijkplein keeps, why, and for how long.

``/privacy`` is generated from this list. A part of Wijkplein that starts keeping personal data
adds an entry here in the same change.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class RegisterEntry:
    what: object
    why: object
    who_sees: object
    kept: object


REGISTER: list[RegisterEntry] = [
    RegisterEntry(
        what=_l(
            "Your account: name, email address or phone number, password (only as a hash), language"
        ),
        why=_l("So that you can log in and we can reach you about your questions and sign-ups."),
        who_sees=_l(
            "You. Professionals see your name and contact details only when they help you."
        ),
        kept=_l("Until you delete your account."),
    ),
    RegisterEntry(
        what=_l(
            "Two-step login: a secret for your authenticator app and recovery codes (as a hash)"
        ),
        why=_l("To protect accounts that can see other people's data."),
        who_sees=_l("Nobody; only the computer checks it."),
        kept=_l("Until you switch two-step login off or delete your account."),
    ),
    RegisterEntry(
        what=_l("Your home neighbourhood, if you chose one"),
        why=_l("To show you what happens in your own neighbourhood."),
        who_sees=_l("You."),
        kept=_l("Until you change it or delete your account."),
    ),
    RegisterEntry(
        what=_l("Account history: role changes, blocks and password links given by a professional"),
        why=_l("So that the programme office can check who changed what on an account."),
        who_sees=_l("Administrators."),
        kept=_l("Until the account is deleted."),
    ),
    RegisterEntry(
        what=_l("Technical data: your IP address for limiting login attempts"),
        why=_l("To stop people from guessing passwords."),
        who_sees=_l("Nobody; it is kept in memory for a short time only."),
        kept=_l("At most one hour."),
    ),
]
