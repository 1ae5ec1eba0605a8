"""Importing an earlier survey's results from CSV: all or nothing, errors by line number."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.dialogue.models import ImportedCount, Survey
from samverkan.dialogue.results import survey_results
from samverkan.dialogue.services.history import ImportRefusedError, results_import

from .conftest import answer

KLOTTER = "Klotter: hur stort problem är det i ditt bostadsområde?"
GOOD = (
    "fråga;svar;antal;område\n"
    f"{KLOTTER};1;2;Nygård\n"
    f"{KLOTTER};5;10;Nygård\n"
    "Graffiti: how big a problem is it in your neighbourhood?;3;4;Centrum\n"
    "How safe or unsafe do you feel if you go out alone late in the evening in your own "
    "neighbourhood?;Very safe;7;\n"
)


def test_earlier_results_are_imported_and_compared(survey):
    # given
    for _number in range(5):
        answer(survey, area="Nygård", scale=1)
    # when
    earlier = results_import(
        actor=None, survey=survey, title="Enkät 2016", held_on=None, data=GOOD.encode()
    )
    # then
    survey.refresh_from_db()
    assert survey.previous == earlier
    assert earlier.imported
    assert ImportedCount.objects.filter(survey=earlier).count() == 4
    result = next(r for r in survey_results(survey) if r.question.text_sv == KLOTTER)
    now, before = result.series
    assert before.counts == [2, 0, 4, 0, 10]
    assert before.respondents == 16
    safe = next(r for r in survey_results(survey) if r.question.kind == "single")
    assert safe.series[1].counts[0] == 7


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("fråga;svar;antal\nVad tycker du om glass?;1;3\n", "Line 2"),
        (f"fråga;svar;antal\n{KLOTTER};7;3\n", "Line 2"),
        (f"fråga;svar;antal\n{KLOTTER};1;3\n{KLOTTER};2;-1\n", "Line 3"),
        (f"fråga;svar;antal\n{KLOTTER};1;3\n{KLOTTER};1;4\n", "Line 3"),
        ("question;count\nx;1\n", "Line 1"),
        ("", "empty"),
    ],
)
def test_a_bad_file_is_refused_whole_with_line_numbers(survey, content, expected):
    with pytest.raises(ImportRefusedError) as error:
        results_import(
            actor=None, survey=survey, title="Enkät 2016", held_on=None, data=content.encode()
        )
    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert not Survey.objects.filter(imported=True).exists()
    assert not ImportedCount.objects.exists()


def test_not_utf8_is_refused(survey):
    with pytest.raises(ImportRefusedError):
        results_import(actor=None, survey=survey, title="E", held_on=None, data=b"\xff\xfe\x00")


def test_the_import_page_lists_the_problems(coordinator_client, survey):
    url = reverse("dialogue:import_results", kwargs={"slug": survey.council.slug, "pk": survey.pk})
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("e.csv", b"fr\xc3\xa5ga;svar;antal\nGlass?;1;3\n", "text/csv")
    page = coordinator_client.post(url, {"title": "Enkät 2016", "file": bad})
    assert page.status_code == 400
    assert "Line 2" in page.content.decode() or "Rad 2" in page.content.decode()
    good = SimpleUploadedFile("e.csv", GOOD.encode(), "text/csv")
    done = coordinator_client.post(url, {"title": "Enkät 2016", "file": good})
    assert done.status_code == 302
