"""The problem picture of a council's year: incidents, surveys, dialogue inputs and walk findings
side by side, the analysis and prioritised problems of the year's lägesbild (the one source),
and the PDF."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from samverkan.dialogue.demo import load_demo_survey
from samverkan.dialogue.models import QuestionKind
from samverkan.dialogue.results import SUPPRESSED, survey_results
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)
from samverkan.dialogue.services.walks import FindingFields, WalkFields, finding_add, walk_create
from samverkan.dialogue.tests.conftest import DAY, answer
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.insights.models import SectionKey
from samverkan.insights.selectors.problem_picture import Mean, problem_picture
from samverkan.insights.services.situation_report import (
    ProblemFields,
    problem_save,
    section_write,
    situation_report_create,
)
from samverkan.plans.services.promises import PromiseSetFields, promise_set_create

pytestmark = pytest.mark.usefixtures("english_messages")

YEAR = 2018
NOON = dt.datetime(YEAR, 5, 4, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


def _url(council, name: str = "problem_picture", year: int = YEAR) -> str:
    return reverse(f"insights:{name}", kwargs={"slug": council.slug, "year": year})


@pytest.fixture
def year_of_records(council):
    category = categories_ensure_defaults(council=council)[0]
    for cost in (1200, 800):
        incident_report(
            actor=None,
            council=council,
            where=Where(address="Stora torget"),
            what=What(category=category, occurred_from=NOON, cost=cost),
        )
    dialogue = dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(held_on=dt.date(YEAR, 3, 14), place_text="Äldreboendet"),
    )
    for text in ("Mörkt i parken", "Trasig lampa"):
        dialogue_input_add(
            actor=None, dialogue=dialogue, fields=InputFields(text=text, theme="Belysning")
        )
    walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(walked_on=dt.date(YEAR, 10, 3), area_text="Centrum"),
    )
    finding_add(
        actor=None,
        walk=walk,
        fields=FindingFields(latitude=59.512, longitude=15.993, kind="graffiti"),
    )
    survey = survey_create_default(actor=None, council=council)
    survey.opens_on = dt.date(YEAR, 9, 1)
    survey.save()
    return category


def test_the_page_shows_the_year_side_by_side(coordinator_client, council, year_of_records):
    page = coordinator_client.get(_url(council))
    html = page.content.decode()
    assert page.status_code == 200
    assert year_of_records.name in html
    assert "2000" in html  # the costs summed
    assert "Belysning" in html
    assert "Centrum" in html
    # a survey nobody answered shows 0: zero gives nobody away
    assert "Svar: 0" in html


def test_another_year_is_empty(coordinator_client, council, year_of_records):
    html = coordinator_client.get(_url(council, year=YEAR + 1)).content.decode()
    assert "Belysning" not in html


def _lagesbild(council, analysis: str, problems=(), year: int = YEAR):
    """The year's lägesbild with its analysis and prioritised problems (title, rationale)."""
    report = situation_report_create(actor=None, council=council, year=year)
    section_write(actor=None, report=report, key=SectionKey.ANALYSIS, text=analysis)
    for title, rationale in problems:
        problem_save(
            actor=None,
            report=report,
            fields=ProblemFields(title=title, prioritised=True, rationale=rationale),
        )
    return report


def test_the_analysis_is_the_lagesbilds_and_written_nowhere_else(
    coordinator_client, users, client, council
):
    # given the year's lägesbild, a draft, with its analysis and a prioritised problem
    _lagesbild(council, "Mörkret i centrum oroar.", [("Otrygghet i centrum", "Flest svar.")])
    # then the problem picture shows them, with a link to where they are written
    page = coordinator_client.get(_url(council)).content.decode()
    assert "Mörkret i centrum oroar." in page
    assert "Otrygghet i centrum" in page
    assert reverse("insights:situation_report", args=[council.slug, YEAR]) in page
    # and the page has no analysis box of its own: a POST is not allowed
    assert 'name="analysis"' not in page
    assert coordinator_client.post(_url(council), {"analysis": "Annat."}).status_code == 405
    # a viewer, who may not read a draft, does not see its analysis
    client.force_login(users["viewer"])
    assert "Mörkret i centrum oroar." not in client.get(_url(council)).content.decode()


def test_a_year_out_of_range_is_not_found(coordinator_client, council):
    assert coordinator_client.get(_url(council, year=3000)).status_code == 404


def test_the_report_is_a_pdf(coordinator_client, council, year_of_records):
    response = coordinator_client.get(_url(council, "problem_picture_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_page_takes_a_fixed_number_of_queries(
    coordinator_client, council, year_of_records, django_assert_num_queries
):
    # given more inputs and findings than before
    dialogue = dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(held_on=dt.date(YEAR, 4, 1), place_text="Biblioteket"),
    )
    for number in range(10):
        dialogue_input_add(
            actor=None, dialogue=dialogue, fields=InputFields(text="Ord", theme=f"Tema {number}")
        )
    url = _url(council)
    coordinator_client.get(url)
    with django_assert_num_queries(QUERIES):
        coordinator_client.get(url)
    # and more surveys of the year, answered, add none
    for _number in range(3):
        _answered_survey(council, [4, 5, 3, 4, 2])
    with django_assert_num_queries(QUERIES):
        coordinator_client.get(url)


QUERIES = 15  # one of them asks for the areas (none here: no query per area)


def _answered_survey(council, values: list[int]):
    survey = survey_publish(actor=None, survey=survey_create_default(actor=None, council=council))
    survey.opens_on = dt.date(YEAR, 9, 1)
    survey.save()
    for value in values:
        answer(survey, scale=value)
    return survey


def test_the_survey_means_are_those_of_the_results(coordinator_client, council):
    # given: five answers to the first scale question
    survey = _answered_survey(council, [4, 5, 3, 4, 2])
    # when
    summary = problem_picture(council, YEAR).surveys[0]
    # then: the results page's mean, and "–" for the questions nobody answered
    first = next(r for r in survey_results(survey) if r.question.kind == QuestionKind.SCALE)
    assert summary.responses == "5"
    assert summary.means[0] == Mean(first.question.text, f"{first.series[0].mean:.1f}")
    assert summary.means[0].shown == "3.6"
    assert {(mean.shown, mean.hidden) for mean in summary.means[1:]} == {("–", False)}


def test_a_mean_of_fewer_than_five_is_hidden_as_a_dash_with_the_reason(coordinator_client, council):
    # given: three answered the first scale question
    _answered_survey(council, [4, 5, 3])
    # when
    summary = problem_picture(council, YEAR).surveys[0]
    html = coordinator_client.get(_url(council)).content.decode()
    # then: never "<5" as if it were a mean on the 1–5 scale
    assert summary.responses == SUPPRESSED
    assert summary.means[0].shown == "–"
    assert summary.means[0].hidden
    assert "dolt: färre än 5 svar" in html


def test_a_survey_without_an_opening_date_is_the_year_of_its_answers(council):
    # given: a survey never given an opening date, answered in 2026 (the answers' day)
    survey = survey_publish(actor=None, survey=survey_create_default(actor=None, council=council))
    for value in [4, 5, 3, 4, 2]:
        answer(survey, scale=value)
    # then: it is 2026's survey, and no other year's
    assert [s.survey for s in problem_picture(council, DAY.year).surveys] == [survey]
    assert problem_picture(council, DAY.year).surveys[0].responses == "5"
    assert problem_picture(council, YEAR).surveys == []
    # a survey opened in a year stays that year's, whenever it was answered
    survey.opens_on = dt.date(YEAR, 9, 1)
    survey.save()
    assert problem_picture(council, DAY.year).surveys == []
    assert [s.survey for s in problem_picture(council, YEAR).surveys] == [survey]


def test_the_demo_survey_is_in_the_problem_picture_of_2018(coordinator_client, council):
    # given
    load_demo_survey(council)
    # when
    html = coordinator_client.get(_url(council)).content.decode()
    # then
    assert "Trygghetsenkät 2018" in html
    assert "Ingen trygghetsenkät" not in html
    assert "Svar: 40" in html


def test_the_lagesbilds_analysis_becomes_the_current_picture_of_the_promises(
    coordinator_client, council
):
    # given
    promise_set = promise_set_create(
        actor=None, council=council, fields=PromiseSetFields(title="Medborgarlöften 2019")
    )
    url = _url(council, "problem_picture_to_promises")
    # a set chosen before the lägesbild has an analysis is refused, and nothing changes
    response = coordinator_client.post(url, {"promise_set": promise_set.pk})
    assert response.status_code == 400
    promise_set.refresh_from_db()
    assert promise_set.current_picture == ""
    # when the lägesbild has its analysis and two prioritised problems
    _lagesbild(
        council,
        "Mörkret i centrum oroar.",
        [("Otrygghet i centrum", "Flest svar."), ("Skadegörelse vid skolan", "Dyrast.")],
    )
    page = coordinator_client.get(_url(council)).content.decode()
    assert url in page
    response = coordinator_client.post(url, {"promise_set": promise_set.pk})
    # then
    assert response.status_code == 302
    promise_set.refresh_from_db()
    assert promise_set.current_picture == (
        "Mörkret i centrum oroar.\n\nPrioriterade problem:\n"
        "1. Otrygghet i centrum: Flest svar.\n2. Skadegörelse vid skolan: Dyrast."
    )


def test_another_councils_promises_are_refused(coordinator_client, council, other_council):
    _lagesbild(council, "Analys.")
    theirs = promise_set_create(
        actor=None, council=other_council, fields=PromiseSetFields(title="Arbogas löften")
    )
    response = coordinator_client.post(
        _url(council, "problem_picture_to_promises"), {"promise_set": theirs.pk}
    )
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.current_picture == ""


def test_the_year_is_shown_by_area(council, year_of_records):
    from samverkan.incidents.services.categories import place_create
    from samverkan.insights.selectors.problem_picture import problem_picture

    # given the town centre as an area on the map, holding the walk's finding and one report
    centre = place_create(
        actor=None,
        council=council,
        name="Köpings centrum",
        kind="area",
        geometry={
            "type": "Polygon",
            "coordinates": [
                [[15.99, 59.51], [16.0, 59.51], [16.0, 59.515], [15.99, 59.515], [15.99, 59.51]]
            ],
        },
    )
    incident_report(
        actor=None,
        council=council,
        where=Where(latitude=59.5125, longitude=15.995),
        what=What(category=year_of_records, occurred_from=NOON, cost=300),
    )
    # when the year's picture is read
    picture = problem_picture(council, YEAR)
    # then the area has its own row: the report and its cost, the finding, no dialogue input
    assert [(a.name, a.incidents, a.cost, a.inputs, a.findings) for a in picture.areas] == [
        (centre.name, 1, 300, 0, 1)
    ]


def test_a_problem_picture_outside_the_years_is_not_found(coordinator_client, council):
    for year in (0, 99999):
        url = reverse("insights:problem_picture", kwargs={"slug": council.slug, "year": year})
        assert coordinator_client.get(url).status_code == 404
