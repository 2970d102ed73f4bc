"""The privacy register: what personal data Wijkplein keeps, why, and for how long.

``/privacy`` is generated from this list. A part of Wijkplein that starts keeping personal data
adds an entry here in the same change. ``columns`` names the columns (``"table.column"``) that
point at a person for each entry; tests/accounts/test_my_data.py fails when a column of the
schema that points at a person is in no entry, or when "my data" leaves it out.
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
    columns: tuple[str, ...] = ()


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
        columns=(
            "user_roles.user_id",
            "organisation_members.user_id",
            "neighbourhood_professionals.user_id",
        ),
    ),
    RegisterEntry(
        what=_l(
            "Two-step login: a secret for your authenticator app and recovery codes (as a hash)"
        ),
        why=_l("To protect accounts that can see other people's data."),
        who_sees=_l("Nobody; only the computer checks it."),
        kept=_l("Until you switch two-step login off or delete your account."),
        columns=("recovery_codes.user_id",),
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
        columns=(
            "account_events.subject_id",
            "account_events.actor_id",
        ),
    ),
    RegisterEntry(
        what=_l(
            "Your questions on the question board: what you ask, how to reach you (name, phone number or email address), roughly where, and the messages about it"
        ),
        why=_l("So that a volunteer or professional can help you."),
        who_sees=_l(
            "You, the person who helps you, and professionals. Others only see the title, the subject and the neighbourhood, never who you are."
        ),
        kept=_l("Until some months after the question is closed: see Your rights below."),
        columns=(
            "questions.requester_id",
            "questions.helper_id",
            "questions.on_behalf_by_id",
            "request_messages.author_id",
            "request_events.actor_id",
            "request_notes.author_id",
            "request_referrals.author_id",
            "request_reports.reporter_id",
            "request_reports.handled_by_id",
        ),
    ),
    RegisterEntry(
        what=_l(
            "Volunteers: skills, languages, when you are free, your area, and the date a professional checked your certificate of conduct (VOG)"
        ),
        why=_l("To find questions that suit you, and to make sure helpers can be trusted."),
        who_sees=_l("You and professionals."),
        kept=_l("Until you stop as a volunteer or delete your account."),
        columns=(
            "volunteer_profiles.user_id",
            "volunteer_profiles.vetted_by_id",
            "request_notifications.user_id",
        ),
    ),
    RegisterEntry(
        what=_l("Sign-ups for activities: your name and the dates"),
        why=_l("So that the organiser knows who is coming, and to send you a reminder."),
        who_sees=_l("You and the organiser of the activity."),
        kept=_l("Until you sign off or delete your account."),
        columns=("activity_signups.user_id",),
    ),
    RegisterEntry(
        what=_l(
            "Notifications on your phone, if you switched them on: the address your browser gave for them"
        ),
        why=_l(
            "To tell you that your question was picked up, that you have a new message, or that your activity is tomorrow."
        ),
        who_sees=_l(
            "Nobody; only the computer uses it. The notification says nothing about sensitive subjects."
        ),
        kept=_l(
            "Until you switch notifications off, your question is closed, or you delete your account."
        ),
        columns=("push_subscriptions.user_id",),
    ),
    RegisterEntry(
        what=_l("Changes to services and activities: who changed what, and when"),
        why=_l("So that everyone can see that the information is checked, and by whom."),
        who_sees=_l("Professionals of the organisation and administrators."),
        kept=_l("As long as the service or activity exists."),
        columns=(
            "activity_changes.user_id",
            "service_changes.user_id",
            "services.verified_by_id",
            "activities.organiser_id",
            "activities.created_by_id",
            "images.created_by_id",  # who uploaded a photo of a service or activity
        ),
    ),
    RegisterEntry(
        what=_l("Technical data: your IP address for limiting login attempts"),
        why=_l("To stop people from guessing passwords."),
        who_sees=_l("Nobody; it is kept in memory for a short time only."),
        kept=_l("At most one hour."),
    ),
]
