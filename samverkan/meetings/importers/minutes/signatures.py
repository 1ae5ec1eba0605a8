"""The signatures after the last item: who signed as secretary, chair and adjuster."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from samverkan.core.importing.dates import find_date
from samverkan.meetings.importers.minutes.page import _Lines
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import Signature
from samverkan.meetings.importers.minutes.words import (
    _UP,
    _WORD_END,
    _clean_spaces,
    _is_name,
    _strip_punct,
)

_SIGN_ROLE_RE: Final = re.compile(
    r"^(?P<role>(?:vice\s+)?ordförande|ordf\.?|(?:mötes)?sekreterare|sekr\.?|justerare"
    r"|justerande|protokolljusterare|protokollförare|justeringsperson)\s*[:.]?$",
    re.IGNORECASE,
)
_SIGN_MARKER_RE: Final = re.compile(
    r"^(?P<marker>vid\s+(?:protokollet|anteckningarna|pennan)|antecknat\s+av|justeras|justerat"
    r"|justerade|underskrifter|underskrift"
    rf"|signaturer){_WORD_END}\s*[:.]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SIGN_INLINE_RE: Final = re.compile(
    r"^(?P<role>(?:vice\s+)?ordförande|ordf\.|sekreterare|justerare|justerande)\s*[:\t]?\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)
_SIGN_PAIR_RE: Final = re.compile(
    rf"(?<![\w'’.-])(?P<name>[{_UP}][\w'’.-]*(?:\s+[{_UP}][\w'’.-]*){{1,3}})\s*(?:,\s*)?"
    r"\(?(?P<role>(?:vice\s+)?ordförande|ordf\.|sekreterare|justerare|justerande)?\)?"
)
_PLACE_DATE_RE: Final = re.compile(
    rf"^[{_UP}][\w-]+(?:\s+den)?\s+(?!\s).*\d"
)  # "Köping 2018-05-24"
_DOTS_RE: Final = re.compile(r"[._…]{3,}")
_SIGN_ROLE_NAMES: Final = {
    "ordf": "ordförande",
    "ordf.": "ordförande",
    "sekr": "sekreterare",
    "sekr.": "sekreterare",
}
# Markers naming the writer of the minutes; other markers ("Justeras") name adjusters.
_MARKER_ROLES: Final = dict.fromkeys(
    ("vid protokollet", "vid anteckningarna", "vid pennan", "antecknat av"), "sekreterare"
)


def _sign_role(text: str) -> str:
    """Return the role word of a signature in lower case: "Ordf." -> "ordförande"."""
    role = _clean_spaces(text.strip(" :").lower())
    return _SIGN_ROLE_NAMES.get(role, role.rstrip("."))


def _sign_text(line: _Line) -> str:
    return _clean_spaces(_DOTS_RE.sub(" ", line.text.replace("\t", " ")))


def _signature_pairs(text: str) -> list[tuple[str, str | None]]:
    """Read "Anna Ek, ordförande Bo Lind, justerare" or "Kajsa Landström" as (name, role)."""
    pairs: list[tuple[str, str | None]] = []
    for match in _SIGN_PAIR_RE.finditer(text):
        if _is_name(match.group("name")):
            role = match.group("role")
            pairs.append((match.group("name"), _sign_role(role) if role else None))
    return pairs


def _is_signature_run(text: str) -> bool:
    """Say whether a line is only names with roles: "Anna Ek, ordförande Bo Lind, justerare"."""
    pairs = _signature_pairs(text)
    leftover = _SIGN_PAIR_RE.sub(" ", text).strip(" ,.;:()")
    return bool(pairs) and not leftover and all(role for _, role in pairs)


@dataclass
class _SigningState:
    pending_role: str | None = None  # from "Vid protokollet" or a role line above a name
    default_role: str | None = None  # from "Justeras": names without a role are adjusters

    def take_role(self) -> str | None:
        role, self.pending_role = self.pending_role or self.default_role, None
        return role


class _Signatures(_Lines):
    """Find where the signatures start after the last item, and read them."""

    def _starts_signatures(self, lines: Sequence[_Line], index: int) -> bool:
        text = _sign_text(lines[index])
        if not text:
            return False
        marker = _SIGN_MARKER_RE.match(text)
        if marker and not marker.group("rest")[:1].islower():
            return True
        following = self._next_text(lines, index, within=3)
        if _SIGN_ROLE_RE.match(text):
            return following is not None and _is_name(_sign_text(lines[following]))
        if _is_name(text):
            return following is not None and bool(_SIGN_ROLE_RE.match(_sign_text(lines[following])))
        inline = _SIGN_INLINE_RE.match(text)
        if inline and _is_name(_strip_punct(inline.group("name"))):
            return True
        return _is_signature_run(text)

    @staticmethod
    def _next_text(lines: Sequence[_Line], index: int, *, within: int) -> int | None:
        for following in range(index + 1, min(index + 1 + within, len(lines))):
            if lines[following].text:
                return following
        return None

    def _signature_start(self, lines: Sequence[_Line], start: int) -> int:
        """Return where the signature block after the last item starts (or the attachments)."""
        for index in range(start, len(lines)):
            if self._starts_signatures(lines, index):
                return index
        blank_run = 0
        for index in range(start, len(lines)):
            if not lines[index].text:
                blank_run += 1
                continue
            # Without signatures, a "Bilaga 1" after a page-sized gap starts the attachments.
            if blank_run >= 2 and re.match(r"(?i)^bilaga\s+\d", lines[index].text):
                return index
            blank_run = 0
        return len(lines)

    def _parse_signatures(self, lines: Sequence[_Line], start: int) -> int:
        """Read the signature block from start; return the index after it.

        Forms: "Name / role", "role / Name", "Role: Name", "Vid protokollet / Name",
        "Justeras / Name / Name" and run-on "Justeras Anna Ek, ordförande Bo Lind, justerare".
        """
        state = _SigningState()
        index, blank_run = start, 0
        while index < len(lines):
            if not lines[index].text:
                blank_run += 1
                index += 1
                if blank_run >= 3:
                    state = _SigningState()  # a page-sized gap ends a "Justeras" list
                continue
            blank_run = 0
            following = self._sign_line(lines, index, state, first=index == start)
            if following is None:
                break
            index = following
        return index

    def _sign_line(
        self, lines: Sequence[_Line], index: int, state: _SigningState, *, first: bool
    ) -> int | None:
        """Read the signature at lines[index]; return the next index, or None if it is none."""
        text, line_no = _sign_text(lines[index]), lines[index].no
        following = self._next_text(lines, index, within=3)
        next_text = _sign_text(lines[following]) if following is not None else ""
        marker = _SIGN_MARKER_RE.match(text)
        if marker:
            word = _clean_spaces(marker.group("marker").lower())
            state.default_role = _MARKER_ROLES.get(word, "justerare")
            state.pending_role = _MARKER_ROLES.get(word)
            for name, role in _signature_pairs(marker.group("rest")):
                self._sign(role or state.take_role(), name, line_no)
            return index + 1
        role_only = _SIGN_ROLE_RE.match(text)
        if role_only:
            if following is not None and _is_name(next_text):
                self._sign(_sign_role(role_only.group("role")), next_text, line_no)
                return following + 1
            state.pending_role = _sign_role(role_only.group("role"))
            return index + 1
        if _is_name(text):
            next_role = _SIGN_ROLE_RE.match(next_text)
            if next_role and following is not None:
                self._sign(_sign_role(next_role.group("role")), text, line_no)
                return following + 1
            role = state.take_role()
            if role is None:
                return None
            self._sign(role, text, line_no)
            return index + 1
        inline = _SIGN_INLINE_RE.match(text)
        if inline and _is_name(_strip_punct(inline.group("name"))):
            self._sign(_sign_role(inline.group("role")), inline.group("name"), line_no)
            return index + 1
        if _is_signature_run(text):
            for name, role in _signature_pairs(text):
                self._sign(role, name, line_no)
            return index + 1
        if not first and _PLACE_DATE_RE.match(text) and find_date(text, self._year_hint()):
            return index + 1  # "Köping den 24 maj 2018" above the signatures
        return None

    def _sign(self, role: str | None, name: str, line_no: int) -> None:
        name = _strip_punct(name)
        if role and name:
            self.result.signatures.append(Signature(role, name, line_no))
