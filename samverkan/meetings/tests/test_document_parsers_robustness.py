"""No input crashes the document parsers or holds them for long: random text built from the
words, numbers and marks minutes and promises are made of, and the crafted long tokens that
once made a pattern backtrack, each read within a second (ImportRejected is an answer)."""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import strip_scan_noise
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.plans.importers.plan_documents import parse_plan_document

WORDS = [
    "§", "§§", "1.", "12", "Ärende", "Punkt", "Beslut", "Beslut:", "beslutar", "att", "Rådet",
    "Plats och tid", "Beslutande", "Övriga deltagare", "Närvarande:", "Förhinder:", "Gäster",
    "Utses att justera", "Justerandes sign", "Sida 2 av 8", "3 (7)", "ANSLAG/BEVIS", "Dnr",
    "KS 2019/0123-4", "kl. 13.00–15.30", "2019-03-12", "12 mars 2019", "Anna Ek (S)",
    "tjg ers.", "till kl. 15.30", "§§ 3–5", "ordförande", "Sekreterare", "Vid protokollet",
    "Polisen lovar att", "Kommunen och polisen lovar att", "gäller från 1 januari 2019",
    "Köping den 24 maj 2018", "Löfte\tAnsvarig", "Medborgarlöften", "•", "-", "|", "=",
    "........", "KALLELSE", "Minnesanteckningar", "Paus", "\t", "\n", "\n\n", "redovis-\nningen",
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "(", ")", ",", ".", ":", " ",
]  # fmt: skip

documents = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=400).map(
    " ".join
)


def _read(text: str) -> float:
    started = time.perf_counter()
    for parse in (parse_minutes, parse_plan_document):
        with contextlib.suppress(ImportRejected):
            parse(text)
    return time.perf_counter() - started


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_no_document_crashes_a_parser_or_takes_a_second(text: str) -> None:
    assert _read(text) < 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_scan_noise_is_stripped_from_any_line(line: str) -> None:
    assert len(strip_scan_noise(line.replace("\n", " "))) <= len(line)


def test_long_crafted_tokens_read_in_linear_time() -> None:
    name = "A" + "a" * 34
    crafted = [
        f"Närvarande\n{' '.join([name] * 600)}",
        "Beslutande\t" + (name + " (S), ") * 500,
        "§ 1 " + "Ab-" * 3000,
        "1. " + "Aaa Bbb " * 2500 + "\n2. Övrigt",
        ("x " * 10000) + "Sida 1 av 2",
        "Polisen lovar att " + "a " * 10000,
        "." * 20000 + " 6",
        "| " * 10000,
    ]
    for text in crafted:
        assert _read(text) < 1.0, text[:40]
