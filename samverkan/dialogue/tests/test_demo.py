"""The demo survey: published, with about 40 made-up paper answers from three areas; the seed's
citizen dialogue and safety walk."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from samverkan.core.models import AuditEvent
from samverkan.dialogue.demo import load_demo_dialogue, load_demo_survey, load_demo_walk
from samverkan.dialogue.models import DialogueInput, Response, SurveyStatus
from samverkan.dialogue.results import Breakdown, survey_results
from samverkan.incidents.demo import load_demo_incidents


def test_the_demo_survey_has_answers_from_three_areas(council):
    survey = load_demo_survey(council)
    assert survey.status == SurveyStatus.PUBLISHED
    areas = Counter(Response.objects.filter(survey=survey).values_list("area", flat=True))
    assert set(areas) == {"Nygård", "Centrum", "Malmön"}
    assert sum(areas.values()) == 40
    assert set(Response.objects.values_list("source", flat=True)) == {"paper"}
    first = survey_results(survey, by=Breakdown.AREA)[0]
    assert [s.suppressed for s in first.series] == [False, False, False]


def test_the_demo_dialogue_is_the_seeds_meeting_at_nygarden_with_inputs_by_theme(council):
    # given the council's places and categories
    load_demo_incidents(council)
    # when
    dialogue = load_demo_dialogue(council, organisers=["Köpings kommun", "Tekniska kontoret"])
    # then
    assert dialogue.held_on == dt.date(2018, 5, 16)
    assert "Nygården" in dialogue.place_text
    assert dialogue.place is not None
    assert dialogue.place.name == "Nygården"
    assert set(dialogue.announced_via) == {"website", "facebook", "newspaper"}
    assert {o.name for o in dialogue.organisers.all()} == {"Köpings kommun", "Tekniska kontoret"}
    themes = Counter(
        DialogueInput.objects.filter(dialogue=dialogue).values_list("theme__name", flat=True)
    )
    assert themes == {
        "Otrygghet i centrum": 2,
        "Skolgårdar efter skoltid": 1,
        "Skadegörelse på skolor": 1,
    }
    vandalism = DialogueInput.objects.get(dialogue=dialogue, theme__name="Skadegörelse på skolor")
    assert vandalism.category is not None
    assert vandalism.category.code == "broken_glass"
    # written through the services: every input audited
    assert AuditEvent.objects.filter(model="dialogue.DialogueInput").count() == 4


def test_the_demo_walk_goes_through_the_centre_with_lighting_vegetation_and_graffiti(council):
    load_demo_incidents(council)
    walk = load_demo_walk(council, organisations=["Köpings kommun"])
    assert walk.area_text == "Köpings centrum"
    assert walk.place is not None
    assert walk.residents > 0
    assert [o.name for o in walk.organisations.all()] == ["Köpings kommun"]
    assert walk.route is not None
    assert len(walk.route["coordinates"]) >= 2
    kinds = list(walk.findings.order_by("position").values_list("kind", flat=True))
    assert kinds == ["lighting", "vegetation", "graffiti"]
    assert AuditEvent.objects.filter(model="dialogue.Finding").count() == 3
