"""No regular expression of the code base can hold a worker: every pattern, found by walking the
source, is run on adversarial inputs (long runs of the characters it repeats, after a prefix it
accepts and before a character that makes it fail, and hypothesis strings of its alphabet), and
each call must end within a bound. A new pattern is covered without being named here.

A pattern built from a function's local values (a year, the words searched for) cannot be
evaluated from the source alone: it is listed in DYNAMIC with sample values, and a new one fails
the test until it is.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samverkan

# The regex engine's own parser, private in the standard library (its stubs differ by version).
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

PACKAGE = Path(samverkan.__file__).parent
CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
RUN = 20_000  # quadratic at this length costs seconds; linear, a millisecond
BOUND = 0.5  # seconds for one call on one input
# Patterns of a function's local values: the module, the pattern's source, sample locals.
DYNAMIC: dict[tuple[str, str], dict[str, Any]] = {
    ("samverkan.plans.services.follow_up", 'rf"\\b{year}\\b"'): {"year": 2026},
    ("samverkan.meetings.search", "re.escape(term)"): {"terms": ["trygg", "ab"], "term": "ab"},
}


@dataclass(frozen=True)
class Pattern:
    where: str
    source: str
    compiled: re.Pattern[str]

    def __str__(self) -> str:
        return f"{self.where}: {self.source[:80]}"


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield ".".join(part for part in parts if part != "__init__"), path


def _flags(call: ast.Call, namespace: dict[str, Any]) -> int:
    for keyword in call.keywords:
        if keyword.arg == "flags":
            return int(eval(compile(ast.Expression(keyword.value), "<flags>", "eval"), namespace))  # noqa: S307
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if name == "compile" and len(call.args) > 1:
        return int(eval(compile(ast.Expression(call.args[1]), "<flags>", "eval"), namespace))  # noqa: S307
    return 0


def _dynamic_locals(module: str, source: str) -> dict[str, Any] | None:
    for (where, marker), values in DYNAMIC.items():
        if where == module and marker in source:
            return values
    return None


def _patterns() -> list[Pattern]:
    found: list[Pattern] = []
    for module_name, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in CALLS
            and node.args
        ]
        if not calls:
            continue
        namespace = dict(vars(importlib.import_module(module_name)))
        for call in calls:
            source = ast.get_source_segment(path.read_text(encoding="utf-8"), call.args[0]) or ""
            where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
            try:
                value = eval(compile(ast.Expression(call.args[0]), where, "eval"), namespace)  # noqa: S307
            except NameError:
                values = _dynamic_locals(module_name, source)
                assert values is not None, (
                    f"{where}: a pattern of local values; add it to DYNAMIC with sample values"
                )
                value = eval(  # noqa: S307
                    compile(ast.Expression(call.args[0]), where, "eval"), {**namespace, **values}
                )
            if isinstance(value, re.Pattern):
                continue  # re.sub(_COMPILED, ...) runs a pattern compiled elsewhere
            found.append(Pattern(where, source, re.compile(value, _flags(call, namespace))))
    return found


PATTERNS = _patterns()


# A character each kind of set or category stands for, and one it cannot.
_CATEGORY = {
    sre.CATEGORY_DIGIT: "0",
    sre.CATEGORY_NOT_DIGIT: "a",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a",
    sre.CATEGORY_WORD: "a",
    sre.CATEGORY_NOT_WORD: " ",
}
_CANDIDATES = "a A0 .-,:;å/()§\t\n'’@+"


def _set_chars(items: list[tuple[Any, Any]]) -> list[str]:
    if items and items[0][0] == sre.NEGATE:
        rest = items[1:]
        return [c for c in _CANDIDATES if not _set_chars_match(rest, c)][:3]
    chars: list[str] = []
    for op, arg in items:
        if op == sre.LITERAL:
            chars.append(chr(arg))
        elif op == sre.RANGE:
            chars += [chr(arg[0]), chr(arg[1])]
        elif op == sre.CATEGORY:
            chars.append(_CATEGORY.get(arg, "a"))
    return chars


def _set_chars_match(items: list[tuple[Any, Any]], char: str) -> bool:
    for op, arg in items:
        if op == sre.LITERAL and chr(arg) == char:
            return True
        if op == sre.RANGE and arg[0] <= ord(char) <= arg[1]:
            return True
        if op == sre.CATEGORY and _CATEGORY.get(arg) == char:
            return True
    return False


def _chars(node: tuple[Any, Any]) -> list[str]:
    """The characters one node can match, a few of each kind."""
    op, arg = node
    if op == sre.LITERAL:
        return [chr(arg)]
    if op == sre.NOT_LITERAL:
        return [c for c in "a 0" if ord(c) != arg][:1]
    if op == sre.ANY:
        return ["a", " "]
    if op == sre.IN:
        return _set_chars(list(arg))
    return []


def _example(nodes: Any) -> str:
    """One short string that the sequence of nodes accepts, or comes close to."""
    out = []
    for op, arg in nodes:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            out.append((_chars((op, arg)) or ["a"])[0])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            out.append(_example(arg[2]) * min(arg[0], 3))
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            out.append(_example(arg[-1]))
        elif op == sre.BRANCH:
            out.append(_example(arg[1][0]))
    return "".join(out)


def _pumps(nodes: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """For every repetition: the text before it and the characters it repeats."""
    nodes = list(nodes)
    for index, (op, arg) in enumerate(nodes):
        before = prefix + _example(nodes[:index])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner = list(arg[2])
            if arg[1] > 8:
                yield before, sorted({c for node in _flat(inner) for c in _chars(node)})
            yield from _pumps(inner, before)
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            yield from _pumps(arg[-1], before)
        elif op == sre.BRANCH:
            for branch in arg[1]:
                yield from _pumps(branch, before)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _pumps(arg[1], before)


def _flat(nodes: Any) -> Iterator[tuple[Any, Any]]:
    for op, arg in nodes:
        yield op, arg
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _flat(arg[2])
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            yield from _flat(arg[-1])
        elif op == sre.BRANCH:
            for branch in arg[1]:
                yield from _flat(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _flat(arg[1])


def _adversarial(pattern: re.Pattern[str]) -> Iterator[str]:
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    for prefix, chars in _pumps(parsed):
        for char in chars:
            yield prefix + char * RUN
            yield prefix + char * RUN + "\x00"
        for first, second in itertools.combinations(chars[:8], 2):
            yield prefix + (first + second) * (RUN // 2) + "\x00"
            yield prefix + (first * 3 + second) * (RUN // 4) + "\x00"


class _TooSlowError(Exception):
    pass


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise _TooSlowError


def _timed(pattern: re.Pattern[str], text: str) -> float:
    """CPU seconds for a search and a full match; the regex engine checks for signals, so a
    catastrophic pattern is interrupted by the timer instead of hanging the test.

    The process's own CPU time (ITIMER_PROF, process_time) is measured, not the wall clock, so
    a busy machine does not fail a linear pattern."""
    previous = signal.signal(signal.SIGPROF, _interrupt)
    signal.setitimer(signal.ITIMER_PROF, 5 * BOUND)
    started = time.process_time()
    try:
        pattern.search(text)
        pattern.fullmatch(text)
        return time.process_time() - started
    except _TooSlowError:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_the_walk_finds_the_patterns_of_every_app():
    places = {pattern.where.split("/")[1] for pattern in PATTERNS}
    assert {"core", "meetings", "plans", "incidents", "dialogue"} <= places
    assert any("importers/minutes/" in pattern.where for pattern in PATTERNS)
    assert len(PATTERNS) > 150


@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_no_pattern_is_slow_on_long_runs_of_what_it_repeats(pattern):
    for text in _adversarial(pattern.compiled):
        seconds = _timed(pattern.compiled, text)
        assert seconds < BOUND, f"{pattern} took {seconds:.2f} s on {text[:60]!r}…"


def _alphabet(pattern: re.Pattern[str]) -> list[str]:
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return sorted({c for node in _flat(parsed) for c in _chars(node)} | {"\x00", " "})


@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_no_pattern_is_slow_on_what_hypothesis_builds_of_its_alphabet(pattern):
    alphabet = st.sampled_from(_alphabet(pattern.compiled))

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        head=st.text(alphabet, max_size=20),
        run=st.text(alphabet, min_size=1, max_size=3),
        times=st.integers(2_000, 10_000),
        tail=st.text(alphabet, max_size=5),
    )
    def check(head: str, run: str, times: int, tail: str) -> None:
        text = head + run * times + tail
        seconds = _timed(pattern.compiled, text)
        assert seconds < BOUND, f"{pattern} took {seconds:.2f} s on {text[:60]!r}…"

    check()
