"""The words for the question board's stored codes, declared once (templates: ``label()``).

``{{ label("helpboard.status", question.status) }}`` in a template; forms build their choices
from the same dictionaries.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.labels import register_labels

STATUS_LABELS = register_labels(
    "helpboard.status",
    {
        "open": _l("Open"),
        "claimed": _l("Someone is helping"),
        "done": _l("Done"),
        "closed": _l("Closed"),
    },
)
URGENCY_LABELS = register_labels(
    "helpboard.urgency",
    {
        "today": _l("Today or tomorrow"),
        "this_week": _l("This week"),
        "no_hurry": _l("No hurry"),
    },
)
PART_OF_DAY_LABELS = register_labels(
    "helpboard.part_of_day",
    {
        "morning": _l("Morning"),
        "afternoon": _l("Afternoon"),
        "evening": _l("Evening"),
    },
)
CONTACT_LABELS = register_labels(
    "helpboard.contact_route",
    {
        "phone": _l("Call me"),
        "email": _l("Send me an email"),
        "message": _l("Send me a message on Wijkplein"),
    },
)
HELPED_LABELS = register_labels(
    "helpboard.helped", {"yes": _l("Yes"), "partly": _l("Partly"), "no": _l("No")}
)
CLOSE_LABELS = register_labels(
    "helpboard.close_reason",
    {
        "not_needed": _l("It is not needed any more"),
        "no_answer": _l("No answer from the person who asked"),
        "other": _l("Another reason"),
    },
)
NOTIFY_LABELS = register_labels(
    "helpboard.notify_mode",
    {
        "instant": _l("Mail me when a question fits me"),
        "digest": _l("One mail a day with the questions that fit me"),
        "none": _l("No mail; I look on the board myself"),
    },
)
WEEKDAY_SHORT = register_labels(
    "helpboard.weekday",
    {
        "mon": _l("Mon"),
        "tue": _l("Tue"),
        "wed": _l("Wed"),
        "thu": _l("Thu"),
        "fri": _l("Fri"),
        "sat": _l("Sat"),
        "sun": _l("Sun"),
    },
)
# The steps in a question's history (QuestionEvent.action).
ACTION_LABELS = register_labels(
    "helpboard.action",
    {
        "created": _l("Question put out"),
        "approved": _l("Approved by a professional"),
        "claimed": _l("Picked up"),
        "assigned": _l("Assigned"),
        "handed_back": _l("Handed back"),
        "done": _l("Done"),
        "closed": _l("Closed"),
        "escalated": _l("Escalated: nobody picked it up in time"),
        "category_changed": _l("Category changed"),
        "hidden": _l("Hidden by a moderator"),
        "helped": _l("Answered: were you helped?"),
        "marked_sensitive": _l("Marked: for professionals only"),
        "guest_links_stopped": _l("Guest links stopped"),
    },
)
# The professionals' triage lists (queries.triage_select), in the order the page shows them.
TRIAGE_LIST_LABELS = register_labels(
    "helpboard.triage_list",
    {
        "new": _l("New questions from guests"),
        "sensitive": _l("Sensitive questions"),
        "escalated": _l("Escalated: nobody picked them up"),
        "reported": _l("Reported questions"),
    },
)
