"""The parsers' field accuracy on the import corpus (tests/import_corpus/) stays at or above
what it reached: a change that loses fields on documents the parser reads today fails here.
`samverkan import-eval tests/import_corpus/documents` prints the misses."""

from __future__ import annotations

from pathlib import Path

from samverkan.plans.importers.evaluation import evaluate_corpus

CORPUS = Path(__file__).resolve().parent / "import_corpus" / "documents"

# Reached on this corpus; raise them when the parser gets better, never lower them.
OVERALL_FLOOR = 0.995
LAYOUT_FLOOR = 0.98


def test_corpus_holds_every_layout_of_the_issue() -> None:
    score = evaluate_corpus(CORPUS)
    assert len(score.documents) >= 50
    assert set(score.by_layout()) >= {
        "template", "pdf_text", "items", "decisions", "notice", "memory_notes", "promises",
        "scanned", "hand",
    }  # fmt: skip
    assert any(d.name.endswith(".pdf") for d in score.documents)
    assert any(d.name.endswith(".docx") for d in score.documents)


def test_field_accuracy_stays_at_or_above_its_floor() -> None:
    score = evaluate_corpus(CORPUS)
    assert score.accuracy >= OVERALL_FLOOR, f"overall {score.accuracy:.1%}"
    low = {k: v for k, v in score.by_layout().items() if v < LAYOUT_FLOOR}
    assert not low, low


def test_documents_of_another_seed_score_as_well(tmp_path: Path) -> None:
    """Other documents of the same layouts (names, dates, labels and numbering drawn anew),
    which the parser was not tuned on."""
    from tests.import_corpus.make_corpus import main as make_corpus

    make_corpus(tmp_path, seed=7)
    assert evaluate_corpus(tmp_path).accuracy >= 0.95


def test_every_document_parses_within_a_second() -> None:
    score = evaluate_corpus(CORPUS)
    slow = [d.name for d in score.documents if d.seconds > 1.0]
    assert not slow


HOLDOUT = Path(__file__).resolve().parent / "import_corpus_holdout"


def test_the_held_out_documents_score_at_least_ninety_percent() -> None:
    """Documents of other councils and templates, written without looking at the parser and
    kept out of its tuning (tests/import_corpus_holdout/): the issue's measure of how it does
    on documents it has never seen. First measured at 85.6 %, 96.0 % after the fixes that
    generalise (att-clauses run together, "Enligt förslaget", labels run on in flat text)."""
    score = evaluate_corpus(HOLDOUT)
    assert len(score.documents) >= 10
    assert score.accuracy >= 0.90, f"overall {score.accuracy:.1%}"
