"""Names, organisations and the small clean-ups every part of the minutes parser uses."""

from __future__ import annotations

import re
from typing import Final

from samverkan.core.importing.dates import CLOCK_TIME_RE, DATE_RE, KL_TIME_RE, WEEKDAY_RE

# Every pattern stays linear in its input: a repeated part never overlaps the part after it,
# and a run of spaces is matched from its start ((?<!\s)); core/tests/test_regular_expressions.py
# runs each on long adversarial inputs.
_UP = "A-ZÅÄÖÉÈÜÆØ"
_LO = "a-zåäöéèüæøáíóúç"
_CAPITAL = f"(?-i:[{_UP}])"  # a capital letter even inside a case-insensitive pattern
_WORD_END = r"(?![\wåäöÅÄÖ])"

_NAME_TOKEN_RE: Final = re.compile(
    rf"[{_UP}](?:[{_LO}'’]+(?:-[{_UP}]?[{_LO}'’]+|[{_UP}][{_LO}'’]+)*|\.)"
)
_PARTICLES: Final = frozenset({"af", "von", "van", "der", "de", "la", "di", "da", "du", "del"})
# Capitalised words that start headings and phrases rather than names.
_NOT_FIRST_NAMES: Final = frozenset(
    {
        "Val", "Information", "Mötets", "Sammanträdets", "Övriga", "Nästa", "Kommande",
        "Rådet", "Polisen", "Kommunen", "Beslut", "Föregående", "Godkännande", "Protokoll",
        "Datum", "Plats", "Tid", "Lokal", "Närvarande", "Gäster", "Bilaga", "Sida", "Dnr",
        "Ordföranden", "Sekreteraren", "Samordnaren", "Justerare", "Ordförande", "Sekreterare",
    }
)  # fmt: skip
_ORG_WORD_ENDINGS: Final = (
    "kommun", "kommunen", "polisen", "regionen", "styrelsen", "nämnden", "jouren",
    "förvaltningen", "förvaltning", "kontoret", "föreningen", "förening", "bolaget",
    "myndigheten", "verket", "tjänsten", "skolan", "kyrkan", "församling", "församlingen",
    "rådet", "utskottet", "enheten", "avdelningen", "sektionen", "bostäder", "fastigheter",
    "huset", "gruppen", "fullmäktige",
)  # fmt: skip
_ORG_WORDS: Final = frozenset({"ab", "hb", "region", "polis", "kommun", "länsstyrelsen"})

_BODY_WORD_RE: Final = re.compile(
    r"(?:råd|rådet|brå|utskott|utskottet|grupp|gruppen|nämnd|nämnden|styrelse|styrelsen|"
    r"fullmäktige|forum|nätverk|nätverket)(?![\wåäö])",
    re.IGNORECASE,
)


def _clean_spaces(text: str) -> str:
    return " ".join(text.split())


def _strip_punct(text: str) -> str:
    return text.strip(" \t.,;:–—-")


def _is_org_word(token: str) -> bool:
    lowered = token.lower().strip(".,")
    return lowered in _ORG_WORDS or lowered.endswith(_ORG_WORD_ENDINGS)


def _is_name(text: str) -> bool:
    """Say whether text reads as a person's name: 2–5 capitalised words, no organisation word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[0] in _NOT_FIRST_NAMES:
        return False
    if tokens[-1].endswith(".") or any(_is_org_word(token) for token in tokens):
        return False
    return all(
        _NAME_TOKEN_RE.fullmatch(token) or (0 < index < len(tokens) - 1 and token in _PARTICLES)
        for index, token in enumerate(tokens)
    )


def _is_nameish(text: str) -> bool:
    """A looser test for the first column of an attendance row: "Kajsa", "Anna Ek"."""
    tokens = text.split()
    return (
        1 <= len(tokens) <= 6
        and text[:1].isupper()
        and not any(char.isdigit() for char in text)
        and _NAME_TOKEN_RE.fullmatch(tokens[0]) is not None
        and tokens[0] not in _NOT_FIRST_NAMES
    )


def _trailing_name(text: str) -> str | None:
    """Return the name at the end of a phrase: "Rådet utser Anna Ek" -> "Anna Ek"."""
    tokens = text.split()
    for size in (4, 3, 2):
        if len(tokens) >= size and _is_name(" ".join(tokens[-size:])):
            return " ".join(tokens[-size:])
    return None


def _names_in(text: str) -> list[str]:
    """Return the names in "Anna Ek (S) och Bo Ek (M)" or "Andreas Trygg"."""
    text = re.sub(r"\([^()]*\)", " ", text)
    names: list[str] = []
    for part in re.split(r"(?<!\s)(?:\s*[,;&]\s*|\s+(?:och|samt)\s+)", text):
        candidate = _clean_spaces(_strip_punct(part))
        name = candidate if _is_name(candidate) else _trailing_name(candidate)
        if name and name not in names:
            names.append(name)
    return names


def _without_when(text: str) -> str:
    """Remove dates, times, weekdays and "kl" from a header value, keeping the place or name."""
    text = WEEKDAY_RE.sub(" ", text)
    text = DATE_RE.sub(" ", text)
    text = re.split(r"(?i)\bajourn", text, maxsplit=1)[0]
    text = KL_TIME_RE.sub(" ", text)
    text = CLOCK_TIME_RE.sub(" ", text)
    text = re.sub(r"(?i)\bkl\.?(?=\s|$)", " ", text)
    text = re.sub(r"(?<!\s)\s*,(\s*,)+", ",", text)
    return _clean_spaces(_strip_punct(text)).strip(" ,")


def _tidy_caps(text: str) -> str:
    """Turn an all-caps heading into sentence case: "GENOMFÖRANDEPLAN" -> "Genomförandeplan"."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 5 or not all(char.isupper() for char in letters):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]
