"""The demo survey: published, with about 40 made-up paper answers from three areas."""

from __future__ import annotations

from collections import Counter

from samverkan.dialogue.demo import load_demo_survey
from samverkan.dialogue.models import Response, SurveyStatus
from samverkan.dialogue.results import Breakdown, survey_results


def test_the_demo_survey_has_answers_from_three_areas(council):
    survey = load_demo_survey(council)
    assert survey.status == SurveyStatus.PUBLISHED
    areas = Counter(Response.objects.filter(survey=survey).values_list("area", flat=True))
    assert set(areas) == {"Nygård", "Centrum", "Malmön"}
    assert sum(areas.values()) == 40
    assert set(Response.objects.values_list("source", flat=True)) == {"paper"}
    first = survey_results(survey, by=Breakdown.AREA)[0]
    assert [s.suppressed for s in first.series] == [False, False, False]
