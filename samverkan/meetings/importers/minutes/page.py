"""Lines and page furniture: the text split into lines (again, when a PDF flattened it),
page numbers, initials, running headers and the ANSLAG/BEVIS box dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from samverkan.core.importing.dates import find_date
from samverkan.core.importing.text import normalise_text, strip_scan_noise
from samverkan.meetings.importers.minutes.decisions import _ATT_RE
from samverkan.meetings.importers.minutes.keywords import (
    _DOT_ITEM_RE,
    _SECTION_FIRST_RE,
    _SECTION_LAST_RE,
    _WORD_ITEM_RE,
)
from samverkan.meetings.importers.minutes.reading import _Line, _Reading
from samverkan.meetings.importers.minutes.words import (
    _BODY_WORD_RE,
    _UP,
    _WORD_END,
    _clean_spaces,
    _strip_punct,
    _tidy_caps,
)

_HTML_TAG_RE: Final = re.compile(r"</?(?:i|b|u|em|strong|span|sup|sub|br)\s*/?>", re.IGNORECASE)
_PAGE_MARKER_RE: Final = re.compile(
    r"\bsida\s+\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3})", re.IGNORECASE
)
_WHOLE_LINE_PAGE_RE: Final = re.compile(
    r"^(?:sida\s+\d{1,3}|-\s*\d{1,3}\s*-"
    r"|(?P<n>\d{1,3})\s*(?:\(\s*(?P<m>\d{1,3})\s*\)|/\s*(?P<m2>\d{1,3})))$",
    re.IGNORECASE,
)
_TRAILING_PAGE_RE: Final = re.compile(r"\s(?P<n>\d{1,3})\s?\(\s*(?P<m>\d{1,3})\s*\)$")
_FURNITURE_PHRASE_RE: Final = re.compile(
    # The page counter "3 (4)" printed beside the signature box goes with it.
    r"(?:\b\d{1,3} ?\( ?\d{1,3} ?\) )?"
    r"\b(?:justerandes|justerares|ordförandes|sekreterarens|sekreterares)\s+"
    r"sign(?:atur(?:er)?)?\.?(?: \d{1,3} ?\( ?\d{1,3} ?\)(?!\S))?|\butdragsbestyrkande\b",
    re.IGNORECASE,
)
_INITIALS_PART = r"[*_]{0,2}[A-Za-zÅÄÖåäö]{2,3}\.?[*_]{0,2}"
_INITIALS_RE: Final = re.compile(rf"^{_INITIALS_PART}(?:\s*(?:[/|,]\s*)?{_INITIALS_PART}){{0,3}}$")
_ANSLAG_START_RE: Final = re.compile(
    r"^(?:anslag\s*/\s*bevis|bevis\s*/\s*anslag|anslag|bevis)\s*$"
    r"|^(?:protokollet\s+är\s+justerat|justeringen\s+har\s+tillkännagivits)",
    re.IGNORECASE,
)
_ANSLAG_KEY_RE: Final = re.compile(
    r"^(?P<key>organ|sammanträdesdatum|justeringsdatum|paragrafer|underskrift|utdragsbestyrkande"
    r"|datum\s+(?:då|för)\s+anslag\w*(?:\s+(?:sätts|sattes|tas|togs)\s+(?:upp|ned|ner))?"
    r"|datum\s+för\s+anslagets\s+\w+|anslag\w*\s+(?:sätts\s+upp|uppsatt|satt\s+upp|tas\s+ned"
    r"|nedtaget|nedtas|tagits\s+ned)|förvaringsplats(?:\s+för\s+protokollet)?"
    r"|protokollet\s+är\s+justerat|justeringen\s+har\s+tillkännagivits(?:\s+genom\s+anslag)?)"
    rf"{_WORD_END}\.?\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)


# A table of contents: "Rapport från fältgruppen ........ 6" and its heading. Its entries are
# the items' titles again, so they must not be read as items.
_TOC_ENTRY_RE: Final = re.compile(r"(?<![.…_])(?<![.…_] )(?:[.…_] ?){4,}\s*\d{1,3}$")
_TOC_HEADING_RE: Final = re.compile(
    r"^(?:innehållsförteckning|innehåll|ärendeförteckning|ärendelista)\s*:?$", re.IGNORECASE
)


def _is_initials(text: str) -> bool:
    """Say whether a line is page initials such as "RE *AS*", "pe *no*" or "AE BL"."""
    if not _INITIALS_RE.fullmatch(text):
        return False
    if "*" in text or "_" in text:
        return True
    tokens = re.findall(r"[A-Za-zÅÄÖåäö]+", text)
    return len(tokens) >= 2 and all(token.isupper() for token in tokens)


def _strip_page_marker(text: str) -> tuple[str, bool]:
    """Return (text without its page number, whether it had one)."""
    match = _WHOLE_LINE_PAGE_RE.fullmatch(text)
    if match:
        total = match.group("m") or match.group("m2")
        if match.group("n") and total and int(match.group("n")) > int(total):
            return text, False  # "12 (5)" is not a page number
        return "", True
    stripped = _PAGE_MARKER_RE.sub("\t", text)
    trailing = _TRAILING_PAGE_RE.search(stripped)
    if trailing and int(trailing.group("n")) <= int(trailing.group("m")) and "\t" in text:
        stripped = stripped[: trailing.start()]
    if stripped == text:
        return text, False
    return "\t".join(cell.strip() for cell in stripped.split("\t") if cell.strip()), True


def _is_furniture_only(text: str) -> bool:
    """Say whether a line is nothing but signature-box labels and initials."""
    if _is_initials(text) or _TOC_HEADING_RE.match(text) or _TOC_ENTRY_RE.search(text):
        return True
    if not _FURNITURE_PHRASE_RE.search(text):
        return False
    rest = _FURNITURE_PHRASE_RE.sub(" ", text).strip(" \t.:|/")
    return not rest or _INITIALS_RE.fullmatch(_clean_spaces(rest)) is not None


def _join_lines(lines: Iterator[_Line] | Sequence[_Line]) -> str:
    """Join lines as text: one line per line, at most one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        text = line.raw.strip(" ") if line.text else ""
        if "\t" not in text.strip("\t"):
            text = text.strip("\t")  # a stray tab; a table row keeps its empty first cell
        if not text and (not out or not out[-1]):
            continue
        out.append(text)
    return "\n".join(out).strip()


def _title_continued(lines: Sequence[_Line], title: str, next_index: int) -> tuple[str, int]:
    """Join a long title that PDF text wrapped onto the next line ("… samt / genomförandeplan")."""
    if len(title) < 40 or next_index >= len(lines):
        return title, next_index
    following = lines[next_index].text
    wrapped = (
        following[:1].islower()
        and len(following) <= 80
        and not following.endswith((".", ":"))
        and not _ATT_RE.match(following)
    )
    return (f"{title} {following}", next_index + 1) if wrapped else (title, next_index)


def _schedule_columns(cells: Sequence[str]) -> list[str]:
    """Return column headings if every cell is a body name: "Arbetsutskottet", "Rådet"."""
    names = [_strip_punct(cell) for cell in cells]
    filled = [name for name in names if name]
    if len(filled) < 2 or not all(_BODY_WORD_RE.search(name) for name in filled):
        return []
    return names


def _is_enclosure_line(text: str) -> bool:
    return bool(re.match(r"(?i)^bilaga\s+\d+\b", text)) and len(text) <= 80


def _trim(lines: list[_Line]) -> list[_Line]:
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def _attachment_title(chunk: Sequence[_Line]) -> tuple[str, int]:
    """Return an attachment's title and how many lines it took.

    "Samverkansöverenskommelse 2 / BILAGA 1 / GENOMFÖRANDEPLAN" becomes
    "Samverkansöverenskommelse 2 – Bilaga 1 Genomförandeplan".
    """
    texts = [(index, line.text) for index, line in enumerate(chunk) if line.text][:3]
    title = _tidy_caps(texts[0][1])
    used = texts[0][0] + 1
    enclosure = re.fullmatch(r"(?i)bilaga\s+\d+", texts[0][1]) is not None
    rest = texts[1:]
    if not enclosure and rest and re.fullmatch(r"(?i)bilaga\s+\d+\s*:?", rest[0][1]):
        title = f"{title} – {_tidy_caps(rest[0][1].rstrip(':'))}"
        used = rest[0][0] + 1
        rest = rest[1:]
        enclosure = True
    if enclosure and rest and len(rest[0][1]) <= 60 and rest[0][1][-1:] not in ".,;":
        title = f"{title} {_tidy_caps(rest[0][1])}"
        used = rest[0][0] + 1
    return title, used


_FLAT_MIN_LENGTH: Final = 300
_FLAT_PAGE_MIN_LENGTH: Final = 120
# "EST-gruppen" goes on a title. The look-behind keeps a search linear on a long run of capitals.
_ACRONYM_WORD_RE: Final = re.compile(rf"(?<![{_UP}])[{_UP}]{{2,}}-")
_FLAT_SECTION_RE: Final = re.compile(
    r"(?:(?<=\s)|^)(?:§\s?(?P<a>\d{1,4})|(?P<b>\d{1,4})\s?§)(?=\s)"
)
_FLAT_DOT_RE: Final = re.compile(rf"(?:(?<=\s)|^)(?P<n>\d{{1,2}})\.\s+(?=[{_UP}])")
_FLAT_HEADER_WORDS: Final = (
    "SAMMANTRÄDESPROTOKOLL", "Sammanträdesprotokoll", "PROTOKOLL", "Protokoll",
    "Minnesanteckningar", "KALLELSE", "Kallelse", "Sammanträdesdatum", "Plats och tid",
    "Tid och plats", "Datum", "Plats", "Tid", "Lokal", "Närvarande", "Ledamöter", "Beslutande",
    "Beslutande ledamöter", "Tjänstgörande ersättare", "Ersättare", "Övriga närvarande",
    "Övriga deltagare", "Övriga deltagande", "Gäster", "Adjungerade", "Ej närvarande",
    "Anmält förhinder", "Förhinder", "Frånvarande", "Utses att justera",
    "Justeringens plats och tid", "Underskrifter", "ANSLAG/BEVIS", "Sekreterare", "Justerare",
    "Närvarande ledamöter", "Ej närvarande ledamöter", "Tjänstepersoner",
)  # fmt: skip
_FLAT_HEADER_WORDS_RE: Final = re.compile(
    r"(?<=\s)(?:"
    + "|".join(re.escape(word) for word in sorted(_FLAT_HEADER_WORDS, key=len, reverse=True))
    + r")(?=[\s:]|$)"
)
_FLAT_ITEM_WORDS_RE: Final = re.compile(
    rf"(?<=\s)(?:(?:Beslut|BESLUT|Beslutet)(?=\s*:|\s+[{_UP}\d])|Reservation|Protokollsanteckning|Beslutsunderlag"
    r"|Vid protokollet|Justeras|Underskrifter|ANSLAG/BEVIS)(?=[\s:]|$)"
)
_FLAT_OWN_LINE: Final = frozenset(
    {"Beslut", "BESLUT", "Beslutet", "Reservation", "Protokollsanteckning"}
)


class _Lines(_Reading):
    """Split the text into lines, again where a PDF flattened it, and drop page furniture."""

    def _drop_repeated_header(self, lines: Sequence[_Line]) -> list[_Line]:
        """Drop the body, date and title lines that page headers repeat on every page."""
        kept: list[_Line] = []
        for line in lines:
            if line.text and line.text in self._header_texts:
                self._dropped(line)
            else:
                kept.append(line)
        return kept

    def _split_lines(self, text: str) -> list[_Line]:
        lines: list[_Line] = []
        raws: list[str] = []
        for raw in normalise_text(text).split("\n"):
            raw = strip_scan_noise(_HTML_TAG_RE.sub("", raw))
            # PDF text lays table columns out with runs of spaces; make them tab columns.
            raws.append(re.sub(r" {3,}", "\t", raw).replace("  ", " ").rstrip().lstrip(" "))
        # A PDF that lost its line breaks gives a page per line: once one long line holds item
        # numbers, every long line is a page to split again (the front page has no numbers).
        flat = any(
            len(raw) >= _FLAT_MIN_LENGTH and self._looks_flattened(raw.strip()) for raw in raws
        )
        for number, raw in enumerate(raws, start=1):
            stripped = raw.strip()
            long_line = len(stripped) >= _FLAT_MIN_LENGTH
            # In a flattened document a short last page is a page too.
            page_line = flat and len(stripped) >= _FLAT_PAGE_MIN_LENGTH
            if (long_line or page_line) and (
                (long_line and self._looks_flattened(stripped))
                or (flat and self._page_like(stripped))
            ):
                lines.extend(
                    _Line(number, piece, piece) for piece in self._unflatten(stripped, number)
                )
            else:
                lines.append(_Line(number, stripped, raw if stripped else ""))
        return lines

    @staticmethod
    def _item_markers(text: str) -> list[tuple[int, int]]:
        """Return (position, number) of item numbers in run-on text, as an ascending run."""
        markers: list[tuple[int, int]] = []
        for match in _FLAT_SECTION_RE.finditer(text):
            number = int(match.group("a") or match.group("b"))
            if not markers or number > markers[-1][1]:
                markers.append((match.start(), number))
        if len(markers) >= 2:
            return markers
        markers = []
        for match in _FLAT_DOT_RE.finditer(text):
            number = int(match.group("n"))
            if (not markers and number <= 2) or (markers and number == markers[-1][1] + 1):
                markers.append((match.start(), number))
        return markers if len(markers) >= 3 else []

    @staticmethod
    def _single_markers(text: str) -> list[tuple[int, int]]:
        """The item numbers of a page that holds fewer than two: "… § 7 Övriga frågor …"."""
        return [
            (match.start(), int(match.group("a") or match.group("b")))
            for match in _FLAT_SECTION_RE.finditer(text)
        ][:1]

    def _looks_flattened(self, text: str) -> bool:
        return len(self._item_markers(text)) >= 2 or (len(_FLAT_HEADER_WORDS_RE.findall(text)) >= 4)

    def _page_like(self, text: str) -> bool:
        """A page of a flattened document: item numbers or header keys run on in it."""
        return bool(_FLAT_SECTION_RE.search(text) or _FLAT_HEADER_WORDS_RE.search(text))

    def _unflatten(self, text: str, line_no: int) -> list[str]:
        """Split a whole protocol flattened into one line at item numbers and headings."""
        self.result.flattened = True
        for guessed in ("items", "attendance"):
            if guessed not in self.result.guessed:
                self.result.guessed.append(guessed)
        self._warn(line_no, "flattened_text")
        text = _FURNITURE_PHRASE_RE.sub(" ", _PAGE_MARKER_RE.sub(" ", text))
        markers = self._item_markers(text) or self._single_markers(text)
        first_item = markers[0][0] if markers else len(text)
        cuts = {position for position, _ in markers}
        in_anslag = False
        for match in _FLAT_HEADER_WORDS_RE.finditer(text, 0, first_item):
            # Inside an ANSLAG/BEVIS box the keys are its own, not the meeting's headings.
            if not in_anslag:
                cuts.add(match.start())
            in_anslag = in_anslag or match.group(0) == "ANSLAG/BEVIS"
        for match in _FLAT_ITEM_WORDS_RE.finditer(text, first_item):
            cuts.add(match.start())
            if match.group(0) in _FLAT_OWN_LINE:
                cuts.add(match.end())
        bounds = sorted(cuts | {0, len(text)})
        pieces: list[str] = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            piece = text[start:end].strip()
            if start in {position for position, _ in markers}:
                pieces.extend(self._split_flat_item(piece, line_no))
            elif piece.lstrip(": "):
                pieces.append(piece.lstrip(": "))  # "Beslut: Rådet …" gives "Beslut" and "Rådet …"
        return pieces

    def _split_flat_item(self, piece: str, line_no: int) -> list[str]:
        """Split "§ 1 Mötets öppnande Ordföranden hälsar ..." into heading and text."""
        marker = re.match(r"^(?:§\s?\d{1,4}|\d{1,4}\s?§|\d{1,2}\.)\s*", piece)
        if marker is None:
            return [piece]
        head, words = marker.group(0).strip(), piece[marker.end() :].split()
        cut = next(
            (
                index
                for index, word in enumerate(words[:12])
                if index > 0
                and (
                    (word[:1].isupper() and not word.isupper() and not _ACRONYM_WORD_RE.match(word))
                    or word.lower() == "dnr"
                )
                and not words[index - 1].endswith((":", "–", "-"))
            ),
            None,
        )
        if cut is None:
            cut = min(len(words), 12)
            if cut == len(words):
                return [f"{head} {' '.join(words)}".strip()]
        title, rest = " ".join(words[:cut]), " ".join(words[cut:])
        number = re.sub(r"\D", "", head)
        self._warn(line_no, "guessed_title", number=number, title=title)
        return [f"{head} {title}", rest] if rest else [f"{head} {title}"]

    def _drop_furniture(self, lines: list[_Line]) -> list[_Line]:
        kept: list[_Line] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if line.text and _ANSLAG_START_RE.match(line.text):
                index = self._skip_anslag(lines, index)
                continue
            text, had_marker = _strip_page_marker(line.text)
            repeated_page_header = had_marker and (not text or text in self._page_remainders)
            if repeated_page_header or (line.text and _is_furniture_only(line.text)):
                self._dropped(line)
            elif had_marker:
                self._page_remainders.add(text)
                kept.append(_Line(line.no, text, text))
            else:
                kept.append(line)
            index += 1
        return kept

    def _dropped(self, line: _Line) -> None:
        self.result.dropped_lines.append(line.no)

    def _skip_anslag(self, lines: list[_Line], start: int) -> int:
        """Skip an ANSLAG/BEVIS box: its start line, its keys and their values."""
        self._dropped(lines[start])
        index = start + 1
        expect_value = False
        while index < len(lines):
            line = lines[index]
            if not line.text:
                index += 1
                continue
            key = _ANSLAG_KEY_RE.match(line.text)
            if key:
                value = key.group("value").strip()
                self._remember_anslag(key.group("key").lower(), value)
                expect_value = not value
            elif expect_value and len(line.text) <= 80 and not self._is_item_line(line.text):
                expect_value = False
            else:
                break
            self._dropped(line)
            index += 1
        return index

    def _remember_anslag(self, key: str, value: str) -> None:
        if key == "organ" and value:
            self._fallback_body = _strip_punct(value)
        elif key == "sammanträdesdatum" and value:
            found = find_date(value)
            self._fallback_date = found[0].isoformat() if found else None

    @staticmethod
    def _is_item_line(text: str) -> bool:
        return bool(
            _SECTION_FIRST_RE.match(text)
            or _SECTION_LAST_RE.match(text)
            or _DOT_ITEM_RE.match(text)
            or _WORD_ITEM_RE.match(text)
        )
