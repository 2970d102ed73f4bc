"""Email addresses and phone numbers as login names."""

from __future__ import annotations

import phonenumbers


def normalise_phone(value: str) -> str | None:
    """Return a Dutch or international phone number in E.164 form, or None when invalid."""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str) -> str:
    return value.strip().lower()


def split_identifier(value: str) -> tuple[str | None, str | None]:
    """Return (email, phone) for what someone typed as their login name."""
    value = (value or "").strip()
    if "@" in value:
        return normalise_email(value), None
    return None, normalise_phone(value)
