"""The schedule (`core.schedule`, `samverkan worker`): each job once per period across any
number of workers, catching up once after downtime, failures recorded, shown to operators."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from samverkan.core.models import JobOutcome, JobRun, WorkerHeartbeat
from samverkan.core.schedule import schedule_run_due
from samverkan.core.views import JOB_RUNS_PER_PAGE

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_MORNING = dt.datetime(2026, 3, 2, 6, 15, tzinfo=STOCKHOLM)
DAILY = {
    "moderation-digest",
    "prune-sign-ins",
    "purge-contact-emails",
    "purge-free-text",
    "purge-import-records",
    "remind-agreements",
    "remind-approvers",
    "remind-reporters",
}
HOURLY = {"deliver-due-webhooks", "deliver-overdue-mail", "fetch-police-events"}


def _runs(job: str) -> list[JobRun]:
    return list(JobRun.objects.filter(job=job).order_by("period_start"))


@pytest.mark.django_db
def test_it_runs_each_daily_job_once_a_day_across_two_workers():
    # given two workers that wake up the same morning, one an hour after the other
    first = schedule_run_due(worker="web-1:100", now=MONDAY_MORNING)
    second = schedule_run_due(worker="web-2:200", now=MONDAY_MORNING + dt.timedelta(hours=1))
    third = schedule_run_due(worker="web-2:200", now=MONDAY_MORNING + dt.timedelta(hours=17))

    # then the first ran every job, the others only the hourly police feed of their hour
    assert {run.job for run in first} == DAILY | HOURLY
    assert sorted(run.job for run in second) == sorted(HOURLY)
    assert sorted(run.job for run in third) == sorted(HOURLY)
    for job in DAILY:
        assert len(_runs(job)) == 1
        assert _runs(job)[0].outcome == JobOutcome.SUCCEEDED
        assert _runs(job)[0].worker == "web-1:100"
    assert len(_runs("fetch-police-events")) == 3


@pytest.mark.django_db
def test_it_catches_up_once_after_three_days_down():
    schedule_run_due(worker="w:1", now=MONDAY_MORNING)

    # when the worker comes back on Thursday after three days down
    runs = schedule_run_due(worker="w:1", now=MONDAY_MORNING + dt.timedelta(days=3, hours=2))
    again = schedule_run_due(worker="w:1", now=MONDAY_MORNING + dt.timedelta(days=3, hours=2))

    # then each daily job ran once for Thursday, not once per missed day
    assert {run.job for run in runs} >= DAILY
    assert again == []
    for job in DAILY:
        days = [run.period_start.astimezone(STOCKHOLM).date() for run in _runs(job)]
        assert days == [dt.date(2026, 3, 2), dt.date(2026, 3, 5)]


@pytest.mark.django_db
def test_a_day_is_the_local_day():
    # 23:30 and 00:30 Swedish time are two days, though both fall on one day in UTC
    schedule_run_due(worker="w:1", now=dt.datetime(2026, 3, 2, 23, 30, tzinfo=STOCKHOLM))
    runs = schedule_run_due(worker="w:1", now=dt.datetime(2026, 3, 3, 0, 30, tzinfo=STOCKHOLM))

    assert {run.job for run in runs} >= DAILY


@pytest.mark.django_db
def test_a_failing_job_records_its_failure_and_the_next_still_runs(monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("samverkan.dialogue.jobs.free_text_purge", broken)

    schedule_run_due(worker="w:1", now=MONDAY_MORNING)

    failed = _runs("purge-free-text")[0]
    assert failed.outcome == JobOutcome.FAILED
    assert failed.summary == "RuntimeError (see the log)"
    assert failed.duration is not None
    assert "Scheduled job purge-free-text failed" in caplog.text
    # remind-agreements comes after purge-free-text, and still ran
    assert _runs("remind-agreements")[0].outcome == JobOutcome.SUCCEEDED


# The worker closes stale connections between rounds, as outside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_samverkan_worker_once_beats_and_runs_the_due_jobs():
    call_command("worker", "--once", verbosity=0)

    assert WorkerHeartbeat.objects.count() == 1
    assert set(JobRun.objects.values_list("job", flat=True)) == DAILY | HOURLY

    # a second round in the same hour finds nothing due
    call_command("worker", "--once", verbosity=0)
    assert JobRun.objects.count() == len(DAILY) + len(HOURLY)


# The worker closes stale connections between rounds, as outside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_the_operations_page_shows_each_job_with_its_last_outcome(
    client, users, django_assert_num_queries
):
    schedule_run_due(worker="w:1", now=MONDAY_MORNING)
    for hour in range(1, 60):
        schedule_run_due(worker="w:1", now=MONDAY_MORNING + dt.timedelta(hours=hour))
    call_command("worker", "--once", verbosity=0)
    client.force_login(users["site_admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page read in English

    # the session and user, the latest runs, the runs' count and page, the heartbeat, the
    # week's mails by outcome and the latest given up
    with django_assert_num_queries(8):
        response = client.get(reverse("core:operations"))

    assert response.status_code == 200
    text = response.content.decode()
    for job in DAILY | HOURLY:
        assert job in text
    assert "<td>succeeded</td>" in text
    pages = -(-JobRun.objects.count() // JOB_RUNS_PER_PAGE)
    assert pages > 1
    assert f"Page 1 of {pages}" in text


@pytest.mark.django_db
def test_the_operations_page_is_for_site_administrators_only(client, users):
    client.force_login(users["coordinator"])

    assert client.get(reverse("core:operations")).status_code == 403
