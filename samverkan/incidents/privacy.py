"""Warnings for personal data in free text (GDPR art. 10: reports describe events, not people)."""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# YYMMDD-NNNN or YYYYMMDDNNNN, with -, + or a space, or nothing, before the last four digits.
_PERSONAL_NUMBER = re.compile(r"(?<![\d-])(?:19|20)?(\d{6})[-+ ]?(\d{4})(?![\d-])")
# A Swedish number: +46, 0046 or 0, then at least seven more digits, maybe in groups.
_PHONE = re.compile(r"(?<![\d\w])(?:\+46|0046|0)[\s-]?\(?0?\)?\d(?:[\s-]?\d){6,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _looks_like_personal_number(text: str) -> bool:
    for match in _PERSONAL_NUMBER.finditer(text):
        date, tail = match.groups()
        month, day = int(date[2:4]), int(date[4:6])
        # Day + 60 is a coordination number (samordningsnummer); it identifies a person too.
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and _luhn_ok(date + tail):
            return True
    return False


def personal_data_found(text: str) -> list[Promise]:
    """What the text seems to hold that identifies a person, as names to show the reporter."""
    found: list[Promise] = []
    if _looks_like_personal_number(text):
        found.append(_("a personal identity number"))
    if _PHONE.search(text):
        found.append(_("a phone number"))
    if _EMAIL.search(text):
        found.append(_("an e-mail address"))
    return found
