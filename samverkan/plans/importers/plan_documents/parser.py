"""The parser: pass 1 splits the text into title, sections, table and signatures; pass 2
builds the result for a kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import cast

from samverkan.core.importing.dates import FULL_DATE_RE, full_date, full_date_in
from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import extract_document, normalise_text
from samverkan.plans.importers.plan_documents.activity_table import (
    _cells,
    _is_partial_header,
    _Line,
    _Table,
    _table_header,
)
from samverkan.plans.importers.plan_documents.result import (
    _DETECT_ORDER,
    KINDS,
    MISSING_COLUMN,
    MISSING_COLUMN_MESSAGE,
    NOT_PLAN_DOCUMENT,
    NOT_PLAN_DOCUMENT_MESSAGE,
    WARNING_MESSAGES,
    Activity,
    Commitment,
    Kind,
    ParsedPlanDocument,
    Promise,
    Signatory,
)
from samverkan.plans.importers.plan_documents.words import (
    _BULLET_RE,
    _DATE_LINE_RE,
    _ENCLOSURE_RE,
    _KIND_SECTIONS,
    _NAME_RE,
    _NUMBERED_RE,
    _ORG_RE,
    _PLACE_DATE_RE,
    _PROMISE_VERB_RE,
    _TITLE_HINTS,
    _TITLE_WORD_RE,
    _VALID_FROM_RE,
    _VALID_RANGE_RE,
    _VALID_TO_RE,
    _VALID_YEAR_RE,
    _VALIDITY_LINE_RE,
    _bodies_in,
    _clean,
    _is_heading_like,
    _parties_of,
    _section_for,
    normalise_status,
    split_responsible,
)


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = [
            _Line(number, line.strip())
            for number, line in enumerate(normalise_text(text).split("\n"), start=1)
        ]
        self.title_lines: list[_Line] = []
        self.sections: dict[str, list[_Line | None]] = {}  # None marks a paragraph break
        self.heading_lines: dict[str, list[_Line]] = {}
        self.activities: list[Activity] = []
        self.table_promises: list[Promise] = []
        self.table_lines: list[_Line] = []
        self.warnings: list[ParseWarning] = []
        self.unplaced: list[_Line] = []
        self.signature_groups: list[list[_Line]] = []
        self.validity_lines: list[_Line] = []
        self.place: str | None = None
        self.date: str | None = None
        self.enclosures: list[str] = []
        self.partial_header = False

    # Pass 1: split the text into title, sections, table and signatures.
    def scan(self) -> None:
        section: str | None = None
        table: _Table | None = None
        signing = False
        group: list[_Line] = []
        seen_content = False
        for line in self.lines:
            text = line.text
            if table is not None:
                if not text:
                    continue
                if self._table_row(line, table):
                    continue
                table = None
            if not text:
                if signing and group:
                    self.signature_groups.append(group)
                    group = []
                if section is not None:
                    self.sections.setdefault(section, []).append(None)
                continue
            header = _table_header(text)
            if header is None and _is_partial_header(text):
                self.partial_header = True
            if header is not None:
                table, section, signing, seen_content = header, None, False, True
                self.table_lines.append(line)
                continue
            if self._is_title(text, seen_content):
                self.title_lines.append(line)
                continue
            seen_content = True
            if _ENCLOSURE_RE.match(text) and _is_heading_like(text):
                self.enclosures.append(_clean(text))
                continue
            date_line = _DATE_LINE_RE.match(text)
            place_date = None if date_line else _PLACE_DATE_RE.match(text)
            if place_date or (date_line and full_date_in(date_line.group("date"))):
                if place_date:
                    self.place = place_date.group("place").strip()
                    self.date = full_date_in(place_date.group("date"))
                elif date_line:
                    self.date = full_date_in(date_line.group("date"))
                signing, section = True, None
                continue
            if (
                _VALIDITY_LINE_RE.match(text)
                and not _BULLET_RE.match(text)
                and not _NUMBERED_RE.match(text)
                and self._validity_from(ParsedPlanDocument(kind="plan"), text)
            ):
                self.validity_lines.append(line)
                continue
            bullet = _BULLET_RE.match(text) or _NUMBERED_RE.match(text)
            if bullet and _PROMISE_VERB_RE.search(text) and section != "promise_list":
                # "• Polisen lovar att …": a promise wherever it stands (the police publish
                # their promises as bullets under a heading of their own or none).
                if signing and group:
                    self.signature_groups.append(group)
                    group = []
                section, signing = "promise_list", False
                self.sections.setdefault(section, []).append(None)
                self.sections[section].append(line)
                continue
            new_section = _section_for(text)
            if new_section is not None:
                if signing and group:
                    self.signature_groups.append(group)
                    group = []
                section, signing = new_section, False
                self.heading_lines.setdefault(section, []).append(line)
                self.sections.setdefault(section, [])
                continue
            if signing:
                group.append(line)
            elif section is None:
                self.unplaced.append(line)
            else:
                self.sections[section].append(line)
        if group:
            self.signature_groups.append(group)

    def _is_title(self, text: str, seen_content: bool) -> bool:
        return (
            not seen_content
            and len(self.title_lines) < 4
            and _is_heading_like(text)
            and _section_for(text) is None
            and _PLACE_DATE_RE.match(text) is None
        )

    def _table_row(self, line: _Line, table: _Table) -> bool:
        if table.delimiter not in line.text:
            return False
        cells = _cells(line.text.strip("|") if table.delimiter == "|" else line.text,
                       table.delimiter)  # fmt: skip
        while len(cells) > table.width and not cells[-1]:
            cells.pop()
        text = _clean(cells[table.activity]) if table.activity < len(cells) else ""
        if not text:
            return False
        if table.promises:
            return self._promise_row(line, table, cells, text)
        if len(cells) > table.width:
            self._warn(line.number, "extra_cells", text=line.text)
        responsible = (
            split_responsible(cells[table.responsible])
            if table.responsible is not None and table.responsible < len(cells)
            else []
        )
        status_text = (
            _clean(cells[table.status])
            if table.status is not None and table.status < len(cells)
            else ""
        )
        status = normalise_status(status_text) if status_text else None
        if status_text and status is None:
            self._warn(line.number, "unknown_status", status=status_text)
        due_text = (
            _clean(cells[table.due]) if table.due is not None and table.due < len(cells) else ""
        )
        # A date that does not exist is reported by _invalid_dates; "hösten 2018" is kept as text.
        due = full_date_in(due_text) if due_text else None
        self.activities.append(
            Activity(text, responsible, status, status_text or None, due, due_text or None,
                     line.number)
        )  # fmt: skip
        self.table_lines.append(line)
        return True

    def _promise_row(self, line: _Line, table: _Table, cells: list[str], text: str) -> bool:
        """A row of a promise table: the promise, who gives it, and a follow-up's outcome."""
        who = (
            cells[table.responsible]
            if table.responsible is not None and table.responsible < len(cells)
            else ""
        )
        promise = Promise(text, _parties_of(who) or _parties_of(text), line=line.number)
        if table.outcome is not None and table.outcome < len(cells):
            promise.outcome = _clean(cells[table.outcome]) or None
        self.table_promises.append(promise)
        self.table_lines.append(line)
        return True

    def _warn(self, line: int | None, code: str, **params: str) -> None:
        self.warnings.append(ParseWarning(line, code, WARNING_MESSAGES[code], dict(params)))

    # Pass 2: build the result for a kind.
    def parse(self, kind: Kind | None) -> ParsedPlanDocument:
        self.scan()
        found = kind if kind is not None else self._detect()
        if found is None or not self._has_content(found):
            if self.partial_header and kind in (None, "plan"):
                raise ImportRejected(MISSING_COLUMN, MISSING_COLUMN_MESSAGE)
            raise ImportRejected(NOT_PLAN_DOCUMENT, NOT_PLAN_DOCUMENT_MESSAGE)
        result = ParsedPlanDocument(kind=found)
        result.title = " – ".join(_clean(line.text) for line in self.title_lines) or None
        result.place, result.date = self.place, self.date
        result.enclosures = list(self.enclosures)
        allowed = _KIND_SECTIONS[found]
        unplaced = list(self.unplaced)
        for key, lines in self.sections.items():
            if key not in allowed:
                unplaced.extend(self.heading_lines.get(key, []))
                unplaced.extend(line for line in lines if line is not None)
        if found == "plan":
            result.activities = list(self.activities)
        elif found == "promises" and self.table_promises:
            result.promises.extend(self.table_promises)
        else:
            unplaced.extend(line for line in self.table_lines)
        builders: dict[str, Callable[[ParsedPlanDocument, list[_Line | None]], list[_Line]]] = {
            "background": lambda r, ls: self._text_into(r, "background", ls),
            "dialogues": lambda r, ls: self._text_into(r, "dialogues", ls),
            "current_picture": lambda r, ls: self._text_into(r, "current_picture", ls),
            "promises_intro": lambda r, ls: self._text_into(r, "promises_intro", ls),
            "purpose": lambda r, ls: self._text_into(r, "purpose", ls),
            "method": lambda r, ls: self._text_into(r, "method", ls),
            "promise_list": self._promise_list,
            "joint": self._joint,
            "commitments": self._commitments,
        }
        for key in ("background", "dialogues", "current_picture", "promises_intro",
                    "promise_list", "joint", "purpose", "method", "commitments"):  # fmt: skip
            if key in allowed and key in self.sections:
                unplaced.extend(builders[key](result, self.sections[key]))
        if found == "plan":
            unplaced.extend(self.validity_lines)
        else:
            unplaced.extend(
                line for line in self.validity_lines if not self._validity_from(result, line.text)
            )
        unplaced.extend(self._signatories(result))
        if found == "agreement":
            for signatory in result.signatories:
                if signatory.organisation and signatory.organisation not in result.parties:
                    result.parties.append(signatory.organisation)
            for commitment in result.commitments:
                self._validity_from(result, commitment.text)
                if not result.governance_bodies:
                    result.governance_bodies = _bodies_in(commitment.text)
        for line in unplaced:
            self._warn(line.number, "unplaced_line", text=line.text)
        if found != "plan" and result.valid_from is None and result.valid_to is None:
            self._validity_in_sentences(result)
        self._invalid_dates()
        result.warnings = sorted(self.warnings, key=lambda w: (w.line or 0, w.code))
        return result

    def _validity_in_sentences(self, result: ParsedPlanDocument) -> None:
        """Read a validity sentence inside a paragraph: “… överens om löften. Löftena gäller
        från 1 januari 2021 till 31 december 2022.”"""
        for line in self.lines:
            for sentence in re.split(r"(?<=[.!?])\s+", line.text):
                if _VALIDITY_LINE_RE.match(sentence) and self._validity_from(result, sentence):
                    return

    def _invalid_dates(self) -> None:
        """Warn of every written date that no calendar has: "2018-02-30", "31 juni 2018"."""
        flagged = {w.line for w in self.warnings if w.code == "invalid_date"}
        for line in self.lines:
            if line.number in flagged:
                continue
            for match in FULL_DATE_RE.finditer(line.text):
                if full_date(match) is None:
                    self._warn(line.number, "invalid_date", date=match.group(0))

    def _detect(self) -> Kind | None:
        title = " ".join(line.text for line in self.title_lines)
        for pattern, kind in _TITLE_HINTS:
            if pattern.search(title) and self._has_content(kind):
                return kind
        for kind in _DETECT_ORDER:
            if self._has_content(kind):
                return kind
        return None

    def _has_content(self, kind: Kind) -> bool:
        if kind == "plan":
            return bool(self.activities)
        if kind == "promises":
            return bool(self.table_promises) or any(
                line is not None
                for key in ("promise_list", "joint")
                for line in self.sections.get(key, [])
            )
        return any(
            line is not None and _NUMBERED_RE.match(line.text)
            for line in self.sections.get("commitments", [])
        ) or any(line is not None for line in self.sections.get("purpose", []))

    @staticmethod
    def _paragraphs(lines: Sequence[_Line | None]) -> list[list[_Line]]:
        paragraphs: list[list[_Line]] = [[]]
        for line in lines:
            if line is None:
                if paragraphs[-1]:
                    paragraphs.append([])
            else:
                paragraphs[-1].append(line)
        return [p for p in paragraphs if p]

    def _text_into(
        self, result: ParsedPlanDocument, name: str, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        paragraphs = self._paragraphs(lines)
        text = "\n\n".join(" ".join(_clean(line.text) for line in p) for p in paragraphs)
        setattr(result, name, text or None)
        return []

    def _promise_list(
        self, result: ParsedPlanDocument, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        unplaced: list[_Line] = []
        current: Promise | None = None
        for line in lines:
            if line is None:
                current = None
                continue
            bullet = _BULLET_RE.match(line.text)
            if bullet:
                current = Promise(_clean(bullet.group("text")), line=line.number)
                result.promises.append(current)
            elif current is not None:
                current.text = f"{current.text} {_clean(line.text)}"
            else:
                unplaced.append(line)
        for promise in result.promises:
            promise.parties = _parties_of(promise.text)
        return unplaced

    def _joint(self, result: ParsedPlanDocument, lines: Sequence[_Line | None]) -> list[_Line]:
        paragraphs = self._paragraphs(lines)
        if not paragraphs:
            return []
        text = " ".join(_clean(line.text) for line in paragraphs[0]).strip('”“"')
        parties = _parties_of(text) or ["municipality", "police"]
        result.promises.append(Promise(text, parties, joint=True, line=paragraphs[0][0].number))
        return [line for p in paragraphs[1:] for line in p]

    def _commitments(
        self, result: ParsedPlanDocument, lines: Sequence[_Line | None]
    ) -> list[_Line]:
        intro: list[_Line] = []
        current: Commitment | None = None
        for line in lines:
            if line is None:
                continue
            numbered = _NUMBERED_RE.match(line.text)
            if numbered:
                current = Commitment(
                    int(numbered.group("number")), _clean(numbered.group("text")), line.number
                )
                result.commitments.append(current)
            elif current is not None:
                current.text = f"{current.text} {_clean(line.text)}"
            else:
                intro.append(line)
        result.commitments_intro = " ".join(_clean(line.text) for line in intro) or None
        return []

    @staticmethod
    def _validity_from(result: ParsedPlanDocument, text: str) -> bool:
        """Read a validity statement into result; say whether it held one."""
        both = _VALID_RANGE_RE.search(text)
        if both:  # "2019-01-01 – 2020-12-31", "1 januari 2019 till 31 december 2020"
            result.valid_from = full_date_in(both.group("start")) or result.valid_from
            result.valid_to = full_date_in(both.group("end")) or result.valid_to
            return True
        until = _VALID_TO_RE.search(text)
        since = _VALID_FROM_RE.search(text)
        if until:
            result.valid_to = full_date_in(until.group("date")) or result.valid_to
        if since:
            result.valid_from = full_date_in(since.group("date")) or result.valid_from
        if until or since:
            return True
        year = _VALID_YEAR_RE.search(text)
        if year is None or not _VALIDITY_LINE_RE.match(text):
            return False
        first = int(year.group("y1"))
        last = int(year.group("y2")) if year.group("y2") else first
        if last < first:
            return False
        result.year = first
        result.valid_from = dt.date(first, 1, 1).isoformat()
        result.valid_to = dt.date(last, 12, 31).isoformat()
        return True

    @staticmethod
    def _columns(group: list[_Line]) -> list[list[_Line]]:
        """Split signatures set in columns ("Anna Ek⇥Bo Lind" over their titles) into one
        group per column."""
        if not any("\t" in line.text for line in group):
            first = _clean(group[0].text).split()
            if (
                len(first) in {4, 6}
                and len(group) >= 2
                and all(
                    _NAME_RE.fullmatch(" ".join(first[i : i + 2])) for i in range(0, len(first), 2)
                )
            ):
                # A PDF gave the names of a row of signatures as one line: "Anna Ek Bo Lind".
                return [
                    [_Line(group[0].number, " ".join(first[i : i + 2]))]
                    for i in range(0, len(first), 2)
                ]
            return [group]
        columns: list[list[_Line]] = []
        for line in group:
            for index, cell in enumerate(line.text.split("\t")):
                while len(columns) <= index:
                    columns.append([])
                if cell.strip():
                    columns[index].append(_Line(line.number, cell.strip()))
        return [column for column in columns if column]

    def _signatories(self, result: ParsedPlanDocument) -> list[_Line]:
        unplaced: list[_Line] = []
        groups = [column for group in self.signature_groups for column in self._columns(group)]
        for group in groups:
            name_line = next(
                (
                    line
                    for line in group
                    if _NAME_RE.fullmatch(_clean(line.text)) and not _ORG_RE.search(line.text)
                ),
                None,
            )
            if name_line is None:
                unplaced.extend(group)
                continue
            signatory = Signatory(_clean(name_line.text), line=name_line.number)
            for line in group:
                if line is name_line:
                    continue
                text = _clean(line.text)
                if signatory.title is None and _TITLE_WORD_RE.search(text):
                    signatory.title = text
                elif signatory.organisation is None and _ORG_RE.search(text):
                    signatory.organisation = text
                elif signatory.title is None:
                    signatory.title = text
                elif signatory.organisation is None:
                    signatory.organisation = text
                else:
                    unplaced.append(line)
            result.signatories.append(signatory)
        return unplaced


def parse_plan_document(text: str, kind: str | None = None) -> ParsedPlanDocument:
    """Read promises, an agreement or a plan; raise ImportRejected if the text is none of them.

    `kind` forces the kind ("promises", "agreement" or "plan"); without it the kind is
    recognised from the headings. Any other `kind` raises ValueError.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown plan document kind: {kind!r}")
    return _Parser(text).parse(cast("Kind | None", kind))


def parse_plan_file(data: bytes, filename: str, kind: str | None = None) -> ParsedPlanDocument:
    """Read an uploaded PDF, DOCX or text file; raise ImportRejected if it cannot be used.

    The text comes from `extract_document`, so its rejections (empty, binary, ...) come
    through unchanged and a scanned PDF is read by OCR (as the police's published promises often
    are scans); a DOCX table becomes tab-separated rows, as the parser expects.
    """
    return parse_plan_document(extract_document(data, filename).text, kind)


def detect_kind(text: str) -> Kind:
    """Return the kind of a plan document; raise ImportRejected if it is none of them."""
    return parse_plan_document(text).kind
