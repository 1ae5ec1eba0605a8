"""The header before the first item: body, date, time, place, attendance and adjusters."""

from __future__ import annotations

import re
from collections.abc import Sequence

from samverkan.core.importing.dates import DATE_RE, KL_TIME_RE, find_date, find_times
from samverkan.meetings.importers.minutes.attendance import _parse_row, _role_for, _Section
from samverkan.meetings.importers.minutes.headings import _ItemHeadings
from samverkan.meetings.importers.minutes.keywords import (
    _ATTENDANCE_HEADING_RE,
    _BODY_IN_PHRASE_RE,
    _FIXED_TITLE_RE,
    _HEADER_KEY_RE,
    _MUNICIPALITY_RE,
    _ROLE_KEY_RE,
    _TITLE_WORD_RE,
    _WHEN_KEYS,
)
from samverkan.meetings.importers.minutes.reading import _Line
from samverkan.meetings.importers.minutes.result import Attendee, Signature
from samverkan.meetings.importers.minutes.signatures import _SIGN_ROLE_RE, _sign_role, _sign_text
from samverkan.meetings.importers.minutes.words import (
    _BODY_WORD_RE,
    _clean_spaces,
    _names_in,
    _strip_punct,
    _without_when,
)

_COLUMN_HEADS_RE = re.compile(
    r"(?:namn|name|parti|party|roll|uppdrag|funktion|befattning|titel|organisation|närvaro"
    r"|ersättare|ledamot|tjänstgör|kommentar|§§?|paragrafer)(?:[ \t]+(?:namn|name|parti|party"
    r"|roll|uppdrag|funktion|befattning|titel|organisation|närvaro|ersättare|ledamot"
    r"|tjänstgör|kommentar|§§?|paragrafer)){1,5}",
    re.IGNORECASE,
)
_PLACE_AND_TIME = frozenset({"plats och tid", "tid och plats"})


class _Header(_ItemHeadings):
    """Read the header before the first item."""

    def _parse_header(self, lines: Sequence[_Line], *, stop_at_items: bool) -> int:
        """Read the lines before the first item; return where the items start.

        With stop_at_items (minutes without numbers) the header ends at the first heading
        that is neither a header key nor a person, once a date or attendance list is known.
        """
        lines = self._values_beside_labels(lines)
        section: _Section | None = None
        pending_key: str | None = None
        signing = False
        previous_blank = True
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                previous_blank = True
                continue
            if pending_key:
                key_name, pending_key = pending_key, None
                if self._apply_pending(key_name, text, line, section, signing=signing):
                    previous_blank = False
                    continue
            if stop_at_items and self._starts_items(text, section, previous_blank, index):
                return index
            previous_blank = False
            heading = _ATTENDANCE_HEADING_RE.match(text)
            if heading:
                section, signing = self._attendance_section(heading), False
                inline = heading.group("rest") or heading.group("inline")
                if inline:
                    self._add_attendance(inline, section, line)
                continue
            if self._header_title(text):
                section = None
                continue
            key = _HEADER_KEY_RE.match(text)
            if key and self._plausible_key(key):
                key_name, value = _clean_spaces(key.group("key").lower()), key.group("value")
                signing = signing or key_name == "underskrifter"
                if not value.strip():
                    # "Underskrifter" heads the signatures; other bare keys have their value
                    # on the next line.
                    section, pending_key = None, None if key_name == "underskrifter" else key_name
                    continue
                if self._apply_key(key_name, value.strip(), line):
                    section = None
                    if key_name in _PLACE_AND_TIME and self.result.start is None:
                        pending_key = "tid"  # "Plats och tid⇥Rådhuset" / "⇥2019-03-12 kl. 13"
                    continue
            if section is not None and _COLUMN_HEADS_RE.fullmatch(text):
                continue  # "Namn⇥Parti⇥Uppdrag": the heads of an attendance table
            if section is not None and self._add_attendance(text, section, line, quiet=True):
                continue
            role_only = _SIGN_ROLE_RE.match(_sign_text(line))
            if role_only:
                pending_key = f"role:{role_only.group('role')}"  # the name is on the next line
                continue
            if self._header_role_line(text, line, signing):
                continue
            if section is not None:
                self._warn(line.no, "unreadable_attendance", text=text)
                continue
            self._header_free_line(text, line)
        return len(lines)

    def _is_bare_label(self, text: str) -> bool:
        """A header label with nothing after it: "Plats och tid", "Beslutande"."""
        heading = _ATTENDANCE_HEADING_RE.match(text)
        if heading:
            return not (heading.group("rest") or heading.group("inline"))
        key = _HEADER_KEY_RE.match(text)
        return bool(key and not key.group("value").strip())

    def _values_beside_labels(self, lines: Sequence[_Line]) -> list[_Line]:
        """Put values back under their labels when a PDF gave the label column first.

        "Plats och tid / Beslutande / Utses att justera" followed by the values in blocks
        ("Rådhuset kl. 13" / "" / "Anna Ek (S)" "Bo Lind (M)" / "" / "Anna Ek") becomes each
        label followed by its block, as the page shows it.
        """
        out: list[_Line] = list(lines)
        index = 0
        while index < len(out):
            run_end = index
            while (
                run_end < len(out) and out[run_end].text and self._is_bare_label(out[run_end].text)
            ):
                run_end += 1
            labels = out[index:run_end]
            if len(labels) < 3:
                index = max(run_end, index + 1)
                continue
            blocks: list[list[_Line]] = []
            cursor = run_end
            while cursor < len(out) and not out[cursor].text:
                cursor += 1
            while cursor < len(out) and len(blocks) < len(labels):
                block: list[_Line] = []
                while (
                    cursor < len(out)
                    and out[cursor].text
                    and not self._is_bare_label(out[cursor].text)
                ):
                    block.append(out[cursor])
                    cursor += 1
                if not block:
                    break
                blocks.append(block)
                while cursor < len(out) and not out[cursor].text:
                    cursor += 1
            if len(blocks) < 2:
                index = run_end
                continue
            rebuilt: list[_Line] = []
            for position, label in enumerate(labels):
                if not blocks:
                    rebuilt.extend(labels[position:])
                    break
                block = blocks.pop(0)
                if not _ATTENDANCE_HEADING_RE.match(label.text) and len(block) > 1:
                    # A key holds one line ("Plats och tid"); the rest is the next label's.
                    blocks.insert(0, block[1:])
                    block = block[:1]
                rebuilt.extend([label, *block, _Line(label.no, "", "")])
            out[index:cursor] = rebuilt
            self.result.guessed.extend(
                g for g in ("place", "time", "attendance") if g not in self.result.guessed
            )
            index += len(rebuilt)
        return out

    def _apply_pending(
        self, key: str, text: str, line: _Line, section: _Section | None, *, signing: bool
    ) -> bool:
        """Apply a value written on the line after its bare key ("Plats och tid" / "...")."""
        if key.startswith("role:"):
            role = key.removeprefix("role:")
            if section is not None and not signing:
                # "Ordförande" above "Lena Holm (S)" in a list of members.
                return self._add_attendance(f"{text}, {role}", section, line, quiet=True)
            return self._header_role_line(f"{role}: {text}", line, signing)
        return not self._is_header_structure(text) and self._apply_key(key, text, line)

    def _is_header_structure(self, text: str) -> bool:
        return bool(
            _ATTENDANCE_HEADING_RE.match(text)
            or _TITLE_WORD_RE.match(text)
            or _HEADER_KEY_RE.match(text)
            or self._is_item_line(text)
        )

    def _starts_items(
        self, text: str, section: _Section | None, previous_blank: bool, index: int
    ) -> bool:
        if index == 0 or self._is_header_structure(text):
            return False
        if _FIXED_TITLE_RE.match(text.rstrip(":")):
            return True
        if section is not None:
            row = _parse_row(text, section, 0, strict=True)
            if row:
                return False
        known = self.result.date is not None or self._has_attendance()
        return known and previous_blank and self._looks_like_heading(text)

    def _has_attendance(self) -> bool:
        attendance = self.result.attendance
        return bool(attendance.present or attendance.guests or attendance.absent)

    @staticmethod
    def _attendance_section(match: re.Match[str]) -> _Section:
        if match.group("absent"):
            return _Section("absent", _clean_spaces(match.group("absent")), "member")
        if match.group("guests"):
            return _Section("guests", _clean_spaces(match.group("guests")), "member")
        if match.group("deputies"):
            return _Section("present", _clean_spaces(match.group("deputies")), "deputy")
        label = match.group("others") or match.group("members") or ""
        return _Section("present", _clean_spaces(label), "member")

    def _add_attendance(
        self, text: str, section: _Section, line: _Line, *, quiet: bool = False
    ) -> bool:
        raw = line.raw if line.text == text else text
        people = _parse_row(raw, section, line.no, strict=False, run_on=self.result.flattened)
        if not people:
            if not quiet:
                self._warn(line.no, "unreadable_attendance", text=text)
            return False
        target = {
            "present": self.result.attendance.present,
            "guests": self.result.attendance.guests,
            "absent": self.result.attendance.absent,
        }[section.kind]
        target.extend(people)
        return True

    def _header_title(self, text: str) -> bool:
        match = _TITLE_WORD_RE.match(text)
        if not match:
            return False
        title = match.group("title")
        lowered = title.lower()
        if lowered == "kallelse":
            self.result.kind = "notice"
        if lowered in {"föredragningslista", "dagordning"} and self.result.heading is None:
            self.result.kind = "notice"  # an agenda on its own is the plan of a meeting
        if self.result.heading is None or lowered == "kallelse":
            self.result.heading = title
        self._header_texts.add(text)
        rest = match.group("rest").strip()
        if rest:
            self._header_free_line(rest, None, from_title=True)
        return True

    @staticmethod
    def _plausible_key(key: re.Match[str]) -> bool:
        """Tell "Plats: Rådhuset" and "Plats Rådhuset" from "Plats för nästa möte ..."."""
        value = key.group("value").strip()
        if not value or key.group("sep"):
            return True
        name = _clean_spaces(key.group("key").lower())
        return name in _WHEN_KEYS or value[:1].isupper() or value[:1].isdigit()

    def _apply_key(self, key: str, value: str, line: _Line) -> bool:
        """Apply a header key's value; return False if the value does not fit the key."""
        result = self.result
        when_required = key in _WHEN_KEYS and key not in _PLACE_AND_TIME
        if when_required and not (find_date(value, 2000) or find_times(value)[0]):
            return False  # "Tid: se kallelsen" is no time
        if key in {"sammanträdesdatum", "mötesdatum", "datum", "dag", "datum och tid", "tid"}:
            self._read_when(value)
            if key in {"sammanträdesdatum", "mötesdatum"}:
                self._header_texts.add(line.text)
        elif key in {"plats och tid", "tid och plats", "plats", "lokal", "mötesplats"}:
            self._read_when(value)
            place = _without_when(value) if key in {"plats och tid", "tid och plats"} else value
            place = (
                _without_when(place)
                if (KL_TIME_RE.search(place) or DATE_RE.search(place))
                else place
            )
            result.place = result.place or (_strip_punct(place) or None)
        elif key == "mötesform":
            result.place = result.place or (_strip_punct(value) or None)
        elif key in {"organ", "nämnd"}:
            result.body = result.body or (_strip_punct(value) or None)
        elif key in {"dnr", "diarienummer", "diarienr"}:
            result.reference = result.reference or _strip_punct(value)
        elif key in {"utses att justera", "justerare", "protokolljusterare"}:
            self._add_adjusters(_names_in(value))
        elif key.startswith("justering"):
            result.adjustment_note = result.adjustment_note or _clean_spaces(value)
        elif key == "underskrifter":
            return self._header_role_line(value, line, True)
        # "paragrafer", "justerade paragrafer": recognised, nothing to keep.
        return True

    def _read_when(self, value: str) -> None:
        result = self.result
        found = find_date(value, self._year_hint())
        if found and result.date is None:
            result.date = found[0].isoformat()
        start, end, _ = find_times(value)
        if start and result.start is None:
            result.start, result.end = start, end

    def _header_role_line(self, text: str, line: _Line, signing: bool) -> bool:
        """Read "Ordförande: Anna Ek" in the header as a signature or a present person."""
        match = _ROLE_KEY_RE.match(_sign_text(_Line(line.no, text, text)))
        if not match:
            return False
        role, value = match.group("role"), _strip_punct(match.group("value"))
        names = _names_in(value) if value else []
        if not names:
            return False
        if signing or role.lower() == "justerande":
            self.result.signatures.extend(Signature(_sign_role(role), n, line.no) for n in names)
            return True
        section = _Section("present", _clean_spaces(role), "member")
        for name in names:
            existing = next((p for p in self.result.attendance.present if p.name == name), None)
            if existing is None:
                person = Attendee(name=name, section=section.label, line=line.no)
                self.result.attendance.present.append(person)
                existing = person
            existing.role = _role_for([role], existing, section)
            existing.role_label = existing.role_label or role
        return True

    def _header_free_line(self, text: str, line: _Line | None, *, from_title: bool = False) -> None:
        """Read a header line without a key: the body, the municipality, a date line."""
        result = self.result
        if "\t" in text:
            for cell in (cell.strip() for cell in text.split("\t")):
                if cell and not self._header_title(cell):
                    self._header_free_line(cell, line, from_title=from_title)
            return
        if _MUNICIPALITY_RE.match(text) and not _BODY_WORD_RE.search(text):
            result.municipality = result.municipality or text
            self._header_texts.add(text)
            return
        found = find_date(text, self._year_hint())
        phrase = _BODY_IN_PHRASE_RE.match(_without_when(text)) if from_title else None
        body_text = phrase.group("body") if phrase else _without_when(text)
        body_text = self._ungenitive(body_text) if phrase else body_text
        is_body = bool(body_text and _BODY_WORD_RE.search(body_text))
        if found or is_body:
            if found and result.date is None:
                result.date = found[0].isoformat()
                start, end, _ = find_times(text)
                result.start, result.end = result.start or start, result.end or end
            if is_body and result.body is None:
                result.body = body_text
            elif body_text and not is_body and not from_title:
                # "Köping 2018-05-24": the date is read, the rest is reported.
                self._warn(line.no if line else None, "unplaced_line", text=body_text)
            if line is not None:
                self._header_texts.add(line.text)
            return
        if from_title or (line is not None and line.text in self._header_texts):
            return
        if result.kind == "notice" and line is not None:
            result.notes.append(text)
            return
        self._warn(line.no if line else None, "unplaced_line", text=text)

    @staticmethod
    def _ungenitive(text: str) -> str:
        """ "Trygghetsrådets" -> "Trygghetsrådet", "BRÅ:s" -> "BRÅ"."""
        text = _strip_punct(text)
        if text.endswith(":s"):
            return text[:-2]
        if text.endswith("s") and text[:-1].endswith(("et", "en", "e")):
            return text[:-1]
        return text

    def _add_adjusters(self, names: Sequence[str]) -> None:
        for name in names:
            if name not in self.result.adjusters:
                self.result.adjusters.append(name)
