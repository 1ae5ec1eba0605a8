"""Reading the tables of reported crimes as people have them: the columns guessed from headers
written in many ways (Brå's own downloads, hand-made sheets), the unit of a rate column, and
whose figure a row is (the council's municipality, its county, its municipality group, the
country, or another municipality that is left out).

Pure functions of text: the import (`services/statistics.py`) decides what to do with them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from samverkan.incidents.models import StatisticArea

# SCB's county codes (the first two digits of a municipality code) and the counties' names.
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}
COUNTRY_NAMES = frozenset(
    {"riket", "hela riket", "sverige", "hela sverige", "hela landet", "landet", "riket totalt"}
    | {"country", "sweden", "the country", "whole country", "all of sweden", "00", "0"}
)
# SKR's municipality groups (kommungruppsindelning 2017), lower case.
MUNICIPALITY_GROUPS = frozenset(
    {
        "storstäder",
        "pendlingskommun nära storstad",
        "större stad",
        "större städer",
        "pendlingskommun nära större stad",
        "lågpendlingskommun nära större stad",
        "mindre stad/tätort",
        "mindre städer/tätorter",
        "pendlingskommun nära mindre stad/tätort",
        "landsbygdskommun",
        "landsbygdskommuner",
        "landsbygdskommun med besöksnäring",
        "landsbygdskommuner med besöksnäring",
    }
)
_SPACE = re.compile(r"[\s\u00a0\u202f]+")


def normalise(text: object) -> str:
    """Lower case, one space between words, no outer punctuation: how headers are compared."""
    value = unicodedata.normalize("NFC", str(text if text is not None else ""))
    return _SPACE.sub(" ", value).strip().strip(":;.,*").strip().lower()


# --- Headers ---------------------------------------------------------------------------------

_RATE = re.compile(
    r"(?:\bper\b|/|‰|promille|\bpr\b)\s*(?:(\d[\d\s\u00a0.,]*)|tusen|capita|inv|invånare)"
)
_WORDS = re.compile(r"[\wåäö]+")


def rate_factor(header: str) -> float | None:
    """The factor that turns a rate column's values into per 1,000 inhabitants: 0.01 for "per
    100 000 inv", 1 for "per 1 000", "per tusen" or "‰"; None when the header names no unit."""
    text = normalise(header)
    if "‰" in text or "promille" in text or "per tusen" in text:
        return 1.0
    for match in _RATE.finditer(text):
        digits = re.sub(r"[\s\u00a0.,]", "", match.group(1) or "")
        if digits.isdigit() and int(digits) in (100, 1_000, 10_000, 100_000):
            return 1_000 / int(digits)
    return None


def _is_rate(text: str) -> bool:
    return bool(_RATE.search(text)) or "‰" in text or "promille" in text


def _kind(header: str) -> str | None:
    """Which field a header suggests, by its words; None when it suggests none."""
    text = normalise(header)
    if not text:
        return None
    words = set(_WORDS.findall(text))
    if _is_rate(text):
        return "rate"
    if words & {"antal", "count", "number", "värde", "value", "anmälda", "anmälningar", "st"}:
        return "count"
    if words & {"månad", "month", "mån"}:
        return "month"
    if words & {"år", "year", "period", "tid", "årtal"} or text in ("år/månad", "år-månad"):
        return "period"
    if words & {"region", "område", "kommun", "län", "area", "geografi", "regionnamn"}:
        return "region"
    if (
        words & {"brottstyp", "brottskategori", "kategori", "category", "brott", "crime"}
        or words & {"offence", "offense", "typ", "type", "brottsgrupp", "brottskod"}
        or text.startswith("brott")
    ):
        return "category"
    return None


def guess_columns(
    headers: Sequence[str], fields: dict[str, tuple[str, ...]]
) -> dict[str, int | None]:
    """For each field the column its header suggests: a header equal to one of the field's
    names first, then by its words ("Antal anmälda brott 2023" is the count, "Antal per 100 000
    inv" the rate, "Kommun" the region). A column is used once; a lone month-like column is the
    period (it holds "2018-05")."""
    names = [normalise(header) for header in headers]
    mapping: dict[str, int | None] = dict.fromkeys(fields)
    used: set[int] = set()
    for name, synonyms in fields.items():
        for index, header in enumerate(names):
            if index not in used and (header == name or header in synonyms):
                mapping[name] = index
                used.add(index)
                break
    for name in fields:
        if mapping[name] is not None:
            continue
        for index, header in enumerate(headers):
            if index not in used and _kind(header) == name:
                mapping[name] = index
                used.add(index)
                break
    if "month" in mapping and mapping.get("period") is None and mapping["month"] is not None:
        mapping["period"], mapping["month"] = mapping["month"], None
    return mapping


# --- Regions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """Whose figure a row is: an area (None for another municipality, left out) and its name."""

    area: str | None
    name: str


_LEADING_CODE = re.compile(r"^(\d{2,4})\s*[-–:]?\s*(.*)$")


def _municipality_forms(name: str) -> set[str]:
    """The ways a municipality's name is written: "Köping", "Köpings kommun", "Köping kommun"."""
    base = normalise(name).removesuffix(" kommun").strip()
    forms = {base, f"{base} kommun", f"{base}s kommun"}
    if base.endswith("s"):
        forms.add(base[:-1])
    return forms


def region_of(text: object, *, municipality_name: str, municipality_code: str) -> Region | None:
    """The area a region cell names, seen from the council's municipality; None when empty.

    Country: "Riket", "Sverige", "Hela landet". County: a name with "län" or a two-digit code;
    another county than the municipality's (known from its code) is left out like another
    municipality. Group: SKR's municipality groups, or a text starting with "Kommungrupp".
    """
    original = str(text if text is not None else "").strip()
    value = normalise(original)
    if not value:
        return None
    code = (municipality_code or "").strip().zfill(4) if municipality_code else ""
    own_county = COUNTIES.get(code[:2], "") if code else ""
    leading = _LEADING_CODE.match(value)
    number, rest = (leading.group(1), leading.group(2).strip()) if leading else ("", value)
    if value in COUNTRY_NAMES or rest in COUNTRY_NAMES:
        return Region(StatisticArea.COUNTRY, original)
    if number and len(number) == 4 and code:
        return Region(StatisticArea.MUNICIPALITY if number == code else None, original)
    if value.startswith("kommungrupp") or rest in MUNICIPALITY_GROUPS:
        return Region(StatisticArea.GROUP, original)
    if rest in _municipality_forms(municipality_name):
        return Region(StatisticArea.MUNICIPALITY, original)
    own = normalise(own_county)
    county_forms = {own, own.removesuffix(" län"), own.removesuffix("s län")} if own else set()
    two_digits = bool(number) and len(number) == 2
    if "län" in _WORDS.findall(value) or (two_digits and not rest) or rest in county_forms:
        if not own:
            return Region(StatisticArea.COUNTY, original)
        same = number == code[:2] if two_digits else rest in county_forms
        return Region(StatisticArea.COUNTY if same else None, original)
    return Region(None, original)
