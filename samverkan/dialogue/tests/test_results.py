"""Results: counts per question, by area and group, the previous survey, suppression of small
groups in every figure and export."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from samverkan.dialogue.charts import chart_of
from samverkan.dialogue.exports import result_rows, results_csv, results_xlsx
from samverkan.dialogue.results import SUPPRESSED, Breakdown, response_total, survey_results
from samverkan.dialogue.services.builder import survey_publish
from samverkan.dialogue.services.default_survey import survey_create_default
from samverkan.incidents.models import Place
from samverkan.incidents.services.categories import place_create

from .conftest import AREAS, answer

KLOTTER = "Klotter: hur stort problem är det i ditt bostadsområde?"


def _klotter(results):
    return next(r for r in results if r.question.text_sv == KLOTTER)


def _answers(survey, per_area):
    """per_area: {area: [scale values]}."""
    for area, values in per_area.items():
        for value in values:
            answer(survey, area=area, group="16–29 år", scale=value)


def test_it_counts_the_answers_of_each_scale_value(survey):
    _answers(survey, {"Nygård": [1, 2, 2, 5, 5, 5]})
    result = _klotter(survey_results(survey))
    (series,) = result.series
    assert (series.respondents, series.counts) == (6, [1, 2, 0, 0, 3])
    assert series.mean == 3.33
    assert result.table()[1] == ("2", ["2 (33 %)"])


def test_a_group_of_fewer_than_five_is_suppressed_and_so_is_the_next_smallest(survey):
    # given: Nygård 8, Centrum 6, Malmön 2 respondents
    _answers(survey, {"Nygård": [3] * 8, "Centrum": [4] * 6, "Malmön": [5] * 2})
    # when
    result = _klotter(survey_results(survey, by=Breakdown.AREA))
    by_area = {s.label: s for s in result.series}
    # then: Malmön is hidden, and Centrum with it, so Malmön is not the total minus the rest
    assert by_area["Malmön"].suppressed
    assert by_area["Centrum"].suppressed
    assert not by_area["Nygård"].suppressed
    assert by_area["Malmön"].cells() == [(SUPPRESSED, "")] * 5
    assert all(cells[1] == SUPPRESSED for _label, cells in result.table())
    chart = chart_of(result)
    assert chart is not None
    assert [item.label for item in chart.legend] == ["Nygård"]


def test_a_survey_with_fewer_than_five_answers_shows_nothing(survey):
    _answers(survey, {"Nygård": [3, 3]})
    result = _klotter(survey_results(survey))
    assert result.series[0].suppressed
    assert chart_of(result) is None
    assert response_total(survey) == SUPPRESSED


def test_groups_are_a_breakdown_too(survey):
    for group in ["16–29 år"] * 5 + ["65 år eller äldre"] * 3:
        answer(survey, area="Nygård", group=group, scale=2)
    result = _klotter(survey_results(survey, by=Breakdown.GROUP))
    shown = {s.label: s.shown_respondents for s in result.series}
    assert shown["65 år eller äldre"] == SUPPRESSED
    assert shown["30–49 år"] == SUPPRESSED  # nobody: nothing to tell either


def test_the_previous_survey_is_a_series_beside_this_one(council, survey):
    # given: last year's survey with the same questions, and this one
    last_year = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, title_sv="Enkät 2025", areas=AREAS
        ),
    )
    _answers(last_year, {"Nygård": [5] * 5})
    _answers(survey, {"Nygård": [1] * 5})
    survey.previous = last_year
    survey.save()
    # when
    result = _klotter(survey_results(survey))
    # then
    now, before = result.series
    assert before.label == "Enkät 2025"
    assert (now.counts, before.counts) == ([5, 0, 0, 0, 0], [0, 0, 0, 0, 5])


def test_exports_suppress_like_the_page(survey):
    _answers(survey, {"Nygård": [3] * 6, "Malmön": [5] * 2, "Centrum": [1] * 7})
    rows = result_rows(survey)
    malmon = [row for row in rows if row[2] == "Malmön"]
    assert malmon
    assert all(row[3] == SUPPRESSED and row[5] == SUPPRESSED for row in malmon)
    text = results_csv(survey).decode("utf-8-sig")
    assert "Malmön;<5;" in text
    sheet = load_workbook(io.BytesIO(results_xlsx(survey))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(row[2] == "Malmön" and row[5] == SUPPRESSED for row in cells)
    assert not any(
        row[2] == "Malmön" and row[5] not in (SUPPRESSED, None, "Count") for row in cells
    )


def test_every_area_of_the_survey_is_a_series(survey):
    _answers(survey, {"Nygård": [3] * 5})
    series = _klotter(survey_results(survey, by=Breakdown.AREA)).series
    assert [s.label for s in series] == AREAS


def test_an_area_removed_after_answers_still_counts_as_its_own_group(survey):
    _answers(survey, {"Nygård": [3] * 6, "Malmön": [5] * 2, "Centrum": [1] * 7})
    survey.areas = ["Nygård", "Centrum"]
    survey.save()
    series = {s.label: s for s in _klotter(survey_results(survey, by=Breakdown.AREA)).series}
    assert series["Malmön"].suppressed
    assert series["Nygård"].suppressed  # the next smallest, so Malmön is not total minus rest


def test_a_place_question_counts_the_named_places_and_a_name_no_longer_offered(survey):
    # given: the council's named place, answered by six; then renamed
    station = place_create(
        actor=None,
        council=survey.council,
        name="Stationen",
        kind="station",
        geometry={"type": "Point", "coordinates": [15.9985, 59.5128]},
    )
    for _ in range(6):
        answer(survey, area="Nygård", place="Stationen")
    for _ in range(5):
        answer(survey, area="Nygård", place="Centrum")
    # when
    result = next(r for r in survey_results(survey) if r.question.kind == "place")
    # then: each name is a row of its own, the named places first
    labels = [row.label for row in result.rows]
    assert labels[0] == "Stationen"
    counts = dict(zip(labels, result.series[0].counts, strict=True))
    assert (counts["Stationen"], counts["Centrum"]) == (6, 5)
    assert any(row[4:6] == ["Stationen", "6"] for row in result_rows(survey))
    Place.objects.filter(pk=station.pk).update(name="Resecentrum")
    result = next(r for r in survey_results(survey) if r.question.kind == "place")
    counts = dict(zip([r.label for r in result.rows], result.series[0].counts, strict=True))
    assert (counts["Resecentrum"], counts["Stationen"]) == (0, 6)
