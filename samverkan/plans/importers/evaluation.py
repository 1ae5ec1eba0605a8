"""Field accuracy of the document parsers on a corpus: `samverkan import-eval DIR`.

A corpus is a folder of documents (text, DOCX or PDF) each with a `<name>.json` beside it holding
what a person copies by hand (the format is in docs/formats/minutes-import.md, "Field accuracy").
Each document is read the way an upload is (`extract_text`, then `parse_minutes` or
`parse_plan_document`) and every field counts one: the date, start and end time and place; each
name present, absent and guest; each item's number and title; each decision's text; for
promises, each promise's text and its parties, the validity dates, place, date and each
signatory. A field the parser gives that the person did not write (an item read twice, a
decision or a name that is not there) counts as a miss too. Texts compare with spaces and case
normalised. No Django import: the command only prints what this returns.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import extract_text
from samverkan.meetings.importers.minutes import ParsedMinutes, parse_minutes
from samverkan.plans.importers.plan_documents import ParsedPlanDocument, parse_plan_document

__all__ = ["CorpusScore", "DocumentScore", "evaluate_corpus", "evaluate_document", "report_lines"]

DOCUMENT_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass
class DocumentScore:
    name: str
    layout: str
    hits: int = 0
    total: int = 0
    missed: list[str] = field(default_factory=list)
    refused: str | None = None
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def count(self, label: str, ok: bool) -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.missed.append(label)


@dataclass
class CorpusScore:
    documents: list[DocumentScore] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = sum(d.total for d in self.documents)
        return sum(d.hits for d in self.documents) / total if total else 1.0

    def by_layout(self) -> dict[str, float]:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for document in self.documents:
            hits[document.layout] += document.hits
            totals[document.layout] += document.total
        return {layout: hits[layout] / totals[layout] for layout in sorted(totals)}


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value or ""))
    text = re.sub(r"[–—]", "-", text)
    return " ".join(text.split()).lower().rstrip(" .")


def evaluate_corpus(folder: Path) -> CorpusScore:
    score = CorpusScore()
    for expected_path in sorted(folder.glob("*.json")):
        document = next(
            (
                expected_path.with_suffix(suffix)
                for suffix in DOCUMENT_SUFFIXES
                if expected_path.with_suffix(suffix).is_file()
            ),
            None,
        )
        if document is None:
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        score.documents.append(evaluate_document(document, expected))
    return score


def evaluate_document(path: Path, expected: dict[str, Any]) -> DocumentScore:
    score = DocumentScore(path.name, str(expected.get("layout", "other")))
    fields: dict[str, Any] = expected["fields"]
    started = time.perf_counter()
    try:
        text = extract_text(path.read_bytes(), path.name)
        if expected["kind"] == "promises":
            _score_promises(score, fields, parse_plan_document(text, "promises"))
        else:
            _score_minutes(score, fields, parse_minutes(text))
    except ImportRejected as rejected:
        score.refused = rejected.code
        score.hits, score.total = 0, _field_count(fields)
        score.missed = [f"refused: {rejected.code}"]
    score.seconds = time.perf_counter() - started
    return score


def _field_count(fields: dict[str, Any]) -> int:
    count = 0
    for value in fields.values():
        if isinstance(value, list):
            count += sum(2 if isinstance(entry, dict) else 1 for entry in value)
        elif value is not None:
            count += 1
    return count


def _score_scalars(score: DocumentScore, fields: dict[str, Any], got: dict[str, object]) -> None:
    for key, value in got.items():
        if fields.get(key) is not None:
            ok = _norm(fields[key]) == _norm(value)
            score.count(f"{key}: {fields[key]!r} ≠ {value!r}", ok)


def _score_names(
    score: DocumentScore, label: str, wanted: Iterable[str], got: Iterable[str]
) -> None:
    left = Counter(_norm(name) for name in got)
    for name in wanted:
        key = _norm(name)
        score.count(f"{label}: {name}", left[key] > 0)
        left[key] -= 1
    for name, extra in left.items():
        for _ in range(max(0, extra)):
            score.count(f"{label} (extra): {name}", False)


def _score_minutes(score: DocumentScore, fields: dict[str, Any], parsed: ParsedMinutes) -> None:
    _score_scalars(
        score,
        fields,
        {"date": parsed.date, "start": parsed.start, "end": parsed.end, "place": parsed.place},
    )
    attendance = parsed.attendance
    _score_names(score, "present", fields.get("present", []), [p.name for p in attendance.present])
    _score_names(score, "absent", fields.get("absent", []), [p.name for p in attendance.absent])
    _score_names(score, "guest", fields.get("guests", []), [p.name for p in attendance.guests])
    items = {item.number: item for item in parsed.items}
    wanted_numbers = set()
    for wanted in fields.get("items", []):
        number = int(wanted["number"])
        wanted_numbers.add(number)
        item = items.get(number)
        score.count(f"item {number}: missing", item is not None)
        title = item.title if item else None
        score.count(
            f"item {number} title: {wanted['title']!r} ≠ {title!r}",
            _norm(title) == _norm(wanted["title"]),
        )
    for item in parsed.items:
        if item.number not in wanted_numbers:
            score.count(f"item (extra): {item.number} {item.title!r}", False)
    left = Counter(_norm(d.text) for item in parsed.items for d in item.decisions)
    for text in fields.get("decisions", []):
        key = _norm(text)
        score.count(f"decision: {text!r}", left[key] > 0)
        left[key] -= 1
    for text, extra in left.items():
        for _ in range(max(0, extra)):
            score.count(f"decision (extra): {text!r}", False)


def _score_promises(
    score: DocumentScore, fields: dict[str, Any], parsed: ParsedPlanDocument
) -> None:
    _score_scalars(
        score,
        fields,
        {
            "valid_from": parsed.valid_from,
            "valid_to": parsed.valid_to,
            "place": parsed.place,
            "date": parsed.date,
        },
    )
    promises = {_norm(p.text): p for p in parsed.promises}
    for wanted in fields.get("promises", []):
        promise = promises.pop(_norm(wanted["text"]), None)
        score.count(f"promise: {wanted['text']!r}", promise is not None)
        parties = sorted(promise.parties) if promise else None
        score.count(
            f"promise parties: {wanted['parties']} ≠ {parties}",
            parties == sorted(wanted["parties"]),
        )
    for text in promises:
        score.count(f"promise (extra): {text!r}", False)
    _score_names(
        score, "signatory", fields.get("signatories", []), [s.name for s in parsed.signatories]
    )


def report_lines(score: CorpusScore, *, verbose: bool = True) -> list[str]:
    """The report `import-eval` prints: per document, per layout and overall, with the misses."""
    lines: list[str] = []
    for document in score.documents:
        flag = f"  refused ({document.refused})" if document.refused else ""
        lines.append(
            f"{document.name:<28} {document.layout:<13} {document.hits:>3}/{document.total:<3} "
            f"{document.accuracy:6.1%}  {document.seconds * 1000:6.0f} ms{flag}"
        )
        if verbose:
            lines.extend(f"    missed {miss}" for miss in document.missed)
    lines.append("")
    for layout, accuracy in score.by_layout().items():
        lines.append(f"layout {layout:<14} {accuracy:6.1%}")
    lines.append(f"overall{'':15} {score.accuracy:6.1%}  ({len(score.documents)} documents)")
    return lines
