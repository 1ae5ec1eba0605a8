"""Masking of personal data in free-text answers before staff read or export them.

Swedish personal identity numbers (personnummer, samordningsnummer), phone numbers and e-mail
addresses are replaced by a word saying what was there. Applied on every reading, so an answer
is never shown or exported unmasked; the stored text is kept as given until it is purged.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# YYYYMMDD-NNNN, YYMMDD-NNNN, with "-", "+", a space or nothing between the parts.
PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:19|20)?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
# Swedish numbers: +46 or 0 followed by 6–12 more digits, with spaces, dashes or brackets.
PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s\-()]*\d(?:[\s\-()]*\d){5,11}(?!\d)")


def mask_personal_data(text: str) -> str:
    """The text with identity numbers, e-mail addresses and phone numbers masked."""
    email = "[" + _("e-mail address") + "]"
    number = "[" + _("personal identity number") + "]"
    phone = "[" + _("phone number") + "]"
    text = EMAIL.sub(email, text)
    text = PERSONAL_NUMBER.sub(number, text)
    return PHONE.sub(phone, text)
