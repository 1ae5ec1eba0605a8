"""Personal data in free text: found to warn whoever writes it, masked before staff read it.

One set of patterns for both: Swedish personal identity and coordination numbers (a real date
and a valid check digit, so costs, dates and invoice numbers are left alone), phone numbers and
e-mail addresses. Incident reports are checked before they are saved (GDPR art. 10: reports
describe events, not people); survey answers are masked on every reading, so a free-text answer
is never shown or exported unmasked while the stored text is kept as given until it is purged.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# YYMMDD-NNNN or YYYYMMDDNNNN, with -, + or a space, or nothing, before the last four digits.
_PERSONAL_NUMBER = re.compile(r"(?<![\d-])(?:19|20)?(\d{6})[-+ ]?(\d{4})(?![\d-])")
# A Swedish number: +46, 0046 or 0, then at least seven more digits, maybe in groups.
_PHONE = re.compile(r"(?<![\d\w])(?:\+46|0046|0)[\s-]?\(?0?\)?\d(?:[\s-]?\d){6,10}(?!\d)")
# At most 64 characters before the @ and 63 in a label (RFC 5321): the bounds keep a search
# linear in the text; unbounded, a long run of letters cost a quadratic scan.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _is_personal_number(match: re.Match[str]) -> bool:
    date, tail = match.groups()
    month, day = int(date[2:4]), int(date[4:6])
    # Day + 60 is a coordination number (samordningsnummer); it identifies a person too.
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and _luhn_ok(date + tail)


def personal_data_found(text: str) -> list[Promise]:
    """What the text seems to hold that identifies a person, as names to show the writer."""
    found: list[Promise] = []
    if any(_is_personal_number(match) for match in _PERSONAL_NUMBER.finditer(text)):
        found.append(_("a personal identity number"))
    if _PHONE.search(text):
        found.append(_("a phone number"))
    if _EMAIL.search(text):
        found.append(_("an e-mail address"))
    return found


def mask_personal_data(text: str) -> str:
    """The text with identity numbers, e-mail addresses and phone numbers replaced by names."""
    email = "[" + gettext("e-mail address") + "]"
    number = "[" + gettext("personal identity number") + "]"
    phone = "[" + gettext("phone number") + "]"
    text = _EMAIL.sub(email, text)
    text = _PERSONAL_NUMBER.sub(
        lambda match: number if _is_personal_number(match) else match.group(0), text
    )
    return _PHONE.sub(phone, text)
