"""Free-text answers are blanked three years (SURVEY_FREE_TEXT_RETENTION_DAYS) after their survey
closed or they were given (`samverkan purge-free-text`), one audit event per survey."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Answer, QuestionKind, ResponseSource, Survey
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.retention import free_text_purge
from samverkan.dialogue.tests.conftest import question_of

ANSWERED = dt.date(2022, 9, 10)
# The default three years after ANSWERED, and the day after.
LAST_KEPT = ANSWERED + dt.timedelta(days=1095)
FIRST_BLANKED = LAST_KEPT + dt.timedelta(days=1)


def _answer(survey: Survey, text: str, answered_on: dt.date = ANSWERED) -> None:
    question = question_of(survey, QuestionKind.TEXT)
    scale = question_of(survey, QuestionKind.SCALE)
    response_submit(
        survey=survey,
        data={field_name(question): [text], field_name(scale): ["4"]},
        answered_on=answered_on,
        source=ResponseSource.PAPER,
    )


def _texts() -> list[str]:
    return list(
        Answer.objects.filter(question__kind=QuestionKind.TEXT)
        .order_by("id")
        .values_list("text", flat=True)
    )


def _events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(model="dialogue.Survey", changes__has_key="free_text_blanked")
    )


def test_answers_are_kept_three_years_by_default_and_blanked_the_day_after(survey):
    _answer(survey, "Mörkt vid stationen")
    assert free_text_purge(today=LAST_KEPT).total == 0
    assert _texts() == ["Mörkt vid stationen"]
    report = free_text_purge(today=FIRST_BLANKED)
    assert report.surveys == [(survey, 1)]
    assert _texts() == [""]


def test_only_free_text_is_blanked_and_the_other_answers_stay(survey):
    _answer(survey, "Mörkt vid stationen")
    free_text_purge(today=FIRST_BLANKED)
    scale = Answer.objects.get(question__kind=QuestionKind.SCALE)
    assert scale.value == 4
    assert survey.responses.count() == 1


def test_answers_of_a_survey_closed_long_ago_go_even_when_given_late(survey):
    # given a survey that closed on ANSWERED, and an answer entered from paper later
    Survey.objects.filter(pk=survey.pk).update(closes_on=ANSWERED)
    _answer(survey, "Sent inmatad", answered_on=ANSWERED + dt.timedelta(days=300))
    # when / then: the closing date counts
    assert free_text_purge(today=FIRST_BLANKED).total == 1
    assert _texts() == [""]


def test_recent_answers_of_a_survey_without_a_closing_date_stay(survey):
    _answer(survey, "Gammal")
    _answer(survey, "Ny", answered_on=ANSWERED + dt.timedelta(days=200))
    free_text_purge(today=FIRST_BLANKED)
    assert _texts() == ["", "Ny"]


def test_each_survey_gets_one_audit_event_with_its_count(survey, council):
    # given two answers in this survey and one in an older one
    _answer(survey, "Ett")
    _answer(survey, "Två")
    older = Survey.objects.create(council=council, title_sv="Enkät 2021", status="closed")
    older_question = question_of(survey, QuestionKind.TEXT)
    response = older.responses.create(answered_on=dt.date(2021, 5, 1))
    Answer.objects.create(response=response, question=older_question, text="Tre")
    # when
    free_text_purge(today=FIRST_BLANKED)
    # then
    by_survey = {e.object_id: e.changes["free_text_blanked"] for e in _events()}
    assert by_survey == {str(survey.pk): [None, 2], str(older.pk): [None, 1]}
    assert all(e.council_id == council.pk and e.actor is None for e in _events())
    # and a second run has nothing left to do nor to record
    assert free_text_purge(today=FIRST_BLANKED).total == 0
    assert len(_events()) == 2


def test_a_dry_run_counts_without_changing_or_recording(survey):
    _answer(survey, "Mörkt")
    report = free_text_purge(today=FIRST_BLANKED, dry_run=True)
    assert report.total == 1
    assert _texts() == ["Mörkt"]
    assert _events() == []


def test_zero_days_keeps_everything(survey, settings):
    settings.SURVEY_FREE_TEXT_RETENTION_DAYS = 0
    _answer(survey, "Mörkt")
    report = free_text_purge(today=dt.date(2099, 1, 1))
    assert report.cutoff is None
    assert _texts() == ["Mörkt"]


def test_the_setting_sets_the_period(survey, settings):
    settings.SURVEY_FREE_TEXT_RETENTION_DAYS = 30
    _answer(survey, "Mörkt")
    assert free_text_purge(today=ANSWERED + dt.timedelta(days=30)).total == 0
    assert free_text_purge(today=ANSWERED + dt.timedelta(days=31)).total == 1


def test_the_blanking_shows_in_the_surveys_history(survey, coordinator_client):
    _answer(survey, "Mörkt")
    free_text_purge(today=FIRST_BLANKED)
    url = reverse("dialogue:survey_detail", kwargs={"slug": survey.council.slug, "pk": survey.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "tömda fritextsvar" in page.content.decode()


def test_the_command_blanks_and_reports(survey):
    _answer(survey, "Mörkt")
    out = io.StringIO()
    call_command("purge_free_text", "--today", FIRST_BLANKED.isoformat(), stdout=out)
    assert _texts() == [""]
    assert "1 tömda / blanked" in out.getvalue()
    assert survey.title_sv in out.getvalue()


def test_the_command_dry_run_changes_nothing(survey):
    _answer(survey, "Mörkt")
    out = io.StringIO()
    call_command("purge_free_text", "--today", FIRST_BLANKED.isoformat(), "--dry-run", stdout=out)
    assert _texts() == ["Mörkt"]
    assert "would be blanked" in out.getvalue()


@pytest.mark.parametrize("today", ["2025-13-01", "igår", "2025-02-30", "2025-1-1 "])
def test_the_command_refuses_a_bad_date(survey, today):
    _answer(survey, "Mörkt")
    with pytest.raises(CommandError, match="invalid date"):
        call_command("purge_free_text", "--today", today, stdout=io.StringIO())
    assert _texts() == ["Mörkt"]


def test_the_command_says_when_answers_are_kept(settings):
    settings.SURVEY_FREE_TEXT_RETENTION_DAYS = 0
    out = io.StringIO()
    call_command("purge_free_text", stdout=out)
    assert "kept without limit" in out.getvalue()


@pytest.mark.parametrize("value", ["-1", "tre år"])
def test_a_negative_or_unreadable_period_stops_the_start(value):
    environment = {**os.environ, "SURVEY_FREE_TEXT_RETENTION_DAYS": value}
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-c", "import samverkan.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SURVEY_FREE_TEXT_RETENTION_DAYS" in result.stderr
