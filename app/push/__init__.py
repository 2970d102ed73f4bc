"""Web push for residents without email: opt-in notifications on their phone.

A subscription (table ``push_subscriptions``) belongs to an account or to a guest's question
(through the guest link the guest subscribed with). A push is written to the outbox in the same
transaction as what it tells, like mail, and ``flask mail send`` delivers it (``sender.py``).
Push is off when the VAPID keys are not configured; the pages then do not offer it.
"""

from app.push.privacy import register_personal_data

register_personal_data()
