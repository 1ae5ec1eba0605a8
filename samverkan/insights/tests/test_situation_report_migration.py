"""The problem picture sits under the lägesbild: the migration carries each year's problem
picture analysis into that year's situation report, so no written analysis is lost."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from samverkan.insights.models import SituationReport, SituationReportStatus


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_each_problem_picture_the_analysis_of_its_years_report(council):
    # given: two years' problem pictures stored before the lägesbild existed, one empty
    before = [("insights", "0001_initial")]
    after = [("insights", "0003_problem_pictures_into_situation_reports")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    pictures = old.get_model("insights", "ProblemPicture")
    pictures.objects.create(council_id=council.pk, year=2018, analysis="Mörkret oroar.")
    pictures.objects.create(council_id=council.pk, year=2019, analysis="")
    # when
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    call_command("migrate", verbosity=0)
    # then: 2018 has a draft whose analysis is the picture's; the empty year has none
    report = SituationReport.objects.get(council=council)
    assert (report.year, report.status) == (2018, SituationReportStatus.DRAFT)
    assert report.sections.get(key="analysis").text == "Mörkret oroar."
