"""Results: counts per question, by area and group, the previous survey, suppression of small
groups in every figure and export."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from samverkan.dialogue.charts import chart_of
from samverkan.dialogue.exports import result_rows, results_csv, results_xlsx
from samverkan.dialogue.models import Question
from samverkan.dialogue.results import (
    SUPPRESSED,
    Breakdown,
    response_total,
    survey_results,
    whole_percents,
)
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
    assert chart.legend == ["Nygård"]


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
    assert shown["16–29 år"] == SUPPRESSED  # the next smallest with answers
    assert shown["30–49 år"] == "0"  # nobody: zero gives nobody away


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
    klotter = _klotter(survey_results(survey)).question.text
    malmon = [row for row in rows if row[2] == "Malmön" and row[0] == klotter]
    assert malmon
    assert all(row[3] == SUPPRESSED and row[5] == SUPPRESSED for row in malmon)
    # the questions nobody in Malmön answered show 0, which gives nobody away
    assert all(row[3] in {SUPPRESSED, "0"} for row in rows if row[2] == "Malmön")
    text = results_csv(survey).decode("utf-8-sig")
    assert "Malmön;<5;" in text
    sheet = load_workbook(io.BytesIO(results_xlsx(survey))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(row[2] == "Malmön" and row[5] == SUPPRESSED for row in cells)
    assert not any(
        row[2] == "Malmön" and row[5] not in (SUPPRESSED, "0", None, "Count") for row in cells
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


def test_a_survey_without_answers_shows_zero_not_suppressed(draft):
    # given: a draft nobody answered
    # then: 0 gives nobody away, so it is shown, and no chart is drawn of nothing
    assert response_total(draft) == "0"
    result = _klotter(survey_results(draft))
    assert result.series[0].shown_respondents == "0"
    assert not result.series[0].suppressed
    assert result.table()[0][1] == ["0"]
    assert chart_of(result) is None
    assert all(row[3] == "0" and row[5] == "0" for row in result_rows(draft)[1:] if row[3])


def test_a_group_of_none_is_not_the_one_hidden_beside_a_small_group(survey):
    # given: Nygård 8, Malmön 2, Centrum nobody
    _answers(survey, {"Nygård": [3] * 8, "Malmön": [5] * 2})
    # when
    by_area = {s.label: s for s in _klotter(survey_results(survey, by=Breakdown.AREA)).series}
    # then: hiding Centrum's 0 would protect nothing; Nygård goes with Malmön
    assert by_area["Malmön"].suppressed
    assert by_area["Nygård"].suppressed
    assert by_area["Centrum"].shown_respondents == "0"
    rows = result_rows(survey)
    assert any(row[2] == "Centrum" and row[3] == "0" for row in rows)
    assert not any(row[2] == "Nygård" and row[3] == "8" for row in rows)


def test_shares_are_whole_percent_rounded_half_up():
    # 9 of 40 is 22.5 %, 1 of 40 is 2.5 %: half up, not to the even number
    assert whole_percents([9, 1], 40, to_100=False) == [23, 3]


def test_a_column_of_shares_adds_up_to_100():
    # 1/3 each rounds to 33 + 33 + 33 = 99; the largest remainder gets the point left
    assert whole_percents([1, 1, 1], 3, to_100=True) == [34, 33, 33]
    # 9, 9, 9, 13 of 40: 22.5 + 22.5 + 22.5 + 32.5 rounded alone make 23 * 3 + 33 = 102
    shares = whole_percents([9, 9, 9, 13], 40, to_100=True)
    assert sum(shares) == 100
    assert shares == [23, 22, 22, 33]


def test_the_page_shares_of_a_scale_question_add_up_to_100(survey):
    # given: 3 of each of 1, 2 and 3 (33.3 % each)
    _answers(survey, {"Nygård": [1, 1, 1, 2, 2, 2, 3, 3, 3]})
    result = _klotter(survey_results(survey))
    (series,) = result.series
    assert series.percents() == [34, 33, 33, 0, 0]
    assert sum(series.percents() or []) == 100
    shares = [row[6] for row in result_rows(survey) if row[0] == result.question.text][:5]
    assert shares == ["34 %", "33 %", "33 %", "0 %", "0 %"]


def test_a_question_the_previous_survey_did_not_ask_says_so(council, survey):
    # given: last year's survey without the klotter question
    last_year = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, title_sv="Enkät 2025", areas=AREAS
        ),
    )
    Question.objects.filter(section__survey=last_year, text_sv=KLOTTER).delete()
    _answers(last_year, {"Nygård": [5] * 5})
    _answers(survey, {"Nygård": [1] * 5})
    survey.previous = last_year
    survey.save()
    # when
    result = _klotter(survey_results(survey))
    # then: not "n=<5", but not asked; no figures and no bars
    now, before = result.series
    assert not before.asked
    assert before.shown_respondents == "not asked"
    assert before.cells() == [("–", "")] * 5
    chart = chart_of(result)
    assert chart is not None
    assert chart.legend == [survey.title]
    # a question both asked compares as before
    other = next(
        r
        for r in survey_results(survey)
        if r.question.kind == "scale" and r.question.text_sv != KLOTTER
    )
    assert other.series[1].asked


def test_the_page_shows_a_hidden_mean_as_a_dash_and_a_question_not_asked_before(
    coordinator_client, council, survey
):
    # given: three answers now; last year's survey without the klotter question
    last_year = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, title_sv="Enkät 2025", areas=AREAS
        ),
    )
    Question.objects.filter(section__survey=last_year, text_sv=KLOTTER).delete()
    _answers(survey, {"Nygård": [2, 3, 4]})
    survey.previous = last_year
    survey.save()
    url = reverse("dialogue:survey_results", kwargs={"slug": council.slug, "pk": survey.pk})
    # when
    html = coordinator_client.get(url).content.decode()
    # then: the mean is "–" with the reason, not "<5"; the earlier survey did not ask it
    assert '– <span class="muted">(dolt: färre än 5 svar)</span>' in html
    assert "Medelvärde</th><td>&lt;5" not in html
    assert "Medelvärde</th><td>– <span" in html
    assert 'Enkät 2025 <span class="muted">(frågan ställdes inte då)</span>' in html
    assert "(n=&lt;5)</span></th>" in html  # this year's three


def test_a_suppressed_survey_beside_an_earlier_one_draws_no_unlabelled_bars(
    coordinator_client, council, survey
):
    # given: last year's survey with 6 answers, this year's with 3
    last_year = survey_publish(
        actor=None,
        survey=survey_create_default(
            actor=None, council=council, title_sv="Enkät 2025", areas=AREAS
        ),
    )
    _answers(last_year, {"Nygård": [5] * 6})
    _answers(survey, {"Nygård": [1, 1, 2]})
    survey.previous = last_year
    survey.save()
    # when
    result = _klotter(survey_results(survey))
    chart = chart_of(result)
    # then: the bars are last year's, and the chart says so; this year's is named as hidden
    assert chart is not None
    assert chart.legend == ["Enkät 2025 (earlier survey)"]
    assert chart.hidden == [survey.title]
    assert "Enkät 2025 (earlier survey)" in chart.svg
    url = reverse("dialogue:survey_results", kwargs={"slug": council.slug, "pk": survey.pk})
    html = coordinator_client.get(url).content.decode()
    assert "Enkät 2025 (tidigare enkät)</li>" in html
    assert f"{survey.title_sv}: färre än 5 svar, visas inte i diagrammet" in html


def test_a_breakdown_with_one_area_left_names_it_in_the_chart(survey):
    # given: Nygård 8, Centrum 6, Malmön 2: Malmön and Centrum are hidden
    _answers(survey, {"Nygård": [3] * 8, "Centrum": [4] * 6, "Malmön": [5] * 2})
    # when
    chart = chart_of(_klotter(survey_results(survey, by=Breakdown.AREA)))
    # then: the one series left has a legend, and the hidden ones are named
    assert chart is not None
    assert "Nygård</li>" in chart.svg
    assert chart.hidden == ["Centrum", "Malmön"]
