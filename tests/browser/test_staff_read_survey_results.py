"""The coordinator reads the safety survey's results: a chart per question with its figures in
a table, by area, with a small area suppressed ("<5"); and builds the next survey."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.dialogue.models import QuestionKind, Survey
from samverkan.dialogue.selectors.surveys import questions_of
from samverkan.dialogue.services.answers import field_name, response_submit
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from tests.browser import ui
from tests.browser.ui import exactly

BY_AREA = exactly("By area", "Per område")
RESULTS = exactly("Survey results", "Enkätresultat")
PUBLISH = exactly("Publish", "Publicera")
DEFAULT = exactly("Start from the default survey", "Utgå från standardenkäten")


def _answers(survey, area, count, value):
    scale = next(q for q in questions_of(survey) if q.kind == QuestionKind.SCALE)
    for _number in range(count):
        response_submit(
            survey=survey,
            data={"area": [area], field_name(scale): [str(value)]},
            answered_on=survey.created_at.date(),
            source="paper",
        )


def test_staff_read_the_results_with_a_small_area_suppressed(visitor, users, council):
    # given: 8 answers from Nygård, 6 from Centrum and 2 from Malmön
    survey = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, areas=["Nygård", "Centrum", "Malmön"]
        ),
    )
    _answers(survey, "Nygård", 8, 4)
    _answers(survey, "Centrum", 6, 2)
    _answers(survey, "Malmön", 2, 5)
    page = visitor.page
    # when
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/surveys/")
    visitor.follow(exactly(survey.title_sv), scope=page.get_by_role("main"))
    visitor.follow(RESULTS)
    # then: a chart named by its question, with the numbers in a table beside it
    chart = page.get_by_role("img", name=re.compile("^Klotter"))
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Klotter"))
    expect(table.get_by_role("row").nth(4)).to_contain_text("8")
    # when: by area
    visitor.follow(BY_AREA)
    table = page.get_by_role("table", name=re.compile("Klotter"))
    headers = table.get_by_role("columnheader")
    expect(headers.filter(has_text="Malmön")).to_contain_text("n=<5")
    # Centrum is hidden too, or Malmön would be the total minus Nygård
    expect(headers.filter(has_text="Centrum")).to_contain_text("n=<5")
    expect(headers.filter(has_text="Nygård")).to_contain_text("n=8")
    expect(table.get_by_role("cell", name="<5").first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Klotter"))).to_be_visible()
    # a hidden mean reads "–" with the reason, not "<5" (which reads as a value on the scale)
    mean = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=exactly("Mean", "Medelvärde"))
    )
    expect(mean).to_contain_text(
        re.compile(r"– \(hidden: fewer than 5 answers\)|– \(dolt: färre än 5 svar\)")
    )
    expect(mean).not_to_contain_text("<5")
    # the survey, opened on no set day, is in the problem picture of the year it was answered
    visitor.visit(f"/councils/{council.slug}/problem-picture/{survey.created_at.year}/")
    expect(page.get_by_role("main")).to_contain_text(survey.title_sv)


def test_last_years_bars_are_labelled_when_this_years_are_too_few(visitor, users, council):
    # given: last year's survey with 6 answers, this year's with 3 (too few to show)
    last_year = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, title_sv="Enkät 2025", areas=["Nygård"]
        ),
    )
    _answers(last_year, "Nygård", 6, 5)
    survey = survey_publish(
        actor=None, survey=survey_create_default(actor=None, council=council, areas=["Nygård"])
    )
    survey.previous = last_year
    survey.save()
    _answers(survey, "Nygård", 3, 1)
    page = visitor.page
    # when
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/surveys/{survey.pk}/")
    visitor.follow(RESULTS)
    # then: the bars drawn are last year's and say so; this year's are named as hidden
    section = page.get_by_role("region", name=re.compile("^Klotter"))
    expect(section.locator(".legend")).to_have_text(
        re.compile(r"Enkät 2025 \((earlier survey|tidigare enkät)\)")
    )
    expect(section).to_contain_text(
        re.compile(
            rf"{survey.title_sv}: (fewer than 5 answers, not shown in the chart"
            r"|färre än 5 svar, visas inte i diagrammet)"
        )
    )


def test_the_coordinator_starts_and_publishes_the_default_survey(visitor, users, council):
    page = visitor.page
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/surveys/")
    visitor.submit(DEFAULT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghetsenkät")
    survey = Survey.objects.get()
    base = f"/councils/{council.slug}/surveys/{survey.pk}/"
    # the builder's forms: a new section, a section and a question to edit
    question = questions_of(survey)[0]
    for path in (
        "edit/",
        "sections/new/",
        f"sections/{question.section_id}/edit/",
        f"sections/{question.section_id}/questions/new/",
        f"questions/{question.pk}/edit/",
    ):
        visitor.visit(base + path)
        expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible()
    visitor.visit(base)
    visitor.follow(exactly("Preview", "Förhandsgranska"))
    expect(page.get_by_role("group", name=re.compile("^Klotter"))).to_be_visible()
    page.go_back()
    visitor.check()
    visitor.submit(PUBLISH)
    expect(page.get_by_role("status")).to_contain_text(re.compile("published|publicerad"))
    visitor.follow(exactly("Poster", "Affisch"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghetsenkät")
    # paper answers typed in, the free text read, earlier results to import
    for path in ("paper/", "free-text/", "import/"):
        visitor.visit(base + path)
        expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible()
    assert ui  # the shared texts are at hand for later steps
