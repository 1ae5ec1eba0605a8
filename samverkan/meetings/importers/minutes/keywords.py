"""The words and patterns that mark the parts of minutes: titles, header keys, item
numbers, references and fixed headings."""

from __future__ import annotations

import re
from typing import Final

from samverkan.meetings.importers.minutes.words import _CAPITAL, _WORD_END

_TITLE_WORD_RE: Final = re.compile(
    r"^(?P<title>sammanträdesprotokoll|protokollsutdrag|protokoll|minnesanteckningar"
    r"|mötesanteckningar|anteckningar|kallelse|föredragningslista|dagordning)"
    rf"{_WORD_END}\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BODY_IN_PHRASE_RE: Final = re.compile(
    r"^(?:fört\s+)?(?:vid|från|för|till|med)\s+(?:sammanträde\s+(?:med|i)\s+)?"
    r"(?P<body>\S.*?)(?:s)?(?:(?<!\s)\s+(?:sammanträde|möte|rådsmöte)\b.*)?$",
    re.IGNORECASE,
)
_ATTENDANCE_HEADING_RE: Final = re.compile(
    r"^(?:(?P<absent>ej\s+närvarande(?:\s+(?:ledamöter|ersättare))?|anmält\s+förhinder"
    r"|anmält\s+frånvaro|frånvarande(?:\s+ledamöter)?|förhinder)"
    r"|(?P<guests>inbjudna\s+gäster|gäster|gäst|adjungerade|adjungerad|inbjudna|inbjuden)"
    r"|(?P<deputies>tjänstgörande\s+ersättare|tjg\.?\s+ersättare|närvarande\s+ersättare"
    r"|icke\s+tjänstgörande\s+ersättare|ej\s+tjänstgörande\s+ersättare|ersättare)"
    r"|(?P<others>övriga\s+närvarande|övriga\s+deltagare|övriga\s+deltagande"
    r"|närvarande\s+tjänstemän|tjänstemän|tjänstepersoner|deltagare|deltagande|övriga)"
    r"|(?P<members>närvarande\s+ledamöter|ordinarie\s+ledamöter|beslutande\s+ledamöter"
    # "Styrgruppens ledamöter", "Rådets ledamöter": the body's members, named by the body.
    r"|ledamöter|beslutande|närvarande|[a-zåäö-]{2,40}s\s+ledamöter))"
    rf"{_WORD_END}(?:\s*$|\s*[:\t]\s*(?P<rest>.*)$|\s+(?P<inline>{_CAPITAL}.*)$)",
    re.IGNORECASE,
)
_HEADER_KEY_RE: Final = re.compile(
    r"^(?P<key>sammanträdesdatum|mötesdatum|datum\s+och\s+tid|tid\s+och\s+plats"
    r"|plats\s+och\s+tid|datum|dag|tid|plats|lokal|mötesplats|mötesform|organ|nämnd|dnr"
    r"|diarienummer|diarienr|utses\s+att\s+justera|protokolljusterare|justerare"
    r"|justeringens\s+(?:plats\s+och\s+tid|tid\s+och\s+plats)|justeringsdatum|justering"
    r"|justerade\s+paragrafer|paragrafer|underskrifter)"
    rf"{_WORD_END}\.?\s*(?P<sep>[:\t])?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_WHEN_KEYS: Final = frozenset(
    {"sammanträdesdatum", "mötesdatum", "datum", "dag", "datum och tid", "tid"}
    | {"plats och tid", "tid och plats"}
)
_ROLE_KEY_RE: Final = re.compile(
    r"^(?P<role>vice\s+ordförande|ordförande|ordf\.|sekreterare|justerande)"
    rf"{_WORD_END}\s*(?:[:\t]\s*)?(?P<value>.*)$",
    re.IGNORECASE,
)
_MUNICIPALITY_RE: Final = re.compile(rf"^{_CAPITAL}[\w -]*?(?<!\s)\s+kommun$", re.IGNORECASE)

_SECTION_FIRST_RE: Final = re.compile(r"^§\s*(?P<num>\d{1,4})(?![\d/])\s*[.:]?\s*(?P<rest>.*)$")
_SECTION_LAST_RE: Final = re.compile(r"^(?P<num>\d{1,4})\s*§(?!§)\s*[.:]?\s*(?P<rest>.*)$")
_DOT_ITEM_RE: Final = re.compile(r"^(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$")
# "Ärende 3 Lägesbild", "Punkt 3: Lägesbild"; and "3 Lägesbild" with a bare number.
_WORD_ITEM_RE: Final = re.compile(
    r"^(?:ärende|punkt|paragraf)\s+(?P<num>\d{1,3})(?!\d)\s*[.:]?\s*(?P<rest>.*)$", re.IGNORECASE
)
_BARE_ITEM_RE: Final = re.compile(rf"^(?P<num>\d{{1,3}})\s+(?P<rest>{_CAPITAL}.*)$")
_NUMBER_RANGE_RE: Final = re.compile(r"^[-–]\s*\d")
_REFERENCE_RE: Final = re.compile(
    r"(?:^|\s)(?:dnr|diarienummer|diarienr)\.?\s*(?::\s*)?"
    r"(?P<ref>[A-ZÅÄÖ]{0,8}\s?\d{1,4}(?:[/.:-]\d+)+|\S+)",
    re.IGNORECASE,
)
_FIXED_TITLE_RE: Final = re.compile(
    r"^(?:(?:mötets|sammanträdets|rådets)\s+(?:öppnande|avslutning|avslutande)|öppnande"
    r"|välkommen(?:\s+och\s+\w+)?|val\s+av\s+(?:protokoll)?justerare|(?:godkännande|fastställande)"
    r"\s+av\s+(?:dagordning(?:en)?|föredragningslista(?:n)?)|dagordning(?:en)?"
    r"|föregående\s+(?:protokoll|minnesanteckningar|anteckningar|möte)|övriga\s+frågor"
    r"|nästa\s+(?:möte|sammanträde|träff)|avslutning|mötet\s+avslutas"
    r"|(?:information|rapport(?:er)?)\s+från\s+.+|lägesbild(?:\s+.+)?)$",
    re.IGNORECASE,
)
_SUBHEADING_RE: Final = re.compile(
    r"^(?:beslut|beslutsunderlag|sammanfattning|bakgrund|ärendet|ärendebeskrivning"
    r"|förslag\s+till\s+beslut|yrkanden?|propositionsordning|reservation(?:er)?"
    r"|protokollsanteckning(?:ar)?|expedieras|jäv|omröstning|dnr|diarienummer|föredragande)"
    rf"{_WORD_END}",
    re.IGNORECASE,
)
_SCHEDULE_TITLE_RE: Final = re.compile(
    r"\b(?:kommande|nästa|framtida|planerade)\s+(?:sammanträde|möte|träff|rådsmöte)"
    r"|\b(?:sammanträdes|mötes)(?:plan|tider|datum|dagar)|\bdatum\s+för\s+(?:kommande|nästa)",
    re.IGNORECASE,
)
_NEXT_MEETING_LINE_RE: Final = re.compile(
    r"^nästa\s+(?:möte|sammanträde|träff|rådsmöte)\b", re.IGNORECASE
)
_PRESENTER_RE: Final = re.compile(
    r"^(?:föredragande|föredras\s+av|presentatör)\s*(?::\s*)?(?P<who>\S.*)$", re.IGNORECASE
)
